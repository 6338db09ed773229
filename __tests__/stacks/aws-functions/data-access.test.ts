import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Testing } from 'cdktf';
import { awsEventsSection } from '../../../stacks/aws-events/config';
import type { AwsFunctionsStack } from '../../../stacks/aws-functions/aws-functions-stack';
import { awsFunctionsSection, functionsNeedData, functionsNeedNetwork } from '../../../stacks/aws-functions/config';
import { awsFunctionsFamily } from '../../../stacks/aws-functions/family';
import type { AwsAlertsOutputs, AwsDataOutputs } from '../../../stacks/contracts';
import { environmentProblems, familyStack, loadEnvironments, testEnvironment } from '../../helpers/environment';
import { AWS_NETWORK } from '../../helpers/outputs';

const ALERTS: AwsAlertsOutputs = { topicArn: 'arn:aws:sns:eu-west-1:123456789012:test-alerts', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/alerts' };
const TABLE_ARN = 'arn:aws:dynamodb:eu-west-1:123456789012:table/test-api-items';
const CACHE_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:test-cache-app-AbCdEf';
const DATA: AwsDataOutputs = {
  bucketNames: {},
  bucketArns: {},
  tableNames: { 'api-items': 'test-api-items' },
  tableArns: { 'api-items': TABLE_ARN },
  tableStreamArns: {},
  cache: { primaryEndpoint: 'master.test-cache.example', readerEndpoint: 'replica.test-cache.example', port: 6379, securityGroupId: 'sg-0cache0000000000', secretArn: CACHE_SECRET, kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/cache-key' },
};
const DATA_CONFIG = { enabled: true, tables: { 'api-items': { partitionKey: { name: 'pk' } } }, cache: {} };
const FN = { code: 'apps/aws-pipeline' };
const FUNCTIONS = {
  enabled: true,
  functions: {
    store: { ...FN, handler: 'handlers.store', tables: { 'api-items': 'read-write' }, environmentFrom: { TABLE_NAME: { table: 'api-items' } } },
    reader: { ...FN, tables: { 'api-items': 'read' }, vpc: true, cache: true },
    sender: { ...FN, environmentFrom: { WORK_QUEUE_URL: { queue: 'work' }, EVENT_BUS_NAME: { bus: true }, CLICKS_STREAM: { stream: 'clicks' } } },
  },
};
const EVENTS = { enabled: true, queues: { work: {} }, streams: { clicks: {} } };
const input = (functions: Record<string, any> = FUNCTIONS, data: Record<string, any> = DATA_CONFIG, events: Record<string, any> = EVENTS) => ({
  aws: { alerts: { enabled: true }, network: { enabled: true }, functions, data, events },
});

function synth(): any {
  const env = testEnvironment(input());
  return JSON.parse(Testing.synth(familyStack<AwsFunctionsStack>(awsFunctionsFamily, env, { 'aws-alerts': ALERTS, 'aws-network': AWS_NETWORK, 'aws-data': DATA })));
}
const statements = (s: any) => Object.values<any>(s.data.aws_iam_policy_document).flatMap((d) => d.statement);
const fnNamed = (s: any, name: string) => Object.values<any>(s.resource.aws_lambda_function).find((f) => f.function_name === name);

describe('AwsFunctionsStack tables, cache and environmentFrom', () => {
  const s = synth();
  const text = JSON.stringify(s);

  it('gives a read-write function exactly the item actions on its table and indexes', () => {
    expect(statements(s).find((x: any) => x.sid === 'Tableapiitems' && x.actions.includes('dynamodb:PutItem'))).toEqual({
      sid: 'Tableapiitems',
      effect: 'Allow',
      actions: [
        'dynamodb:BatchGetItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:DeleteItem',
        'dynamodb:DescribeTable',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:Scan',
        'dynamodb:UpdateItem',
      ],
      resources: [TABLE_ARN, `${TABLE_ARN}/index/*`],
    });
  });

  it('gives a read function only the reads', () => {
    const read = statements(s).filter((x: any) => x.sid === 'Tableapiitems' && !x.actions.includes('dynamodb:PutItem'));
    expect(read).toEqual([
      { sid: 'Tableapiitems', effect: 'Allow', actions: ['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'], resources: [TABLE_ARN, `${TABLE_ARN}/index/*`] },
    ]);
  });

  it('lets the table grants use the table key only through DynamoDB and only the key with the table alias', () => {
    const keys = statements(s).filter((x: any) => x.sid === 'TableKeyapiitems');
    expect(keys.map((k: any) => k.actions)).toEqual(
      expect.arrayContaining([
        ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
        ['kms:Decrypt', 'kms:DescribeKey'],
      ]),
    );
    for (const k of keys) {
      expect(k.resources).toEqual([expect.stringMatching(/^arn:\$\{data\.aws_partition\..+\}:kms:\$\{data\.aws_region\..+\}:\$\{data\.aws_caller_identity\..+\}:key\/\*$/)]);
      expect(k.condition).toEqual([
        { test: 'ForAnyValue:StringEquals', variable: 'kms:ResourceAliases', values: ['alias/dynamodb/test-api-items'] },
        { test: 'StringEquals', variable: 'kms:ViaService', values: [expect.stringMatching(/^dynamodb\.\$\{data\.aws_region\..+\}\.\$\{data\.aws_partition\..+\.dns_suffix\}$/)] },
      ]);
    }
  });

  it('lets a cache function reach the cache security group on its port and read its secret', () => {
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { security_group_id: 'sg-0cache0000000000', ip_protocol: 'tcp', from_port: 6379, to_port: 6379, referenced_security_group_id: expect.stringMatching(/aws_security_group\.function-reader_security-group/) });
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, { referenced_security_group_id: 'sg-0cache0000000000', ip_protocol: 'tcp', from_port: 6379, to_port: 6379 });
    expect(statements(s).find((x: any) => x.sid === 'ReadCacheSecretcache')).toEqual({ sid: 'ReadCacheSecretcache', effect: 'Allow', actions: ['secretsmanager:GetSecretValue'], resources: [CACHE_SECRET] });
    expect(statements(s).find((x: any) => x.sid === 'CacheSecretKeycache').condition[0]).toEqual({ test: 'ForAnyValue:StringEquals', variable: 'kms:ResourceAliases', values: ['alias/elasticache/test-cache'] });
  });

  it('hands the functions the queue URL, bus, stream and table names from the config, never typed by hand', () => {
    const sender = fnNamed(s, 'test-sender').environment.variables;
    expect(sender.WORK_QUEUE_URL).toMatch(/^https:\/\/sqs\.\$\{data\.aws_region\..+\}\.\$\{data\.aws_partition\..+\.dns_suffix\}\/\$\{data\.aws_caller_identity\..+\.account_id\}\/test-work$/);
    expect(sender).toMatchObject({ EVENT_BUS_NAME: 'test-events', CLICKS_STREAM: 'test-clicks' });
    expect(fnNamed(s, 'test-store').environment.variables.TABLE_NAME).toBe('test-api-items');
    expect(text).toHaveResourceWithProperties(LambdaFunction, { function_name: 'test-store', handler: 'handlers.store' });
  });

  it('builds functions without routes and no HTTP API', () => {
    expect(s.resource.aws_apigatewayv2_api).toBeUndefined();
    expect(Object.values<any>(s.resource.aws_lambda_function)).toHaveLength(3);
  });

  it('depends on aws-data only when a function uses a table or the cache', () => {
    const of = (fn: Record<string, any>) => testEnvironment(input({ enabled: true, functions: { f: { ...FN, ...fn } } })).section(awsFunctionsSection);
    expect(functionsNeedData(of({}))).toBe(false);
    expect(functionsNeedData(of({ tables: { 'api-items': 'read' } }))).toBe(true);
    expect(functionsNeedData(of({ environmentFrom: { T: { table: 'api-items' } } }))).toBe(true);
    expect([functionsNeedData(of({ vpc: true, cache: true })), functionsNeedNetwork(of({ vpc: true, cache: true }))]).toEqual([true, true]);
    expect(awsFunctionsFamily.conditionalDependsOn!.map((d) => d.family.id)).toEqual(['aws-network', 'aws-database', 'aws-data']);
  });
});

