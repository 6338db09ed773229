import { Apigatewayv2Authorizer } from '@cdktf/provider-aws/lib/apigatewayv2-authorizer';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaProvisionedConcurrencyConfig } from '@cdktf/provider-aws/lib/lambda-provisioned-concurrency-config';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { execSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { environmentContext } from '../../../stacks';
import { AwsFunctionsStack } from '../../../stacks/aws-functions/aws-functions-stack';
import { awsFunctionsSection } from '../../../stacks/aws-functions/config';
import { awsFunctionsFamily } from '../../../stacks/aws-functions/family';
import type { AwsAlertsOutputs } from '../../../stacks/contracts';
import { familyStack, testEnvironment } from '../../helpers/environment';
import { AWS_DATABASE, AWS_NETWORK } from '../../helpers/outputs';

const ALERTS: AwsAlertsOutputs = { topicArn: 'arn:aws:sns:eu-west-1:123456789012:test-alerts', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/alerts' };
const JWT = { issuer: 'https://auth.example.com/', audiences: ['app'] };
const FN = {
  code: 'apps/aws-api-handler',
  exclude: ['tests/', 'requirements.txt'],
  routes: [{ route: 'GET /health', public: true }, { route: 'GET /items/{id}', scopes: ['items/read'] }],
};

function build(fn: Record<string, any> = {}, functions: Record<string, any> = {}, aws: Record<string, any> = {}): AwsFunctionsStack {
  const env = testEnvironment({
    aws: { alerts: { enabled: true }, functions: { enabled: true, api: { jwt: JWT }, functions: { 'api-handler': { ...FN, ...fn } }, ...functions }, ...aws },
  });
  return familyStack<AwsFunctionsStack>(awsFunctionsFamily, env, { 'aws-alerts': ALERTS, 'aws-network': AWS_NETWORK, 'aws-database': AWS_DATABASE });
}

function resources(json: string, type: string): any[] {
  return Object.values(JSON.parse(json).resource[type] ?? {});
}

describe('AwsFunctionsStack', () => {
  it('deploys each function as <env>-<name> with the secure defaults: arm64, JSON logs, X-Ray, KMS, dead-letter queue', () => {
    const json = Testing.synth(build());
    expect(json).toHaveResourceWithProperties(LambdaFunction, {
      function_name: 'test-api-handler',
      runtime: 'python3.13',
      architectures: ['arm64'],
      memory_size: 256,
      timeout: 10,
      publish: true,
      logging_config: expect.objectContaining({ log_format: 'JSON', application_log_level: 'INFO' }),
      tracing_config: { mode: 'Active' },
    });
    const fn = resources(json, 'aws_lambda_function')[0];
    expect(fn.kms_key_arn).toMatch(/aws_kms_key/);
    expect(fn.dead_letter_config.target_arn).toMatch(/aws_sqs_queue/);
    expect(fn.vpc_config).toBeUndefined();
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/lambda/test-api-handler', retention_in_days: 365 });
    expect(json).toHaveResourceWithProperties(LambdaAlias, { name: 'live' });
  });

  it('packages the code folder without the excluded paths, the same bytes on every synth', () => {
    const a = build().functions['api-handler']!.codeSha256;
    const b = build().functions['api-handler']!.codeSha256;
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).toBe(b);
    expect(build({ exclude: ['tests/'] }).functions['api-handler']!.codeSha256).not.toBe(a);
  });

  it('gives the same zip bytes from two copies of the code with different file times (two synth folders)', () => {
    const env = testEnvironment({ aws: { alerts: { enabled: true }, functions: { enabled: true, api: { jwt: JWT }, functions: { 'api-handler': FN } } } });
    const zips = [new Date('2001-01-01T00:00:00Z'), new Date('2025-06-30T12:34:56Z')].map((mtime) => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fn-root-'));
      fs.cpSync('apps/aws-api-handler', path.join(root, 'apps/aws-api-handler'), { recursive: true });
      const touch = (p: string): void => {
        for (const e of fs.readdirSync(p, { withFileTypes: true })) if (e.isDirectory()) touch(path.join(p, e.name));
        fs.utimesSync(p, mtime, mtime);
        for (const e of fs.readdirSync(p, { withFileTypes: true })) if (e.isFile()) fs.utimesSync(path.join(p, e.name), mtime, mtime);
      };
      touch(root);
      const app = Testing.app({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'fn-out-')) } as any);
      const stack = new AwsFunctionsStack(app, 'test-aws-functions', { environment: environmentContext(env), config: env.section(awsFunctionsSection), alerts: ALERTS, codeRoot: root });
      app.synth();
      const zip = execSync(`find ${app.outdir} -name '*.zip'`).toString().trim();
      return { sha: stack.functions['api-handler']!.codeSha256, bytes: fs.readFileSync(zip) };
    });
    expect(zips[0]!.sha).toBe(zips[1]!.sha);
    expect(zips[0]!.bytes.equals(zips[1]!.bytes)).toBe(true);
  });

  it('passes the config through: runtime, memory, timeout, concurrency, plain variables and secret references', () => {
    const secret = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders/api-key-AbCdEf';
    const json = Testing.synth(
      build({ runtime: 'nodejs22.x', handler: 'index.handler', memoryMb: 1024, timeoutSeconds: 30, reservedConcurrency: 5, provisionedConcurrency: 1, environment: { APP_VERSION: '2' }, secrets: { API_KEY: secret } }),
    );
    expect(json).toHaveResourceWithProperties(LambdaFunction, {
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      memory_size: 1024,
      timeout: 30,
      reserved_concurrent_executions: 5,
      environment: { variables: { POWERTOOLS_SERVICE_NAME: 'test-api-handler', APP_VERSION: '2', API_KEY: secret } },
    });
    expect(json).toHaveResourceWithProperties(LambdaProvisionedConcurrencyConfig, { provisioned_concurrent_executions: 1 });
    const policy = Object.values(JSON.parse(json).data.aws_iam_policy_document).find((d: any) => d.statement.some((s: any) => s.sid === 'ReadTheseSecrets')) as any;
    expect(policy.statement.find((s: any) => s.sid === 'ReadTheseSecrets').resources).toEqual([secret]);
  });

  it('fronts the routes with one HTTP API: JWT on protected routes, open public ones, throttled stage with access logs', () => {
    const json = Testing.synth(build());
    expect(json).toHaveResourceWithProperties(Apigatewayv2Authorizer, { authorizer_type: 'JWT', jwt_configuration: { issuer: JWT.issuer, audience: JWT.audiences } });
    expect(json).toHaveResourceWithProperties(Apigatewayv2Route, { route_key: 'GET /items/{id}', authorization_type: 'JWT', authorization_scopes: ['items/read'] });
    expect(json).toHaveResourceWithProperties(Apigatewayv2Route, { route_key: 'GET /health', authorization_type: 'NONE' });
    expect(json).toHaveResourceWithProperties(Apigatewayv2Stage, { name: '$default', default_route_settings: expect.objectContaining({ throttling_rate_limit: 50, throttling_burst_limit: 100 }) });
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/apigateway/test-api', retention_in_days: 365 });
    expect(JSON.parse(json).output.api_url).toBeDefined();
  });

  it('makes no API when no function has routes', () => {
    const stack = build({ routes: [] });
    expect(stack.api).toBeUndefined();
    expect(Testing.synth(stack)).not.toHaveResource(Apigatewayv2Stage);
  });

  it('sends every alarm to the environment alert topic', () => {
    const alarms = resources(Testing.synth(build()), 'aws_cloudwatch_metric_alarm');
    expect(alarms.map((a) => a.alarm_name).sort()).toEqual(['test-api-5xx', 'test-api-handler-dead-letters', 'test-api-handler-duration-near-timeout', 'test-api-handler-errors', 'test-api-handler-throttles']);
    for (const alarm of alarms) expect(alarm.alarm_actions).toEqual([ALERTS.topicArn]);
    expect(Testing.synth(build())).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: 'test-api-handler-duration-near-timeout', threshold: 8000 });
  });

  it('places a vpc function in the private subnets and grants the database: ingress on its group and rds-db:connect', () => {
    const json = Testing.synth(build({ vpc: true, database: 'read-write' }, {}, { database: { enabled: true } }));
    expect(json).toHaveResourceWithProperties(LambdaFunction, { vpc_config: expect.objectContaining({ subnet_ids: AWS_NETWORK.privateSubnetIds }) });
    expect(json).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { security_group_id: AWS_DATABASE.securityGroupId, from_port: 5432, to_port: 5432 });
    expect(json).toContain(`dbuser:${AWS_DATABASE.resourceId}/api_handler`);
  });

  it('uses the network and database only when the config needs them', () => {
    const env = testEnvironment({ aws: { alerts: { enabled: true }, functions: { enabled: true, api: { jwt: JWT }, functions: { f: FN } } } });
    expect(() => familyStack(awsFunctionsFamily, env, { 'aws-alerts': ALERTS })).not.toThrow();
  });

  it('configures the AWS provider and the S3 backend', () => {
    const json = JSON.parse(Testing.synth(build()));
    expect(json.provider.aws[0]).toMatchObject({ region: 'eu-west-1', allowed_account_ids: ['123456789012'] });
    expect(json.terraform.backend.s3).toMatchObject({ key: 'test/test-aws-functions.tfstate', encrypt: true });
  });
});
