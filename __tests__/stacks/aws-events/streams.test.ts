import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KinesisStream } from '@cdktf/provider-aws/lib/kinesis-stream';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { Testing } from 'cdktf';
import { runPolicyPack } from '../../../modules/policy/report';
import type { AwsEventsStack } from '../../../stacks/aws-events/aws-events-stack';
import { awsEventsSection, eventsNeedData } from '../../../stacks/aws-events/config';
import { awsEventsFamily } from '../../../stacks/aws-events/family';
import type { AwsAlertsOutputs, AwsDataOutputs, AwsFunctionsOutputs } from '../../../stacks/contracts';
import { awsFunctionsFamily } from '../../../stacks/aws-functions/family';
import { environmentProblems, familyStack, testEnvironment } from '../../helpers/environment';
import { AWS_NETWORK } from '../../helpers/outputs';
import { validateStacks } from '../../helpers/terraform';

const ALERTS: AwsAlertsOutputs = { topicArn: 'arn:aws:sns:eu-west-1:123456789012:test-alerts', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/alerts' };
const ALIAS = (n: string) => `arn:aws:lambda:eu-west-1:123456789012:function:test-${n}:live`;
const ROLE = (n: string) => `arn:aws:iam::123456789012:role/test-${n}-lambda`;
const FUNCTIONS: AwsFunctionsOutputs = {
  functionAliasArns: { 'api-handler': ALIAS('api-handler'), worker: ALIAS('worker'), audit: ALIAS('audit') },
  functionRoleArns: { 'api-handler': ROLE('api-handler'), worker: ROLE('worker'), audit: ROLE('audit') },
  functionTimeoutSeconds: { 'api-handler': 10, worker: 30, audit: 10 },
};
const ITEMS_STREAM = 'arn:aws:dynamodb:eu-west-1:123456789012:table/test-api-items/stream/2026-01-01T00:00:00.000';
const DATA: AwsDataOutputs = {
  bucketNames: {},
  bucketArns: {},
  tableNames: { 'api-items': 'test-api-items' },
  tableArns: { 'api-items': 'arn:aws:dynamodb:eu-west-1:123456789012:table/test-api-items' },
  tableStreamArns: { 'api-items': ITEMS_STREAM },
};
const FUNCTIONS_CONFIG = {
  enabled: true,
  functions: {
    'api-handler': { code: 'apps/aws-api-handler', routes: [{ route: 'GET /health', public: true }] },
    worker: { code: 'apps/aws-api-handler', timeoutSeconds: 30 },
    audit: { code: 'apps/aws-api-handler' },
  },
};
const DATA_CONFIG = { enabled: true, tables: { 'api-items': { partitionKey: { name: 'pk' }, stream: 'NEW_AND_OLD_IMAGES' }, plain: { partitionKey: { name: 'pk' } } } };
const EVENTS = {
  enabled: true,
  streams: {
    clicks: { retentionHours: 48, producers: ['api-handler'], consumer: { function: 'worker', parallelizationFactor: 2, filterPatterns: ['{"data": {"kind": ["click"]}}'] } },
    metrics: { shards: 2 },
  },
  tableStreams: { 'item-changes': { table: 'api-items', consumer: { function: 'audit', startingPosition: 'LATEST', maximumRetryAttempts: 5 } } },
};

function input(events: Record<string, any> = EVENTS, data: Record<string, any> = DATA_CONFIG) {
  return { aws: { alerts: { enabled: true }, functions: FUNCTIONS_CONFIG, data, events } };
}
function synth(): any {
  const env = testEnvironment(input());
  return JSON.parse(Testing.synth(familyStack<AwsEventsStack>(awsEventsFamily, env, { 'aws-alerts': ALERTS, 'aws-functions': FUNCTIONS, 'aws-data': DATA })));
}
const documents = (s: any) => Object.values<any>(s.data.aws_iam_policy_document);
const rolePolicy = (s: any, role: string) => Object.values<any>(s.resource.aws_iam_role_policy).filter((p) => p.role === role);

describe('AwsEventsStack streams', () => {
  const s = synth();
  const text = JSON.stringify(s);

  it('creates on-demand streams unless shards are given, encrypted with their own customer key', () => {
    expect(text).toHaveResourceWithProperties(KinesisStream, { name: 'test-clicks', retention_period: 48, stream_mode_details: { stream_mode: 'ON_DEMAND' }, encryption_type: 'KMS', enforce_consumer_deletion: false });
    expect(text).toHaveResourceWithProperties(KinesisStream, { name: 'test-metrics', retention_period: 24, shard_count: 2, stream_mode_details: { stream_mode: 'PROVISIONED' } });
    const aliases = Object.values<any>(s.resource.aws_kms_alias).map((a) => a.name);
    expect(aliases).toEqual(expect.arrayContaining(['alias/kinesis/test-clicks', 'alias/kinesis/test-metrics', 'alias/sqs/test-clicks-failures', 'alias/sqs/test-item-changes-failures']));
  });

  it('lets the producer function put records on its stream and encrypt with its key, nothing else', () => {
    const policies = rolePolicy(s, 'test-api-handler-lambda');
    expect(policies.map((p) => p.name)).toEqual(['kinesis-put-test-clicks']);
    const doc = documents(s).find((d) => d.statement.some((x: any) => x.sid === 'StreamWrite'));
    expect(doc.statement).toEqual([
      { sid: 'StreamWrite', effect: 'Allow', actions: ['kinesis:PutRecord', 'kinesis:PutRecords', 'kinesis:DescribeStreamSummary'], resources: [expect.stringMatching(/^\$\{aws_kinesis_stream\.stream-clicks_stream_[A-Z0-9]+\.arn\}$/)] },
      { sid: 'StreamEncrypt', effect: 'Allow', actions: ['kms:GenerateDataKey'], resources: [expect.stringMatching(/^\$\{aws_kms_key\.stream-clicks_key_[A-Z0-9]+\.arn\}$/)] },
    ]);
  });

  it('gives the Kinesis consumer exactly the reads of its stream, its key, and the send to its failure queue', () => {
    expect(rolePolicy(s, 'test-worker-lambda').map((p) => p.name)).toEqual(['stream-source-test-clicks-failures']);
    const doc = documents(s).find((d) => d.statement.some((x: any) => x.sid === 'ReadStream' && x.actions[0].startsWith('kinesis:')));
    expect(doc.statement).toEqual([
      {
        sid: 'ReadStream',
        effect: 'Allow',
        actions: ['kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:ListShards', 'kinesis:ListStreams'],
        resources: [expect.stringMatching(/^\$\{aws_kinesis_stream\.stream-clicks_stream_[A-Z0-9]+\.arn\}$/)],
      },
      { sid: 'DecryptStream', effect: 'Allow', actions: ['kms:Decrypt'], resources: [expect.stringMatching(/^\$\{aws_kms_key\.stream-clicks_key_[A-Z0-9]+\.arn\}$/)] },
      { sid: 'SendFailures', effect: 'Allow', actions: ['sqs:SendMessage'], resources: [expect.stringMatching(/^\$\{aws_sqs_queue\.stream-clicks-consumer_failure-queue_[A-Z0-9]+\.arn\}$/)] },
      { sid: 'EncryptFailures', effect: 'Allow', actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [expect.stringMatching(/^\$\{aws_kms_key\.stream-clicks-consumer_failure-key_[A-Z0-9]+\.arn\}$/)] },
    ]);
  });

  it('feeds the Kinesis consumer with bisect, bounded retries, partial batches, its filter and a failure queue', () => {
    expect(text).toHaveResourceWithProperties(LambdaEventSourceMapping, {
      function_name: ALIAS('worker'),
      starting_position: 'TRIM_HORIZON',
      batch_size: 100,
      bisect_batch_on_function_error: true,
      maximum_retry_attempts: 3,
      maximum_record_age_in_seconds: 86400,
      parallelization_factor: 2,
      function_response_types: ['ReportBatchItemFailures'],
      filter_criteria: { filter: [{ pattern: '{"data": {"kind": ["click"]}}' }] },
    });
    const mapping = Object.values<any>(s.resource.aws_lambda_event_source_mapping).find((m) => m.function_name === ALIAS('worker'));
    expect(mapping.destination_config.on_failure.destination_arn).toMatch(/aws_sqs_queue\.stream-clicks-consumer_failure-queue_[A-Z0-9]+\.arn/);
    expect(mapping.depends_on).toEqual([expect.stringMatching(/^aws_iam_role_policy\.stream-clicks-consumer_consumer-policy_[A-Z0-9]+$/)]);
    expect(text).toHaveResourceWithProperties(SqsQueue, { name: 'test-clicks-failures', message_retention_seconds: 1209600 });
  });

  it('reads the table stream of aws-data with its own failure queue and only the stream API on that stream', () => {
    const mapping = Object.values<any>(s.resource.aws_lambda_event_source_mapping).find((m) => m.function_name === ALIAS('audit'));
    expect(mapping).toMatchObject({ event_source_arn: ITEMS_STREAM, starting_position: 'LATEST', maximum_retry_attempts: 5, bisect_batch_on_function_error: true });
    expect(mapping.destination_config.on_failure.destination_arn).toMatch(/aws_sqs_queue\.table-stream-item-changes-consumer_failure-queue_[A-Z0-9]+\.arn/);
    expect(rolePolicy(s, 'test-audit-lambda').map((p) => p.name)).toEqual(['stream-source-test-item-changes-failures']);
    const doc = documents(s).find((d) => d.statement.some((x: any) => x.sid === 'ReadStream' && x.actions[0].startsWith('dynamodb:')));
    expect(doc.statement[0]).toEqual({ sid: 'ReadStream', effect: 'Allow', actions: ['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:DescribeStream', 'dynamodb:ListStreams'], resources: [ITEMS_STREAM] });
    expect(doc.statement[1]).toMatchObject({
      sid: 'DecryptTableStream',
      actions: ['kms:Decrypt'],
      resources: [expect.stringMatching(/^arn:\$\{data\.aws_partition\..*\}:kms:\$\{data\.aws_region\..*\}:\$\{data\.aws_caller_identity\..*\}:key\/\*$/)],
      condition: [{ test: 'ForAnyValue:StringEquals', variable: 'kms:ResourceAliases', values: ['alias/dynamodb/test-api-items'] }],
    });
    expect(doc.statement.map((x: any) => x.sid)).toEqual(['ReadStream', 'DecryptTableStream', 'SendFailures', 'EncryptFailures']);
  });

  it('alarms on iterator age and failure queue depth to the alert topic', () => {
    const alarms = Object.values<any>(s.resource.aws_cloudwatch_metric_alarm).map((a) => [a.alarm_name, a.alarm_actions]);
    expect(alarms).toEqual(
      expect.arrayContaining([
        ['test-clicks-iterator-age', [ALERTS.topicArn]],
        ['test-clicks-failures-depth', [ALERTS.topicArn]],
        ['test-item-changes-failures-depth', [ALERTS.topicArn]],
      ]),
    );
  });

  it('attaches no other role policy', () => {
    expect(Object.values<any>(s.resource.aws_iam_role_policy).map((p) => p.role).sort()).toEqual(['test-api-handler-lambda', 'test-audit-lambda', 'test-worker-lambda']);
    expect(text).toHaveResource(IamRolePolicy);
  });

  it('depends on aws-data only when it reads a table stream', () => {
    const dep = awsEventsFamily.conditionalDependsOn!.find((d) => d.family.id === 'aws-data')!;
    const config = testEnvironment(input()).section(awsEventsSection);
    expect(dep.when(config, testEnvironment())).toBe(true);
    expect(eventsNeedData({ ...config, tableStreams: {} })).toBe(false);
  });

  const validateEnv = () =>
    testEnvironment({
      aws: {
        alerts: { enabled: true },
        network: { enabled: true },
        data: { ...DATA_CONFIG, cache: {} },
        events: { ...EVENTS, queues: { work: { producers: ['api-handler'], consumer: { function: 'worker' }, visibilityTimeoutSeconds: 180 } } },
        functions: {
          enabled: true,
          functions: {
            ...FUNCTIONS_CONFIG.functions,
            audit: { code: 'apps/aws-pipeline', handler: 'handlers.store', vpc: true, cache: true, tables: { 'api-items': 'read-write' }, environmentFrom: { TABLE_NAME: { table: 'api-items' }, WORK_QUEUE_URL: { queue: 'work' }, EVENT_BUS_NAME: { bus: true } } },
          },
        },
      },
    });
  const cacheData = { ...DATA, cache: { primaryEndpoint: 'p.example', readerEndpoint: 'r.example', port: 6379, securityGroupId: 'sg-0cache0000000000', secretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:test-cache-app-AbCdEf' } };

  it('passes terraform validate, with the functions stack of the same environment (tables, cache, environmentFrom)', () => {
    const env = validateEnv();
    const results = validateStacks([
      familyStack(awsEventsFamily, env, { 'aws-alerts': ALERTS, 'aws-functions': FUNCTIONS, 'aws-data': cacheData }),
      familyStack(awsFunctionsFamily, env, { 'aws-alerts': ALERTS, 'aws-network': AWS_NETWORK, 'aws-data': cacheData }),
    ]);
    expect(results.map((r) => [r.stack, r.status, r.status === 'valid' ? '' : r.detail])).toEqual([
      ['test-aws-events', 'valid', ''],
      ['test-aws-functions', 'valid', ''],
    ]);
  });

  it('fails no error-level rule of the policy pack (events and functions stacks)', () => {
    const env = validateEnv();
    const app = Testing.app();
    familyStack(awsEventsFamily, env, { 'aws-alerts': ALERTS, 'aws-functions': FUNCTIONS, 'aws-data': cacheData }, { app });
    familyStack(awsFunctionsFamily, env, { 'aws-alerts': ALERTS, 'aws-network': AWS_NETWORK, 'aws-data': cacheData }, { app });
    const failing = runPolicyPack(app).findings.filter((f) => f.status === 'non-compliant');
    expect(failing.filter((f) => f.level === 'error').map((f) => `${f.rule} ${f.path}`)).toEqual([]);
  });

  it('refuses to build when the aws-data outputs lack the table stream', () => {
    const env = testEnvironment(input());
    expect(() => familyStack(awsEventsFamily, env, { 'aws-alerts': ALERTS, 'aws-functions': FUNCTIONS, 'aws-data': { ...DATA, tableStreamArns: {} } })).toThrow(
      /aws\.events tableStreams\.item-changes\.table names table "api-items", whose stream the aws-data outputs do not hold/,
    );
  });
});

describe('aws.events streams and table streams', () => {
  const problems = (events: Record<string, any>, data: Record<string, any> = DATA_CONFIG) => environmentProblems(input(events, data));
  const consumer = (c: Record<string, any>) => ({ enabled: true, streams: { clicks: { consumer: { function: 'worker', ...c } } } });

  it('accepts streams and table streams, with the defaults', () => {
    expect(problems(EVENTS)).toEqual([]);
    const config = testEnvironment(input()).section(awsEventsSection);
    expect(config.streams.metrics).toEqual({ shards: 2, retentionHours: 24, producers: [], maxIteratorAgeSeconds: 900 });
    expect(config.tableStreams['item-changes']!.consumer).toEqual({
      function: 'audit',
      startingPosition: 'LATEST',
      batchSize: 100,
      maximumBatchingWindowSeconds: 0,
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 5,
      maximumRecordAgeSeconds: 86400,
      parallelizationFactor: 1,
      reportBatchItemFailures: true,
      filterPatterns: [],
    });
  });

  it.each([
    [{ enabled: true, streams: { clicks: { retentionHours: 12 } } }, 'aws.events.streams.clicks.retentionHours 12 is not allowed; use 24 to 8760 hours (1 to 365 days)'],
    [{ enabled: true, streams: { clicks: { retentionHours: 8761 } } }, 'aws.events.streams.clicks.retentionHours 8761 is not allowed; use 24 to 8760 hours (1 to 365 days)'],
    [{ enabled: true, streams: { clicks: { shards: 0 } } }, 'aws.events.streams.clicks.shards 0 is not allowed; use 1 to 500 shards (the default account quota), or leave it out for on-demand capacity'],
    [consumer({ parallelizationFactor: 11 }), 'aws.events.streams.clicks.consumer.parallelizationFactor 11 is not allowed; use 1 to 10'],
    [consumer({ maximumRetryAttempts: 10001 }), 'aws.events.streams.clicks.consumer.maximumRetryAttempts 10001 is not allowed; use -1 (no limit) or 0 to 10000'],
    [consumer({ maximumRecordAgeSeconds: 59 }), 'aws.events.streams.clicks.consumer.maximumRecordAgeSeconds 59 is not allowed; use -1 (no limit) or 60 to 604800 seconds'],
    [consumer({ batchSize: 10001 }), 'aws.events.streams.clicks.consumer.batchSize 10001 is not allowed; use 1 to 10000'],
    [consumer({ tumblingWindowSeconds: 901 }), 'aws.events.streams.clicks.consumer.tumblingWindowSeconds 901 is not allowed; use 1 to 900 seconds'],
    [consumer({ startingPosition: 'AT_TIMESTAMP' }), 'aws.events.streams.clicks.consumer.startingPositionTimestamp is needed with AT_TIMESTAMP; give an RFC 3339 UTC time, e.g. "2026-01-01T00:00:00Z"'],
    [consumer({ filterPatterns: ['kind=click'] }), 'aws.events.streams.clicks.consumer.filterPatterns[0] "kind=click" is not a JSON object; give a filter pattern such as \'{"eventName": ["INSERT"]}\''],
    [consumer({ function: 'nope' }), 'aws.events.streams.clicks.consumer.function "nope" is not a function of aws.functions; use one of api-handler, worker, audit'],
    [{ enabled: true, streams: { clicks: { producers: ['nope'] } } }, 'aws.events.streams.clicks.producers[0] "nope" is not a function of aws.functions; use one of api-handler, worker, audit'],
    [{ enabled: true, tableStreams: { changes: { table: 'plain', consumer: { function: 'audit' } } } }, 'aws.events.tableStreams.changes.table "plain" has no stream; set aws.data.tables.plain.stream (e.g. NEW_AND_OLD_IMAGES) so it can be read'],
    [{ enabled: true, tableStreams: { changes: { table: 'orders', consumer: { function: 'audit' } } } }, 'aws.events.tableStreams.changes.table "orders" is not a table of aws.data.tables; use one of api-items, plain'],
    [{ enabled: true, tableStreams: { changes: { table: 'api-items', consumer: { function: 'audit', startingPosition: 'AT_TIMESTAMP', startingPositionTimestamp: '2026-01-01T00:00:00Z' } } } }, 'aws.events.tableStreams.changes.consumer.startingPosition "AT_TIMESTAMP" is not a starting position of a DynamoDB stream; use one of TRIM_HORIZON, LATEST'],
    [{ enabled: true, queues: { 'clicks-failures': {} }, streams: { clicks: { consumer: { function: 'worker' } } } }, 'aws.events.streams.clicks "test-clicks-failures" deploys a queue named "test-clicks-failures", which aws.events.queues.clicks-failures also deploys; rename one of them'],
  ])('refuses %j', (events, message) => {
    expect(problems(events)).toEqual([`config/test.yaml: ${message}`]);
  });

  it('refuses a table stream when aws.data is off', () => {
    expect(problems({ enabled: true, tableStreams: { changes: { table: 'api-items', consumer: { function: 'audit' } } } }, { enabled: false })).toEqual([
      'config/test.yaml: aws.events.tableStreams.changes.table "api-items" needs aws.data (its tables), but aws.data.enabled is not true; turn it on or remove the table stream',
    ]);
  });
});
