import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { LambdaFunction as LambdaFunctionResource } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { LambdaProvisionedConcurrencyConfig } from '@cdktf/provider-aws/lib/lambda-provisioned-concurrency-config';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { writeZipAsset } from '../core/deterministic-zip';
import { ValidationError } from '../core/validation-error';
import { type DatabaseAccess, DatabaseGrant, databaseGrantId } from './database-access';
import { CLOUDWATCH_RETENTION_ALLOWED, isCloudwatchRetention } from './log-retention';
import { metricAlarm } from './private/alarm';
import { AwsContext, CustomerKey } from './private/customer-key';
import { idFor } from './private/ids';
import { checkEnvironmentAndSecrets, secretReadStatements } from './private/secret-refs';

/** Runtimes the function may use. @see https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html */
export const LAMBDA_RUNTIMES = ['python3.13', 'nodejs22.x'] as const;
export type LambdaRuntime = (typeof LAMBDA_RUNTIMES)[number];

/** Instruction set architectures. */
export const LAMBDA_ARCHITECTURES = ['arm64', 'x86_64'] as const;
export type LambdaArchitecture = (typeof LAMBDA_ARCHITECTURES)[number];

/** Limits of a function. @see https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
export const LAMBDA_LIMITS = {
  /** Memory, MB (inclusive). */
  memoryMb: [128, 10240],
  /** Timeout, seconds (inclusive). */
  timeoutSeconds: [1, 900],
  /** Provisioned concurrency per alias (at least 1 when set). */
  provisionedConcurrency: [1, 10000],
  /** Reserved concurrency (0 stops the function). */
  reservedConcurrency: [0, 10000],
  /** Function name length. */
  functionNameLength: [1, 64],
} as const;

/** Defaults of {@link LambdaFunction}. */
export const LAMBDA_DEFAULTS = {
  runtime: 'python3.13',
  architecture: 'arm64',
  handler: 'app.handler',
  memoryMb: 256,
  timeoutSeconds: 10,
  logRetentionDays: 365,
  logFormat: 'JSON',
  applicationLogLevel: 'INFO',
  tracing: 'Active',
  aliasName: 'live',
  /** Duration alarm fires above this share of the timeout. */
  durationAlarmRatio: 0.8,
  /** Async events are retried this many times before they go to the dead-letter queue. */
  maximumRetryAttempts: 2,
  deadLetterRetentionSeconds: 1209600,
} as const;

/** Problem with a memory size, or undefined when Lambda accepts it. */
export function lambdaMemoryProblem(memoryMb: number): string | undefined {
  const [min, max] = LAMBDA_LIMITS.memoryMb;
  return Number.isInteger(memoryMb) && memoryMb >= min && memoryMb <= max ? undefined : `is not allowed; use ${min} to ${max} MB (whole MB)`;
}

/** Problem with a timeout, or undefined when Lambda accepts it. */
export function lambdaTimeoutProblem(timeoutSeconds: number): string | undefined {
  const [min, max] = LAMBDA_LIMITS.timeoutSeconds;
  return Number.isInteger(timeoutSeconds) && timeoutSeconds >= min && timeoutSeconds <= max
    ? undefined
    : `is not allowed; use ${min} to ${max} seconds`;
}

/** Problem with a runtime, or undefined when it is one of {@link LAMBDA_RUNTIMES}. */
export function lambdaRuntimeProblem(runtime: string): string | undefined {
  return (LAMBDA_RUNTIMES as readonly string[]).includes(runtime) ? undefined : `is not supported; use one of ${LAMBDA_RUNTIMES.join(', ')}`;
}

/**
 * Environment variable names the Lambda runtime sets itself: a function that sets one is refused
 * ("environment variables you have provided contains reserved keys").
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
 */
export const LAMBDA_RESERVED_ENVIRONMENT = [
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_DEFAULT_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_LAMBDA_RUNTIME_API',
  'AWS_REGION',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'LAMBDA_RUNTIME_DIR',
  'LAMBDA_TASK_ROOT',
] as const;

/** Most bytes all environment variables of a function may take together (names and values). */
export const LAMBDA_ENVIRONMENT_MAX_BYTES = 4096;

