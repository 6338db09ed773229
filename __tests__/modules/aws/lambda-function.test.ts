import * as path from 'path';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { LambdaFunction as LambdaFunctionResource } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaProvisionedConcurrencyConfig } from '@cdktf/provider-aws/lib/lambda-provisioned-concurrency-config';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Testing } from 'cdktf';
import { LAMBDA_DEFAULTS, LAMBDA_LIMITS, LambdaFunction, type LambdaFunctionProps, lambdaRoleName } from '../../../modules/aws/lambda-function';

const CODE = path.resolve(__dirname, '..', '..', '..', 'apps', 'aws-api-handler');
const BASE: LambdaFunctionProps = { functionName: 'orders-api', codeFolder: CODE };
const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders/db-AbCdEf';
const PARAM = 'arn:aws:ssm:eu-west-1:123456789012:parameter/orders/api-token';

const cache = new Map<string, string>();
function synth(props: Partial<LambdaFunctionProps> = {}): string {
  const key = JSON.stringify(props);
  if (!cache.has(key)) cache.set(key, Testing.synthScope((s) => new LambdaFunction(s, 'fn', { ...BASE, ...props })));
  return cache.get(key)!;
}
const parsed = (props: Partial<LambdaFunctionProps> = {}): any => JSON.parse(synth(props));
const one = (props: Partial<LambdaFunctionProps>, type: string): any => Object.values(parsed(props).resource[type])[0];
function policyStatements(props: Partial<LambdaFunctionProps> = {}): any[] {
  const docs = parsed(props).data.aws_iam_policy_document;
  const [, doc] = Object.entries(docs).find(([name]) => name.startsWith('fn_policy'))! as [string, any];
  return doc.statement;
}
const build = (props: Partial<LambdaFunctionProps>) => () => Testing.synthScope((s) => new LambdaFunction(s, 'fn', { ...BASE, ...props }));

