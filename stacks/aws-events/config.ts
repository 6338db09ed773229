import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { EVENT_BUS_DEFAULTS, EVENT_BUS_LIMITS, eventPatternProblem } from '../../modules/aws/event-bus';
import { SQS_EVENT_SOURCE_DEFAULTS, sqsEventSourceProblems, STREAM_EVENT_SOURCE_DEFAULTS, STREAM_STARTING_POSITIONS, streamEventSourceProblems } from '../../modules/aws/event-source-mapping';
import { KINESIS_STREAM_DEFAULTS, kinesisRetentionProblem, kinesisShardsProblem } from '../../modules/aws/kinesis-stream';
import { QUEUE_DEFAULTS, QUEUE_LIMITS, visibilityTimeoutProblem } from '../../modules/aws/queue';
import { filterPolicyProblem } from '../../modules/aws/topic';
import { XRAY_LIMITS, XRAY_RULE_DEFAULTS } from '../../modules/aws/xray';
import { aslErrorHandlingProblems, aslPlaceholders, aslValidatorProblems, STATE_MACHINE_DEFAULTS, STATE_MACHINE_LOG_LEVELS, STATE_MACHINE_TYPES } from '../../modules/aws/state-machine';
import { defineSection, type ParsedEnvironment, type ReportProblem } from '../../modules/core/config/section';
import { awsAlertsSection } from '../aws-alerts/config';
import { awsDataSection } from '../aws-data/config';
import { awsFunctionsSection } from '../aws-functions/config';
import type { EnvironmentCore } from '../environment/config';
import { checkedNumber, keyedByName, retentionDays, wholeNumberIn } from '../private/workload-config';
import { eventsResourceName, streamFailureQueueName } from './names';

export { eventBusName, eventsResourceName, streamFailureQueueName } from './names';

const functionName = z.string().min(1);

const ConsumerSchema = z.strictObject({
  /** Function of `aws.functions` that consumes the queue (its timeout x 6 bounds the visibility timeout). */
  function: functionName,
  /** Records per batch. @default 10 */
  batchSize: z.number().int().default(SQS_EVENT_SOURCE_DEFAULTS.batchSize),
  /** Seconds to gather records before invoking. @default 0 */
  maximumBatchingWindowSeconds: z.number().int().default(SQS_EVENT_SOURCE_DEFAULTS.maximumBatchingWindowSeconds),
  /** Concurrent invocations the queue may start. @default 10 */
  maximumConcurrency: z.number().int().default(SQS_EVENT_SOURCE_DEFAULTS.maximumConcurrency),
});

const QueueSchema = z.strictObject({
  /** Functions of `aws.functions` that may send to the queue (nobody else may). @default [] */
  producers: z.array(functionName).default([]),
  /** The consuming function and its batching. @default - no consumer */
  consumer: ConsumerSchema.optional(),
  /** Visibility timeout, seconds (at least 6 x the consumer's timeout). @default 60 */
  visibilityTimeoutSeconds: wholeNumberIn(QUEUE_LIMITS.visibilityTimeoutSeconds).default(QUEUE_DEFAULTS.visibilityTimeoutSeconds),
  /** Message retention, seconds. @default 345600 */
  messageRetentionSeconds: wholeNumberIn(QUEUE_LIMITS.messageRetentionSeconds).default(QUEUE_DEFAULTS.messageRetentionSeconds),
  /** Receives before a message moves to the dead-letter queue. @default 5 */
  maxReceiveCount: wholeNumberIn(QUEUE_LIMITS.maxReceiveCount).default(QUEUE_DEFAULTS.maxReceiveCount),
  /** Oldest message age that raises the alarm, seconds. @default 900 */
  maxMessageAgeSeconds: z.number().int().positive().default(QUEUE_DEFAULTS.maxMessageAgeSeconds),
});

const S = STREAM_EVENT_SOURCE_DEFAULTS;

