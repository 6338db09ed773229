import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { suppress } from '../policy/suppressions';
import { KINESIS_CONSUMER_ACTIONS } from './kinesis-stream';
import { metricAlarm } from './private/alarm';
import { CustomerKey } from './private/customer-key';
import { denyInsecureTransport } from './private/deny-insecure-transport';

/** Limits of an SQS event source. @see https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-parameters.html */
export const SQS_EVENT_SOURCE_LIMITS = {
  /** Records per batch (standard queues; above 10 needs a batching window). */
  batchSize: [1, 10000],
  maximumBatchingWindowSeconds: [0, 300],
  /** Concurrent invocations the source may start. */
  maximumConcurrency: [2, 1000],
} as const;

/** Defaults of {@link SqsEventSource}. */
export const SQS_EVENT_SOURCE_DEFAULTS = {
  batchSize: 10,
  maximumBatchingWindowSeconds: 0,
  maximumConcurrency: 10,
  /** Report the failed messages of a batch instead of failing (and retrying) the whole batch. */
  reportBatchItemFailures: true,
} as const;

/** Problem with an SQS event source's batch settings, keyed by prop, or an empty list. */
export function sqsEventSourceProblems(batchSize: number, windowSeconds: number, maximumConcurrency: number): { prop: string; value: number; problem: string }[] {
  const problems: { prop: string; value: number; problem: string }[] = [];
  const range = (prop: string, value: number, [min, max]: readonly [number, number]) => {
    if (!Number.isInteger(value) || value < min || value > max) problems.push({ prop, value, problem: `is not allowed; use ${min} to ${max}` });
  };
  range('batchSize', batchSize, SQS_EVENT_SOURCE_LIMITS.batchSize);
  range('maximumBatchingWindowSeconds', windowSeconds, SQS_EVENT_SOURCE_LIMITS.maximumBatchingWindowSeconds);
  range('maximumConcurrency', maximumConcurrency, SQS_EVENT_SOURCE_LIMITS.maximumConcurrency);
  if (batchSize > 10 && windowSeconds < 1) {
    problems.push({ prop: 'batchSize', value: batchSize, problem: 'is above 10, which needs maximumBatchingWindowSeconds of at least 1; set a batching window or use at most 10' });
  }
  return problems;
}

/** Props of {@link SqsEventSource}. */
export interface SqsEventSourceProps {
  /** ARN of the queue. */
  readonly queueArn: string;
  /** Function (or alias) ARN or name that consumes the queue; its role must be allowed to receive (Queue consumerRoleArns). */
  readonly functionName: string;
  /** Records per batch. @default 10 */
  readonly batchSize?: number;
  /** How long to gather records before invoking, seconds. @default 0 */
  readonly maximumBatchingWindowSeconds?: number;
  /** Concurrent invocations the source may start. @default 10 */
  readonly maximumConcurrency?: number;
  /** Let the function report the failed messages of a batch (`batchItemFailures`). @default true */
  readonly reportBatchItemFailures?: boolean;
}

/** A Lambda event source mapping from an SQS queue: batches, a batching window, partial batch responses and a concurrency cap. */
export class SqsEventSource extends Construct {
  public readonly resource: LambdaEventSourceMapping;

  constructor(scope: Construct, id: string, props: SqsEventSourceProps) {
    super(scope, id);
    const batchSize = props.batchSize ?? SQS_EVENT_SOURCE_DEFAULTS.batchSize;
    const window = props.maximumBatchingWindowSeconds ?? SQS_EVENT_SOURCE_DEFAULTS.maximumBatchingWindowSeconds;
    const concurrency = props.maximumConcurrency ?? SQS_EVENT_SOURCE_DEFAULTS.maximumConcurrency;
    if (![batchSize, window, concurrency].some((v) => Token.isUnresolved(v))) {
      const [first] = sqsEventSourceProblems(batchSize, window, concurrency);
      if (first) throw new ValidationError(this, first.prop, first.value, first.problem);
    }
    this.resource = new LambdaEventSourceMapping(this, 'mapping', {
      eventSourceArn: props.queueArn,
      functionName: props.functionName,
      batchSize,
      maximumBatchingWindowInSeconds: window,
      scalingConfig: { maximumConcurrency: concurrency },
      functionResponseTypes: (props.reportBatchItemFailures ?? SQS_EVENT_SOURCE_DEFAULTS.reportBatchItemFailures) ? ['ReportBatchItemFailures'] : [],
    });
  }
}

