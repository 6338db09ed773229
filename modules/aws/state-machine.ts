import * as fs from 'node:fs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { validateAslDefinition } from './private/asl-validator';
import { CLOUDWATCH_RETENTION_ALLOWED, isCloudwatchRetention } from './log-retention';
import { metricAlarm } from './private/alarm';
import { AwsContext, CustomerKey } from './private/customer-key';

/** State machine types. @see https://docs.aws.amazon.com/step-functions/latest/dg/choosing-workflow-type.html */
export const STATE_MACHINE_TYPES = ['STANDARD', 'EXPRESS'] as const;
/** Execution log levels. @see https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html */
export const STATE_MACHINE_LOG_LEVELS = ['ALL', 'ERROR', 'FATAL', 'OFF'] as const;

/** Defaults of {@link StateMachine}. */
export const STATE_MACHINE_DEFAULTS = {
  type: 'STANDARD',
  logLevel: 'ERROR',
  /** Execution data (inputs, outputs) may hold personal data: kept out of the logs unless asked for. */
  includeExecutionData: false,
  logRetentionDays: 365,
  tracing: true,
} as const;

/** What a placeholder of a definition stands for, and so what the role may do with it. */
export type StateMachineResource =
  /** A Lambda function (or alias): `${name}` is its ARN; the role may invoke it. */
  | { readonly kind: 'lambda'; readonly arn: string }
  /** An SQS queue: `${name}` is its ARN, `${name.url}` its URL; the role may send to it. */
  | { readonly kind: 'sqs'; readonly arn: string; readonly url: string; readonly kmsKeyArn?: string }
  /** An EventBridge bus: `${name}` is its ARN (or name); the role may put events on it. */
  | { readonly kind: 'events'; readonly arn: string };

/** Kinds of {@link StateMachineResource}. */
export const STATE_MACHINE_RESOURCE_KINDS = ['lambda', 'sqs', 'events'] as const;

/** Placeholder syntax in a definition: a whole string `${name}` or `${name.url}`. */
const PLACEHOLDER = /^\$\{([A-Za-z0-9_-]+)(\.url)?\}$/;

/** One problem found in a definition: where (a dotted path from the definition's root) and what. */
export interface AslProblem {
  readonly path: string;
  readonly value: unknown;
  readonly message: string;
}

/** A sample ARN of each kind: placeholders are replaced with these for the ASL validator's ARN checks. */
const SAMPLE = {
  lambda: 'arn:aws:lambda:eu-west-1:123456789012:function:placeholder',
  sqs: 'arn:aws:sqs:eu-west-1:123456789012:placeholder',
  events: 'arn:aws:events:eu-west-1:123456789012:event-bus/placeholder',
  url: 'https://sqs.eu-west-1.amazonaws.com/123456789012/placeholder',
} as const;

/** Every state of a definition (nested in Parallel branches and Map processors too), with its dotted path. */
function statesOf(definition: any, at = ''): { path: string; state: any }[] {
  const out: { path: string; state: any }[] = [];
  const states = definition?.States;
  if (states === null || typeof states !== 'object') return out;
  for (const [name, state] of Object.entries<any>(states)) {
    const path = `${at}States.${name}`;
    out.push({ path, state });
    (state?.Branches ?? []).forEach((b: any, i: number) => out.push(...statesOf(b, `${path}.Branches.${i}.`)));
    for (const inner of ['ItemProcessor', 'Iterator']) if (state?.[inner]) out.push(...statesOf(state[inner], `${path}.${inner}.`));
  }
  return out;
}

/** Placeholders used in a definition, with the dotted path of each string that holds one. */
export function aslPlaceholders(definition: unknown): { path: string; name: string; url: boolean }[] {
  const out: { path: string; name: string; url: boolean }[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string') {
      const m = PLACEHOLDER.exec(value);
      if (m) out.push({ path, name: m[1]!, url: m[2] !== undefined });
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}.${i}`));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
  };
  walk(definition, '');
  return out;
}

/** The first string of a definition holding `${` or `%{` that is not a whole placeholder, or undefined. */
function templateSequences(definition: unknown): { path: string; value: string } | undefined {
  let found: { path: string; value: string } | undefined;
  const walk = (value: unknown, path: string) => {
    if (found) return;
    if (typeof value === 'string') {
      if (/[$%]\{/.test(value) && !PLACEHOLDER.test(value)) found = { path, value };
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}.${i}`));
    else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (/[$%]\{/.test(k)) found ??= { path: path ? `${path}.${k}` : k, value: k };
        walk(v, path ? `${path}.${k}` : k);
      }
    }
  };
  walk(definition, '');
  return found;
}