/** The consumer of a stream (Kinesis or DynamoDB): a function, with a failure queue `<env>-<name>-failures`. Ranges are checked by `streamEventSourceProblems`. */
const StreamConsumerSchema = z.strictObject({
  /** Function of `aws.functions` that consumes the stream (its role gets exactly the reads). */
  function: functionName,
  /** TRIM_HORIZON, LATEST or AT_TIMESTAMP (Kinesis only). @default "TRIM_HORIZON" */
  startingPosition: z.enum(STREAM_STARTING_POSITIONS).default(S.startingPosition),
  /** Start time with AT_TIMESTAMP, RFC 3339 UTC. @default - none */
  startingPositionTimestamp: z.string().optional(),
  /** Records per batch (1-10000). @default 100 */
  batchSize: z.number().default(S.batchSize),
  /** Seconds to gather records before invoking (0-300). @default 0 */
  maximumBatchingWindowSeconds: z.number().default(S.maximumBatchingWindowSeconds),
  /** Split a failing batch in two and retry each half. @default true */
  bisectBatchOnFunctionError: z.boolean().default(S.bisectBatchOnFunctionError),
  /** Retries of a failing batch (-1 = until the record expires, or 0-10000). @default 3 */
  maximumRetryAttempts: z.number().default(S.maximumRetryAttempts),
  /** Records older than this go to the failure queue, seconds (-1 = never, or 60-604800). @default 86400 */
  maximumRecordAgeSeconds: z.number().default(S.maximumRecordAgeSeconds),
  /** Batches processed at once per shard (1-10). @default 1 */
  parallelizationFactor: z.number().default(S.parallelizationFactor),
  /** Partial batch responses (`batchItemFailures`). @default true */
  reportBatchItemFailures: z.boolean().default(S.reportBatchItemFailures),
  /** Tumbling window, seconds (1-900). @default - none */
  tumblingWindowSeconds: z.number().optional(),
  /** Event filter patterns, JSON text each (at most 5). @default [] */
  filterPatterns: z.array(z.string()).default([]),
});

const StreamSchema = z.strictObject({
  /** Shards of a provisioned stream (1-500). @default - on-demand capacity */
  shards: checkedNumber(kinesisShardsProblem).optional(),
  /** Record retention, hours (24-8760). @default 24 */
  retentionHours: checkedNumber(kinesisRetentionProblem).default(KINESIS_STREAM_DEFAULTS.retentionHours),
  /** Functions of `aws.functions` that may put records (nobody else may). @default [] */
  producers: z.array(functionName).default([]),
  /** The consuming function and its error handling. @default - no consumer */
  consumer: StreamConsumerSchema.optional(),
  /** Age of the oldest unread record that raises the alarm, seconds. @default 900 */
  maxIteratorAgeSeconds: z.number().int().positive().default(KINESIS_STREAM_DEFAULTS.maxIteratorAgeSeconds),
});

const TableStreamSchema = z.strictObject({
  /** Table of `aws.data.tables` whose stream is read (it must have a stream). */
  table: z.string().min(1),
  /** The consuming function and its error handling. */
  consumer: StreamConsumerSchema,
});

const SubscriptionSchema = z.strictObject({
  /** A queue of `aws.events.queues` (it lets this topic send). */
  queue: z.string().min(1).optional(),
  /** A function of `aws.functions` (SNS may invoke it for this topic). */
  function: functionName.optional(),
  /** An email address (confirmed by the recipient). */
  email: z.string().regex(/^[^\s@]+@[^\s@]+$/, { message: 'is not an email address' }).optional(),
  /** An https URL (confirmed by the endpoint). */
  https: z.string().regex(/^https:\/\/[^\s/]+(\/\S*)?$/, { message: 'is not an https URL' }).optional(),
  /** Filter policy on message attributes, as JSON text. @default - every message */
  filterPolicy: z.string().optional(),
  /** Deliver without the SNS envelope (queue and https only). @default false */
  rawDelivery: z.boolean().default(false),
});

const TopicSchema = z.strictObject({
  /** Functions of `aws.functions` that may publish (nobody else may). @default [] */
  publishers: z.array(functionName).default([]),
  /** Subscriptions keyed by name; each names exactly one of queue, function, email, https. @default {} */
  subscriptions: keyedByName('subscription', SubscriptionSchema).default({}),
});