/** Where a stream source starts reading when it is created. `AT_TIMESTAMP` is for Kinesis only. */
export const STREAM_STARTING_POSITIONS = ['TRIM_HORIZON', 'LATEST', 'AT_TIMESTAMP'] as const;
export type StreamStartingPosition = (typeof STREAM_STARTING_POSITIONS)[number];

/**
 * Limits of a Kinesis or DynamoDB stream event source (`-1` means "no limit" for the retry and age
 * limits, besides the ranges).
 *
 * @see https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
 */
export const STREAM_EVENT_SOURCE_LIMITS = {
  batchSize: [1, 10000],
  maximumBatchingWindowSeconds: [0, 300],
  /** Retries of a failed batch, or -1 (until the record expires). */
  maximumRetryAttempts: [0, 10000],
  /** Age after which a record is sent to the failure queue, seconds, or -1 (never). */
  maximumRecordAgeSeconds: [60, 604800],
  /** Batches processed at once per shard. */
  parallelizationFactor: [1, 10],
  /** Tumbling window, seconds. */
  tumblingWindowSeconds: [1, 900],
  /** Filter patterns per source (the default quota). */
  filterPatterns: 5,
} as const;

/** Defaults of the stream event sources: every failure ends in the failure queue after a bounded effort. */
export const STREAM_EVENT_SOURCE_DEFAULTS = {
  /** From the oldest record kept: nothing written before the source existed is skipped. */
  startingPosition: 'TRIM_HORIZON',
  batchSize: 100,
  maximumBatchingWindowSeconds: 0,
  /** Split a failing batch in two and retry each half, to isolate the bad record. */
  bisectBatchOnFunctionError: true,
  /** Bounded (Lambda's own default, -1, retries until the record expires and blocks the shard). */
  maximumRetryAttempts: 3,
  /** One day (Lambda's own default, -1, never gives up on a record). */
  maximumRecordAgeSeconds: 86400,
  parallelizationFactor: 1,
  reportBatchItemFailures: true,
  /** Failure queue retention, seconds (14 days, the SQS maximum). */
  failureRetentionSeconds: 1209600,
} as const;

/** The settings of a stream event source, as in {@link StreamEventSourceProps}. */
export interface StreamEventSourceSettings {
  readonly startingPosition?: string;
  readonly startingPositionTimestamp?: string;
  readonly batchSize?: number;
  readonly maximumBatchingWindowSeconds?: number;
  readonly maximumRetryAttempts?: number;
  readonly maximumRecordAgeSeconds?: number;
  readonly parallelizationFactor?: number;
  readonly tumblingWindowSeconds?: number;
  readonly filterPatterns?: readonly string[];
}