describe('LambdaFunction', () => {
  it('exports its defaults and limits', () => {
    expect(LAMBDA_DEFAULTS).toMatchObject({ runtime: 'python3.13', architecture: 'arm64', aliasName: 'live' });
    expect(LAMBDA_LIMITS).toMatchObject({ memoryMb: [128, 10240], timeoutSeconds: [1, 900] });
  });

  it('creates an arm64 python3.13 function from the reproducible zip, published', () => {
    const fn = one({}, 'aws_lambda_function');
    expect(fn).toMatchObject({
      function_name: 'orders-api',
      runtime: 'python3.13',
      architectures: ['arm64'],
      handler: 'app.handler',
      memory_size: 256,
      timeout: 10,
      publish: true,
    });
    expect(fn.filename).toMatch(/^assets\/fn_code_[0-9A-F]+\/[0-9a-f]{64}\/[0-9a-f]{64}\.zip$/);
    expect(fn.source_code_hash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  describe('secure defaults that must not be dropped', () => {
    it('writes JSON logs to a log group created up front, kept 365 days, encrypted with the key', () => {
      expect(synth()).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/lambda/orders-api', retention_in_days: 365 });
      const group = one({}, 'aws_cloudwatch_log_group');
      expect(group.kms_key_id).toMatch(/aws_kms_key\.fn_key_[0-9A-F]+\.arn/);
      const fn = one({}, 'aws_lambda_function');
      expect(fn.logging_config).toMatchObject({ log_format: 'JSON' });
      expect(fn.logging_config.log_group).toMatch(/aws_cloudwatch_log_group\.fn_log-group_[0-9A-F]+\.name/);
      expect(fn.depends_on.join()).toMatch(/aws_cloudwatch_log_group\.fn_log-group/);
    });

    it('creates a rotating customer key when none is given, and encrypts the environment with it', () => {
      expect(synth()).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
      expect(one({}, 'aws_lambda_function').kms_key_arn).toMatch(/aws_kms_key\.fn_key_[0-9A-F]+\.arn/);
      const json = parsed({ kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/abc' });
      expect(json.resource.aws_kms_key).toBeUndefined();
    });

    it('traces with X-Ray in active mode', () => {
      expect(synth()).toHaveResourceWithProperties(LambdaFunctionResource, { tracing_config: { mode: 'Active' } });
    });

    it('sends failed async events to a KMS-encrypted dead-letter queue', () => {
      const queue = one({}, 'aws_sqs_queue');
      expect(queue.name).toBe('orders-api-dlq');
      expect(queue.kms_master_key_id).toMatch(/aws_kms_key\.fn_key_[0-9A-F]+\.arn/);
      expect(one({}, 'aws_lambda_function').dead_letter_config.target_arn).toMatch(/aws_sqs_queue\.fn_dead-letter-queue_[0-9A-F]+\.arn/);
      expect(synth()).toHaveResource(SqsQueue);
    });

    it('publishes behind the alias live', () => {
      const alias = one({}, 'aws_lambda_alias');
      expect(alias.name).toBe('live');
      expect(alias.function_version).toMatch(/aws_lambda_function\.fn_function_[0-9A-F]+\.version/);
      expect(synth()).toHaveResource(LambdaAlias);
    });

    it('lets the role write only its own log group', () => {
      const logs = policyStatements().find((s) => s.sid === 'WriteOwnLogGroup');
      expect(logs.actions).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
      expect(logs.resources).toHaveLength(1);
      expect(logs.resources[0]).toMatch(/^\$\{aws_cloudwatch_log_group\.fn_log-group_[0-9A-F]+\.arn\}:\*$/);
      expect(policyStatements().some((s) => s.actions.includes('secretsmanager:GetSecretValue'))).toBe(false);
    });

    it('alarms on errors, throttles and duration above 80% of the timeout', () => {
      const json = synth({ timeoutSeconds: 30, alarmTopicArn: 'arn:aws:sns:eu-west-1:123456789012:ops' });
      expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: 'orders-api-errors', metric_name: 'Errors', threshold: 0, alarm_actions: ['arn:aws:sns:eu-west-1:123456789012:ops'] });
      expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: 'orders-api-throttles', metric_name: 'Throttles' });
      expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: 'orders-api-duration-near-timeout', metric_name: 'Duration', statistic: 'Maximum', threshold: 24000 });
      expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: 'orders-api-dead-letters', namespace: 'AWS/SQS', metric_name: 'ApproximateNumberOfMessagesVisible' });
    });
  });

  it('passes secrets as references and lets the role read exactly those', () => {
    const props = { secrets: { DB_SECRET_ARN: SECRET, API_TOKEN_PARAM: PARAM }, environment: { LOG_LEVEL: 'INFO' } };
    const fn = one(props, 'aws_lambda_function');
    expect(fn.environment.variables).toEqual({ POWERTOOLS_SERVICE_NAME: 'orders-api', LOG_LEVEL: 'INFO', DB_SECRET_ARN: SECRET, API_TOKEN_PARAM: PARAM });
    const statements = policyStatements(props);
    expect(statements.find((s) => s.sid === 'ReadTheseSecrets').resources).toEqual([SECRET]);
    expect(statements.find((s) => s.sid === 'ReadTheseParameters').resources).toEqual([PARAM]);
  });

  it('leaves the listed paths out of the package', () => {
    const all = one({}, 'aws_lambda_function').source_code_hash;
    const trimmed = one({ codeExclude: ['tests/', 'requirements.txt'] }, 'aws_lambda_function').source_code_hash;
    expect(trimmed).not.toBe(all);
    const unknown = one({ codeExclude: ['no-such-file.txt'] }, 'aws_lambda_function').source_code_hash;
    expect(unknown).toBe(all);
  });

  it('adds the Powertools layer, reserved and provisioned concurrency', () => {
    const layer = 'arn:aws:lambda:eu-west-1:017000801446:layer:AWSLambdaPowertoolsPythonV3-python313-arm64:7';
    const extra = 'arn:aws:lambda:eu-west-1:123456789012:layer:shared:3';
    const json = synth({ powertoolsLayerArn: layer, layerArns: [extra], reservedConcurrency: 20, provisionedConcurrency: 2 });
    expect(json).toHaveResourceWithProperties(LambdaFunctionResource, { layers: [layer, extra], reserved_concurrent_executions: 20 });
    expect(json).toHaveResourceWithProperties(LambdaProvisionedConcurrencyConfig, { provisioned_concurrent_executions: 2 });
    expect(JSON.parse(json).resource.aws_lambda_provisioned_concurrency_config).toBeDefined();
    expect(parsed().resource.aws_lambda_provisioned_concurrency_config).toBeUndefined();
  });

  it('runs in the given subnets with its own security group, and reaches a database through a grant', () => {
    const props: Partial<LambdaFunctionProps> = {
      vpc: { vpcId: 'vpc-1', subnetIds: ['subnet-a', 'subnet-b'] },
      databaseAccess: [{ name: 'orders', databaseSecurityGroupId: 'sg-db', resourceId: 'db-ABCDEFGHIJ', dbUser: 'orders_app' }],
    };
    const fn = one(props, 'aws_lambda_function');
    expect(fn.vpc_config.subnet_ids).toEqual(['subnet-a', 'subnet-b']);
    expect(fn.vpc_config.security_group_ids[0]).toMatch(/aws_security_group\.fn_security-group_[0-9A-F]+\.id/);
    expect(synth(props)).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { security_group_id: 'sg-db', from_port: 5432, to_port: 5432 });
    const connect = policyStatements(props).find((s) => s.actions.includes('rds-db:connect'));
    expect(connect.resources[0]).toMatch(/^arn:\$\{data\.aws_partition\.[^}]+\}:rds-db:\$\{data\.aws_region\.[^}]+\}:\$\{data\.aws_caller_identity\.[^}]+\}:dbuser:db-ABCDEFGHIJ\/orders_app$/);
  });

  describe('rejects bad input', () => {
    const cases: [string, Partial<LambdaFunctionProps>, RegExp][] = [
      ['memory below 128', { memoryMb: 64 }, /prop memoryMb 64 is not allowed; use 128 to 10240 MB/],
      ['memory above 10240', { memoryMb: 10241 }, /prop memoryMb 10241 is not allowed; use 128 to 10240 MB/],
      ['timeout above 900', { timeoutSeconds: 901 }, /prop timeoutSeconds 901 is not allowed; use 1 to 900 seconds/],
      ['timeout 0', { timeoutSeconds: 0 }, /prop timeoutSeconds 0 is not allowed; use 1 to 900 seconds/],
      ['an unknown runtime', { runtime: 'python3.8' }, /prop runtime "python3.8" is not supported; use one of python3.13, nodejs22.x/],
      ['an unknown architecture', { architecture: 'sparc' }, /prop architecture "sparc" is not supported; use one of arm64, x86_64/],
      ['a retention CloudWatch refuses', { logRetentionDays: 42 }, /prop logRetentionDays 42 is not allowed; use one of 1, 3/],
      ['provisioned above reserved', { reservedConcurrency: 2, provisionedConcurrency: 5 }, /prop provisionedConcurrency 5 is above reservedConcurrency 2/],
      ['a literal secret in the environment', { environment: { DB_PASSWORD: 'hunter2' } }, /prop environment\.DB_PASSWORD \(value hidden\) looks like a secret given as a literal; put it in "secrets"/],
      ['a literal API key', { environment: { STRIPE_API_KEY: 'sk_live_x' } }, /prop environment\.STRIPE_API_KEY \(value hidden\) looks like a secret/],
      ['a secret that is not a reference', { secrets: { TOKEN: 'abc' } }, /prop secrets\.TOKEN \(value hidden\) is not a secret reference; use a Secrets Manager secret ARN/],
      ['database access outside a VPC', { databaseAccess: [{ name: 'db', databaseSecurityGroupId: 'sg-1', resourceId: 'db-ABC', dbUser: 'app' }] }, /prop databaseAccess \["db"\] needs the function in a VPC/],
      ['a layer ARN without version', { powertoolsLayerArn: 'arn:aws:lambda:eu-west-1:017000801446:layer:AWSLambdaPowertoolsPythonV3-python313-arm64' }, /prop powertoolsLayerArn "arn:aws:lambda:.*\.\.\. is not a versioned layer ARN; use arn:aws:lambda:<region>:<account>:layer:<name>:<version>/],
      ['a bad function name', { functionName: 'orders api' }, /prop functionName "orders api" is not a function name/],
    ];
    it.each(cases)('%s', (_name, props, pattern) => {
      expect(build(props)).toThrow(pattern);
    });

    it('never shows the literal secret in the message', () => {
      expect(build({ environment: { DB_PASSWORD: 'hunter2' } })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
    });

    it('accepts a secret-looking name that holds a reference', () => {
      expect(build({ environment: { DB_SECRET_ARN: SECRET } })).not.toThrow();
    });
  });
});