const TargetSchema = z.strictObject({
  /** A function of `aws.functions`. */
  function: functionName.optional(),
  /** A queue of `aws.events.queues`. */
  queue: z.string().min(1).optional(),
  /** A state machine of `aws.events.stateMachines`. */
  stateMachine: z.string().min(1).optional(),
  /** Another account's event bus (cross-account delivery; that bus's policy must allow this account). */
  bus: z.string().regex(/^arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus\/[A-Za-z0-9._/-]+$/, { message: 'is not an event bus ARN; use arn:aws:events:<region>:<account>:event-bus/<name>' }).optional(),
  /** Input transformer: JSON paths by variable name and the template using them as `<name>`. @default - the event as is */
  inputTransformer: z.strictObject({ inputPaths: z.record(z.string(), z.string()).default({}), inputTemplate: z.string().min(1) }).optional(),
  /** Retries before the event goes to the bus's dead-letter queue. @default 8 */
  maximumRetryAttempts: wholeNumberIn(EVENT_BUS_LIMITS.maximumRetryAttempts).default(EVENT_BUS_DEFAULTS.maximumRetryAttempts),
  /** Age after which an undelivered event goes to the dead-letter queue, seconds. @default 3600 */
  maximumEventAgeSeconds: wholeNumberIn(EVENT_BUS_LIMITS.maximumEventAgeSeconds).default(EVENT_BUS_DEFAULTS.maximumEventAgeSeconds),
});

const RuleSchema = z.strictObject({
  /** Event pattern, as JSON text (e.g. `'{"source": ["app.items"]}'`). */
  pattern: z.string(),
  /** One-line description. @default - none */
  description: z.string().max(512).optional(),
  /** Targets keyed by name; each names exactly one of function, queue, stateMachine, bus. */
  targets: keyedByName('target', TargetSchema),
});

const ResourceSchema = z.strictObject({
  /** A function of `aws.functions` (the placeholder is its live alias ARN). */
  function: functionName.optional(),
  /** A queue of `aws.events.queues` (`${name}` its ARN, `${name.url}` its URL). */
  queue: z.string().min(1).optional(),
  /** The environment's bus (`${name}` its ARN). */
  bus: z.literal(true).optional(),
});

const StateMachineSchema = z.strictObject({
  /** ASL JSON file, relative to the repository root. */
  definition: z.string().min(1),
  /** What each `${placeholder}` of the definition stands for; the role may use exactly these. @default {} */
  resources: z.record(z.string(), ResourceSchema).default({}),
  /** Standard or Express. @default "STANDARD" */
  type: z.enum(STATE_MACHINE_TYPES).default(STATE_MACHINE_DEFAULTS.type),
  /** Execution log level. @default "ERROR" */
  logLevel: z.enum(STATE_MACHINE_LOG_LEVELS).default(STATE_MACHINE_DEFAULTS.logLevel),
  /** Log execution inputs and outputs (may hold personal data). @default false */
  includeExecutionData: z.boolean().default(STATE_MACHINE_DEFAULTS.includeExecutionData),
  /** Log retention, days. @default 365 */
  logRetentionDays: retentionDays.default(STATE_MACHINE_DEFAULTS.logRetentionDays),
});

const SamplingRuleSchema = z.strictObject({
  /** Lower is evaluated first. */
  priority: wholeNumberIn(XRAY_LIMITS.priority),
  /** Share of requests traced beyond the reservoir (0-1). */
  fixedRate: z.number().min(0, { message: 'is not a share; use 0 to 1' }).max(1, { message: 'is not a share; use 0 to 1' }),
  /** Requests per second traced before the fixed rate applies. @default 1 */
  reservoirSize: z.number().int().min(0).default(XRAY_RULE_DEFAULTS.reservoirSize),
  /** Service name pattern. @default "*" */
  serviceName: z.string().min(1).default(XRAY_RULE_DEFAULTS.serviceName),
  /** URL path pattern. @default "*" */
  urlPath: z.string().min(1).default(XRAY_RULE_DEFAULTS.urlPath),
  /** HTTP method pattern. @default "*" */
  httpMethod: z.string().min(1).default(XRAY_RULE_DEFAULTS.httpMethod),
});