describe('aws.functions tables, cache and environmentFrom checks', () => {
  const at = 'config/test.yaml: aws.functions.functions.f';
  const problemsOf = (fn: Record<string, any>, data: Record<string, any> = DATA_CONFIG, events: Record<string, any> = EVENTS) =>
    environmentProblems(input({ enabled: true, functions: { f: { ...FN, ...fn } } }, data, events));

  it('accepts the grants and references of the example', () => {
    expect(environmentProblems(input())).toEqual([]);
  });

  it.each([
    ['an unknown table', { tables: { orders: 'read' } }, `${at}.tables.orders "orders" is not a table of aws.data.tables; use one of api-items`],
    ['an unknown grant', { tables: { 'api-items': 'admin' } }, `${at}.tables.api-items "admin" is not allowed; allowed values: "read", "read-write"`],
    ['the cache outside the VPC', { cache: true }, `${at}.cache true needs the function in the VPC; set vpc: true too`],
    ['an empty reference', { environmentFrom: { X: {} } }, `${at}.environmentFrom.X [] is empty: it names nothing; give exactly one of queue, bus: true, stream, table`],
    ['a reference naming two things', { environmentFrom: { X: { queue: 'work', bus: true } } }, `${at}.environmentFrom.X ["queue","bus"] are all named; give exactly one of queue, bus: true, stream, table`],
    ['a reserved variable', { environmentFrom: { AWS_REGION: { bus: true } } }, `${at}.environmentFrom.AWS_REGION "AWS_REGION" is reserved by the Lambda runtime`],
    ['a variable set twice', { environment: { X: '1' }, environmentFrom: { X: { bus: true } } }, `${at}.environmentFrom.X "X" is also set in environment or secrets; set each variable once`],
    ['an unknown table reference', { environmentFrom: { T: { table: 'orders' } } }, `${at}.environmentFrom.T.table "orders" is not a table of aws.data.tables; use one of api-items`],
    ['an unknown queue reference', { environmentFrom: { Q: { queue: 'nope' } } }, `${at}.environmentFrom.Q.queue "nope" is not a queue of aws.events.queues; use one of work`],
    ['an unknown stream reference', { environmentFrom: { S: { stream: 'nope' } } }, `${at}.environmentFrom.S.stream "nope" is not a stream of aws.events.streams; use one of clicks`],
  ])('refuses %s', (_name, fn, message) => {
    const out = problemsOf(fn);
    expect(out).toHaveLength(1);
    expect(out[0]).toContain(message);
  });

  it('refuses the cache when aws.data has none, and a table when aws.data is off', () => {
    expect(problemsOf({ vpc: true, cache: true }, { enabled: true })).toEqual([
      `${at}.cache true needs the cache of aws.data, but aws.data.cache is not set (or aws.data is off); add the cache or remove cache: true`,
    ]);
    expect(problemsOf({ tables: { 'api-items': 'read' } }, { enabled: false })).toEqual([
      `${at}.tables.api-items "api-items" needs aws.data (its tables), but aws.data.enabled is not true; turn it on or remove the table`,
    ]);
  });

  it('refuses a queue or the bus while aws.events is off', () => {
    expect(problemsOf({ environmentFrom: { Q: { queue: 'work' }, B: { bus: true } } }, DATA_CONFIG, { enabled: false })).toEqual([
      `${at}.environmentFrom.Q.queue "work" names a queue of aws.events, but aws.events.enabled is not true; turn it on or remove the variable`,
      `${at}.environmentFrom.B.bus true names the bus of aws.events, but aws.events.enabled is not true; turn it on or remove the variable`,
    ]);
  });
});

