import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { SqsQueueRedriveAllowPolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { suppress } from '../policy/suppressions';
import { metricAlarm } from './private/alarm';
import { CustomerKey } from './private/customer-key';
import { denyInsecureTransport } from './private/deny-insecure-transport';
import { jsonencode } from '../core/jsonencode';

/** Limits of a queue. @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-queues.html */
export const QUEUE_LIMITS = {
  /** Visibility timeout, seconds (inclusive). */
  visibilityTimeoutSeconds: [0, 43200],
  /** Message retention, seconds (inclusive). */
  messageRetentionSeconds: [60, 1209600],
  /** Receives before a message moves to the dead-letter queue. */
  maxReceiveCount: [1, 1000],
  /** Long polling wait, seconds. */
  receiveWaitTimeSeconds: [0, 20],
  /** Queue name length (including `.fifo`). */
  nameLength: [1, 80],
} as const;

/** Defaults of {@link Queue}. */
export const QUEUE_DEFAULTS = {
  visibilityTimeoutSeconds: 60,
  messageRetentionSeconds: 345600,
  deadLetterRetentionSeconds: 1209600,
  maxReceiveCount: 5,
  /** Long polling: a receive waits up to 20 s for a message instead of returning empty. */
  receiveWaitTimeSeconds: 20,
  /** Age of the oldest message above which the age alarm fires, seconds. */
  maxMessageAgeSeconds: 900,
  /** How many times the consumer's timeout the visibility timeout must be (AWS's advice for Lambda consumers). */
  consumerTimeoutFactor: 6,
} as const;

/**
 * Problem with a visibility timeout for a consumer whose timeout is `consumerTimeoutSeconds`, or
 * undefined when it is at least {@link QUEUE_DEFAULTS.consumerTimeoutFactor} times that.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html#events-sqs-queueconfig
 */
export function visibilityTimeoutProblem(visibilityTimeoutSeconds: number, consumerTimeoutSeconds: number): string | undefined {
  const min = QUEUE_DEFAULTS.consumerTimeoutFactor * consumerTimeoutSeconds;
  return visibilityTimeoutSeconds >= min
    ? undefined
    : `is shorter than ${QUEUE_DEFAULTS.consumerTimeoutFactor} x the consumer's timeout (${consumerTimeoutSeconds} s); use at least ${min} seconds`;
}

/** Problem with a whole number outside `[min, max]`, or undefined. */
export function rangeProblem(value: number, [min, max]: readonly [number, number], unit = ''): string | undefined {
  return Number.isInteger(value) && value >= min && value <= max ? undefined : `is not allowed; use ${min} to ${max}${unit}`;
}

/** A service that may send to the queue, only on behalf of one source (e.g. an EventBridge rule). */
export interface QueueServiceProducer {
  /** Service principal, e.g. `events.amazonaws.com`. */
  readonly service: string;
  /** The only source ARN the service may send for (`aws:SourceArn`). */
  readonly sourceArn: string;
}

/** Props of {@link Queue}. */
export interface QueueProps {
  /** Queue name; the dead-letter queue is `<name>-dlq`. */
  readonly queueName: string;
  /** IAM role ARNs that may send messages. @default - none */
  readonly producerRoleArns?: string[];
  /** IAM role ARNs that may receive and delete messages (the consuming function's role). @default - none */
  readonly consumerRoleArns?: string[];
  /** Services that may send messages, each for one source ARN. @default - none */
  readonly serviceProducers?: QueueServiceProducer[];
  /** Visibility timeout, seconds. @default 60 */
  readonly visibilityTimeoutSeconds?: number;
  /** Timeout of the consuming function, seconds: the visibility timeout must be at least 6 times it. @default - no consumer */
  readonly consumerTimeoutSeconds?: number;
  /** Message retention, seconds. @default 345600 (4 days) */
  readonly messageRetentionSeconds?: number;
  /** Receives before a message moves to the dead-letter queue. @default 5 */
  readonly maxReceiveCount?: number;
  /** Long polling wait, seconds. @default 20 */
  readonly receiveWaitTimeSeconds?: number;
  /** Oldest message age that raises the age alarm, seconds. @default 900 */
  readonly maxMessageAgeSeconds?: number;
  /** SNS topic the alarms (message age, dead-letter depth) notify. @default - alarms without actions */
  readonly alarmTopicArn?: string;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * An SQS queue with the secure defaults: a customer key, a dead-letter queue with a redrive
 * policy, long polling, a policy that denies anything but TLS and lets only the named producers
 * send, and alarms on the oldest message's age and on the dead-letter queue's depth.
 */
export class Queue extends Construct {
  public readonly resource: SqsQueue;
  public readonly deadLetterQueue: SqsQueue;
  public readonly arn: string;
  public readonly url: string;
  public readonly queueName: string;
  public readonly kmsKeyArn: string;

  constructor(scope: Construct, id: string, props: QueueProps) {
    super(scope, id);
    const visibility = props.visibilityTimeoutSeconds ?? QUEUE_DEFAULTS.visibilityTimeoutSeconds;
    const retention = props.messageRetentionSeconds ?? QUEUE_DEFAULTS.messageRetentionSeconds;
    const maxReceive = props.maxReceiveCount ?? QUEUE_DEFAULTS.maxReceiveCount;
    const wait = props.receiveWaitTimeSeconds ?? QUEUE_DEFAULTS.receiveWaitTimeSeconds;
    this.validate(props, visibility, retention, maxReceive, wait);
    const name = props.queueName;
    this.queueName = name;

    const key = new CustomerKey(this, 'key', {
      description: `Encrypts the SQS queue ${name} and its dead-letter queue`,
      alias: `sqs/${name}`,
      servicePrincipals: [...new Set((props.serviceProducers ?? []).map((p) => p.service))],
      extraStatements: roleKeyStatements(props),
      tags: props.tags,
    });
    this.kmsKeyArn = key.arn;

    this.deadLetterQueue = new SqsQueue(this, 'dead-letter-queue', {
      name: `${name}-dlq`,
      kmsMasterKeyId: key.arn,
      kmsDataKeyReusePeriodSeconds: 300,
      messageRetentionSeconds: QUEUE_DEFAULTS.deadLetterRetentionSeconds,
      tags: props.tags,
    });
    suppress(this.deadLetterQueue, 'AWS-SQS-2', 'this is the dead-letter queue of a queue; it has none itself');

    this.resource = new SqsQueue(this, 'queue', {
      name,
      kmsMasterKeyId: key.arn,
      kmsDataKeyReusePeriodSeconds: 300,
      visibilityTimeoutSeconds: visibility,
      messageRetentionSeconds: retention,
      receiveWaitTimeSeconds: wait,
      redrivePolicy: jsonencode({ deadLetterTargetArn: this.deadLetterQueue.arn, maxReceiveCount: maxReceive }),
      tags: props.tags,
    });
    this.arn = this.resource.arn;
    this.url = this.resource.url;

    // Only this queue may use the dead-letter queue as its redrive target.
    new SqsQueueRedriveAllowPolicy(this, 'redrive-allow', {
      queueUrl: this.deadLetterQueue.url,
      redriveAllowPolicy: jsonencode({ redrivePermission: 'byQueue', sourceQueueArns: [this.resource.arn] }),
    });

    this.queuePolicy('policy', this.resource, props);
    this.queuePolicy('dead-letter-policy', this.deadLetterQueue, {});

    metricAlarm(this, 'alarm-message-age', {
      name: `${name}-message-age`,
      description: `The oldest message of ${name} waited longer than ${props.maxMessageAgeSeconds ?? QUEUE_DEFAULTS.maxMessageAgeSeconds} s: the consumer is failing or too slow`,
      namespace: 'AWS/SQS',
      metricName: 'ApproximateAgeOfOldestMessage',
      dimensions: { QueueName: name },
      statistic: 'Maximum',
      threshold: props.maxMessageAgeSeconds ?? QUEUE_DEFAULTS.maxMessageAgeSeconds,
      ...(props.alarmTopicArn ? { topicArn: props.alarmTopicArn } : {}),
      tags: props.tags,
    });
    metricAlarm(this, 'alarm-dead-letter-depth', {
      name: `${name}-dlq-depth`,
      description: `Messages reached the dead-letter queue ${name}-dlq: inspect them and redrive`,
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: `${name}-dlq` },
      statistic: 'Maximum',
      threshold: 0,
      evaluationPeriods: 1,
      ...(props.alarmTopicArn ? { topicArn: props.alarmTopicArn } : {}),
      tags: props.tags,
    });
  }

  /** Denies non-TLS access; lets only the named producers send. */
  private queuePolicy(id: string, queue: SqsQueue, props: Pick<QueueProps, 'producerRoleArns' | 'consumerRoleArns' | 'serviceProducers'>): void {
    const statements: DataAwsIamPolicyDocumentStatement[] = [
      denyInsecureTransport(['sqs:*'], [queue.arn]),
    ];
    if (props.producerRoleArns?.length) {
      statements.push({
        sid: 'AllowNamedProducers',
        effect: 'Allow',
        principals: [{ type: 'AWS', identifiers: props.producerRoleArns }],
        actions: ['sqs:SendMessage'],
        resources: [queue.arn],
      });
    }
    if (props.consumerRoleArns?.length) {
      statements.push({
        sid: 'AllowNamedConsumers',
        effect: 'Allow',
        principals: [{ type: 'AWS', identifiers: props.consumerRoleArns }],
        actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
        resources: [queue.arn],
      });
    }
    for (const [i, producer] of (props.serviceProducers ?? []).entries()) {
      statements.push({
        sid: `AllowService${i}`,
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: [producer.service] }],
        actions: ['sqs:SendMessage'],
        resources: [queue.arn],
        condition: [{ test: 'ArnEquals', variable: 'aws:SourceArn', values: [producer.sourceArn] }],
      });
    }
    const doc = new DataAwsIamPolicyDocument(this, `${id}-document`, { statement: statements });
    new SqsQueuePolicy(this, id, { queueUrl: queue.url, policy: doc.json });
  }

  private validate(props: QueueProps, visibility: number, retention: number, maxReceive: number, wait: number): void {
    const check = (prop: string, value: number | undefined, problem: (v: number) => string | undefined) => {
      if (value === undefined || Token.isUnresolved(value)) return;
      const p = problem(value);
      if (p) throw new ValidationError(this, prop, value, p);
    };
    const [minName, maxName] = QUEUE_LIMITS.nameLength;
    if (!Token.isUnresolved(props.queueName) && !new RegExp(`^[A-Za-z0-9_-]{${minName},${maxName}}$`).test(`${props.queueName}-dlq`)) {
      throw new ValidationError(this, 'queueName', props.queueName, `is not allowed; use letters, digits, "-" and "_", at most ${maxName - 4} characters (the dead-letter queue adds "-dlq")`);
    }
    check('visibilityTimeoutSeconds', visibility, (v) => rangeProblem(v, QUEUE_LIMITS.visibilityTimeoutSeconds, ' seconds'));
    check('messageRetentionSeconds', retention, (v) => rangeProblem(v, QUEUE_LIMITS.messageRetentionSeconds, ' seconds'));
    check('maxReceiveCount', maxReceive, (v) => rangeProblem(v, QUEUE_LIMITS.maxReceiveCount));
    check('receiveWaitTimeSeconds', wait, (v) => rangeProblem(v, QUEUE_LIMITS.receiveWaitTimeSeconds, ' seconds'));
    if (props.consumerTimeoutSeconds !== undefined && !Token.isUnresolved(props.consumerTimeoutSeconds)) {
      check('visibilityTimeoutSeconds', visibility, (v) => visibilityTimeoutProblem(v, props.consumerTimeoutSeconds!));
    }
  }
}

/** Key policy statements that let the named producers encrypt and the consumers decrypt (nobody else but the account). */
function roleKeyStatements(props: QueueProps): DataAwsIamPolicyDocumentStatement[] {
  const statements: DataAwsIamPolicyDocumentStatement[] = [];
  if (props.producerRoleArns?.length) {
    statements.push({ sid: 'AllowNamedProducers', effect: 'Allow', principals: [{ type: 'AWS', identifiers: props.producerRoleArns }], actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: ['*'] });
  }
  if (props.consumerRoleArns?.length) {
    statements.push({ sid: 'AllowNamedConsumers', effect: 'Allow', principals: [{ type: 'AWS', identifiers: props.consumerRoleArns }], actions: ['kms:Decrypt'], resources: ['*'] });
  }
  return statements;
}