/** `aws.events`: queues, the event bus and its rules, state machines (`<env>-aws-events`). */
export const AwsEventsConfigSchema = z.strictObject({
  /** Create the `<env>-aws-events` stack (needs `aws.alerts`). @default false */
  enabled: z.boolean().default(false),
  /** Queues keyed by name; each is deployed as `<env>-<name>` with `<env>-<name>-dlq`. @default {} */
  queues: keyedByName('queue', QueueSchema).default({}),
  /** SNS topics keyed by name; each is deployed as `<env>-<name>` with `<env>-<name>-delivery-dlq`. @default {} */
  topics: keyedByName('topic', TopicSchema).default({}),
  /** The environment's custom bus, `<env>-events`. */
  bus: z
    .strictObject({
      /** Archive retention for replay, days (0 keeps events indefinitely). @default 30 */
      archiveRetentionDays: wholeNumberIn(EVENT_BUS_LIMITS.archiveRetentionDays).default(EVENT_BUS_DEFAULTS.archiveRetentionDays),
      /** Functions of `aws.functions` that may put events on the bus. @default [] */
      publishers: z.array(functionName).default([]),
      /** Other accounts that may put events on the bus (cross-account delivery). @default [] */
      allowedSourceAccounts: z.array(z.string().regex(/^\d{12}$/, { message: 'is not an AWS account id; use 12 digits' })).default([]),
    })
    .prefault({}),
  /** Rules of the bus keyed by name (`<env>-events-<name>`). @default {} */
  rules: keyedByName('rule', RuleSchema).default({}),
  /** X-Ray sampling rules and groups of the environment (`<env>-<name>`). @default - none */
  xray: z
    .strictObject({
      /** Sampling rules keyed by name. @default {} */
      samplingRules: keyedByName('sampling rule', SamplingRuleSchema).default({}),
      /** Groups keyed by name: filter expressions, with Insights. @default {} */
      groups: keyedByName('group', z.string().min(1)).default({}),
    })
    .prefault({}),
  /** State machines keyed by name (`<env>-<name>`). @default {} */
  stateMachines: keyedByName('state machine', StateMachineSchema).default({}),
  /** Kinesis data streams keyed by name (`<env>-<name>`, failures to `<env>-<name>-failures`). @default {} */
  streams: keyedByName('stream', StreamSchema).default({}),
  /** Consumers of DynamoDB table streams keyed by name (failures to `<env>-<name>-failures`). @default {} */
  tableStreams: keyedByName('table stream', TableStreamSchema).default({}),
});

export type AwsEventsConfig = z.infer<typeof AwsEventsConfigSchema>;

/** Every function of `aws.functions` the section names (producers, consumers, publishers, targets, state machine resources). */
export function eventsFunctionNames(config: AwsEventsConfig): string[] {
  const names = [
    ...Object.values(config.queues).flatMap((q) => [...q.producers, ...(q.consumer ? [q.consumer.function] : [])]),
    ...config.bus.publishers,
    ...Object.values(config.topics).flatMap((t) => [...t.publishers, ...Object.values(t.subscriptions).flatMap((x) => (x.function ? [x.function] : []))]),
    ...Object.values(config.rules).flatMap((r) => Object.values(r.targets).flatMap((t) => (t.function ? [t.function] : []))),
    ...Object.values(config.stateMachines).flatMap((m) => Object.values(m.resources).flatMap((r) => (r.function ? [r.function] : []))),
    ...Object.values(config.streams).flatMap((s) => [...s.producers, ...(s.consumer ? [s.consumer.function] : [])]),
    ...Object.values(config.tableStreams).map((t) => t.consumer.function),
  ];
  return [...new Set(names)];
}

/** Whether the section names a function of `aws.functions` (then `<env>-aws-functions` comes first). */
export function eventsNeedFunctions(config: AwsEventsConfig): boolean {
  return eventsFunctionNames(config).length > 0;
}