describe('LambdaFunction table and cache access', () => {
  const TABLE = 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders';
  const VPC = { vpcId: 'vpc-123', subnetIds: ['subnet-a', 'subnet-b'] };
  const CACHE = { name: 'cache', securityGroupId: 'sg-0cache0000000000', port: 6379, secretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-cache-AbCdEf', kmsKeyAlias: 'alias/elasticache/orders-cache' };

  it('names its role <function>-lambda (other stacks attach grants to it by that name)', () => {
    expect(one({}, 'aws_iam_role').name).toBe('orders-api-lambda');
    expect(lambdaRoleName('orders-api')).toBe('orders-api-lambda');
  });

  it('grants read-write on the table and its indexes, and its key through DynamoDB only', () => {
    const st = policyStatements({ tableAccess: [{ name: 'orders', tableArn: TABLE, access: 'read-write', kmsKeyAlias: 'alias/dynamodb/orders' }] });
    expect(st.find((s) => s.sid === 'Tableorders')).toEqual({
      sid: 'Tableorders',
      effect: 'Allow',
      actions: ['dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', 'dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:UpdateItem'],
      resources: [TABLE, `${TABLE}/index/*`],
    });
    const key = st.find((s) => s.sid === 'TableKeyorders');
    expect(key.actions).toEqual(['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*']);
    expect(key.condition[0]).toEqual({ test: 'ForAnyValue:StringEquals', variable: 'kms:ResourceAliases', values: ['alias/dynamodb/orders'] });
    expect(key.condition[1]).toMatchObject({ test: 'StringEquals', variable: 'kms:ViaService' });
    expect(key.condition[1].values[0]).toMatch(/^dynamodb\./);
  });

  it('grants only the reads for read access, and no key statement without an alias', () => {
    const st = policyStatements({ tableAccess: [{ name: 'orders', tableArn: TABLE, access: 'read' }] });
    expect(st.find((s) => s.sid === 'Tableorders').actions).toEqual(['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan']);
    expect(st.find((s) => s.sid === 'TableKeyorders')).toBeUndefined();
  });

  it('opens the cache port from the function group to the cache group, and reads exactly the cache secret', () => {
    const out = synth({ vpc: VPC, cacheAccess: [CACHE] });
    expect(out).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { security_group_id: 'sg-0cache0000000000', ip_protocol: 'tcp', from_port: 6379, to_port: 6379, referenced_security_group_id: expect.stringMatching(/aws_security_group\.fn_security-group_[A-Z0-9]+\.id/) });
    const st = policyStatements({ vpc: VPC, cacheAccess: [CACHE] });
    expect(st.find((s) => s.sid === 'ReadCacheSecretcache')).toEqual({ sid: 'ReadCacheSecretcache', effect: 'Allow', actions: ['secretsmanager:GetSecretValue'], resources: [CACHE.secretArn] });
    const key = st.find((s) => s.sid === 'CacheSecretKeycache');
    expect(key.actions).toEqual(['kms:Decrypt']);
    expect(key.condition[0].values).toEqual(['alias/elasticache/orders-cache']);
    expect(key.condition[1].values[0]).toMatch(/^secretsmanager\./);
  });

  it('refuses cache access outside a VPC and an unknown table grant', () => {
    expect(build({ cacheAccess: [CACHE] })).toThrow(/prop cacheAccess \["cache"\] needs the function in a VPC; set "vpc" too/);
    expect(build({ tableAccess: [{ name: 'orders', tableArn: TABLE, access: 'admin' as any }] })).toThrow(/prop tableAccess\[0\]\.access "admin" is not a table grant; use one of read, read-write/);
  });
});
