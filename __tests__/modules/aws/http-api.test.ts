import { Apigatewayv2Authorizer } from '@cdktf/provider-aws/lib/apigatewayv2-authorizer';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Testing } from 'cdktf';
import { HttpApi, type HttpApiProps } from '../../../modules/aws/http-api';

const FN = { functionName: 'orders-api', aliasName: 'live', aliasInvokeArn: 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:orders-api:live/invocations' };
const BASE: HttpApiProps = {
  name: 'orders',
  routes: [
    { routeKey: 'GET /health', function: FN, public: true },
    { routeKey: 'GET /items/{id}', function: FN },
    { routeKey: 'ANY /admin', function: FN },
  ],
};

const synth = (props: Partial<HttpApiProps> = {}): string => Testing.synthScope((s) => new HttpApi(s, 'api', { ...BASE, ...props }));
const resources = (json: string, type: string): any[] => Object.values(JSON.parse(json).resource[type] ?? {});
const build = (props: Partial<HttpApiProps>) => () => synth(props);

describe('HttpApi', () => {
  it('serves a $default stage with JSON access logs to a KMS log group and default throttling', () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(Apigatewayv2Stage, {
      name: '$default',
      auto_deploy: true,
      default_route_settings: { throttling_burst_limit: 100, throttling_rate_limit: 50, detailed_metrics_enabled: true },
    });
    const stage = resources(json, 'aws_apigatewayv2_stage')[0];
    expect(JSON.parse(stage.access_log_settings.format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    expect(stage.access_log_settings.destination_arn).toMatch(/aws_cloudwatch_log_group\.api_access-logs_[0-9A-F]+\.arn/);
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/apigateway/orders', retention_in_days: 365 });
    expect(resources(json, 'aws_cloudwatch_log_group')[0].kms_key_id).toMatch(/aws_kms_key\.api_key_[0-9A-F]+\.arn/);
  });

  it('scopes each Lambda permission to the API execution ARN, the method and the path, on the alias', () => {
    const perms = resources(synth(), 'aws_lambda_permission');
    expect(perms.map((p) => p.source_arn.replace(/^\$\{[^}]+\}/, '<api>')).sort()).toEqual([
      '<api>/*/*/admin',
      '<api>/*/GET/health',
      '<api>/*/GET/items/{id}',
    ]);
    for (const p of perms) {
      expect(p).toMatchObject({ principal: 'apigateway.amazonaws.com', action: 'lambda:InvokeFunction', qualifier: 'live', function_name: 'orders-api' });
      expect(p.source_arn).toMatch(/^\$\{aws_apigatewayv2_api\.api_[0-9A-F]+\.execution_arn\}/);
    }
  });

  it('puts the JWT authorizer on every route but the public ones', () => {
    const json = synth({ jwtAuthorizer: { issuer: 'https://auth.example.com/', audiences: ['orders-web'] } });
    expect(json).toHaveResourceWithProperties(Apigatewayv2Authorizer, {
      authorizer_type: 'JWT',
      identity_sources: ['$request.header.Authorization'],
      jwt_configuration: { issuer: 'https://auth.example.com/', audience: ['orders-web'] },
    });
    const routes = resources(json, 'aws_apigatewayv2_route');
    expect(Object.fromEntries(routes.map((r) => [r.route_key, r.authorization_type]))).toEqual({
      'GET /health': 'NONE',
      'GET /items/{id}': 'JWT',
      'ANY /admin': 'JWT',
    });
    expect(synth()).toHaveResourceWithProperties(Apigatewayv2Route, { route_key: 'GET /items/{id}', authorization_type: 'NONE' });
  });

  it('sets CORS and a 5xx alarm', () => {
    const json = synth({ cors: { allowOrigins: ['https://app.example.com'] }, alarmTopicArn: 'arn:aws:sns:eu-west-1:123456789012:ops' });
    const api = resources(json, 'aws_apigatewayv2_api')[0];
    expect(api.cors_configuration).toMatchObject({ allow_origins: ['https://app.example.com'], max_age: 3600, allow_credentials: false });
    expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: 'orders-5xx', metric_name: '5xx', namespace: 'AWS/ApiGateway' });
  });

  it('keys resources by route, not by position', () => {
    const ids = Object.keys(JSON.parse(synth()).resource.aws_apigatewayv2_route);
    expect(ids.some((i) => i.startsWith('api_route-get-items-id_'))).toBe(true);
  });

  describe('rejects bad input', () => {
    const cases: [string, Partial<HttpApiProps>, RegExp][] = [
      ['a malformed route key', { routes: [{ routeKey: 'FETCH /x', function: FN }] }, /prop routes\[0\]\.routeKey "FETCH \/x" is not a route key; use "\$default" or "<METHOD> \/path"/],
      ['a repeated route', { routes: [{ routeKey: 'GET /x', function: FN }, { routeKey: 'GET /x', function: FN }] }, /prop routes\[1\]\.routeKey "GET \/x" repeats route/],
      ['no routes', { routes: [] }, /prop routes \[\] is empty/],
      ['a rate above 10000', { throttlingRateLimit: 20000 }, /prop throttlingRateLimit 20000 is not allowed; use 0 to 10000/],
      ['an http issuer', { jwtAuthorizer: { issuer: 'http://auth', audiences: ['a'] } }, /prop jwtAuthorizer\.issuer "http:\/\/auth" is not an https URL/],
      ['no audience', { jwtAuthorizer: { issuer: 'https://auth', audiences: [] } }, /prop jwtAuthorizer\.audiences \[\] is empty/],
      ['wildcard origin with credentials', { cors: { allowOrigins: ['*'], allowCredentials: true } }, /prop cors\.allowOrigins \["\*"\] is "\*" with allowCredentials/],
    ];
    it.each(cases)('%s', (_n, props, pattern) => expect(build(props)).toThrow(pattern));
  });
});
