import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { suppress } from '../policy/suppressions';
import { metricAlarm } from './private/alarm';
import { AwsContext, CustomerKey } from './private/customer-key';
import { denyInsecureTransport } from './private/deny-insecure-transport';
import { jsonencode } from '../core/jsonencode';

/** Protocols a subscription may use. @see https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html */
export const TOPIC_PROTOCOLS = ['sqs', 'lambda', 'https', 'email'] as const;
export type TopicProtocol = (typeof TOPIC_PROTOCOLS)[number];

/** Protocols whose subscribers can take the message as published (no SNS envelope). */
export const RAW_DELIVERY_PROTOCOLS: readonly TopicProtocol[] = ['sqs', 'https'];

/**
 * Problem with a filter policy's text, or undefined when it is a non-empty JSON object.
 *
 * @see https://docs.aws.amazon.com/sns/latest/dg/sns-subscription-filter-policies.html
 */
export function filterPolicyProblem(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return `is not valid JSON (${(e as Error).message}); write the filter policy as a JSON object, e.g. {"type": ["created"]}`;
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0
    ? undefined
    : 'is not a non-empty JSON object; write the filter policy as a JSON object, e.g. {"type": ["created"]}';
}

/** One subscription of a topic. */
export interface TopicSubscription {
  readonly protocol: TopicProtocol;
  /** Queue ARN, function (alias) ARN, https URL or email address. */
  readonly endpoint: string;
  /** Filter policy, as JSON text (on the message attributes). @default - every message */
  readonly filterPolicy?: string;
  /** Deliver the message as published, without the SNS envelope (sqs and https only). @default false */
  readonly rawMessageDelivery?: boolean;
}

/** Props of {@link Topic}. */
export interface TopicProps {
  /** Topic name; the delivery dead-letter queue is `<name>-delivery-dlq`. */
  readonly topicName: string;
  /** IAM role ARNs that may publish (nobody else may). @default - none */
  readonly publisherRoleArns?: string[];
  /** Subscriptions keyed by name (the name is part of the construct id). @default - none */
  readonly subscriptions?: Record<string, TopicSubscription>;
  /** SNS topic the delivery dead-letter alarm notifies. @default - alarm without actions */
  readonly alarmTopicArn?: string;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * An SNS topic encrypted with its own customer key, whose policy denies non-TLS requests and lets
 * only the named publishers publish; subscriptions with filter policies, raw delivery where it fits,
 * and a delivery dead-letter queue (alarmed) for messages SNS could not deliver.
 *
 * An sqs subscriber's queue must let `sns.amazonaws.com` send for this topic (Queue
 * `serviceProducers`); a lambda subscriber is given the permission here.
 */
export class Topic extends Construct {
  public readonly resource: SnsTopic;
  public readonly arn: string;
  public readonly deadLetterQueue: SqsQueue;