/**
 * Problems of the error handling of a definition: every Task state must retry with exponential
 * backoff and full jitter, and catch `States.ALL` to a failure path.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 */
export function aslErrorHandlingProblems(definition: unknown): AslProblem[] {
  const problems: AslProblem[] = [];
  for (const { path, state } of statesOf(definition)) {
    if (state?.Type !== 'Task') continue;
    const retry = state.Retry;
    if (!Array.isArray(retry) || retry.length === 0) {
      problems.push({ path: `${path}.Retry`, value: retry, message: 'is missing; every Task state needs Retry with BackoffRate > 1 and JitterStrategy "FULL"' });
    } else {
      retry.forEach((r: any, i: number) => {
        if (!(typeof r?.BackoffRate === 'number' && r.BackoffRate > 1)) {
          problems.push({ path: `${path}.Retry.${i}.BackoffRate`, value: r?.BackoffRate, message: 'is not above 1; use an exponential backoff, e.g. 2' });
        }
        if (r?.JitterStrategy !== 'FULL') {
          problems.push({ path: `${path}.Retry.${i}.JitterStrategy`, value: r?.JitterStrategy, message: 'is not "FULL"; use "FULL" so retries of many executions spread out' });
        }
      });
    }
    const caught = Array.isArray(state.Catch) && state.Catch.some((c: any) => Array.isArray(c?.ErrorEquals) && c.ErrorEquals.includes('States.ALL') && typeof c.Next === 'string');
    if (!caught) {
      problems.push({ path: `${path}.Catch`, value: state.Catch, message: 'does not catch "States.ALL"; every Task state needs a Catch with ErrorEquals ["States.ALL"] and a Next state on the failure path' });
    }
  }
  return problems;
}

/**
 * Problems the Amazon States Language validator (`asl-validator`) finds in a definition whose
 * placeholders were replaced by sample values of their kind.
 */