/** Checks across the fields of `aws.events` (and against `aws.functions`). */
export function checkAwsEvents(config: AwsEventsConfig, env: ParsedEnvironment<EnvironmentCore>, report: ReportProblem): void {
  checkFunctionReferences(config, env, report);
  if (!config.enabled) return;
  const root = ['aws', 'events'];
  const functions = env.get(awsFunctionsSection);
  const fnNames = functions?.enabled ? Object.keys(functions.functions) : [];
  const allowedFns = fnNames.length ? fnNames.join(', ') : '(none: aws.functions is off or has no functions)';
  const checkFunction = (at: (string | number)[], name: string) => {
    if (functions && !fnNames.includes(name)) report(at, name, `is not a function of aws.functions; use one of ${allowedFns}`);
  };
  if (env.get(awsAlertsSection)?.enabled === false) report([...root, 'enabled'], true, 'needs aws.alerts (the alarms notify its topic); set aws.alerts.enabled: true');

  for (const [name, queue] of Object.entries(config.queues)) {
    const at = [...root, 'queues', name];
    queue.producers.forEach((p, i) => checkFunction([...at, 'producers', i], p));
    if (queue.consumer) {
      checkFunction([...at, 'consumer', 'function'], queue.consumer.function);
      const timeout = functions?.functions[queue.consumer.function]?.timeoutSeconds;
      if (timeout !== undefined) {
        const problem = visibilityTimeoutProblem(queue.visibilityTimeoutSeconds, timeout);
        if (problem) report([...at, 'visibilityTimeoutSeconds'], queue.visibilityTimeoutSeconds, `${problem} (aws.functions.functions.${queue.consumer.function}.timeoutSeconds is ${timeout})`);
      }
      const c = queue.consumer;
      for (const p of sqsEventSourceProblems(c.batchSize, c.maximumBatchingWindowSeconds, c.maximumConcurrency)) report([...at, 'consumer', p.prop], p.value, p.problem);
    }
  }
  config.bus.publishers.forEach((p, i) => checkFunction([...root, 'bus', 'publishers', i], p));

  for (const [name, topic] of Object.entries(config.topics)) {
    const at = [...root, 'topics', name];
    topic.publishers.forEach((p, i) => checkFunction([...at, 'publishers', i], p));
    for (const [subName, sub] of Object.entries(topic.subscriptions)) {
      const sat = [...at, 'subscriptions', subName];
      const kinds = (['queue', 'function', 'email', 'https'] as const).filter((k) => sub[k] !== undefined);
      if (kinds.length !== 1) {
        report(sat, kinds, `${kinds.length === 0 ? 'is empty: the subscription names nothing' : 'are all named'}; give exactly one of queue, function, email, https`);
        continue;
      }
      if (sub.function) checkFunction([...sat, 'function'], sub.function);
      if (sub.queue && !(sub.queue in config.queues)) report([...sat, 'queue'], sub.queue, `is not a queue of aws.events.queues; use one of ${Object.keys(config.queues).join(', ') || '(none)'}`);
      if (sub.filterPolicy !== undefined) {
        const problem = filterPolicyProblem(sub.filterPolicy);
        if (problem) report([...sat, 'filterPolicy'], sub.filterPolicy, problem);
      }
      if (sub.rawDelivery && !sub.queue && !sub.https) report([...sat, 'rawDelivery'], true, 'is only possible for queue and https subscriptions; remove it');
    }
  }

  for (const [name, rule] of Object.entries(config.rules)) {
    const at = [...root, 'rules', name];
    const problem = eventPatternProblem(rule.pattern);
    if (problem) report([...at, 'pattern'], rule.pattern, problem);
    if (Object.keys(rule.targets).length === 0) report([...at, 'targets'], rule.targets, 'is empty; give at least one target');
    for (const [targetName, target] of Object.entries(rule.targets)) {
      const tat = [...at, 'targets', targetName];
      const kinds = (['function', 'queue', 'stateMachine', 'bus'] as const).filter((k) => target[k] !== undefined);
      if (kinds.length !== 1) {
        report(tat, kinds, `${kinds.length === 0 ? 'is empty: the target names nothing' : 'are all named'}; give exactly one of function, queue, stateMachine, bus`);
        continue;
      }
      if (target.function) checkFunction([...tat, 'function'], target.function);
      if (target.queue && !(target.queue in config.queues)) {
        report([...tat, 'queue'], target.queue, `is not a queue of aws.events.queues; use one of ${Object.keys(config.queues).join(', ') || '(none)'}`);
      }
      if (target.stateMachine && !(target.stateMachine in config.stateMachines)) {
        report([...tat, 'stateMachine'], target.stateMachine, `is not a state machine of aws.events.stateMachines; use one of ${Object.keys(config.stateMachines).join(', ') || '(none)'}`);
      }
    }
  }

  for (const [kind, field, max] of [['rule', 'samplingRules', XRAY_LIMITS.ruleNameLength], ['group', 'groups', XRAY_LIMITS.groupNameLength]] as const) {
    for (const name of Object.keys(config.xray[field])) {
      const deployed = eventsResourceName(env.core.name, name);
      if (deployed.length > max) report([...root, 'xray', field, name], name, `makes the ${kind} name "${deployed}" ${deployed.length} characters long; X-Ray allows ${max}, use a shorter name`);
    }
  }

  for (const [name, machine] of Object.entries(config.stateMachines)) {
    const at = [...root, 'stateMachines', name];
    for (const [placeholder, resource] of Object.entries(machine.resources)) {
      const rat = [...at, 'resources', placeholder];
      const kinds = (['function', 'queue', 'bus'] as const).filter((k) => resource[k] !== undefined);
      if (kinds.length !== 1) {
        report(rat, kinds, `${kinds.length === 0 ? 'is empty: the resource names nothing' : 'are all named'}; give exactly one of function, queue, bus: true`);
        continue;
      }
      if (resource.function) checkFunction([...rat, 'function'], resource.function);
      if (resource.queue && !(resource.queue in config.queues)) report([...rat, 'queue'], resource.queue, `is not a queue of aws.events.queues; use one of ${Object.keys(config.queues).join(', ') || '(none)'}`);
    }
    checkDefinition([...at, 'definition'], machine, report);
  }
  checkStreams(config, env, report, checkFunction);
}

