import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { Testing } from 'cdktf';
import {
  DynamoStreamEventSource,
  type DynamoStreamEventSourceProps,
  KinesisEventSource,
  type KinesisEventSourceProps,
  SqsEventSource,
  type SqsEventSourceProps,
} from '../../../modules/aws/event-source-mapping';

const QUEUE = 'arn:aws:sqs:eu-west-1:123456789012:test-work';
const FN = 'arn:aws:lambda:eu-west-1:123456789012:function:test-worker:live';
const synth = (props: Partial<SqsEventSourceProps> = {}) => Testing.synthScope((scope) => new SqsEventSource(scope, 'source', { queueArn: QUEUE, functionName: FN, ...props }));

describe('SqsEventSource', () => {
  it('reads batches of 10 with partial batch responses and at most 10 concurrent invocations by default', () => {
    expect(synth()).toHaveResourceWithProperties(LambdaEventSourceMapping, {
      event_source_arn: QUEUE,
      function_name: FN,
      batch_size: 10,
      maximum_batching_window_in_seconds: 0,
      function_response_types: ['ReportBatchItemFailures'],
      scaling_config: { maximum_concurrency: 10 },
    });
  });

  it('takes the batch size, window and concurrency from its props', () => {
    expect(synth({ batchSize: 100, maximumBatchingWindowSeconds: 5, maximumConcurrency: 2 })).toHaveResourceWithProperties(LambdaEventSourceMapping, {
      batch_size: 100,
      maximum_batching_window_in_seconds: 5,
      scaling_config: { maximum_concurrency: 2 },
    });
  });

  it.each([
    [{ batchSize: 0 }, /prop batchSize 0 is not allowed; use 1 to 10000/],
    [{ batchSize: 100 }, /prop batchSize 100 is above 10, which needs maximumBatchingWindowSeconds of at least 1/],
    [{ maximumBatchingWindowSeconds: 301 }, /prop maximumBatchingWindowSeconds 301 is not allowed; use 0 to 300/],
    [{ maximumConcurrency: 1 }, /prop maximumConcurrency 1 is not allowed; use 2 to 1000/],
  ])('refuses %j', (props, pattern) => {
    expect(() => synth(props)).toThrow(pattern);
  });
});

