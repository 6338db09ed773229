import { z } from 'zod';
import { HTTP_API_DEFAULTS, HTTP_API_LIMITS, HTTP_API_METHODS, routeKeyProblem } from '../../modules/aws/http-api';
import { LAMBDA_ARCHITECTURES, LAMBDA_DEFAULTS, LAMBDA_LIMITS, TABLE_GRANTS, lambdaEnvironmentNameProblem, lambdaEnvironmentSizeProblem, lambdaMemoryProblem, lambdaRuntimeProblem, lambdaTimeoutProblem } from '../../modules/aws/lambda-function';
import { repositoryFolderProblem } from '../../modules/core/config/primitives';
import { defineSection, type ParsedEnvironment, type ReportProblem } from '../../modules/core/config/section';
import { awsDataSection } from '../aws-data/config';
import { awsNetworkSection } from '../aws-network/config';
import type { EnvironmentCore } from '../environment/config';
import { checkDatabaseGrant, checkedNumber, checkedString, checkSecrets, databaseGrantFields, keyedByName, envVars, retentionDays, wholeNumberIn } from '../private/workload-config';

const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;
const LAYER_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:layer:[A-Za-z0-9_-]+:\d+$/;
const layerArn = z.string().regex(LAYER_ARN, { message: 'is not a versioned layer ARN; use arn:aws:lambda:<region>:<account>:layer:<name>:<version>' });
const httpsUrl = z.string().regex(/^https:\/\/[^\s/]+(\/\S*)?$/, { message: 'is not an https URL' });

const RouteSchema = z.strictObject({
  /** Route key, `GET /items/{id}` or `$default`. */
  route: checkedString(routeKeyProblem),
  /** Serve the route without the JWT authorizer (health checks). @default false */
  public: z.boolean().default(false),
  /** OAuth scopes the JWT must carry. @default [] */
  scopes: z.array(z.string().min(1)).default([]),
});

/** A value handed to a function as an environment variable, from another section (resolved at synth). */
const EnvironmentFromSchema = z.strictObject({
  /** A queue of `aws.events.queues`: its URL (built from its deterministic name `<env>-<queue>`). */
  queue: z.string().min(1).optional(),
  /** The environment's bus of `aws.events`: its name `<env>-events`. */
  bus: z.literal(true).optional(),
  /** A Kinesis stream of `aws.events.streams`: its name `<env>-<stream>`. */
  stream: z.string().min(1).optional(),
  /** A table of `aws.data.tables`: its name (from the aws-data outputs). */
  table: z.string().min(1).optional(),
});

