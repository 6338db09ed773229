import * as path from 'node:path';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { EventBus, type EventTarget } from '../../modules/aws/event-bus';
import { DynamoStreamEventSource, KinesisEventSource, SqsEventSource } from '../../modules/aws/event-source-mapping';
import { KinesisStream } from '../../modules/aws/kinesis-stream';
import { kmsKeyByAliasStatement, lambdaRoleName } from '../../modules/aws/lambda-function';
import { AwsContext } from '../../modules/aws/private/customer-key';
import { Queue } from '../../modules/aws/queue';
import { StateMachine, type StateMachineResource } from '../../modules/aws/state-machine';
import { Topic, type TopicSubscription } from '../../modules/aws/topic';
import { XrayTracing } from '../../modules/aws/xray';
import type { AwsAlertsOutputs, AwsDataOutputs, AwsEventsOutputs, AwsFunctionsOutputs } from '../contracts';
import { dataResourceName } from '../aws-data/config';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { awsProvider } from '../private/providers';
import { lambdaFunctionName } from '../aws-functions/config';
import { type AwsEventsConfig, eventBusName, eventsResourceName, streamFailureQueueName } from './config';


/** Props of {@link AwsEventsStack}. */
export interface AwsEventsStackProps extends EnvironmentStackProps {
  /** The `aws.events` section. */
  readonly config: AwsEventsConfig;
  /** Outputs of `<env>-aws-alerts`: the topic the alarms notify. */
  readonly alerts: AwsAlertsOutputs;
  /** Outputs of `<env>-aws-functions`, when the section names a function. @default - no function named */
  readonly functions?: AwsFunctionsOutputs;
  /** Outputs of `<env>-aws-data`, when the section reads a table stream. @default - no table stream */
  readonly data?: AwsDataOutputs;
  /** Folder definition paths are relative to. @default - the working directory (the repository root) */
  readonly codeRoot?: string;
}

/**
 * `<env>-aws-events`: the queues, the event bus with its rules, and the state machines of
 * `aws.events`, wired to the functions of `<env>-aws-functions` (see docs/events.md).
 */
export class AwsEventsStack extends EnvironmentStack {
  public readonly queues: Record<string, Queue> = {};
  public readonly topics: Record<string, Topic> = {};
  public readonly stateMachines: Record<string, StateMachine> = {};
  public readonly streams: Record<string, KinesisStream> = {};
  public readonly bus: EventBus;
  public readonly outputs: AwsEventsOutputs;

