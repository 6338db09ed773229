import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { KinesisStream as KinesisStreamResource } from '@cdktf/provider-aws/lib/kinesis-stream';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { metricAlarm } from './private/alarm';
import { CustomerKey } from './private/customer-key';

/**
 * Limits of a Kinesis data stream.
 *
 * @see https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kinesis_stream
 */
export const KINESIS_STREAM_LIMITS = {
  /** Retention, hours (24 hours to 365 days). */
  retentionHours: [24, 8760],
  /** Shards of a provisioned stream (the default account quota is 500 shards in the large regions). */
  shards: [1, 500],
  /** Stream name length (letters, digits, `_`, `-`, `.`). */
  nameLength: [1, 128],
} as const;

/** Defaults of {@link KinesisStream}. */
export const KINESIS_STREAM_DEFAULTS = {
  /** On-demand capacity: no shards to size, scales with the write rate. */
  streamMode: 'ON_DEMAND',
  retentionHours: 24,
  /** Keep registered consumers from being deregistered silently: destroying a stream with consumers fails. */
  enforceConsumerDeletion: false,
  /** Age of the oldest unread record above which the alarm fires, seconds. */
  maxIteratorAgeSeconds: 900,
} as const;

/** What a consumer (a Lambda event source mapping) may do on a stream: the polling API. */
export const KINESIS_CONSUMER_ACTIONS = [
  'kinesis:GetRecords',
  'kinesis:GetShardIterator',
  'kinesis:DescribeStream',
  'kinesis:DescribeStreamSummary',
  'kinesis:ListShards',
  'kinesis:ListStreams',
] as const;

/** What a producer may do on a stream. */
export const KINESIS_PRODUCER_ACTIONS = ['kinesis:PutRecord', 'kinesis:PutRecords', 'kinesis:DescribeStreamSummary'] as const;

/** Problem with a retention period, or undefined when Kinesis accepts it. */
export function kinesisRetentionProblem(hours: number): string | undefined {
  const [min, max] = KINESIS_STREAM_LIMITS.retentionHours;
  return Number.isInteger(hours) && hours >= min && hours <= max ? undefined : `is not allowed; use ${min} to ${max} hours (1 to 365 days)`;
}

/** Problem with a shard count, or undefined when it is a whole number in {@link KINESIS_STREAM_LIMITS.shards}. */
export function kinesisShardsProblem(shards: number): string | undefined {
  const [min, max] = KINESIS_STREAM_LIMITS.shards;
  return Number.isInteger(shards) && shards >= min && shards <= max
    ? undefined
    : `is not allowed; use ${min} to ${max} shards (the default account quota), or leave it out for on-demand capacity`;
}

/** Props of {@link KinesisStream}. */
export interface KinesisStreamProps {
  /** Stream name (1-128 letters, digits, `_`, `-`, `.`). */
  readonly streamName: string;
  /** Shards: the stream is provisioned with this many. @default - on-demand capacity (no shards to size) */
  readonly shards?: number;
  /** How long records are kept, hours (24-8760). @default 24 */
  readonly retentionHours?: number;
  /** Customer key the records are encrypted with. @default - a rotating customer key `alias/kinesis/<stream>` is created */
  readonly kmsKeyArn?: string;
  /** Deregister the stream's enhanced fan-out consumers when it is destroyed. @default false (destroy fails while consumers are registered) */
  readonly enforceConsumerDeletion?: boolean;
  /** Age of the oldest unread record that raises the alarm, seconds. @default 900 */
  readonly maxIteratorAgeSeconds?: number;
  /** SNS topic the alarm notifies. @default - an alarm without actions */
  readonly alarmTopicArn?: string;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * A Kinesis data stream with the secure defaults: on-demand capacity, server-side encryption with a
 * rotating customer key, and an alarm on the age of the oldest unread record (consumers falling behind).
 *
 * Access is granted with the statements of {@link KinesisStream.consumerStatements} and
 * {@link KinesisStream.producerStatements}, added to the roles that need them.
 *
 * @see https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html
 */
export class KinesisStream extends Construct {
  public readonly resource: KinesisStreamResource;
  public readonly arn: string;
  public readonly streamName: string;
  /** Customer key of the records. */
  public readonly kmsKeyArn: string;

