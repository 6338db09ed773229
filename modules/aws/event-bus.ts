import { CloudwatchEventArchive } from '@cdktf/provider-aws/lib/cloudwatch-event-archive';
import { CloudwatchEventBus } from '@cdktf/provider-aws/lib/cloudwatch-event-bus';
import { CloudwatchEventBusPolicy } from '@cdktf/provider-aws/lib/cloudwatch-event-bus-policy';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { suppress } from '../policy/suppressions';
import { metricAlarm } from './private/alarm';
import { AwsContext, CustomerKey } from './private/customer-key';
import { denyInsecureTransport } from './private/deny-insecure-transport';

/** Limits of rules and targets. @see https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_RetryPolicy.html */
export const EVENT_BUS_LIMITS = {
  maximumRetryAttempts: [0, 185],
  maximumEventAgeSeconds: [60, 86400],
  /** Archive retention, days (0 keeps events indefinitely). */
  archiveRetentionDays: [0, 36500],
} as const;

/** Defaults of {@link EventBus}. */
export const EVENT_BUS_DEFAULTS = {
  maximumRetryAttempts: 8,
  maximumEventAgeSeconds: 3600,
  archiveRetentionDays: 30,
  deadLetterRetentionSeconds: 1209600,
} as const;

/** Kinds of targets a rule may have. */
export const EVENT_TARGET_KINDS = ['lambda', 'sqs', 'state-machine', 'event-bus'] as const;
export type EventTargetKind = (typeof EVENT_TARGET_KINDS)[number];

/**
 * Problem with an event pattern's text, or undefined when it is a JSON object.
 *
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
 */
export function eventPatternProblem(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return `is not valid JSON (${(e as Error).message}); write the pattern as a JSON object, e.g. {"source": ["app.items"]}`;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length === 0) {
    return 'is not a non-empty JSON object; write the pattern as a JSON object, e.g. {"source": ["app.items"]}';
  }
  return undefined;
}

/** One target of a rule. */
export interface EventTarget {
  /** What the target is: it decides the permission given to EventBridge. */
  readonly kind: EventTargetKind;
  /** ARN of the function (alias), queue, state machine or bus. */
  readonly arn: string;
  /** Input transformer: JSON paths by variable name, and the template that uses them as `<name>`. @default - the event as is */
  readonly inputTransformer?: { readonly inputPaths: Record<string, string>; readonly inputTemplate: string };
  /** Retries before the event goes to the dead-letter queue. @default 8 */
  readonly maximumRetryAttempts?: number;
  /** Age after which an undelivered event goes to the dead-letter queue, seconds. @default 3600 */
  readonly maximumEventAgeSeconds?: number;
}

/** One rule of the bus. */
export interface EventRule {
  /** Event pattern, as JSON text. */
  readonly eventPattern: string;
  /** One-line description. @default - none */
  readonly description?: string;
  /** Targets keyed by name (the name becomes the target id). */
  readonly targets: Record<string, EventTarget>;
}

/** Props of {@link EventBus}. */
export interface EventBusProps {
  /** Bus name; also names the archive, the dead-letter queue and the target role. */
  readonly busName: string;
  /** Rules keyed by name (`<bus>-<name>`). @default - none */
  readonly rules?: Record<string, EventRule>;
  /** Archive retention for replay, days (0 keeps events indefinitely). @default 30 */
  readonly archiveRetentionDays?: number;
  /** Other accounts that may put events on this bus (cross-account delivery). @default - none */
  readonly allowedSourceAccounts?: string[];
  /** IAM role ARNs of this account that may put events on the bus (e.g. a worker function's role). @default - none */
  readonly publisherRoleArns?: string[];
  /** SNS topic the dead-letter alarm notifies. @default - alarm without actions */
  readonly alarmTopicArn?: string;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * A custom EventBridge bus with an archive for replay, rules from event patterns, targets with a
 * retry policy and a shared encrypted dead-letter queue (alarmed), the permissions EventBridge
 * needs for each target (and no more), and a bus policy for named source accounts.
 */
export class EventBus extends Construct {
  public readonly resource: CloudwatchEventBus;
  public readonly arn: string;
  public readonly busName: string;
  public readonly deadLetterQueue: SqsQueue;
  public readonly rules: Record<string, CloudwatchEventRule> = {};
  /** Role EventBridge assumes for state machine and bus targets, when a rule has one. */
  public readonly targetRole?: IamRole;