  constructor(scope: Construct, name: string, props: AwsEventsStackProps) {
    super(scope, name, props);
    const { environment: env, config, alerts, functions } = props;
    awsProvider(this, env);
    const root = props.codeRoot ?? process.cwd();
    const aws = new AwsContext(this, 'context');
    const busName = eventBusName(env.name);

    const fn = (field: string, key: string) => {
      const arn = functions?.functionAliasArns[key];
      const roleArn = functions?.functionRoleArns?.[key];
      if (!arn || !roleArn) throw new Error(`aws.events ${field} names function "${key}", which the aws-functions outputs do not hold`);
      // The role's name is deterministic (`<env>-<function>-lambda`): grants on this stack's streams are attached to it.
      return { arn, roleArn, roleName: lambdaRoleName(lambdaFunctionName(env.name, key)), timeoutSeconds: functions?.functionTimeoutSeconds?.[key] };
    };

    // Rules that target a queue: EventBridge may send to it for exactly those rules.
    const queueRuleArns = (queue: string) =>
      Object.entries(config.rules).flatMap(([rule, r]) => (Object.values(r.targets).some((t) => t.queue === queue) ? [EventBus.ruleArn(aws, busName, rule)] : []));

    // Topics with a subscription of a queue: SNS may send to it for exactly those topics.
    const queueTopicArns = (queue: string) =>
      Object.entries(config.topics).flatMap(([topic, t]) => (Object.values(t.subscriptions).some((x) => x.queue === queue) ? [aws.arn('sns', eventsResourceName(env.name, topic))] : []));

    for (const [key, q] of Object.entries(config.queues)) {
      const consumer = q.consumer ? fn(`queues.${key}.consumer.function`, q.consumer.function) : undefined;
      const queue = new Queue(this, `queue-${key}`, {
        queueName: eventsResourceName(env.name, key),
        producerRoleArns: q.producers.map((p) => fn(`queues.${key}.producers`, p).roleArn),
        ...(consumer ? { consumerRoleArns: [consumer.roleArn] } : {}),
        serviceProducers: [
          ...queueRuleArns(key).map((sourceArn) => ({ service: 'events.amazonaws.com', sourceArn })),
          ...queueTopicArns(key).map((sourceArn) => ({ service: 'sns.amazonaws.com', sourceArn })),
        ],
        visibilityTimeoutSeconds: q.visibilityTimeoutSeconds,
        ...(consumer?.timeoutSeconds !== undefined ? { consumerTimeoutSeconds: consumer.timeoutSeconds } : {}),
        messageRetentionSeconds: q.messageRetentionSeconds,
        maxReceiveCount: q.maxReceiveCount,
        maxMessageAgeSeconds: q.maxMessageAgeSeconds,
        alarmTopicArn: alerts.topicArn,
      });
      this.queues[key] = queue;
      if (q.consumer && consumer) {
        const source = new SqsEventSource(this, `queue-${key}-consumer`, {
          queueArn: queue.arn,
          functionName: consumer.arn,
          batchSize: q.consumer.batchSize,
          maximumBatchingWindowSeconds: q.consumer.maximumBatchingWindowSeconds,
          maximumConcurrency: q.consumer.maximumConcurrency,
        });
        // The mapping checks the role's access when it is created: after the queue and key policies.
        source.node.addDependency(queue);
      }
    }

    for (const [key, t] of Object.entries(config.topics)) {
      const subscriptions = Object.fromEntries(
        Object.entries(t.subscriptions).map(([subName, x]): [string, TopicSubscription] => {
          const common = { ...(x.filterPolicy ? { filterPolicy: x.filterPolicy } : {}), rawMessageDelivery: x.rawDelivery };
          if (x.queue) return [subName, { protocol: 'sqs', endpoint: this.queues[x.queue]!.arn, ...common }];
          if (x.function) return [subName, { protocol: 'lambda', endpoint: fn(`topics.${key}.subscriptions.${subName}.function`, x.function).arn, ...common }];
          if (x.https) return [subName, { protocol: 'https', endpoint: x.https, ...common }];
          return [subName, { protocol: 'email', endpoint: x.email!, ...common }];
        }),
      );
      this.topics[key] = new Topic(this, `topic-${key}`, {
        topicName: eventsResourceName(env.name, key),
        publisherRoleArns: t.publishers.map((p) => fn(`topics.${key}.publishers`, p).roleArn),
        subscriptions,
        alarmTopicArn: alerts.topicArn,
      });
    }

    const busArn = aws.arn('events', `event-bus/${busName}`);
    for (const [key, m] of Object.entries(config.stateMachines)) {
      const resources: Record<string, StateMachineResource> = {};
      for (const [placeholder, r] of Object.entries(m.resources)) {
        if (r.function) resources[placeholder] = { kind: 'lambda', arn: fn(`stateMachines.${key}.resources.${placeholder}`, r.function).arn };
        else if (r.queue) {
          const queue = this.queues[r.queue]!;
          resources[placeholder] = { kind: 'sqs', arn: queue.arn, url: queue.url, kmsKeyArn: queue.kmsKeyArn };
        } else resources[placeholder] = { kind: 'events', arn: busArn };
      }
      this.stateMachines[key] = new StateMachine(this, `state-machine-${key}`, {
        stateMachineName: eventsResourceName(env.name, key),
        definitionFile: path.resolve(root, m.definition),
        resources,
        type: m.type,
        logLevel: m.logLevel,
        includeExecutionData: m.includeExecutionData,
        logRetentionDays: m.logRetentionDays,
        alarmTopicArn: alerts.topicArn,
      });
    }

    const rules = Object.fromEntries(
      Object.entries(config.rules).map(([ruleName, rule]) => [
        ruleName,
        {
          eventPattern: rule.pattern,
          ...(rule.description ? { description: rule.description } : {}),
          targets: Object.fromEntries(
            Object.entries(rule.targets).map(([targetName, t]): [string, EventTarget] => {
              const common = {
                maximumRetryAttempts: t.maximumRetryAttempts,
                maximumEventAgeSeconds: t.maximumEventAgeSeconds,
                ...(t.inputTransformer ? { inputTransformer: t.inputTransformer } : {}),
              };
              if (t.function) return [targetName, { kind: 'lambda', arn: fn(`rules.${ruleName}.targets.${targetName}.function`, t.function).arn, ...common }];
              if (t.queue) return [targetName, { kind: 'sqs', arn: this.queues[t.queue]!.arn, ...common }];
              if (t.bus) return [targetName, { kind: 'event-bus', arn: t.bus, ...common }];
              return [targetName, { kind: 'state-machine', arn: this.stateMachines[t.stateMachine!]!.arn, ...common }];
            }),
          ),
        },
      ]),
    );
    this.bus = new EventBus(this, 'bus', {
      busName,
      rules,
      archiveRetentionDays: config.bus.archiveRetentionDays,
      allowedSourceAccounts: config.bus.allowedSourceAccounts,
      publisherRoleArns: config.bus.publishers.map((p) => fn('bus.publishers', p).roleArn),
      alarmTopicArn: alerts.topicArn,
    });

    for (const [key, st] of Object.entries(config.streams)) {
      const stream = new KinesisStream(this, `stream-${key}`, {
        streamName: eventsResourceName(env.name, key),
        ...(st.shards !== undefined ? { shards: st.shards } : {}),
        retentionHours: st.retentionHours,
        maxIteratorAgeSeconds: st.maxIteratorAgeSeconds,
        alarmTopicArn: alerts.topicArn,
      });
      this.streams[key] = stream;
      for (const producer of st.producers) {
        const role = fn(`streams.${key}.producers`, producer).roleName;
        const doc = new DataAwsIamPolicyDocument(this, `stream-${key}-producer-${producer}-document`, { statement: stream.producerStatements() });
        new IamRolePolicy(this, `stream-${key}-producer-${producer}`, { name: `kinesis-put-${stream.streamName}`, role, policy: doc.json });
      }
      if (st.consumer) {
        const c = st.consumer;
        const consumer = fn(`streams.${key}.consumer.function`, c.function);
        new KinesisEventSource(this, `stream-${key}-consumer`, {
          streamArn: stream.arn,
          streamKmsKeyArn: stream.kmsKeyArn,
          functionName: consumer.arn,
          consumerRoleName: consumer.roleName,
          failureQueueName: streamFailureQueueName(env.name, key),
          ...streamSourceSettings(c),
          alarmTopicArn: alerts.topicArn,
        });
      }
    }

    for (const [key, ts] of Object.entries(config.tableStreams)) {
      const streamArn = props.data?.tableStreamArns[ts.table];
      if (!streamArn) throw new Error(`aws.events tableStreams.${key}.table names table "${ts.table}", whose stream the aws-data outputs do not hold (set aws.data.tables.${ts.table}.stream)`);
      const consumer = fn(`tableStreams.${key}.consumer.function`, ts.consumer.function);
      const { startingPosition, ...settings } = streamSourceSettings(ts.consumer);
      new DynamoStreamEventSource(this, `table-stream-${key}-consumer`, {
        streamArn,
        functionName: consumer.arn,
        consumerRoleName: consumer.roleName,
        failureQueueName: streamFailureQueueName(env.name, key),
        ...(startingPosition !== 'AT_TIMESTAMP' ? { startingPosition } : {}),
        ...settings,
        // Stream records are encrypted with the table's customer key (DynamoTable: `alias/dynamodb/<table>`),
        // whose ARN aws-data does not publish: decrypting is allowed for the key with that alias only.
        keyStatements: [kmsKeyByAliasStatement(aws, 'DecryptTableStream', ['kms:Decrypt'], [`alias/dynamodb/${dataResourceName(env.name, ts.table)}`])],
        alarmTopicArn: alerts.topicArn,
      });
    }

    if (Object.keys(config.xray.samplingRules).length || Object.keys(config.xray.groups).length) {
      new XrayTracing(this, 'xray', { namePrefix: env.name, samplingRules: config.xray.samplingRules, groups: config.xray.groups });
    }

    // No dashboard here: `<env>-aws-dashboard` (`<env>-overview`) shows the whole environment, these resources included.

    this.outputs = {
      eventBusArn: this.bus.arn,
      eventBusName: busName,
      queueUrls: Object.fromEntries(Object.entries(this.queues).map(([k, q]) => [k, q.url])),
      stateMachineArns: Object.fromEntries(Object.entries(this.stateMachines).map(([k, m]) => [k, m.arn])),
      topicArns: Object.fromEntries(Object.entries(this.topics).map(([k, t]) => [k, t.arn])),
    };
    new TerraformOutput(this, 'event_bus_arn', { value: this.bus.arn, description: 'ARN of the environment\'s event bus' });
    new TerraformOutput(this, 'queue_urls', { value: this.outputs.queueUrls, description: 'URL of each queue, by config name' });
    if (Object.keys(this.streams).length) {
      new TerraformOutput(this, 'stream_arns', { value: Object.fromEntries(Object.entries(this.streams).map(([k, st]) => [k, st.arn])), description: 'ARN of each Kinesis stream, by config name' });
    }
    new TerraformOutput(this, 'state_machine_arns', { value: this.outputs.stateMachineArns, description: 'ARN of each state machine, by config name' });
  }
}

/** The event source settings of a stream consumer of the config. */
function streamSourceSettings(c: AwsEventsConfig['tableStreams'][string]['consumer']) {
  return {
    startingPosition: c.startingPosition,
    ...(c.startingPositionTimestamp !== undefined ? { startingPositionTimestamp: c.startingPositionTimestamp } : {}),
    batchSize: c.batchSize,
    maximumBatchingWindowSeconds: c.maximumBatchingWindowSeconds,
    bisectBatchOnFunctionError: c.bisectBatchOnFunctionError,
    maximumRetryAttempts: c.maximumRetryAttempts,
    maximumRecordAgeSeconds: c.maximumRecordAgeSeconds,
    parallelizationFactor: c.parallelizationFactor,
    reportBatchItemFailures: c.reportBatchItemFailures,
    ...(c.tumblingWindowSeconds !== undefined ? { tumblingWindowSeconds: c.tumblingWindowSeconds } : {}),
    filterPatterns: c.filterPatterns,
  };
}