/** Problems with a stream event source's settings, keyed by prop (`kinesis` allows `AT_TIMESTAMP`), or an empty list. */
export function streamEventSourceProblems(s: StreamEventSourceSettings, source: 'kinesis' | 'dynamodb'): { prop: string; value: unknown; problem: string }[] {
  const problems: { prop: string; value: unknown; problem: string }[] = [];
  const L = STREAM_EVENT_SOURCE_LIMITS;
  const range = (prop: string, value: number | undefined, [min, max]: readonly [number, number], orUnlimited = false, unit = '') => {
    if (value === undefined || Token.isUnresolved(value)) return;
    if (orUnlimited && value === -1) return;
    if (!Number.isInteger(value) || value < min || value > max) problems.push({ prop, value, problem: `is not allowed; use ${orUnlimited ? '-1 (no limit) or ' : ''}${min} to ${max}${unit}` });
  };
  const positions = source === 'kinesis' ? STREAM_STARTING_POSITIONS : STREAM_STARTING_POSITIONS.filter((p) => p !== 'AT_TIMESTAMP');
  const position = s.startingPosition;
  if (position !== undefined && !Token.isUnresolved(position) && !(positions as readonly string[]).includes(position)) {
    problems.push({ prop: 'startingPosition', value: position, problem: `is not a starting position of a ${source === 'kinesis' ? 'Kinesis' : 'DynamoDB'} stream; use one of ${positions.join(', ')}` });
  }
  if (position === 'AT_TIMESTAMP' && source === 'kinesis') {
    const ts = s.startingPositionTimestamp;
    if (ts === undefined || (!Token.isUnresolved(ts) && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(ts))) {
      problems.push({ prop: 'startingPositionTimestamp', value: ts, problem: 'is needed with AT_TIMESTAMP; give an RFC 3339 UTC time, e.g. "2026-01-01T00:00:00Z"' });
    }
  } else if (s.startingPositionTimestamp !== undefined && position !== 'AT_TIMESTAMP') {
    problems.push({ prop: 'startingPositionTimestamp', value: s.startingPositionTimestamp, problem: 'is only used with startingPosition AT_TIMESTAMP; remove it' });
  }
  range('batchSize', s.batchSize, L.batchSize);
  range('maximumBatchingWindowSeconds', s.maximumBatchingWindowSeconds, L.maximumBatchingWindowSeconds, false, ' seconds');
  range('maximumRetryAttempts', s.maximumRetryAttempts, L.maximumRetryAttempts, true);
  range('maximumRecordAgeSeconds', s.maximumRecordAgeSeconds, L.maximumRecordAgeSeconds, true, ' seconds');
  range('parallelizationFactor', s.parallelizationFactor, L.parallelizationFactor);
  range('tumblingWindowSeconds', s.tumblingWindowSeconds, L.tumblingWindowSeconds, false, ' seconds');
  const patterns = s.filterPatterns ?? [];
  if (patterns.length > L.filterPatterns) problems.push({ prop: 'filterPatterns', value: patterns.length, problem: `are too many; Lambda allows ${L.filterPatterns} filter patterns per source` });
  patterns.forEach((p, i) => {
    if (Token.isUnresolved(p)) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(p);
    } catch {
      parsed = undefined;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      problems.push({ prop: `filterPatterns[${i}]`, value: p, problem: 'is not a JSON object; give a filter pattern such as \'{"eventName": ["INSERT"]}\'' });
    }
  });
  return problems;
}

/** Props of the stream event sources ({@link KinesisEventSource}, {@link DynamoStreamEventSource}). */
export interface StreamEventSourceProps extends StreamEventSourceSettings {
  /** ARN of the stream read. */
  readonly streamArn: string;
  /** Function (or alias) ARN or name that consumes the stream. */
  readonly functionName: string;
  /** Name of the function's execution role: the policy that lets it read the stream is attached to it. */
  readonly consumerRoleName: string;
  /** Name of the failure queue created for the source (the on-failure destination); its key is `alias/sqs/<name>`. */
  readonly failureQueueName: string;
  /** Where to start reading. @default "TRIM_HORIZON" */
  readonly startingPosition?: StreamStartingPosition;
  /** Start time with `AT_TIMESTAMP` (Kinesis only), RFC 3339 UTC. @default - none */
  readonly startingPositionTimestamp?: string;
  /** Records per batch (1-10000). @default 100 */
  readonly batchSize?: number;
  /** How long to gather records before invoking, seconds (0-300). @default 0 */
  readonly maximumBatchingWindowSeconds?: number;
  /** Split a failing batch in two and retry each half. @default true */
  readonly bisectBatchOnFunctionError?: boolean;
  /** Retries of a failing batch (-1 = until the record expires, or 0-10000). @default 3 */
  readonly maximumRetryAttempts?: number;
  /** Records older than this go to the failure queue, seconds (-1 = never, or 60-604800). @default 86400 */
  readonly maximumRecordAgeSeconds?: number;
  /** Batches processed at once per shard (1-10). @default 1 */
  readonly parallelizationFactor?: number;
  /** Let the function report the failed records of a batch (`batchItemFailures`). @default true */
  readonly reportBatchItemFailures?: boolean;
  /** Tumbling window for aggregations, seconds (1-900). @default - none */
  readonly tumblingWindowSeconds?: number;
  /** Event filter patterns, JSON text each (at most 5); only matching records invoke the function. @default - every record */
  readonly filterPatterns?: readonly string[];
  /** SNS topic the failure queue's depth alarm notifies. @default - an alarm without actions */
  readonly alarmTopicArn?: string;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * A Lambda event source mapping from a stream (Kinesis or DynamoDB), with what makes failures visible
 * and bounded: bisect on error, a retry and record-age limit, partial batch responses, and an
 * on-failure destination: a KMS-encrypted SQS failure queue created for the source (TLS only, alarmed
 * on depth). The consumer's role gets a policy with exactly the stream reads and the failure queue send.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-errors.html
 */
export abstract class StreamEventSource extends Construct {
  public readonly resource: LambdaEventSourceMapping;
  /** The on-failure destination: metadata of the batches that failed every retry. */
  public readonly failureQueue: SqsQueue;
  public readonly failureQueueKmsKeyArn: string;