/**
 * Checks the `environmentFrom` entries of `aws.functions` that name a queue, stream or the bus of this
 * section (the functions stack resolves them to deterministic names without loading this section).
 */
function checkFunctionReferences(config: AwsEventsConfig, env: ParsedEnvironment<EnvironmentCore>, report: ReportProblem): void {
  const functions = env.get(awsFunctionsSection);
  if (!functions?.enabled) return;
  for (const [fnName, fn] of Object.entries(functions.functions)) {
    for (const [variable, from] of Object.entries(fn.environmentFrom)) {
      const at = ['aws', 'functions', 'functions', fnName, 'environmentFrom', variable];
      for (const [kind, names] of [['queue', config.queues], ['stream', config.streams]] as const) {
        const value = from[kind];
        if (value === undefined) continue;
        if (!config.enabled) report([...at, kind], value, `names a ${kind} of aws.events, but aws.events.enabled is not true; turn it on or remove the variable`);
        else if (!(value in names)) report([...at, kind], value, `is not a ${kind} of aws.events.${kind}s; use one of ${Object.keys(names).join(', ') || '(none)'}`);
      }
      if (from.bus && !config.enabled) report([...at, 'bus'], true, 'names the bus of aws.events, but aws.events.enabled is not true; turn it on or remove the variable');
    }
  }
}

/** Whether the section reads a DynamoDB table stream (then `<env>-aws-data` comes first). */
export function eventsNeedData(config: AwsEventsConfig): boolean {
  return Object.keys(config.tableStreams).length > 0;
}

