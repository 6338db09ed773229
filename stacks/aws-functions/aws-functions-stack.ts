import * as path from 'node:path';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { HttpApi, type HttpApiRoute } from '../../modules/aws/http-api';
import { type CacheAccess, LambdaFunction, type TableAccess } from '../../modules/aws/lambda-function';
import { AwsContext } from '../../modules/aws/private/customer-key';
import { cacheName, dataResourceName } from '../aws-data/config';
import { eventBusName, eventsResourceName } from '../aws-events/names';
import type { AwsAlertsOutputs, AwsDataOutputs, AwsDatabaseOutputs, AwsFunctionsOutputs, AwsNetworkOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { awsProvider } from '../private/providers';
import { databaseAccessOf } from '../private/workload-config';
import { type AwsFunctionConfig, type AwsFunctionsConfig, httpApiName, lambdaFunctionName } from './config';

/** Props of {@link AwsFunctionsStack}. */
export interface AwsFunctionsStackProps extends EnvironmentStackProps {
  /** The `aws.functions` section. */
  readonly config: AwsFunctionsConfig;
  /** Outputs of `<env>-aws-alerts`: the topic the alarms notify. */
  readonly alerts: AwsAlertsOutputs;
  /** Outputs of `<env>-aws-network`, when a function is placed in the VPC. @default - no function in the VPC */
  readonly network?: AwsNetworkOutputs;
  /** Outputs of `<env>-aws-database`, when a function has a database grant. @default - no grant */
  readonly database?: AwsDatabaseOutputs;
  /** Outputs of `<env>-aws-data`, when a function uses a table or the cache. @default - none used */
  readonly data?: AwsDataOutputs;
  /** Folder code paths are relative to. @default - the working directory (the repository root) */
  readonly codeRoot?: string;
}

/**
 * `<env>-aws-functions`: the Lambda functions of `aws.functions` and the HTTP API in front of them
 * (see docs/aws-compute.md).
 */
export class AwsFunctionsStack extends EnvironmentStack {
  public readonly functions: Record<string, LambdaFunction> = {};
  public readonly api?: HttpApi;
  public readonly outputs: AwsFunctionsOutputs;

  constructor(scope: Construct, name: string, props: AwsFunctionsStackProps) {
    super(scope, name, props);
    const { environment: env, config, alerts, network, database, data } = props;
    awsProvider(this, env);
    const root = props.codeRoot ?? process.cwd();
    const aws = new AwsContext(this, 'context');

    const routes: HttpApiRoute[] = [];
    for (const [key, fn] of Object.entries(config.functions)) {
      if (fn.vpc && !network) throw new Error(`aws.functions.functions.${key}.vpc needs the aws-network outputs`);
      const lambda = new LambdaFunction(this, `function-${key}`, {
        functionName: lambdaFunctionName(env.name, key),
        codeFolder: path.resolve(root, fn.code),
        codeExclude: fn.exclude,
        handler: fn.handler,
        runtime: fn.runtime,
        architecture: fn.architecture,
        memoryMb: fn.memoryMb,
        timeoutSeconds: fn.timeoutSeconds,
        ...(fn.description ? { description: fn.description } : {}),
        environment: { ...fn.environment, ...this.environmentFrom(key, fn, aws, env.name, data) },
        secrets: fn.secrets,
        ...(fn.powertoolsLayerArn ? { powertoolsLayerArn: fn.powertoolsLayerArn } : {}),
        layerArns: fn.layerArns,
        logRetentionDays: fn.logRetentionDays,
        applicationLogLevel: fn.logLevel,
        ...(fn.reservedConcurrency !== undefined ? { reservedConcurrency: fn.reservedConcurrency } : {}),
        ...(fn.provisionedConcurrency !== undefined ? { provisionedConcurrency: fn.provisionedConcurrency } : {}),
        ...(fn.vpc && network ? { vpc: { vpcId: network.vpcId, subnetIds: network.privateSubnetIds } } : {}),
        databaseAccess: databaseAccessOf(key, fn, database),
        tableAccess: tableAccessOf(key, fn, env.name, data),
        cacheAccess: cacheAccessOf(key, fn, env.name, data),
        alarmTopicArn: alerts.topicArn,
      });
      this.functions[key] = lambda;
      for (const route of fn.routes) {
        routes.push({ routeKey: route.route, function: lambda, public: route.public, ...(route.scopes.length ? { authorizationScopes: route.scopes } : {}) });
      }
    }

    if (routes.length > 0) {
      const api = config.api;
      this.api = new HttpApi(this, 'api', {
        name: httpApiName(env.name),
        routes,
        ...(api.jwt ? { jwtAuthorizer: { issuer: api.jwt.issuer, audiences: api.jwt.audiences } } : {}),
        ...(api.cors
          ? {
              cors: {
                allowOrigins: api.cors.allowOrigins,
                ...(api.cors.allowMethods ? { allowMethods: api.cors.allowMethods } : {}),
                ...(api.cors.allowHeaders ? { allowHeaders: api.cors.allowHeaders } : {}),
                allowCredentials: api.cors.allowCredentials,
                maxAgeSeconds: api.cors.maxAgeSeconds,
              },
            }
          : {}),
        throttlingRateLimit: api.throttlingRateLimit,
        throttlingBurstLimit: api.throttlingBurstLimit,
        logRetentionDays: api.logRetentionDays,
        disableExecuteApiEndpoint: api.disableExecuteApiEndpoint,
        alarmTopicArn: alerts.topicArn,
      });
    }

    this.outputs = {
      ...(this.api ? { apiUrl: this.api.url } : {}),
      functionAliasArns: Object.fromEntries(Object.entries(this.functions).map(([k, f]) => [k, f.aliasArn])),
      functionRoleArns: Object.fromEntries(Object.entries(this.functions).map(([k, f]) => [k, f.roleArn])),
      functionTimeoutSeconds: Object.fromEntries(Object.entries(config.functions).map(([k, f]) => [k, f.timeoutSeconds])),
    };
    if (this.api) new TerraformOutput(this, 'api_url', { value: this.api.url, description: 'Invoke URL of the HTTP API' });
    new TerraformOutput(this, 'function_alias_arns', { value: this.outputs.functionAliasArns, description: 'ARN of each function\'s live alias, by config name' });
  }

  /**
   * The values of `environmentFrom`. `<env>-aws-events` is built after this stack, so its queue, stream
   * and bus are named by their deterministic names (the queue URL is built from its name, account and
   * region), never by a reference; tables come from the aws-data outputs.
   */
  private environmentFrom(key: string, fn: AwsFunctionConfig, aws: AwsContext, envName: string, data: AwsDataOutputs | undefined): Record<string, string> {
    return Object.fromEntries(
      Object.entries(fn.environmentFrom).map(([variable, from]): [string, string] => {
        if (from.queue) return [variable, `https://sqs.${aws.region}.${aws.dnsSuffix}/${aws.accountId}/${eventsResourceName(envName, from.queue)}`];
        if (from.stream) return [variable, eventsResourceName(envName, from.stream)];
        if (from.bus) return [variable, eventBusName(envName)];
        const table = data?.tableNames[from.table!];
        if (!table) throw new Error(`aws.functions.functions.${key}.environmentFrom.${variable}.table names table "${from.table}", which the aws-data outputs do not hold`);
        return [variable, table];
      }),
    );
  }
}

/** The table grants of a function (from the aws-data contract); the key alias is DynamoTable's `alias/dynamodb/<table>`. */
function tableAccessOf(key: string, fn: AwsFunctionConfig, envName: string, data: AwsDataOutputs | undefined): TableAccess[] {
  return Object.entries(fn.tables).map(([table, access]) => {
    const tableArn = data?.tableArns[table];
    if (!tableArn) throw new Error(`aws.functions.functions.${key}.tables names table "${table}", which the aws-data outputs do not hold`);
    return { name: table, tableArn, access, kmsKeyAlias: `alias/dynamodb/${dataResourceName(envName, table)}` };
  });
}

/** The cache access of a function (from the aws-data contract); the secret's key alias is CacheCluster's `alias/elasticache/<cache>`. */
function cacheAccessOf(key: string, fn: AwsFunctionConfig, envName: string, data: AwsDataOutputs | undefined): CacheAccess[] {
  if (!fn.cache) return [];
  const cache = data?.cache;
  if (!cache) throw new Error(`aws.functions.functions.${key}.cache needs the cache of the aws-data outputs (aws.data.cache)`);
  return [{ name: 'cache', securityGroupId: cache.securityGroupId, port: cache.port, secretArn: cache.secretArn, kmsKeyAlias: `alias/elasticache/${cacheName(envName)}` }];
}