export function aslValidatorProblems(definition: unknown, resources: Record<string, { readonly kind: string }>): AslProblem[] {
  const sample = JSON.parse(JSON.stringify(definition), (_key, value) => {
    if (typeof value !== 'string') return value;
    const m = PLACEHOLDER.exec(value);
    if (!m) return value;
    if (m[2]) return SAMPLE.url;
    const kind = resources[m[1]!]?.kind as keyof typeof SAMPLE | undefined;
    return kind ? SAMPLE[kind] : SAMPLE.lambda;
  });
  const result = validateAslDefinition(sample);
  return result.isValid
    ? []
    : result.errors.map((e) => ({ path: (e.schemaError?.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.') || '(root)', value: undefined, message: `${e['Error code']}: ${e.Message}` }));
}

/** Props of {@link StateMachine}. */
export interface StateMachineProps {
  /** State machine name; also names the role, log group and alarm. */
  readonly stateMachineName: string;
  /** Path of the ASL JSON file (absolute, or relative to the working directory). */
  readonly definitionFile: string;
  /** What each `${placeholder}` of the definition stands for; the role may use exactly these. */
  readonly resources: Record<string, StateMachineResource>;
  /** Standard or Express. @default "STANDARD" */
  readonly type?: (typeof STATE_MACHINE_TYPES)[number];
  /** Execution log level. @default "ERROR" */
  readonly logLevel?: (typeof STATE_MACHINE_LOG_LEVELS)[number];
  /** Log execution inputs and outputs (may hold personal data). @default false */
  readonly includeExecutionData?: boolean;
  /** Log retention, days. @default 365 */
  readonly logRetentionDays?: number;
  /** X-Ray tracing. @default true */
  readonly tracing?: boolean;
  /** SNS topic the failed-executions alarm notifies. @default - alarm without actions */
  readonly alarmTopicArn?: string;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * A Step Functions state machine from an ASL file of the repository: validated at synth with the
 * Amazon States Language validator and the error-handling rules, its `${placeholders}` resolved
 * from constructs, encrypted and logged with a customer key, traced, and run by a role that may
 * use exactly the resources the definition names.
 */
export class StateMachine extends Construct {
  public readonly resource: SfnStateMachine;
  public readonly arn: string;
  public readonly role: IamRole;
  public readonly roleArn: string;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly kmsKeyArn: string;

  constructor(scope: Construct, id: string, props: StateMachineProps) {
    super(scope, id);
    const definition = this.readDefinition(props);
    const name = props.stateMachineName;
    const type = props.type ?? STATE_MACHINE_DEFAULTS.type;
    const retention = props.logRetentionDays ?? STATE_MACHINE_DEFAULTS.logRetentionDays;
    if (!isCloudwatchRetention(retention)) {
      throw new ValidationError(this, 'logRetentionDays', retention, `is not a CloudWatch retention; ${CLOUDWATCH_RETENTION_ALLOWED}`);
    }
    const aws = new AwsContext(this, 'context');
    const logGroupName = `/aws/vendedlogs/states/${name}`;
    const key = new CustomerKey(this, 'key', {
      description: `Encrypts the state machine ${name} and its execution logs`,
      alias: `states/${name}`,
      logGroupNames: [logGroupName],
      tags: props.tags,
    });
    this.kmsKeyArn = key.arn;
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', { name: logGroupName, retentionInDays: retention, kmsKeyId: key.arn, tags: props.tags });

    const trust = new DataAwsIamPolicyDocument(this, 'trust', {
      statement: [
        {
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['states.amazonaws.com'] }],
          actions: ['sts:AssumeRole'],
          condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [aws.accountId] }],
        },
      ],
    });
    this.role = new IamRole(this, 'role', { name: `${name}-sfn`, assumeRolePolicy: trust.json, tags: props.tags });
    this.roleArn = this.role.arn;
    const policy = new DataAwsIamPolicyDocument(this, 'policy', { statement: roleStatements(props.resources, key.arn) });
    const rolePolicy = new IamRolePolicy(this, 'role-policy', { name: 'state-machine', role: this.role.id, policy: policy.json });

    const text = substitute(JSON.stringify(definition, null, 2), props.resources);
    this.resource = new SfnStateMachine(this, 'state-machine', {
      name,
      type,
      roleArn: this.role.arn,
      definition: text,
      loggingConfiguration: {
        logDestination: `${this.logGroup.arn}:*`,
        includeExecutionData: props.includeExecutionData ?? STATE_MACHINE_DEFAULTS.includeExecutionData,
        level: props.logLevel ?? STATE_MACHINE_DEFAULTS.logLevel,
      },
      tracingConfiguration: { enabled: props.tracing ?? STATE_MACHINE_DEFAULTS.tracing },
      encryptionConfiguration: { type: 'CUSTOMER_MANAGED_KMS_KEY', kmsKeyId: key.arn, kmsDataKeyReusePeriodSeconds: 300 },
      dependsOn: [rolePolicy],
      tags: props.tags,
    });
    this.arn = this.resource.arn;

    metricAlarm(this, 'alarm-executions-failed', {
      name: `${name}-executions-failed`,
      description: `Executions of the state machine ${name} failed, timed out or were aborted: see its execution history`,
      namespace: 'AWS/States',
      metricName: 'ExecutionsFailed',
      dimensions: { StateMachineArn: this.resource.arn },
      statistic: 'Sum',
      threshold: 0,
      evaluationPeriods: 1,
      ...(props.alarmTopicArn ? { topicArn: props.alarmTopicArn } : {}),
      tags: props.tags,
    });
  }

  /** Reads, parses and checks the definition; throws a ValidationError naming the file and the field. */
  private readDefinition(props: StateMachineProps): unknown {
    const file = props.definitionFile;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      throw new ValidationError(this, 'definitionFile', file, 'does not exist; give the path of an ASL JSON file in the repository (e.g. apps/workflows/<name>.asl.json)');
    }
    let definition: unknown;
    try {
      definition = JSON.parse(text);
    } catch (e) {
      throw new ValidationError(this, 'definitionFile', file, `is not valid JSON (${(e as Error).message}); an ASL definition is a JSON object`);
    }
    for (const [name, resource] of Object.entries(props.resources)) {
      if (!(STATE_MACHINE_RESOURCE_KINDS as readonly string[]).includes(resource.kind)) {
        throw new ValidationError(this, `resources.${name}.kind`, resource.kind, `is not supported; use one of ${STATE_MACHINE_RESOURCE_KINDS.join(', ')}`);
      }
    }
    const known = Object.keys(props.resources);
    const stray = templateSequences(definition);
    if (stray) {
      throw new ValidationError(this, 'definitionFile', file, `${stray.path} holds "${stray.value}", with a "\${" or "%{" that is not a whole-string placeholder; Terraform would read it as a template, so use "\${name}" as the whole string or remove it`);
    }
    const used = aslPlaceholders(definition);
    for (const p of used) {
      const resource = props.resources[p.name];
      if (!resource) {
        throw new ValidationError(this, 'definitionFile', file, `${p.path} uses the placeholder "\${${p.name}}", which no resource names; allowed: ${known.join(', ') || '(none given)'}`);
      }
      if (p.url && resource.kind !== 'sqs') {
        throw new ValidationError(this, 'definitionFile', file, `${p.path} uses "\${${p.name}.url}", but "${p.name}" is a ${resource.kind} resource; only sqs resources have a URL`);
      }
    }
    const unused = known.filter((n) => !used.some((p) => p.name === n));
    if (unused.length) {
      throw new ValidationError(this, 'resources', unused, `are not used by ${file}; the role may use only what the definition names, so remove them or use them as \${name}`);
    }
    const problems = [...aslValidatorProblems(definition, props.resources), ...aslErrorHandlingProblems(definition)];
    if (problems.length) {
      throw new ValidationError(
        this,
        'definitionFile',
        file,
        `is not a valid state machine: ${problems.map((p) => `${p.path} ${p.value === undefined ? '' : `${JSON.stringify(p.value)} `}${p.message}`).join('; ')}`,
      );
    }
    return definition;
  }
}