  constructor(scope: Construct, id: string, props: EventBusProps) {
    super(scope, id);
    this.validate(props);
    const name = props.busName;
    this.busName = name;
    const aws = new AwsContext(this, 'context');

    this.resource = new CloudwatchEventBus(this, 'bus', { name, tags: props.tags });
    this.arn = this.resource.arn;

    new CloudwatchEventArchive(this, 'archive', {
      name: `${name}-archive`.slice(0, 48),
      description: `Events of ${name}, kept for replay`,
      eventSourceArn: this.resource.arn,
      retentionDays: props.archiveRetentionDays ?? EVENT_BUS_DEFAULTS.archiveRetentionDays,
    });

    const busStatements: DataAwsIamPolicyDocumentStatement[] = [];
    if (props.allowedSourceAccounts?.length) {
      busStatements.push({
        sid: 'AllowNamedSourceAccounts',
        effect: 'Allow',
        principals: [{ type: 'AWS', identifiers: props.allowedSourceAccounts.map((a) => `arn:${aws.partition}:iam::${a}:root`) }],
        actions: ['events:PutEvents'],
        resources: [this.resource.arn],
      });
    }
    if (props.publisherRoleArns?.length) {
      busStatements.push({
        sid: 'AllowNamedPublishers',
        effect: 'Allow',
        principals: [{ type: 'AWS', identifiers: props.publisherRoleArns }],
        actions: ['events:PutEvents'],
        resources: [this.resource.arn],
      });
    }
    if (busStatements.length) {
      const doc = new DataAwsIamPolicyDocument(this, 'bus-policy-document', { statement: busStatements });
      new CloudwatchEventBusPolicy(this, 'bus-policy', { eventBusName: this.resource.name, policy: doc.json });
    }

    const key = new CustomerKey(this, 'key', {
      description: `Encrypts the dead-letter queue of the event bus ${name}`,
      alias: `events/${name}`,
      servicePrincipals: ['events.amazonaws.com'],
      tags: props.tags,
    });
    this.deadLetterQueue = new SqsQueue(this, 'dead-letter-queue', {
      name: `${name}-events-dlq`,
      kmsMasterKeyId: key.arn,
      kmsDataKeyReusePeriodSeconds: 300,
      messageRetentionSeconds: EVENT_BUS_DEFAULTS.deadLetterRetentionSeconds,
      tags: props.tags,
    });
    suppress(this.deadLetterQueue, 'AWS-SQS-2', 'this is the dead-letter queue of the bus targets; it has none itself');
    const ruleArnPattern = aws.arn('events', `rule/${name}/*`);
    const dlqPolicy = new DataAwsIamPolicyDocument(this, 'dead-letter-policy-document', {
      statement: [
        denyInsecureTransport(['sqs:*'], [this.deadLetterQueue.arn]),
        {
          sid: 'AllowRulesOfThisBus',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['events.amazonaws.com'] }],
          actions: ['sqs:SendMessage'],
          resources: [this.deadLetterQueue.arn],
          condition: [{ test: 'ArnLike', variable: 'aws:SourceArn', values: [ruleArnPattern] }],
        },
      ],
    });
    new SqsQueuePolicy(this, 'dead-letter-policy', { queueUrl: this.deadLetterQueue.url, policy: dlqPolicy.json });
    metricAlarm(this, 'alarm-dead-letter-depth', {
      name: `${name}-events-dlq-depth`,
      description: `Events of ${name} could not be delivered to a target and reached ${name}-events-dlq`,
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: `${name}-events-dlq` },
      statistic: 'Maximum',
      threshold: 0,
      evaluationPeriods: 1,
      ...(props.alarmTopicArn ? { topicArn: props.alarmTopicArn } : {}),
      tags: props.tags,
    });

    const rules = props.rules ?? {};
    const roleTargets = Object.values(rules).flatMap((r) => Object.values(r.targets)).filter((t) => t.kind === 'state-machine' || t.kind === 'event-bus');
    if (roleTargets.length) {
      const trust = new DataAwsIamPolicyDocument(this, 'target-trust', {
        statement: [
          {
            effect: 'Allow',
            principals: [{ type: 'Service', identifiers: ['events.amazonaws.com'] }],
            actions: ['sts:AssumeRole'],
            condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [aws.accountId] }],
          },
        ],
      });
      this.targetRole = new IamRole(this, 'target-role', { name: `${name}-targets`, assumeRolePolicy: trust.json, tags: props.tags });
      const statements: DataAwsIamPolicyDocumentStatement[] = [];
      const machines = [...new Set(roleTargets.filter((t) => t.kind === 'state-machine').map((t) => t.arn))];
      if (machines.length) statements.push({ sid: 'StartNamedStateMachines', effect: 'Allow', actions: ['states:StartExecution'], resources: machines });
      const buses = [...new Set(roleTargets.filter((t) => t.kind === 'event-bus').map((t) => t.arn))];
      if (buses.length) statements.push({ sid: 'PutEventsOnNamedBuses', effect: 'Allow', actions: ['events:PutEvents'], resources: buses });
      const policy = new DataAwsIamPolicyDocument(this, 'target-policy', { statement: statements });
      new IamRolePolicy(this, 'target-role-policy', { name: 'targets', role: this.targetRole.id, policy: policy.json });
    }

    for (const [ruleName, rule] of Object.entries(rules)) {
      const resource = new CloudwatchEventRule(this, `rule-${ruleName}`, {
        name: `${name}-${ruleName}`,
        eventBusName: this.resource.name,
        eventPattern: rule.eventPattern,
        ...(rule.description ? { description: rule.description } : {}),
        tags: props.tags,
      });
      this.rules[ruleName] = resource;
      for (const [targetName, target] of Object.entries(rule.targets)) {
        new CloudwatchEventTarget(this, `rule-${ruleName}-target-${targetName}`, {
          rule: resource.name,
          eventBusName: this.resource.name,
          targetId: targetName,
          arn: target.arn,
          ...(this.targetRole && (target.kind === 'state-machine' || target.kind === 'event-bus') ? { roleArn: this.targetRole.arn } : {}),
          retryPolicy: {
            maximumRetryAttempts: target.maximumRetryAttempts ?? EVENT_BUS_DEFAULTS.maximumRetryAttempts,
            maximumEventAgeInSeconds: target.maximumEventAgeSeconds ?? EVENT_BUS_DEFAULTS.maximumEventAgeSeconds,
          },
          deadLetterConfig: { arn: this.deadLetterQueue.arn },
          ...(target.inputTransformer ? { inputTransformer: { inputPaths: target.inputTransformer.inputPaths, inputTemplate: target.inputTransformer.inputTemplate } } : {}),
        });
        if (target.kind === 'lambda') {
          new LambdaPermission(this, `rule-${ruleName}-target-${targetName}-permission`, {
            statementId: `events-${name}-${ruleName}`.slice(0, 100),
            action: 'lambda:InvokeFunction',
            functionName: target.arn,
            principal: 'events.amazonaws.com',
            sourceArn: resource.arn,
          });
        }
        // An sqs target is allowed by the queue's own policy (Queue serviceProducers with this rule's ARN).
      }
    }
  }

  /** The ARN a rule of this bus will have: for queue policies that must name it before it exists. */
  public static ruleArn(aws: AwsContext, busName: string, ruleName: string): string {
    return aws.arn('events', `rule/${busName}/${busName}-${ruleName}`);
  }

  private validate(props: EventBusProps): void {
    const range = (prop: string, value: number | undefined, [min, max]: readonly [number, number], unit: string) => {
      if (value === undefined || Token.isUnresolved(value)) return;
      if (!Number.isInteger(value) || value < min || value > max) throw new ValidationError(this, prop, value, `is not allowed; use ${min} to ${max}${unit}`);
    };
    range('archiveRetentionDays', props.archiveRetentionDays, EVENT_BUS_LIMITS.archiveRetentionDays, ' days');
    for (const a of props.allowedSourceAccounts ?? []) {
      if (!Token.isUnresolved(a) && !/^\d{12}$/.test(a)) throw new ValidationError(this, 'allowedSourceAccounts', a, 'is not an AWS account id; use 12 digits');
    }
    for (const [ruleName, rule] of Object.entries(props.rules ?? {})) {
      if (!Token.isUnresolved(rule.eventPattern)) {
        const problem = eventPatternProblem(rule.eventPattern);
        if (problem) throw new ValidationError(this, `rules.${ruleName}.eventPattern`, rule.eventPattern, problem);
      }
      if (Object.keys(rule.targets).length === 0) throw new ValidationError(this, `rules.${ruleName}.targets`, rule.targets, 'is empty; give at least one target');
      for (const [targetName, target] of Object.entries(rule.targets)) {
        const at = `rules.${ruleName}.targets.${targetName}`;
        if (!(EVENT_TARGET_KINDS as readonly string[]).includes(target.kind)) {
          throw new ValidationError(this, `${at}.kind`, target.kind, `is not a target kind; use one of ${EVENT_TARGET_KINDS.join(', ')}`);
        }
        range(`${at}.maximumRetryAttempts`, target.maximumRetryAttempts, EVENT_BUS_LIMITS.maximumRetryAttempts, '');
        range(`${at}.maximumEventAgeSeconds`, target.maximumEventAgeSeconds, EVENT_BUS_LIMITS.maximumEventAgeSeconds, ' seconds');
      }
    }
  }
}
