import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Authorizer } from '@cdktf/provider-aws/lib/apigatewayv2-authorizer';
import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { CLOUDWATCH_RETENTION_ALLOWED, isCloudwatchRetention } from './log-retention';
import { metricAlarm } from './private/alarm';
import { CustomerKey } from './private/customer-key';
import { idFor } from './private/ids';

/** Defaults of {@link HttpApi}. */
export const HTTP_API_DEFAULTS = {
  throttlingBurstLimit: 100,
  throttlingRateLimit: 50,
  logRetentionDays: 365,
  /** 5xx responses per minute that raise the alarm. */
  serverErrorAlarmThreshold: 5,
  corsMaxAgeSeconds: 3600,
} as const;

/** Limits of {@link HttpApi}. @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html */
export const HTTP_API_LIMITS = {
  throttlingBurstLimit: [0, 5000],
  throttlingRateLimit: [0, 10000],
  corsMaxAgeSeconds: [0, 86400],
} as const;

/** HTTP methods of a route key. */
export const HTTP_API_METHODS = ['ANY', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** Problem with a route key, or undefined when API Gateway accepts it (`GET /items/{id}`, `$default`). */
export function routeKeyProblem(routeKey: string): string | undefined {
  if (routeKey === '$default') return undefined;
  const [method, path, ...rest] = routeKey.split(' ');
  if (rest.length || !method || !path || !(HTTP_API_METHODS as readonly string[]).includes(method) || !/^\/[A-Za-z0-9._~\-/{}+]*$/.test(path)) {
    return `is not a route key; use "$default" or "<METHOD> /path" with METHOD one of ${HTTP_API_METHODS.join(', ')}`;
  }
  return undefined;
}

/** A function a route invokes: a {@link LambdaFunction} fits. */
export interface HttpApiFunction {
  readonly functionName: string;
  /** Alias invoked (its permission is scoped to it). */
  readonly aliasName: string;
  /** Invoke ARN of the alias. */
  readonly aliasInvokeArn: string;
}

/** One route. */
export interface HttpApiRoute {
  /** Route key, `GET /items/{id}` or `$default`. */
  readonly routeKey: string;
  /** Function that serves the route. */
  readonly function: HttpApiFunction;
  /** Serve the route without the JWT authorizer (e.g. health checks). @default false */
  readonly public?: boolean;
  /** OAuth scopes the JWT must carry. @default - none */
  readonly authorizationScopes?: string[];
}

/** CORS of the API. */
export interface HttpApiCors {
  /** Allowed origins (exact, https). */
  readonly allowOrigins: string[];
  /** @default ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] */
  readonly allowMethods?: string[];
  /** @default ["authorization", "content-type"] */
  readonly allowHeaders?: string[];
  /** @default false */
  readonly allowCredentials?: boolean;
  /** @default 3600 */
  readonly maxAgeSeconds?: number;
}

/** JWT authorizer settings. */
export interface HttpApiJwtAuthorizer {
  /** Issuer URL (https). */
  readonly issuer: string;
  /** Accepted audiences (client ids). */
  readonly audiences: string[];
}

/** Props of {@link HttpApi}. */
export interface HttpApiProps {
  /** API name; also names the log group and alarm. */
  readonly name: string;
  /** Routes. */
  readonly routes: HttpApiRoute[];
  /** JWT authorizer applied to every non-public route. @default - no authorizer (every route is open) */
  readonly jwtAuthorizer?: HttpApiJwtAuthorizer;
  /** CORS. @default - no CORS */
  readonly cors?: HttpApiCors;
  /** Steady-state request rate limit per second of the stage. @default 50 */
  readonly throttlingRateLimit?: number;
  /** Burst limit of the stage. @default 100 */
  readonly throttlingBurstLimit?: number;
  /** KMS key of the access log group. @default - a rotating customer-managed key is created */
  readonly kmsKeyArn?: string;
  /** Access log retention, days. @default 365 */
  readonly logRetentionDays?: number;
  /** Turn off the execute-api endpoint (when a custom domain fronts the API). @default false */
  readonly disableExecuteApiEndpoint?: boolean;
  /** SNS topic of the 5xx alarm. @default - alarm without actions */
  readonly alarmTopicArn?: string;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/** The access log line: one JSON object per request. */
export const HTTP_API_ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  userAgent: '$context.identity.userAgent',
});