  protected constructor(scope: Construct, id: string, props: StreamEventSourceProps, source: 'kinesis' | 'dynamodb', readStatements: DataAwsIamPolicyDocumentStatement[]) {
    super(scope, id);
    const [first] = streamEventSourceProblems(props, source);
    if (first) throw new ValidationError(this, first.prop, first.value, first.problem);
    if (!Token.isUnresolved(props.failureQueueName) && !/^[A-Za-z0-9_-]{1,80}$/.test(props.failureQueueName)) {
      throw new ValidationError(this, 'failureQueueName', props.failureQueueName, 'is not a queue name; use 1 to 80 letters, digits, "-" and "_"');
    }
    const D = STREAM_EVENT_SOURCE_DEFAULTS;
    const name = props.failureQueueName;

    const key = new CustomerKey(this, 'failure-key', { description: `Encrypts the failure queue ${name} of a stream event source`, alias: `sqs/${name}`, tags: props.tags });
    this.failureQueueKmsKeyArn = key.arn;
    this.failureQueue = new SqsQueue(this, 'failure-queue', {
      name,
      kmsMasterKeyId: key.arn,
      kmsDataKeyReusePeriodSeconds: 300,
      messageRetentionSeconds: D.failureRetentionSeconds,
      tags: props.tags,
    });
    suppress(this.failureQueue, 'AWS-SQS-2', 'this is the on-failure destination of a stream event source; it holds failure records and has no consumer to redrive from');
    const queuePolicy = new DataAwsIamPolicyDocument(this, 'failure-queue-policy-document', { statement: [denyInsecureTransport(['sqs:*'], [this.failureQueue.arn])] });
    new SqsQueuePolicy(this, 'failure-queue-policy', { queueUrl: this.failureQueue.url, policy: queuePolicy.json });
    metricAlarm(this, 'alarm-failures', {
      name: `${name}-depth`,
      description: `Records of a stream failed every retry; their batch details wait in ${name}: inspect them and replay from the stream`,
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: name },
      statistic: 'Maximum',
      threshold: 0,
      evaluationPeriods: 1,
      ...(props.alarmTopicArn ? { topicArn: props.alarmTopicArn } : {}),
      tags: props.tags,
    });

    const policy = new DataAwsIamPolicyDocument(this, 'consumer-policy-document', {
      statement: [
        ...readStatements,
        { sid: 'SendFailures', effect: 'Allow', actions: ['sqs:SendMessage'], resources: [this.failureQueue.arn] },
        { sid: 'EncryptFailures', effect: 'Allow', actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [key.arn] },
      ],
    });
    const rolePolicy = new IamRolePolicy(this, 'consumer-policy', { name: `stream-source-${name}`, role: props.consumerRoleName, policy: policy.json });