describe('the shipped example flow', () => {
  it('runs api-handler -> work -> worker -> bus -> ingest, analyse, store on dedicated functions in every environment', () => {
    for (const { config } of loadEnvironments('config')) {
      const functions = config.section(awsFunctionsSection).functions;
      const events = config.section(awsEventsSection);
      expect(functions['api-handler']!.environmentFrom).toEqual({ WORK_QUEUE_URL: { queue: 'work' } });
      expect(functions.worker).toMatchObject({ code: 'apps/aws-worker', routes: [], environmentFrom: { EVENT_BUS_NAME: { bus: true } } });
      expect(functions['item-store']).toMatchObject({ code: 'apps/aws-pipeline', handler: 'handlers.store', tables: { 'api-items': 'read-write' }, environmentFrom: { TABLE_NAME: { table: 'api-items' } } });
      expect(Object.values(functions).filter((f) => Object.keys(f.tables).length > 0)).toHaveLength(1);
      expect(events.queues.work).toMatchObject({ producers: ['api-handler'], consumer: { function: 'worker' } });
      expect(events.bus.publishers).toEqual(['worker']);
      expect(events.stateMachines['item-pipeline']!.resources).toEqual({ ingest: { function: 'item-ingest' }, analyse: { function: 'item-analyse' }, store: { function: 'item-store' } });
    }
  });
});