const FunctionSchema = z.strictObject({
  /** Folder of the code, relative to the repository root; zipped reproducibly at synth. */
  code: z.string().min(1),
  /** Paths left out of the package: a folder (`tests/`) or a file (`requirements.txt`). @default [] */
  exclude: z.array(z.string().min(1)).default([]),
  /** Handler, `module.function`. @default "app.handler" */
  handler: z.string().regex(/^[A-Za-z0-9_./-]+\.[A-Za-z0-9_$]+$/, { message: 'is not a handler; use "<module>.<function>", e.g. "app.handler"' }).default(LAMBDA_DEFAULTS.handler),
  /** Runtime. @default "python3.13" */
  runtime: checkedString(lambdaRuntimeProblem).default(LAMBDA_DEFAULTS.runtime),
  /** Instruction set. @default "arm64" */
  architecture: z.enum(LAMBDA_ARCHITECTURES).default(LAMBDA_DEFAULTS.architecture),
  /** Memory, MB (128-10240). @default 256 */
  memoryMb: checkedNumber(lambdaMemoryProblem).default(LAMBDA_DEFAULTS.memoryMb),
  /** Timeout, seconds (1-900). @default 10 */
  timeoutSeconds: checkedNumber(lambdaTimeoutProblem).default(LAMBDA_DEFAULTS.timeoutSeconds),
  /** One-line description. @default - none */
  description: z.string().max(256).optional(),
  /** Plain environment variables (never secrets: names that look secret must hold a reference ARN). @default {} */
  environment: envVars.default({}),
  /** Secret references by variable name (Secrets Manager / SSM parameter ARNs); the role reads exactly these. @default {} */
  secrets: envVars.default({}),
  /** Powertools for AWS Lambda layer ARN (matching runtime and architecture). @default - none */
  powertoolsLayerArn: layerArn.optional(),
  /** Other layer ARNs. @default [] */
  layerArns: z.array(layerArn).default([]),
  /** Place the function in the private subnets of `aws.network`, with its own security group. @default false */
  vpc: z.boolean().default(false),
  /** Reserved concurrency (0 stops the function). @default - unreserved */
  reservedConcurrency: wholeNumberIn(LAMBDA_LIMITS.reservedConcurrency).optional(),
  /** Provisioned concurrency on the `live` alias. @default - none */
  provisionedConcurrency: wholeNumberIn(LAMBDA_LIMITS.provisionedConcurrency).optional(),
  /** Log retention, days. @default 365 */
  logRetentionDays: retentionDays.default(LAMBDA_DEFAULTS.logRetentionDays),
  /** Application log level (JSON logs). @default "INFO" */
  logLevel: z.enum(LOG_LEVELS).default(LAMBDA_DEFAULTS.applicationLogLevel),
  ...databaseGrantFields,
  /** DynamoDB tables of `aws.data.tables` the function may use: `read` or `read-write` (actions on that table and its indexes only). @default {} */
  tables: z.record(z.string(), z.enum(TABLE_GRANTS)).default({}),
  /** Reach the cache of `aws.data.cache`: a rule from the function's security group on its port, and reading its secret. Needs `vpc: true`. @default false */
  cache: z.boolean().default(false),
  /** Environment variables whose values come from other sections (queue URL, bus, stream or table name), never hand-written. @default {} */
  environmentFrom: z.record(z.string(), EnvironmentFromSchema).default({}),
  /** Routes of the HTTP API this function serves. @default [] */
  routes: z.array(RouteSchema).default([]),
});

const ApiSchema = z.strictObject({
  /** Steady-state requests per second of the stage. @default 50 */
  throttlingRateLimit: wholeNumberIn(HTTP_API_LIMITS.throttlingRateLimit).default(HTTP_API_DEFAULTS.throttlingRateLimit),
  /** Burst limit of the stage. @default 100 */
  throttlingBurstLimit: wholeNumberIn(HTTP_API_LIMITS.throttlingBurstLimit).default(HTTP_API_DEFAULTS.throttlingBurstLimit),
  /** CORS. @default - none */
  cors: z
    .strictObject({
      /** Allowed origins (exact https origins, or "*" without credentials). */
      allowOrigins: z.array(z.string().regex(/^(\*|https:\/\/[^\s/]+)$/, { message: 'is not an origin; use "https://<host>" or "*"' })).min(1, { message: 'is empty; list at least one origin' }),
      /** @default ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] */
      allowMethods: z.array(z.enum(HTTP_API_METHODS)).optional(),
      /** @default ["authorization", "content-type"] */
      allowHeaders: z.array(z.string().min(1)).optional(),
      /** @default false */
      allowCredentials: z.boolean().default(false),
      /** @default 3600 */
      maxAgeSeconds: wholeNumberIn(HTTP_API_LIMITS.corsMaxAgeSeconds).default(HTTP_API_DEFAULTS.corsMaxAgeSeconds),
    })
    .optional(),
  /** JWT authorizer of every non-public route. @default - none (then every route must be `public: true`) */
  jwt: z.strictObject({ issuer: httpsUrl, audiences: z.array(z.string().min(1)).min(1, { message: 'is empty; give at least one audience (client id)' }) }).optional(),
  /** Access log retention, days. @default 365 */
  logRetentionDays: retentionDays.default(HTTP_API_DEFAULTS.logRetentionDays),
  /** Turn off the execute-api endpoint (a custom domain fronts the API). @default false */
  disableExecuteApiEndpoint: z.boolean().default(false),
});


