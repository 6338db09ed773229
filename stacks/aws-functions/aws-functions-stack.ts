import * as path from 'node:path';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { HttpApi, type HttpApiRoute } from '../../modules/aws/http-api';
import { LambdaFunction } from '../../modules/aws/lambda-function';
import type { AwsAlertsOutputs, AwsDatabaseOutputs, AwsFunctionsOutputs, AwsNetworkOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { awsProvider } from '../private/providers';
import { databaseAccessOf } from '../private/workload-config';
import { type AwsFunctionsConfig, httpApiName, lambdaFunctionName } from './config';

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
    const { environment: env, config, alerts, network, database } = props;
    awsProvider(this, env);
    const root = props.codeRoot ?? process.cwd();

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
        environment: fn.environment,
        secrets: fn.secrets,
        ...(fn.powertoolsLayerArn ? { powertoolsLayerArn: fn.powertoolsLayerArn } : {}),
        layerArns: fn.layerArns,
        logRetentionDays: fn.logRetentionDays,
        applicationLogLevel: fn.logLevel,
        ...(fn.reservedConcurrency !== undefined ? { reservedConcurrency: fn.reservedConcurrency } : {}),
        ...(fn.provisionedConcurrency !== undefined ? { provisionedConcurrency: fn.provisionedConcurrency } : {}),
        ...(fn.vpc && network ? { vpc: { vpcId: network.vpcId, subnetIds: network.privateSubnetIds } } : {}),
        databaseAccess: databaseAccessOf(key, fn, database),
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
}