describe('KinesisEventSource and DynamoStreamEventSource', () => {
  const STREAM = 'arn:aws:kinesis:eu-west-1:123456789012:stream/test-clicks';
  const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/stream';
  const TABLE_STREAM = 'arn:aws:dynamodb:eu-west-1:123456789012:table/test-items/stream/2026-01-01T00:00:00.000';
  const base = { functionName: FN, consumerRoleName: 'test-worker-lambda', failureQueueName: 'test-clicks-failures' };
  const kinesis = (props: Partial<KinesisEventSourceProps> = {}) =>
    Testing.synthScope((scope) => new KinesisEventSource(scope, 'source', { streamArn: STREAM, streamKmsKeyArn: KEY, ...base, ...props }));
  const dynamo = (props: Partial<DynamoStreamEventSourceProps> = {}) => Testing.synthScope((scope) => new DynamoStreamEventSource(scope, 'source', { streamArn: TABLE_STREAM, ...base, ...props }));

  it('reads from the oldest record with bisect, 3 retries, a one-day record age, partial batches and a failure queue by default', () => {
    const out = kinesis();
    expect(out).toHaveResourceWithProperties(LambdaEventSourceMapping, {
      event_source_arn: STREAM,
      function_name: FN,
      starting_position: 'TRIM_HORIZON',
      batch_size: 100,
      maximum_batching_window_in_seconds: 0,
      bisect_batch_on_function_error: true,
      maximum_retry_attempts: 3,
      maximum_record_age_in_seconds: 86400,
      parallelization_factor: 1,
      function_response_types: ['ReportBatchItemFailures'],
      destination_config: { on_failure: { destination_arn: expect.stringMatching(/^\$\{aws_sqs_queue\.source_failure-queue_[A-Z0-9]+\.arn\}$/) } },
    });
    const mapping = Object.values<any>(JSON.parse(out).resource.aws_lambda_event_source_mapping)[0];
    expect(mapping.filter_criteria).toBeUndefined();
    expect(mapping.tumbling_window_in_seconds).toBeUndefined();
  });

  it('creates the failure queue encrypted with its own key, kept 14 days, TLS only, alarmed on depth', () => {
    const out = kinesis({ alarmTopicArn: 'arn:aws:sns:eu-west-1:123456789012:test-alerts' });
    const json = JSON.parse(out);
    expect(out).toHaveResourceWithProperties(SqsQueue, { name: 'test-clicks-failures', message_retention_seconds: 1209600, kms_master_key_id: expect.stringMatching(/aws_kms_key\.source_failure-key/) });
    expect(Object.values<any>(json.resource.aws_kms_alias).map((a) => a.name)).toEqual(['alias/sqs/test-clicks-failures']);
    const deny = Object.values<any>(json.data.aws_iam_policy_document).flatMap((d) => d.statement).find((s: any) => s.effect === 'Deny');
    expect(deny.condition).toEqual([{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }]);
    expect(out).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: 'test-clicks-failures-depth', dimensions: { QueueName: 'test-clicks-failures' }, threshold: 0, alarm_actions: ['arn:aws:sns:eu-west-1:123456789012:test-alerts'] });
  });

  it('attaches exactly the stream reads, the key decrypt and the failure send to the consumer role, before the mapping', () => {
    const json = JSON.parse(kinesis());
    const policy = Object.values<any>(json.resource.aws_iam_role_policy)[0];
    expect(policy.role).toBe('test-worker-lambda');
    const doc = Object.values<any>(json.data.aws_iam_policy_document).find((d) => d.statement.some((s: any) => s.sid === 'ReadStream'));
    expect(doc.statement).toEqual([
      { sid: 'ReadStream', effect: 'Allow', actions: ['kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:ListShards', 'kinesis:ListStreams'], resources: [STREAM] },
      { sid: 'DecryptStream', effect: 'Allow', actions: ['kms:Decrypt'], resources: [KEY] },
      { sid: 'SendFailures', effect: 'Allow', actions: ['sqs:SendMessage'], resources: [expect.stringMatching(/aws_sqs_queue\.source_failure-queue_[A-Z0-9]+\.arn/)] },
      { sid: 'EncryptFailures', effect: 'Allow', actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [expect.stringMatching(/aws_kms_key\.source_failure-key_[A-Z0-9]+\.arn/)] },
    ]);
    expect(Object.values<any>(json.resource.aws_lambda_event_source_mapping)[0].depends_on).toEqual([expect.stringMatching(/^aws_iam_role_policy\.source_consumer-policy_[A-Z0-9]+$/)]);
  });

  it('takes every setting from its props', () => {
    expect(
      kinesis({
        startingPosition: 'AT_TIMESTAMP',
        startingPositionTimestamp: '2026-01-01T00:00:00Z',
        batchSize: 10000,
        maximumBatchingWindowSeconds: 300,
        bisectBatchOnFunctionError: false,
        maximumRetryAttempts: -1,
        maximumRecordAgeSeconds: -1,
        parallelizationFactor: 10,
        reportBatchItemFailures: false,
        tumblingWindowSeconds: 900,
        filterPatterns: ['{"data": {"kind": ["click"]}}'],
      }),
    ).toHaveResourceWithProperties(LambdaEventSourceMapping, {
      starting_position: 'AT_TIMESTAMP',
      starting_position_timestamp: '2026-01-01T00:00:00Z',
      batch_size: 10000,
      maximum_batching_window_in_seconds: 300,
      bisect_batch_on_function_error: false,
      maximum_retry_attempts: -1,
      maximum_record_age_in_seconds: -1,
      parallelization_factor: 10,
      function_response_types: [],
      tumbling_window_in_seconds: 900,
      filter_criteria: { filter: [{ pattern: '{"data": {"kind": ["click"]}}' }] },
    });
  });

  it('gives a DynamoDB stream consumer exactly the stream API on that stream, plus the key statements it is given', () => {
    const keyStatement = { sid: 'DecryptTable', effect: 'Allow', actions: ['kms:Decrypt'], resources: ['arn:aws:kms:eu-west-1:123456789012:key/table'] };
    const json = JSON.parse(dynamo({ keyStatements: [keyStatement] }));
    const doc = Object.values<any>(json.data.aws_iam_policy_document).find((d) => d.statement.some((s: any) => s.sid === 'ReadStream'));
    expect(doc.statement.slice(0, 2)).toEqual([
      { sid: 'ReadStream', effect: 'Allow', actions: ['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:DescribeStream', 'dynamodb:ListStreams'], resources: [TABLE_STREAM] },
      keyStatement,
    ]);
    expect(Object.values<any>(json.resource.aws_lambda_event_source_mapping)[0]).toMatchObject({ event_source_arn: TABLE_STREAM, starting_position: 'TRIM_HORIZON', bisect_batch_on_function_error: true });
  });

  it.each([
    [{ parallelizationFactor: 11 }, /prop parallelizationFactor 11 is not allowed; use 1 to 10/],
    [{ parallelizationFactor: 0 }, /prop parallelizationFactor 0 is not allowed; use 1 to 10/],
    [{ maximumRetryAttempts: -2 }, /prop maximumRetryAttempts -2 is not allowed; use -1 \(no limit\) or 0 to 10000/],
    [{ maximumRetryAttempts: 10001 }, /prop maximumRetryAttempts 10001 is not allowed; use -1 \(no limit\) or 0 to 10000/],
    [{ maximumRecordAgeSeconds: 59 }, /prop maximumRecordAgeSeconds 59 is not allowed; use -1 \(no limit\) or 60 to 604800 seconds/],
    [{ maximumRecordAgeSeconds: 604801 }, /prop maximumRecordAgeSeconds 604801 is not allowed; use -1 \(no limit\) or 60 to 604800 seconds/],
    [{ batchSize: 0 }, /prop batchSize 0 is not allowed; use 1 to 10000/],
    [{ maximumBatchingWindowSeconds: 301 }, /prop maximumBatchingWindowSeconds 301 is not allowed; use 0 to 300 seconds/],
    [{ tumblingWindowSeconds: 901 }, /prop tumblingWindowSeconds 901 is not allowed; use 1 to 900 seconds/],
    [{ startingPosition: 'AT_TIMESTAMP' as const }, /prop startingPositionTimestamp \(missing\) is needed with AT_TIMESTAMP; give an RFC 3339 UTC time/],
    [{ startingPositionTimestamp: '2026-01-01T00:00:00Z' }, /prop startingPositionTimestamp "2026-01-01T00:00:00Z" is only used with startingPosition AT_TIMESTAMP; remove it/],
    [{ filterPatterns: ['{}', '{}', '{}', '{}', '{}', '{}'] }, /prop filterPatterns 6 are too many; Lambda allows 5 filter patterns per source/],
    [{ filterPatterns: ['[1]'] }, /prop filterPatterns\[0\] "\[1\]" is not a JSON object/],
    [{ failureQueueName: 'bad name' }, /prop failureQueueName "bad name" is not a queue name; use 1 to 80 letters, digits, "-" and "_"/],
  ])('refuses %j on a Kinesis source', (props, pattern) => {
    expect(() => kinesis(props as Partial<KinesisEventSourceProps>)).toThrow(pattern);
  });

  it('refuses AT_TIMESTAMP on a DynamoDB stream', () => {
    expect(() => dynamo({ startingPosition: 'AT_TIMESTAMP' as any })).toThrow(/prop startingPosition "AT_TIMESTAMP" is not a starting position of a DynamoDB stream; use one of TRIM_HORIZON, LATEST/);
  });
});