  constructor(scope: Construct, id: string, props: KinesisStreamProps) {
    super(scope, id);
    const retention = props.retentionHours ?? KINESIS_STREAM_DEFAULTS.retentionHours;
    this.validate(props, retention);
    const name = props.streamName;
    this.streamName = name;

    this.kmsKeyArn =
      props.kmsKeyArn ??
      new CustomerKey(this, 'key', {
        description: `Encrypts the records of the Kinesis stream ${name}`,
        alias: `kinesis/${name}`,
        tags: props.tags,
      }).arn;

    this.resource = new KinesisStreamResource(this, 'stream', {
      name,
      retentionPeriod: retention,
      streamModeDetails: { streamMode: props.shards === undefined ? KINESIS_STREAM_DEFAULTS.streamMode : 'PROVISIONED' },
      ...(props.shards !== undefined ? { shardCount: props.shards } : {}),
      encryptionType: 'KMS',
      kmsKeyId: this.kmsKeyArn,
      enforceConsumerDeletion: props.enforceConsumerDeletion ?? KINESIS_STREAM_DEFAULTS.enforceConsumerDeletion,
      tags: props.tags,
    });
    this.arn = this.resource.arn;

    const maxAge = props.maxIteratorAgeSeconds ?? KINESIS_STREAM_DEFAULTS.maxIteratorAgeSeconds;
    metricAlarm(this, 'alarm-iterator-age', {
      name: `${name}-iterator-age`,
      description: `The oldest unread record of the Kinesis stream ${name} is older than ${maxAge} s: its consumer is failing or too slow (records expire after ${retention} h)`,
      namespace: 'AWS/Kinesis',
      metricName: 'GetRecords.IteratorAgeMilliseconds',
      dimensions: { StreamName: name },
      statistic: 'Maximum',
      threshold: maxAge * 1000,
      ...(props.alarmTopicArn ? { topicArn: props.alarmTopicArn } : {}),
      tags: props.tags,
    });
  }

  /** Statements a consumer's role needs: the polling API on this stream and decrypting with its key. */
  public consumerStatements(sidPrefix = 'Stream'): DataAwsIamPolicyDocumentStatement[] {
    return [
      { sid: `${sidPrefix}Read`, effect: 'Allow', actions: [...KINESIS_CONSUMER_ACTIONS], resources: [this.arn] },
      { sid: `${sidPrefix}Decrypt`, effect: 'Allow', actions: ['kms:Decrypt'], resources: [this.kmsKeyArn] },
    ];
  }

  /** Statements a producer's role needs: putting records on this stream and encrypting with its key. */
  public producerStatements(sidPrefix = 'Stream'): DataAwsIamPolicyDocumentStatement[] {
    return [
      { sid: `${sidPrefix}Write`, effect: 'Allow', actions: [...KINESIS_PRODUCER_ACTIONS], resources: [this.arn] },
      { sid: `${sidPrefix}Encrypt`, effect: 'Allow', actions: ['kms:GenerateDataKey'], resources: [this.kmsKeyArn] },
    ];
  }

  private validate(props: KinesisStreamProps, retention: number): void {
    const name = props.streamName;
    const [, maxName] = KINESIS_STREAM_LIMITS.nameLength;
    if (!Token.isUnresolved(name) && !new RegExp(`^[A-Za-z0-9_.-]{1,${maxName}}$`).test(name)) {
      throw new ValidationError(this, 'streamName', name, `is not a stream name; use 1 to ${maxName} letters, digits, "_", "-" and "."`);
    }
    if (!Token.isUnresolved(retention)) {
      const problem = kinesisRetentionProblem(retention);
      if (problem) throw new ValidationError(this, 'retentionHours', retention, problem);
    }
    if (props.shards !== undefined && !Token.isUnresolved(props.shards)) {
      const problem = kinesisShardsProblem(props.shards);
      if (problem) throw new ValidationError(this, 'shards', props.shards, problem);
    }
    const age = props.maxIteratorAgeSeconds;
    if (age !== undefined && !Token.isUnresolved(age) && (!Number.isInteger(age) || age < 1)) {
      throw new ValidationError(this, 'maxIteratorAgeSeconds', age, 'is not allowed; use a whole number of seconds, 1 or more');
    }
  }
}