/** Checks the Kinesis streams, the table stream sources and the failure queue names of `aws.events`. */
function checkStreams(config: AwsEventsConfig, env: ParsedEnvironment<EnvironmentCore>, report: ReportProblem, checkFunction: (at: (string | number)[], name: string) => void): void {
  const root = ['aws', 'events'];
  const checkConsumer = (at: (string | number)[], consumer: AwsEventsConfig['tableStreams'][string]['consumer'], source: 'kinesis' | 'dynamodb') => {
    checkFunction([...at, 'function'], consumer.function);
    for (const p of streamEventSourceProblems(consumer, source)) report([...at, ...p.prop.replace(/\[(\d+)\]/, '.$1').split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x))], p.value, p.problem);
  };
  for (const [name, stream] of Object.entries(config.streams)) {
    const at = [...root, 'streams', name];
    stream.producers.forEach((p, i) => checkFunction([...at, 'producers', i], p));
    if (stream.consumer) checkConsumer([...at, 'consumer'], stream.consumer, 'kinesis');
  }
  const data = env.get(awsDataSection);
  const tables = data?.enabled ? Object.keys(data.tables) : [];
  for (const [name, source] of Object.entries(config.tableStreams)) {
    const at = [...root, 'tableStreams', name];
    checkConsumer([...at, 'consumer'], source.consumer, 'dynamodb');
    if (data === undefined) continue; // a data section with problems reports its own
    if (!data.enabled) {
      report([...at, 'table'], source.table, 'needs aws.data (its tables), but aws.data.enabled is not true; turn it on or remove the table stream');
    } else if (!tables.includes(source.table)) {
      report([...at, 'table'], source.table, `is not a table of aws.data.tables; use one of ${tables.join(', ') || '(none)'}`);
    } else if (!data.tables[source.table]!.stream) {
      report([...at, 'table'], source.table, `has no stream; set aws.data.tables.${source.table}.stream (e.g. NEW_AND_OLD_IMAGES) so it can be read`);
    }
  }
  // Every queue name the section deploys is unique (a failure queue must not take a queue's name).
  const owners = new Map<string, string>();
  const claim = (deployed: string, at: string) => {
    const other = owners.get(deployed);
    if (other) report(at.split('.'), deployed, `deploys a queue named "${deployed}", which ${other} also deploys; rename one of them`);
    else owners.set(deployed, at);
  };
  const env_ = env.core.name;
  for (const name of Object.keys(config.queues)) {
    claim(eventsResourceName(env_, name), `aws.events.queues.${name}`);
    claim(`${eventsResourceName(env_, name)}-dlq`, `aws.events.queues.${name}`);
  }
  for (const [name, s] of Object.entries(config.streams)) if (s.consumer) claim(streamFailureQueueName(env_, name), `aws.events.streams.${name}`);
  for (const name of Object.keys(config.tableStreams)) claim(streamFailureQueueName(env_, name), `aws.events.tableStreams.${name}`);
}

/** Checks a state machine's ASL file: JSON, the ASL validator, error handling, placeholders. */
function checkDefinition(at: (string | number)[], machine: AwsEventsConfig['stateMachines'][string], report: ReportProblem): void {
  const file = machine.definition;
  const resolved = path.resolve(process.cwd(), file);
  const rel = path.relative(process.cwd(), resolved);
  if (path.isAbsolute(file) || rel.startsWith('..') || !fs.existsSync(resolved) || !fs.statSync(resolved).isFile()) {
    report(at, file, 'is not a file of this repository; give an ASL JSON file relative to the repository root, e.g. "apps/workflows/ingest-analyse-store.asl.json"');
    return;
  }
  let definition: unknown;
  try {
    definition = JSON.parse(fs.readFileSync(resolved, 'utf8'));
  } catch (e) {
    report(at, file, `is not valid JSON (${(e as Error).message}); an ASL definition is a JSON object`);
    return;
  }
  const kinds = Object.fromEntries(Object.entries(machine.resources).map(([k, r]) => [k, { kind: r.function ? 'lambda' : r.queue ? 'sqs' : 'events' }]));
  const problems = [...aslValidatorProblems(definition, kinds), ...aslErrorHandlingProblems(definition)];
  for (const p of problems) report(at, file, `is not a valid state machine: ${p.path} ${p.value === undefined ? '' : `${JSON.stringify(p.value)} `}${p.message}`);
  const used = aslPlaceholders(definition);
  for (const p of used) {
    if (!(p.name in machine.resources)) {
      report([...at.slice(0, -1), 'resources'], Object.keys(machine.resources), `have no "${p.name}", which ${file} uses at ${p.path} as \${${p.name}}; add resources.${p.name} (function, queue or bus: true)`);
    }
  }
  for (const name of Object.keys(machine.resources)) {
    if (!used.some((p) => p.name === name)) report([...at.slice(0, -1), 'resources', name], machine.resources[name], `is not used by ${file}; the role may use only what the definition names, so remove it`);
  }
}

/** `aws.events`, owned by the `aws-events` stack family. */
export const awsEventsSection = defineSection({
  path: 'aws.events',
  schema: AwsEventsConfigSchema,
  optional: true,
  check: checkAwsEvents,
});