  constructor(scope: Construct, id: string, props: TopicProps) {
    super(scope, id);
    this.validate(props);
    const name = props.topicName;
    const aws = new AwsContext(this, 'context');
    const publishers = props.publisherRoleArns ?? [];
    const key = new CustomerKey(this, 'key', {
      description: `Encrypts the SNS topic ${name} and its delivery dead-letter queue`,
      alias: `sns/${name}`,
      servicePrincipals: ['sns.amazonaws.com'],
      extraStatements: publishers.length
        ? [{ sid: 'AllowNamedPublishers', effect: 'Allow', principals: [{ type: 'AWS', identifiers: publishers }], actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: ['*'] }]
        : [],
      tags: props.tags,
    });
    this.resource = new SnsTopic(this, 'topic', { name, kmsMasterKeyId: key.arn, tags: props.tags });
    this.arn = this.resource.arn;

    const statements: DataAwsIamPolicyDocumentStatement[] = [
      denyInsecureTransport(['sns:Publish'], [this.resource.arn]),
    ];
    if (publishers.length) {
      statements.push({ sid: 'AllowNamedPublishers', effect: 'Allow', principals: [{ type: 'AWS', identifiers: publishers }], actions: ['sns:Publish'], resources: [this.resource.arn] });
    }
    const policy = new DataAwsIamPolicyDocument(this, 'policy-document', { statement: statements });
    new SnsTopicPolicy(this, 'policy', { arn: this.resource.arn, policy: policy.json });

    this.deadLetterQueue = new SqsQueue(this, 'delivery-dead-letter-queue', {
      name: `${name}-delivery-dlq`,
      kmsMasterKeyId: key.arn,
      kmsDataKeyReusePeriodSeconds: 300,
      messageRetentionSeconds: 1209600,
      tags: props.tags,
    });
    suppress(this.deadLetterQueue, 'AWS-SQS-2', 'this is the delivery dead-letter queue of a topic; it has none itself');
    const dlqPolicy = new DataAwsIamPolicyDocument(this, 'delivery-dead-letter-policy-document', {
      statement: [
        denyInsecureTransport(['sqs:*'], [this.deadLetterQueue.arn]),
        {
          sid: 'AllowThisTopic',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['sns.amazonaws.com'] }],
          actions: ['sqs:SendMessage'],
          resources: [this.deadLetterQueue.arn],
          condition: [{ test: 'ArnEquals', variable: 'aws:SourceArn', values: [aws.arn('sns', name)] }],
        },
      ],
    });
    new SqsQueuePolicy(this, 'delivery-dead-letter-policy', { queueUrl: this.deadLetterQueue.url, policy: dlqPolicy.json });
    metricAlarm(this, 'alarm-delivery-dead-letter-depth', {
      name: `${name}-delivery-dlq-depth`,
      description: `Messages of the topic ${name} could not be delivered to a subscriber and reached ${name}-delivery-dlq`,
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: `${name}-delivery-dlq` },
      statistic: 'Maximum',
      threshold: 0,
      evaluationPeriods: 1,
      ...(props.alarmTopicArn ? { topicArn: props.alarmTopicArn } : {}),
      tags: props.tags,
    });

    for (const [subName, sub] of Object.entries(props.subscriptions ?? {})) {
      new SnsTopicSubscription(this, `subscription-${subName}`, {
        topicArn: this.resource.arn,
        protocol: sub.protocol,
        endpoint: sub.endpoint,
        ...(sub.filterPolicy ? { filterPolicy: sub.filterPolicy, filterPolicyScope: 'MessageAttributes' } : {}),
        ...(sub.rawMessageDelivery ? { rawMessageDelivery: true } : {}),
        redrivePolicy: jsonencode({ deadLetterTargetArn: this.deadLetterQueue.arn }),
      });
      if (sub.protocol === 'lambda') {
        new LambdaPermission(this, `subscription-${subName}-permission`, {
          statementId: `sns-${name}-${subName}`.slice(0, 100),
          action: 'lambda:InvokeFunction',
          functionName: sub.endpoint,
          principal: 'sns.amazonaws.com',
          sourceArn: this.resource.arn,
        });
      }
    }
  }

  private validate(props: TopicProps): void {
    if (!Token.isUnresolved(props.topicName) && !/^[A-Za-z0-9_-]{1,243}$/.test(props.topicName)) {
      throw new ValidationError(this, 'topicName', props.topicName, 'is not allowed; use letters, digits, "-" and "_", at most 243 characters (the delivery dead-letter queue adds "-delivery-dlq")');
    }
    for (const [subName, sub] of Object.entries(props.subscriptions ?? {})) {
      const at = `subscriptions.${subName}`;
      if (!(TOPIC_PROTOCOLS as readonly string[]).includes(sub.protocol)) {
        throw new ValidationError(this, `${at}.protocol`, sub.protocol, `is not supported; use one of ${TOPIC_PROTOCOLS.join(', ')}`);
      }
      if (sub.filterPolicy !== undefined && !Token.isUnresolved(sub.filterPolicy)) {
        const problem = filterPolicyProblem(sub.filterPolicy);
        if (problem) throw new ValidationError(this, `${at}.filterPolicy`, sub.filterPolicy, problem);
      }
      if (sub.rawMessageDelivery && !RAW_DELIVERY_PROTOCOLS.includes(sub.protocol)) {
        throw new ValidationError(this, `${at}.rawMessageDelivery`, true, `is not possible for protocol "${sub.protocol}"; raw delivery is for ${RAW_DELIVERY_PROTOCOLS.join(', ')}`);
      }
      if (sub.protocol === 'https' && !Token.isUnresolved(sub.endpoint) && !/^https:\/\/[^\s/]+/.test(sub.endpoint)) {
        throw new ValidationError(this, `${at}.endpoint`, sub.endpoint, 'is not an https URL; use https://<host>/<path>');
      }
    }
  }
}