    const position = props.startingPosition ?? D.startingPosition;
    const patterns = props.filterPatterns ?? [];
    this.resource = new LambdaEventSourceMapping(this, 'mapping', {
      eventSourceArn: props.streamArn,
      functionName: props.functionName,
      startingPosition: position,
      ...(props.startingPositionTimestamp ? { startingPositionTimestamp: props.startingPositionTimestamp } : {}),
      batchSize: props.batchSize ?? D.batchSize,
      maximumBatchingWindowInSeconds: props.maximumBatchingWindowSeconds ?? D.maximumBatchingWindowSeconds,
      bisectBatchOnFunctionError: props.bisectBatchOnFunctionError ?? D.bisectBatchOnFunctionError,
      maximumRetryAttempts: props.maximumRetryAttempts ?? D.maximumRetryAttempts,
      maximumRecordAgeInSeconds: props.maximumRecordAgeSeconds ?? D.maximumRecordAgeSeconds,
      parallelizationFactor: props.parallelizationFactor ?? D.parallelizationFactor,
      ...(props.tumblingWindowSeconds !== undefined ? { tumblingWindowInSeconds: props.tumblingWindowSeconds } : {}),
      functionResponseTypes: (props.reportBatchItemFailures ?? D.reportBatchItemFailures) ? ['ReportBatchItemFailures'] : [],
      destinationConfig: { onFailure: { destinationArn: this.failureQueue.arn } },
      ...(patterns.length ? { filterCriteria: { filter: patterns.map((pattern) => ({ pattern })) } } : {}),
      tags: props.tags,
      // Lambda checks the role's access to the stream and the destination when the mapping is created.
      dependsOn: [rolePolicy],
    });
  }
}

/** Props of {@link KinesisEventSource}. */
export interface KinesisEventSourceProps extends StreamEventSourceProps {
  /** Customer key of the stream's records (the consumer may decrypt with it). */
  readonly streamKmsKeyArn: string;
}

/**
 * A Lambda event source mapping from a Kinesis data stream (see {@link StreamEventSource}). The
 * consumer's role may call exactly the polling API on this stream and decrypt with its key.
 */
export class KinesisEventSource extends StreamEventSource {
  constructor(scope: Construct, id: string, props: KinesisEventSourceProps) {
    super(scope, id, props, 'kinesis', [
      { sid: 'ReadStream', effect: 'Allow', actions: [...KINESIS_CONSUMER_ACTIONS], resources: [props.streamArn] },
      { sid: 'DecryptStream', effect: 'Allow', actions: ['kms:Decrypt'], resources: [props.streamKmsKeyArn] },
    ]);
  }
}

/** What a consumer may do on a DynamoDB stream. @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/iam-policy-example-lamda-process-dynamodb-streams.html */
export const DYNAMO_STREAM_CONSUMER_ACTIONS = ['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:DescribeStream', 'dynamodb:ListStreams'] as const;

/** Props of {@link DynamoStreamEventSource}. */
export interface DynamoStreamEventSourceProps extends StreamEventSourceProps {
  /** Where to start reading (`AT_TIMESTAMP` is Kinesis only). @default "TRIM_HORIZON" */
  readonly startingPosition?: Exclude<StreamStartingPosition, 'AT_TIMESTAMP'>;
  /**
   * Statements letting the consumer decrypt the table's records (its customer key), when the caller
   * cannot name the key ARN (e.g. `kmsKeyByAliasStatement` of lambda-function.ts).
   *
   * @default - none: the stream's table is encrypted with a key the role may already use
   */
  readonly keyStatements?: DataAwsIamPolicyDocumentStatement[];
}

/**
 * A Lambda event source mapping from a DynamoDB stream (see {@link StreamEventSource}). The consumer's
 * role may call exactly the stream API on this stream's ARN.
 */
export class DynamoStreamEventSource extends StreamEventSource {
  constructor(scope: Construct, id: string, props: DynamoStreamEventSourceProps) {
    super(scope, id, props, 'dynamodb', [
      { sid: 'ReadStream', effect: 'Allow', actions: [...DYNAMO_STREAM_CONSUMER_ACTIONS], resources: [props.streamArn] },
      ...(props.keyStatements ?? []),
    ]);
  }
}