/** The definition text with each `"${name}"` replaced by the resource's ARN (or URL) token. */
function substitute(text: string, resources: Record<string, StateMachineResource>): string {
  return text.replace(/"\$\{([A-Za-z0-9_-]+)(\.url)?\}"/g, (_m, name: string, url: string | undefined) => {
    const resource = resources[name]!;
    const value = url && resource.kind === 'sqs' ? resource.url : resource.arn;
    return `"${value}"`;
  });
}

/** What the role may do: exactly the named resources, plus log delivery and X-Ray (which only take "*"). */
function roleStatements(resources: Record<string, StateMachineResource>, keyArn: string): DataAwsIamPolicyDocumentStatement[] {
  const of = (kind: StateMachineResource['kind']) => Object.values(resources).filter((r) => r.kind === kind);
  const statements: DataAwsIamPolicyDocumentStatement[] = [];
  const lambdas = of('lambda').map((r) => r.arn);
  if (lambdas.length) statements.push({ sid: 'InvokeNamedFunctions', effect: 'Allow', actions: ['lambda:InvokeFunction'], resources: lambdas });
  const queues = of('sqs') as Extract<StateMachineResource, { kind: 'sqs' }>[];
  if (queues.length) {
    statements.push({ sid: 'SendToNamedQueues', effect: 'Allow', actions: ['sqs:SendMessage'], resources: queues.map((q) => q.arn) });
    const keys = queues.flatMap((q) => (q.kmsKeyArn ? [q.kmsKeyArn] : []));
    if (keys.length) statements.push({ sid: 'EncryptForNamedQueues', effect: 'Allow', actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: keys });
  }
  const buses = of('events').map((r) => r.arn);
  if (buses.length) statements.push({ sid: 'PutEventsOnNamedBuses', effect: 'Allow', actions: ['events:PutEvents'], resources: buses });
  statements.push(
    { sid: 'UseOwnKey', effect: 'Allow', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [keyArn] },
    {
      // @see https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html#cloudwatch-iam-policy (log delivery takes only "*")
      sid: 'DeliverLogs',
      effect: 'Allow',
      actions: ['logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery', 'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups'],
      resources: ['*'],
    },
    {
      // @see https://docs.aws.amazon.com/step-functions/latest/dg/xray-iam.html
      sid: 'WriteTraces',
      effect: 'Allow',
      actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
      resources: ['*'],
    },
  );
  return statements;
}