/**
 * Problem with the total size of a function's environment variables, or undefined when Lambda
 * accepts it. `variables` are all of them, as the function gets them.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html#function-configuration-deployment-and-execution
 */
export function lambdaEnvironmentSizeProblem(variables: Readonly<Record<string, string>>): string | undefined {
  const bytes = Object.entries(variables).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  return bytes > LAMBDA_ENVIRONMENT_MAX_BYTES
    ? `takes ${bytes} bytes (names and values, secrets' ARNs included); Lambda allows ${LAMBDA_ENVIRONMENT_MAX_BYTES} bytes of environment variables per function: move large values to SSM parameters or Secrets Manager and pass their ARNs in "secrets"`
    : undefined;
}

/** Problem with an environment variable name, or undefined when Lambda lets a function set it. */
export function lambdaEnvironmentNameProblem(name: string): string | undefined {
  return (LAMBDA_RESERVED_ENVIRONMENT as readonly string[]).includes(name)
    ? `is reserved by the Lambda runtime, which sets it itself; use another name (reserved: ${LAMBDA_RESERVED_ENVIRONMENT.join(', ')})`
    : undefined;
}

/** The name of a function's execution role: `<function>-lambda` (other stacks attach grants to it by name). */
export function lambdaRoleName(functionName: string): string {
  return `${functionName}-lambda`;
}

/** What a function may do with a DynamoDB table. */
export const TABLE_GRANTS = ['read', 'read-write'] as const;
export type TableGrant = (typeof TABLE_GRANTS)[number];