/**
 * An API Gateway HTTP API in front of Lambda functions.
 *
 * A `$default` stage with JSON access logs to a KMS-encrypted log group, default throttling, an optional
 * JWT authorizer on every non-public route, CORS, a Lambda permission per route scoped to the API's
 * execution ARN, method and path, and a 5xx alarm.
 *
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_stage
 */
export class HttpApi extends Construct {
  public readonly api: Apigatewayv2Api;
  public readonly stage: Apigatewayv2Stage;
  public readonly apiId: string;
  /** Invoke URL of the `$default` stage. */
  public readonly url: string;
  /** Execution ARN of the API. */
  public readonly executionArn: string;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly kmsKeyArn: string;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const rate = props.throttlingRateLimit ?? HTTP_API_DEFAULTS.throttlingRateLimit;
    const burst = props.throttlingBurstLimit ?? HTTP_API_DEFAULTS.throttlingBurstLimit;
    const retention = props.logRetentionDays ?? HTTP_API_DEFAULTS.logRetentionDays;
    const routeIds = this.validate(props, rate, burst, retention);
    const tags = props.tags ?? {};
    const logGroupName = `/aws/apigateway/${props.name}`;

    this.kmsKeyArn =
      props.kmsKeyArn ??
      new CustomerKey(this, 'key', {
        description: `Encrypts the access logs of HTTP API ${props.name}`,
        alias: `apigateway/${props.name}`,
        logGroupNames: [logGroupName],
        tags,
      }).arn;
    this.logGroup = new CloudwatchLogGroup(this, 'access-logs', {
      name: logGroupName,
      retentionInDays: retention,
      kmsKeyId: this.kmsKeyArn,
      tags,
    });

    const cors = props.cors;
    this.api = new Apigatewayv2Api(this, 'api', {
      name: props.name,
      protocolType: 'HTTP',
      disableExecuteApiEndpoint: props.disableExecuteApiEndpoint ?? false,
      corsConfiguration: cors
        ? {
            allowOrigins: cors.allowOrigins,
            allowMethods: cors.allowMethods ?? ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
            allowHeaders: cors.allowHeaders ?? ['authorization', 'content-type'],
            allowCredentials: cors.allowCredentials ?? false,
            maxAge: cors.maxAgeSeconds ?? HTTP_API_DEFAULTS.corsMaxAgeSeconds,
          }
        : undefined,
      tags,
    });
    this.apiId = this.api.id;
    this.executionArn = this.api.executionArn;

    const authorizer = props.jwtAuthorizer
      ? new Apigatewayv2Authorizer(this, 'jwt-authorizer', {
          apiId: this.api.id,
          name: `${props.name}-jwt`,
          authorizerType: 'JWT',
          identitySources: ['$request.header.Authorization'],
          jwtConfiguration: { issuer: props.jwtAuthorizer.issuer, audience: props.jwtAuthorizer.audiences },
        })
      : undefined;

    props.routes.forEach((route, i) => {
      const rid = routeIds[i];
      const integration = new Apigatewayv2Integration(this, `integration-${rid}`, {
        apiId: this.api.id,
        integrationType: 'AWS_PROXY',
        integrationUri: route.function.aliasInvokeArn,
        integrationMethod: 'POST',
        payloadFormatVersion: '2.0',
        timeoutMilliseconds: 30000,
      });
      const useJwt = authorizer !== undefined && !route.public;
      new Apigatewayv2Route(this, `route-${rid}`, {
        apiId: this.api.id,
        routeKey: route.routeKey,
        target: `integrations/${integration.id}`,
        authorizationType: useJwt ? 'JWT' : 'NONE',
        authorizerId: useJwt ? authorizer.id : undefined,
        authorizationScopes: useJwt ? route.authorizationScopes : undefined,
      });
      new LambdaPermission(this, `permission-${rid}`, {
        statementId: `http-api-${rid}`.slice(0, 100),
        action: 'lambda:InvokeFunction',
        functionName: route.function.functionName,
        qualifier: route.function.aliasName,
        principal: 'apigateway.amazonaws.com',
        sourceArn: `${this.api.executionArn}/*/${routeSourcePath(route.routeKey)}`,
      });
    });