/** `aws.functions`: Lambda functions and the HTTP API in front of them (`<env>-aws-functions`). */
export const AwsFunctionsConfigSchema = z.strictObject({
  /** Create the `<env>-aws-functions` stack (needs `aws.alerts`). @default false */
  enabled: z.boolean().default(false),
  /** The HTTP API (created when a function has routes), named `<env>-api`. */
  api: ApiSchema.prefault({}),
  /** Functions keyed by name; each is deployed as `<env>-<name>`. @default {} */
  functions: keyedByName('function', FunctionSchema).default({}),
});

export type AwsFunctionsConfig = z.infer<typeof AwsFunctionsConfigSchema>;
export type AwsFunctionConfig = AwsFunctionsConfig['functions'][string];

/** The deployed name of a function: `<env>-<name>`. */
export function lambdaFunctionName(envName: string, name: string): string {
  return `${envName}-${name}`;
}

/** The HTTP API's name: `<env>-api`. */
export function httpApiName(envName: string): string {
  return `${envName}-api`;
}

/** Whether any function of the section needs the VPC (placement or a database grant). */
export function functionsNeedNetwork(config: AwsFunctionsConfig): boolean {
  return Object.values(config.functions).some((f) => f.vpc || f.database !== 'none' || f.cache);
}

/** Whether any function of the section uses `aws.data` (a table grant, a table name, the cache). */
export function functionsNeedData(config: AwsFunctionsConfig): boolean {
  return Object.values(config.functions).some((f) => Object.keys(f.tables).length > 0 || f.cache || Object.values(f.environmentFrom).some((e) => e.table !== undefined));
}

/** Whether any function of the section has a database grant. */
export function functionsNeedDatabase(config: AwsFunctionsConfig): boolean {
  return Object.values(config.functions).some((f) => f.database !== 'none');
}

/** Checks across the fields of `aws.functions`. */
export function checkAwsFunctions(config: AwsFunctionsConfig, env: ParsedEnvironment<EnvironmentCore>, report: ReportProblem): void {
  const routes = new Map<string, string>();
  const [, maxName] = LAMBDA_LIMITS.functionNameLength;
  for (const [name, fn] of Object.entries(config.functions)) {
    const at = ['aws', 'functions', 'functions', name];
    const deployed = lambdaFunctionName(env.core.name, name);
    if (deployed.length > maxName) {
      report(at, undefined, `makes the function name "${deployed}" ${deployed.length} characters long; Lambda allows ${maxName}, use a shorter name`);
    }
    const codeProblem = repositoryFolderProblem(fn.code, 'apps/aws-api-handler');
    if (codeProblem) report([...at, 'code'], fn.code, codeProblem);
    checkSecrets(at, fn, report);
    const sizeProblem = lambdaEnvironmentSizeProblem({ POWERTOOLS_SERVICE_NAME: deployed, ...fn.environment, ...fn.secrets });
    if (sizeProblem) report([...at, 'environment'], undefined, sizeProblem);
    for (const field of ['environment', 'secrets'] as const) {
      for (const key of Object.keys(fn[field])) {
        const problem = lambdaEnvironmentNameProblem(key);
        if (problem) report([...at, field, key], key, problem);
      }
    }
    checkDatabaseGrant(at, fn, env, report);
    if (fn.database !== 'none' && !fn.vpc) {
      report([...at, 'database'], fn.database, 'needs the function in the VPC; set vpc: true too');
    }
    checkDataUse(at, fn, env, report);
    if (fn.provisionedConcurrency !== undefined && fn.reservedConcurrency !== undefined && fn.provisionedConcurrency > fn.reservedConcurrency) {
      report([...at, 'provisionedConcurrency'], fn.provisionedConcurrency, `is above reservedConcurrency (${fn.reservedConcurrency}); use at most the reserved concurrency`);
    }
    fn.routes.forEach((route, i) => {
      const other = routes.get(route.route);
      if (other) report([...at, 'routes', i, 'route'], route.route, `is also served by function "${other}"; each route goes to one function`);
      routes.set(route.route, name);
      if (!route.public && !config.api.jwt) {
        report([...at, 'routes', i, 'public'], route.public, 'is false, but aws.functions.api.jwt is not set, so the route would be open to anyone; set api.jwt or mark the route public: true');
      }
      if (route.scopes.length > 0 && route.public) {
        report([...at, 'routes', i, 'scopes'], route.scopes, 'is set on a public route, which no authorizer checks; remove the scopes or make the route non-public');
      }
    });
    if ((fn.vpc || fn.database !== 'none') && env.get(awsNetworkSection)?.enabled === false) {
      report([...at, 'vpc'], fn.vpc, 'needs the AWS network (its private subnets); set aws.network.enabled: true or vpc: false');
    }
  }
  const cors = config.api.cors;
  if (cors?.allowCredentials && cors.allowOrigins.includes('*')) {
    report(['aws', 'functions', 'api', 'cors', 'allowOrigins'], cors.allowOrigins, 'holds "*" with allowCredentials: true; list the exact origins when credentials are allowed');
  }
}