/** DynamoDB actions of each table grant, on the table and its indexes only. @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html */
export const TABLE_GRANT_ACTIONS: Readonly<Record<TableGrant, readonly string[]>> = {
  read: ['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
  'read-write': [
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
};

/** KMS actions each table grant needs on the table's customer key (used by DynamoDB on the caller's behalf). */
export const TABLE_GRANT_KEY_ACTIONS: Readonly<Record<TableGrant, readonly string[]>> = {
  read: ['kms:Decrypt', 'kms:DescribeKey'],
  'read-write': ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
};

/** Access of the function to one DynamoDB table. */
export interface TableAccess {
  /** Stable name of this access (keys the statement ids), e.g. the table's config key. */
  readonly name: string;
  /** ARN of the table. */
  readonly tableArn: string;
  /** What the function may do. */
  readonly access: TableGrant;
  /**
   * Alias of the table's customer key (`alias/...`): the role may use the key through DynamoDB only,
   * for the keys with this alias.
   *
   * @default - no key statement (the table uses an AWS owned key)
   */
  readonly kmsKeyAlias?: string;
}

/** Access of the function to a cache (ElastiCache), over its security group. */
export interface CacheAccess {
  /** Stable name of this access (keys the rule ids), e.g. `cache`. */
  readonly name: string;
  /** Security group of the cache. */
  readonly securityGroupId: string;
  /** Port the cache listens on. */
  readonly port: number;
  /** Secrets Manager ARN of the cache user's credentials (the role may read exactly it). */
  readonly secretArn: string;
  /** Alias of the secret's customer key (`alias/...`): the role may decrypt through Secrets Manager only. @default - no key statement */
  readonly kmsKeyAlias?: string;
}

/**
 * A statement that lets a role use the customer keys of this account and region with one of `aliases`
 * (and, when `service` is given, only through that service: `kms:ViaService`): for keys another stack
 * owns whose ARN it does not publish.
 *
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-resource-aliases
 */
export function kmsKeyByAliasStatement(
  aws: AwsContext,
  sid: string,
  actions: readonly string[],
  aliases: readonly string[],
  service?: string,
): DataAwsIamPolicyDocumentStatement {
  return {
    sid,
    effect: 'Allow',
    actions: [...actions],
    resources: [aws.arn('kms', 'key/*')],
    condition: [
      { test: 'ForAnyValue:StringEquals', variable: 'kms:ResourceAliases', values: [...aliases] },
      ...(service ? [{ test: 'StringEquals', variable: 'kms:ViaService', values: [`${service}.${aws.region}.${aws.dnsSuffix}`] }] : []),
    ],
  };
}

/** Placement of the function in a VPC. */
export interface LambdaVpcPlacement {
  /** VPC of the subnets; the function's security group is created in it. */
  readonly vpcId: string;
  /** Private subnets the function's network interfaces are placed in. */
  readonly subnetIds: string[];
}

/** Props of {@link LambdaFunction}. */
export interface LambdaFunctionProps {
  /** Function name; also names the log group, role, queue and alarms. */
  readonly functionName: string;
  /** Folder holding the code; zipped reproducibly (see deterministic-zip). */
  readonly codeFolder: string;
  /** Paths (relative, posix) left out of the package: a folder (`tests/`) or a file (`requirements.txt`). @default - none beyond caches, .pyc, .DS_Store and node_modules */
  readonly codeExclude?: string[];
  /** Handler, `module.function`. @default "app.handler" */
  readonly handler?: string;
  /** Runtime. @default "python3.13" */
  readonly runtime?: string;
  /** Architecture. @default "arm64" */
  readonly architecture?: string;
  /** Memory, MB (128-10240). @default 256 */
  readonly memoryMb?: number;
  /** Timeout, seconds (1-900). @default 10 */
  readonly timeoutSeconds?: number;
  /** One-line description. @default - none */
  readonly description?: string;
  /** Plain environment variables; names that look secret must hold a reference ARN. @default - none */
  readonly environment?: Record<string, string>;
  /**
   * Secret references passed as environment variables (name -> Secrets Manager or SSM parameter ARN); the role may
   * read exactly these. The function resolves them at run time (e.g. Powertools parameters).
   *
   * @default - none
   */
  readonly secrets?: Record<string, string>;
  /** Extra KMS keys the role may decrypt with (keys of the referenced secrets). @default - none */
  readonly secretsKmsKeyArns?: string[];
  /** ARN of the Powertools for AWS Lambda layer (matching runtime and architecture). @default - no Powertools layer */
  readonly powertoolsLayerArn?: string;
  /** Other layer ARNs, after the Powertools layer. @default - none */
  readonly layerArns?: string[];
  /** KMS key for logs, environment and dead-letter queue. @default - a rotating customer-managed key is created */
  readonly kmsKeyArn?: string;
  /** Log retention, days. @default 365 */
  readonly logRetentionDays?: number;
  /** Application log level with JSON logs (TRACE, DEBUG, INFO, WARN, ERROR, FATAL). @default "INFO" */
  readonly applicationLogLevel?: string;
  /** Reserved concurrency. @default - unreserved */
  readonly reservedConcurrency?: number;
  /** Provisioned concurrency on the `live` alias. @default - none */
  readonly provisionedConcurrency?: number;
  /** Place the function in a VPC. @default - not in a VPC */
  readonly vpc?: LambdaVpcPlacement;
  /** Databases the function may reach (requires `vpc`). @default - none */
  readonly databaseAccess?: DatabaseAccess[];
  /** DynamoDB tables the function may use, each with exactly the actions of its grant. @default - none */
  readonly tableAccess?: TableAccess[];
  /** Caches the function may reach (requires `vpc`). @default - none */
  readonly cacheAccess?: CacheAccess[];
  /** SNS topic of the alarms. @default - alarms without actions */
  readonly alarmTopicArn?: string;
  /** Tags on every taggable resource. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * A Lambda function packaged reproducibly from a folder, with the operational pieces around it.
 *
 * Its own role (write to its own log group; read exactly the secrets given), a JSON log group created
 * before the function (retention, KMS), X-Ray active tracing, a KMS-encrypted SQS dead-letter queue for
 * asynchronous invocations, a published version behind the alias `live` (optionally with provisioned
 * concurrency) and alarms on errors, throttles and duration near the timeout.
 *
 * @see https://github.com/terraform-aws-modules/terraform-aws-lambda
 */
export class LambdaFunction extends Construct {
  /** The function. */
  public readonly resource: LambdaFunctionResource;
  /** The alias `live`, the one callers invoke. */
  public readonly alias: LambdaAlias;
  public readonly functionName: string;
  public readonly functionArn: string;
  /** ARN of the `live` alias. */
  public readonly aliasArn: string;
  /** Invoke ARN of the `live` alias (for API Gateway integrations). */
  public readonly aliasInvokeArn: string;
  /** Name of the `live` alias. */
  public readonly aliasName: string;
  public readonly role: IamRole;
  public readonly roleArn: string;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly deadLetterQueue: SqsQueue;
  /** KMS key ARN used for logs, environment and queue. */
  public readonly kmsKeyArn: string;
  /** Security group of the function, when in a VPC. */
  public readonly securityGroupId?: string;
  /** Hex SHA-256 of the code package. */
  public readonly codeSha256: string;

  constructor(scope: Construct, id: string, props: LambdaFunctionProps) {
    super(scope, id);
    const p = {
      handler: props.handler ?? LAMBDA_DEFAULTS.handler,
      runtime: props.runtime ?? LAMBDA_DEFAULTS.runtime,
      architecture: props.architecture ?? LAMBDA_DEFAULTS.architecture,
      memoryMb: props.memoryMb ?? LAMBDA_DEFAULTS.memoryMb,
      timeoutSeconds: props.timeoutSeconds ?? LAMBDA_DEFAULTS.timeoutSeconds,
      logRetentionDays: props.logRetentionDays ?? LAMBDA_DEFAULTS.logRetentionDays,
      applicationLogLevel: props.applicationLogLevel ?? LAMBDA_DEFAULTS.applicationLogLevel,
    };
    this.validate(props, p);
    const tags = props.tags ?? {};
    const name = props.functionName;
    const logGroupName = `/aws/lambda/${name}`;
    const aws = new AwsContext(this, 'context');

    this.kmsKeyArn =
      props.kmsKeyArn ??
      new CustomerKey(this, 'key', {
        description: `Encrypts Lambda function ${name}: logs, environment, dead-letter queue`,
        alias: `lambda/${name}`,
        logGroupNames: [logGroupName],
        servicePrincipals: ['cloudwatch.amazonaws.com'],
        tags,
      }).arn;

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: logGroupName,
      retentionInDays: p.logRetentionDays,
      kmsKeyId: this.kmsKeyArn,
      tags,
    });

    this.deadLetterQueue = new SqsQueue(this, 'dead-letter-queue', {
      name: `${name}-dlq`,
      kmsMasterKeyId: this.kmsKeyArn,
      kmsDataKeyReusePeriodSeconds: 300,
      messageRetentionSeconds: LAMBDA_DEFAULTS.deadLetterRetentionSeconds,
      tags,
    });

    const trust = new DataAwsIamPolicyDocument(this, 'trust', {
      statement: [
        {
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }],
          actions: ['sts:AssumeRole'],
          condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [aws.accountId] }],
        },
      ],
    });
    this.role = new IamRole(this, 'role', {
      name: lambdaRoleName(name),
      description: `Execution role of Lambda function ${name}`,
      assumeRolePolicy: trust.json,
      tags,
    });
    this.roleArn = this.role.arn;

    if (props.vpc) {
      const sg = new SecurityGroup(this, 'security-group', {
        namePrefix: `${name}-lambda-`,
        description: `Lambda function ${name}: HTTPS out only, plus its databases`,
        vpcId: props.vpc.vpcId,
        tags: { ...tags, Name: `${name}-lambda` },
        lifecycle: { createBeforeDestroy: true },
      });
      this.securityGroupId = sg.id;
      new VpcSecurityGroupEgressRule(this, 'egress-https', {
        securityGroupId: sg.id,
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: '0.0.0.0/0',
        description: 'HTTPS to AWS APIs and endpoints',
      });
    }

    const statements: DataAwsIamPolicyDocumentStatement[] = [
      {
        sid: 'WriteOwnLogGroup',
        effect: 'Allow',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${this.logGroup.arn}:*`],
      },
      { sid: 'XRay', effect: 'Allow', actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] },
      { sid: 'DeadLetterQueue', effect: 'Allow', actions: ['sqs:SendMessage'], resources: [this.deadLetterQueue.arn] },
      {
        sid: 'UseKey',
        effect: 'Allow',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [this.kmsKeyArn, ...(props.secretsKmsKeyArns ?? [])],
      },
      ...secretReadStatements(Object.values(props.secrets ?? {})),
    ];
    if (props.vpc) {
      // What AWSLambdaVPCAccessExecutionRole grants: network interfaces cannot be scoped by ARN at creation.
      statements.push({
        sid: 'VpcNetworkInterfaces',
        effect: 'Allow',
        actions: [
          'ec2:CreateNetworkInterface',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeSubnets',
          'ec2:DeleteNetworkInterface',
          'ec2:AssignPrivateIpAddresses',
          'ec2:UnassignPrivateIpAddresses',
        ],
        resources: ['*'],
      });
    }
    for (const access of props.databaseAccess ?? []) {
      const grant = new DatabaseGrant(this, databaseGrantId(access), { ...access, sourceSecurityGroupId: this.securityGroupId! });
      statements.push(...grant.statements);
    }
    for (const table of props.tableAccess ?? []) {
      const sid = idFor(table.name).replace(/-/g, '');
      statements.push({
        sid: `Table${sid}`,
        effect: 'Allow',
        actions: [...TABLE_GRANT_ACTIONS[table.access]],
        resources: [table.tableArn, `${table.tableArn}/index/*`],
      });
      if (table.kmsKeyAlias) statements.push(kmsKeyByAliasStatement(aws, `TableKey${sid}`, TABLE_GRANT_KEY_ACTIONS[table.access], [table.kmsKeyAlias], 'dynamodb'));
    }
    for (const cache of props.cacheAccess ?? []) {
      const id = idFor(cache.name);
      const sid = id.replace(/-/g, '');
      new VpcSecurityGroupIngressRule(this, `cache-access-${id}-ingress`, {
        securityGroupId: cache.securityGroupId,
        referencedSecurityGroupId: this.securityGroupId!,
        ipProtocol: 'tcp',
        fromPort: cache.port,
        toPort: cache.port,
        description: `Cache ${cache.name} from Lambda function ${name}`,
      });
      new VpcSecurityGroupEgressRule(this, `cache-access-${id}-egress`, {
        securityGroupId: this.securityGroupId!,
        referencedSecurityGroupId: cache.securityGroupId,
        ipProtocol: 'tcp',
        fromPort: cache.port,
        toPort: cache.port,
        description: `To cache ${cache.name}`,
      });
      statements.push({ sid: `ReadCacheSecret${sid}`, effect: 'Allow', actions: ['secretsmanager:GetSecretValue'], resources: [cache.secretArn] });
      if (cache.kmsKeyAlias) statements.push(kmsKeyByAliasStatement(aws, `CacheSecretKey${sid}`, ['kms:Decrypt'], [cache.kmsKeyAlias], 'secretsmanager'));
    }
    const policy = new DataAwsIamPolicyDocument(this, 'policy', { statement: statements });
    const rolePolicy = new IamRolePolicy(this, 'role-policy', { name: 'function', role: this.role.id, policy: policy.json });

    const excluded = props.codeExclude ?? [];
    const asset = writeZipAsset(this, 'code', props.codeFolder, {
      exclude: (rel) => excluded.some((e) => (e.endsWith('/') ? rel === e.slice(0, -1) || rel.startsWith(e) : rel === e)),
    });
    this.codeSha256 = asset.sha256;
    // Powertools reads its service name from here (logger, tracer and metrics namespaces).
    const variables = { POWERTOOLS_SERVICE_NAME: name, ...(props.environment ?? {}), ...(props.secrets ?? {}) };
    this.resource = new LambdaFunctionResource(this, 'function', {
      functionName: name,
      description: props.description,
      role: this.role.arn,
      runtime: p.runtime,
      handler: p.handler,
      architectures: [p.architecture],
      memorySize: p.memoryMb,
      timeout: p.timeoutSeconds,
      filename: asset.asset.path,
      sourceCodeHash: asset.base64Sha256,
      publish: true,
      layers: [...(props.powertoolsLayerArn ? [props.powertoolsLayerArn] : []), ...(props.layerArns ?? [])],
      kmsKeyArn: this.kmsKeyArn,
      reservedConcurrentExecutions: props.reservedConcurrency,
      environment: { variables },
      loggingConfig: { logFormat: LAMBDA_DEFAULTS.logFormat, logGroup: this.logGroup.name, applicationLogLevel: p.applicationLogLevel, systemLogLevel: 'INFO' },
      tracingConfig: { mode: LAMBDA_DEFAULTS.tracing },
      deadLetterConfig: { targetArn: this.deadLetterQueue.arn },
      vpcConfig: props.vpc ? { subnetIds: props.vpc.subnetIds, securityGroupIds: [this.securityGroupId!] } : undefined,
      tags,
      // The role must be able to write logs and reach the queue before the first invocation.
      dependsOn: [this.logGroup, rolePolicy],
    });
    this.functionName = this.resource.functionName;
    this.functionArn = this.resource.arn;

    new LambdaFunctionEventInvokeConfig(this, 'async-config', {
      functionName: this.resource.functionName,
      maximumRetryAttempts: LAMBDA_DEFAULTS.maximumRetryAttempts,
    });

    this.alias = new LambdaAlias(this, 'alias', {
      name: LAMBDA_DEFAULTS.aliasName,
      description: 'The version callers invoke',
      functionName: this.resource.functionName,
      functionVersion: this.resource.version,
    });
    this.aliasName = this.alias.name;
    this.aliasArn = this.alias.arn;
    this.aliasInvokeArn = this.alias.invokeArn;
    if (props.provisionedConcurrency !== undefined) {
      new LambdaProvisionedConcurrencyConfig(this, 'provisioned-concurrency', {
        functionName: this.resource.functionName,
        qualifier: this.alias.name,
        provisionedConcurrentExecutions: props.provisionedConcurrency,
      });
    }

    const dimensions = { FunctionName: name };
    const common = { namespace: 'AWS/Lambda', dimensions, topicArn: props.alarmTopicArn, tags };
    metricAlarm(this, 'alarm-errors', {
      ...common,
      name: `${name}-errors`,
      description: `Lambda ${name} returned errors; see ${logGroupName}`,
      metricName: 'Errors',
      statistic: 'Sum',
      threshold: 0,
    });
    metricAlarm(this, 'alarm-throttles', {
      ...common,
      name: `${name}-throttles`,
      description: `Lambda ${name} was throttled; raise its concurrency or the account limit`,
      metricName: 'Throttles',
      statistic: 'Sum',
      threshold: 0,
    });
    metricAlarm(this, 'alarm-dead-letters', {
      ...common,
      namespace: 'AWS/SQS',
      dimensions: { QueueName: this.deadLetterQueue.name },
      name: `${name}-dead-letters`,
      description: `Asynchronous events of Lambda ${name} failed every retry and wait in ${name}-dlq`,
      metricName: 'ApproximateNumberOfMessagesVisible',
      statistic: 'Maximum',
      threshold: 0,
      evaluationPeriods: 1,
    });
    metricAlarm(this, 'alarm-duration', {
      ...common,
      name: `${name}-duration-near-timeout`,
      description: `Lambda ${name} ran longer than ${LAMBDA_DEFAULTS.durationAlarmRatio * 100}% of its ${p.timeoutSeconds} s timeout`,
      metricName: 'Duration',
      statistic: 'Maximum',
      threshold: Math.floor(p.timeoutSeconds * 1000 * LAMBDA_DEFAULTS.durationAlarmRatio),
    });
  }

  private validate(props: LambdaFunctionProps, p: { runtime: string; architecture: string; memoryMb: number; timeoutSeconds: number; logRetentionDays: number; applicationLogLevel: string }): void {
    const check = (prop: string, value: unknown, problem: string | undefined): void => {
      if (problem !== undefined && !Token.isUnresolved(value)) throw new ValidationError(this, prop, value, problem);
    };
    const name = props.functionName;
    check('functionName', name, /^[A-Za-z0-9_-]{1,64}$/.test(name) ? undefined : 'is not a function name; use 1 to 64 letters, digits, - and _');
    check('runtime', p.runtime, lambdaRuntimeProblem(p.runtime));
    check(
      'architecture',
      p.architecture,
      (LAMBDA_ARCHITECTURES as readonly string[]).includes(p.architecture) ? undefined : `is not supported; use one of ${LAMBDA_ARCHITECTURES.join(', ')}`,
    );
    check('memoryMb', p.memoryMb, lambdaMemoryProblem(p.memoryMb));
    check('timeoutSeconds', p.timeoutSeconds, lambdaTimeoutProblem(p.timeoutSeconds));
    check('logRetentionDays', p.logRetentionDays, isCloudwatchRetention(p.logRetentionDays) ? undefined : `is not allowed; ${CLOUDWATCH_RETENTION_ALLOWED}`);
    check(
      'applicationLogLevel',
      p.applicationLogLevel,
      ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'].includes(p.applicationLogLevel) ? undefined : 'is not a level; use one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL',
    );
    if (props.reservedConcurrency !== undefined) {
      const [min, max] = LAMBDA_LIMITS.reservedConcurrency;
      const v = props.reservedConcurrency;
      check('reservedConcurrency', v, Number.isInteger(v) && v >= min && v <= max ? undefined : `is not allowed; use ${min} to ${max}`);
    }
    if (props.provisionedConcurrency !== undefined) {
      const [min, max] = LAMBDA_LIMITS.provisionedConcurrency;
      const v = props.provisionedConcurrency;
      check('provisionedConcurrency', v, Number.isInteger(v) && v >= min && v <= max ? undefined : `is not allowed; use ${min} to ${max}`);
      if (props.reservedConcurrency !== undefined && v > props.reservedConcurrency) {
        check('provisionedConcurrency', v, `is above reservedConcurrency ${props.reservedConcurrency}; use at most the reserved concurrency`);
      }
    }
    const layer = props.powertoolsLayerArn;
    if (layer && !Token.isUnresolved(layer) && !/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:layer:[A-Za-z0-9_-]+:\d+$/.test(layer)) {
      throw new ValidationError(this, 'powertoolsLayerArn', layer, 'is not a versioned layer ARN; use arn:aws:lambda:<region>:<account>:layer:<name>:<version>');
    }
    if (props.cacheAccess?.length && !props.vpc) {
      throw new ValidationError(this, 'cacheAccess', props.cacheAccess.map((a) => a.name), 'needs the function in a VPC; set "vpc" too');
    }
    for (const [i, table] of (props.tableAccess ?? []).entries()) {
      if (!(TABLE_GRANTS as readonly string[]).includes(table.access)) {
        throw new ValidationError(this, `tableAccess[${i}].access`, table.access, `is not a table grant; use one of ${TABLE_GRANTS.join(', ')}`);
      }
    }
    if (props.databaseAccess?.length && !props.vpc) {
      throw new ValidationError(this, 'databaseAccess', props.databaseAccess.map((a) => a.name), 'needs the function in a VPC; set "vpc" too');
    }
    if (props.vpc && !Token.isUnresolved(props.vpc.subnetIds) && props.vpc.subnetIds.length === 0) {
      throw new ValidationError(this, 'vpc.subnetIds', props.vpc.subnetIds, 'is empty; give at least one private subnet (two or more across zones)');
    }
    checkEnvironmentAndSecrets(this, props.environment, props.secrets, { environment: 'environment', secrets: 'secrets' });
    const variables = { POWERTOOLS_SERVICE_NAME: name, ...(props.environment ?? {}), ...(props.secrets ?? {}) };
    if (!Object.entries(variables).some(([k, v]) => Token.isUnresolved(k) || Token.isUnresolved(v))) {
      const sizeProblem = lambdaEnvironmentSizeProblem(variables);
      if (sizeProblem) throw new ValidationError(this, 'environment', `${Object.keys(variables).length} variables`, sizeProblem);
    }
    for (const [prop, vars] of [['environment', props.environment], ['secrets', props.secrets]] as const) {
      for (const key of Object.keys(vars ?? {})) check(`${prop}.${key}`, key, lambdaEnvironmentNameProblem(key));
    }
  }
}