    this.stage = new Apigatewayv2Stage(this, 'stage', {
      apiId: this.api.id,
      name: '$default',
      autoDeploy: true,
      accessLogSettings: { destinationArn: this.logGroup.arn, format: HTTP_API_ACCESS_LOG_FORMAT },
      defaultRouteSettings: { throttlingBurstLimit: burst, throttlingRateLimit: rate, detailedMetricsEnabled: true },
      tags,
    });
    this.url = this.stage.invokeUrl;

    metricAlarm(this, 'alarm-5xx', {
      name: `${props.name}-5xx`,
      description: `HTTP API ${props.name} answered with 5xx; see ${logGroupName}`,
      namespace: 'AWS/ApiGateway',
      metricName: '5xx',
      dimensions: { ApiId: this.api.id, Stage: '$default' },
      statistic: 'Sum',
      threshold: HTTP_API_DEFAULTS.serverErrorAlarmThreshold,
      topicArn: props.alarmTopicArn,
      tags,
    });
  }

  private validate(props: HttpApiProps, rate: number, burst: number, retention: number): string[] {
    if (!Token.isUnresolved(props.name) && !/^[A-Za-z0-9_-]{1,128}$/.test(props.name)) {
      throw new ValidationError(this, 'name', props.name, 'is not an API name; use 1 to 128 letters, digits, - and _');
    }
    const limit = (prop: string, value: number, [min, max]: readonly [number, number]): void => {
      if (!Token.isUnresolved(value) && !(value >= min && value <= max)) {
        throw new ValidationError(this, prop, value, `is not allowed; use ${min} to ${max}`);
      }
    };
    limit('throttlingRateLimit', rate, HTTP_API_LIMITS.throttlingRateLimit);
    limit('throttlingBurstLimit', burst, HTTP_API_LIMITS.throttlingBurstLimit);
    if (!Token.isUnresolved(retention) && !isCloudwatchRetention(retention)) {
      throw new ValidationError(this, 'logRetentionDays', retention, `is not allowed; ${CLOUDWATCH_RETENTION_ALLOWED}`);
    }
    if (props.routes.length === 0) throw new ValidationError(this, 'routes', props.routes, 'is empty; give at least one route');
    const ids: string[] = [];
    const seen = new Map<string, string>();
    props.routes.forEach((route, i) => {
      const problem = routeKeyProblem(route.routeKey);
      if (problem) throw new ValidationError(this, `routes[${i}].routeKey`, route.routeKey, problem);
      const rid = route.routeKey === '$default' ? 'default' : idFor(route.routeKey);
      if (seen.has(rid)) {
        throw new ValidationError(this, `routes[${i}].routeKey`, route.routeKey, `repeats route "${seen.get(rid)}"; list each route once`);
      }
      seen.set(rid, route.routeKey);
      ids.push(rid);
    });
    if (props.jwtAuthorizer) {
      const { issuer, audiences } = props.jwtAuthorizer;
      if (!Token.isUnresolved(issuer) && !/^https:\/\/[^\s]+$/.test(issuer)) {
        throw new ValidationError(this, 'jwtAuthorizer.issuer', issuer, 'is not an https URL; use the issuer URL of the identity provider');
      }
      if (!Token.isUnresolved(audiences) && audiences.length === 0) {
        throw new ValidationError(this, 'jwtAuthorizer.audiences', audiences, 'is empty; give at least one audience (client id)');
      }
    }
    if (props.cors) {
      const { allowOrigins, allowCredentials, maxAgeSeconds } = props.cors;
      if (allowOrigins.includes('*') && allowCredentials) {
        throw new ValidationError(this, 'cors.allowOrigins', allowOrigins, 'is "*" with allowCredentials; list the exact origins when credentials are allowed');
      }
      if (maxAgeSeconds !== undefined) limit('cors.maxAgeSeconds', maxAgeSeconds, HTTP_API_LIMITS.corsMaxAgeSeconds);
    }
    return ids;
  }
}

/** The `<method>/<path>` part of a route's source ARN (`*` for ANY, `$default` for the default route). */
export function routeSourcePath(routeKey: string): string {
  if (routeKey === '$default') return '$default';
  const [method, path] = routeKey.split(' ');
  return `${method === 'ANY' ? '*' : method}${path}`;
}