/** Checks what a function uses of `aws.data` (tables, the cache) and its `environmentFrom` entries. */
function checkDataUse(at: (string | number)[], fn: AwsFunctionConfig, env: ParsedEnvironment<EnvironmentCore>, report: ReportProblem): void {
  // A data section with problems is not parsed (undefined): its own problems are the root cause.
  const data = env.get(awsDataSection);
  const tables = data?.enabled ? Object.keys(data.tables) : [];
  const checkTable = (path: (string | number)[], table: string) => {
    if (data === undefined) return;
    if (!data.enabled) report(path, table, 'needs aws.data (its tables), but aws.data.enabled is not true; turn it on or remove the table');
    else if (!tables.includes(table)) report(path, table, `is not a table of aws.data.tables; use one of ${tables.join(', ') || '(none)'}`);
  };
  for (const table of Object.keys(fn.tables)) checkTable([...at, 'tables', table], table);
  if (fn.cache) {
    if (!fn.vpc) report([...at, 'cache'], true, 'needs the function in the VPC; set vpc: true too');
    if (data !== undefined && !(data.enabled && data.cache)) report([...at, 'cache'], true, 'needs the cache of aws.data, but aws.data.cache is not set (or aws.data is off); add the cache or remove cache: true');
  }
  for (const [name, from] of Object.entries(fn.environmentFrom)) {
    const eat = [...at, 'environmentFrom', name];
    const nameProblem = lambdaEnvironmentNameProblem(name);
    if (nameProblem) report(eat, name, nameProblem);
    else if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) report(eat, name, 'is not an environment variable name; use letters, digits and _, not starting with a digit');
    if (name in fn.environment || name in fn.secrets) report(eat, name, 'is also set in environment or secrets; set each variable once');
    const kinds = (['queue', 'bus', 'stream', 'table'] as const).filter((k) => from[k] !== undefined);
    if (kinds.length !== 1) {
      report(eat, kinds, `${kinds.length === 0 ? 'is empty: it names nothing' : 'are all named'}; give exactly one of queue, bus: true, stream, table`);
      continue;
    }
    if (from.table !== undefined) checkTable([...eat, 'table'], from.table);
  }
}

/** `aws.functions`, owned by the `aws-functions` stack family. */
export const awsFunctionsSection = defineSection({
  path: 'aws.functions',
  schema: AwsFunctionsConfigSchema,
  optional: true,
  check: checkAwsFunctions,
});
