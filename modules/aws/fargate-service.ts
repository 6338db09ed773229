import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { type DatabaseAccess, DatabaseGrant, databaseGrantId } from './database-access';
import { CLOUDWATCH_RETENTION_ALLOWED, isCloudwatchRetention } from './log-retention';
import { metricAlarm } from './private/alarm';
import { AwsContext, CustomerKey } from './private/customer-key';
import { checkEnvironmentAndSecrets, SECRET_REFERENCE_ALLOWED, secretReadStatements, secretReferenceKind } from './private/secret-refs';
import { jsonencode } from '../core/jsonencode';

/**
 * The Fargate task sizes: CPU units -> the memory sizes (MiB) allowed with it.
 *
 * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size
 */
export const FARGATE_CPU_MEMORY: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: [1024, 2048, 3072, 4096],
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
};

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

/** The valid pairs, for messages: `256 CPU: 512, 1024, 2048 MiB; 512 CPU: ...`. */
export function fargateCpuMemoryAllowed(): string {
  return Object.entries(FARGATE_CPU_MEMORY)
    .map(([cpu, mems]) => {
      const list = mems.length > 4 ? `${mems[0]}-${mems[mems.length - 1]} in steps of ${mems[1]! - mems[0]!}` : mems.join(', ');
      return `${cpu} CPU: ${list} MiB`;
    })
    .join('; ');
}

/** Problem with a Fargate CPU/memory pair, or undefined when Fargate offers it. */
export function fargateCpuMemoryProblem(cpu: number, memoryMb: number): string | undefined {
  const mems = FARGATE_CPU_MEMORY[cpu];
  if (!mems) return `cpu ${cpu} is not a Fargate size; use one of ${Object.keys(FARGATE_CPU_MEMORY).join(', ')} (${fargateCpuMemoryAllowed()})`;
  if (!mems.includes(memoryMb)) return `memory ${memoryMb} MiB is not allowed with cpu ${cpu}; valid pairs: ${fargateCpuMemoryAllowed()}`;
  return undefined;
}

/** CPU architectures of a Fargate task. */
export const FARGATE_ARCHITECTURES = ['ARM64', 'X86_64'] as const;

/** Defaults of {@link FargateService}. */
export const FARGATE_DEFAULTS = {
  cpu: 512,
  memoryMb: 1024,
  architecture: 'ARM64',
  desiredCount: 2,
  minCapacity: 2,
  maxCapacity: 10,
  /** Numeric UID:GID so the image cannot fall back to root. */
  user: '10001:10001',
  minimumHealthyPercent: 100,
  maximumPercent: 200,
  cpuTargetPercent: 60,
  memoryTargetPercent: 70,
  requestsPerTarget: 1000,
  logRetentionDays: 365,
  healthCheckGracePeriodSeconds: 60,
  ignoreImageChanges: false,
  alarmCpuPercent: 85,
  alarmMemoryPercent: 85,
} as const;

/** Limits of {@link FargateService}. */
export const FARGATE_LIMITS = {
  desiredCount: [0, 5000],
  capacity: [0, 5000],
  minimumHealthyPercent: [0, 100],
  maximumPercent: [100, 200],
  targetPercent: [10, 95],
  containerPort: [1, 65535],
} as const;

/** Container health check run by ECS. */
export interface FargateHealthCheck {
  /** Command, e.g. `["CMD-SHELL", "curl -fs http://localhost:8080/health || exit 1"]`. */
  readonly command: string[];
  /** @default 30 */
  readonly intervalSeconds?: number;
  /** @default 5 */
  readonly timeoutSeconds?: number;
  /** @default 3 */
  readonly retries?: number;
  /** @default 30 */
  readonly startPeriodSeconds?: number;
}

/** The load balancer in front of the service: an {@link ApplicationLoadBalancer} fits. */
export interface FargateLoadBalancerTarget {
  readonly targetGroupArn: string;
  /** `targetgroup/<name>/<id>` (request-count scaling and alarms). */
  readonly targetGroupArnSuffix: string;
  /** `app/<name>/<id>`. */
  readonly loadBalancerArnSuffix: string;
  /** Security group of the balancer: admitted on the container port only. */
  readonly securityGroupId: string;
}

/**
 * What the container gets with `cacheAccess`: plain variables (endpoints, port, TLS) and secrets ECS
 * injects from the cache's Secrets Manager secret (JSON keys `username` and `password`).
 */
export const FARGATE_CACHE_VARIABLES = {
  environment: { host: 'CACHE_HOST', readerHost: 'CACHE_READER_HOST', port: 'CACHE_PORT', tls: 'CACHE_TLS' },
  secrets: { username: 'CACHE_USERNAME', password: 'CACHE_PASSWORD' },
} as const;

/** Every variable name `cacheAccess` sets (a service's own variables must not reuse them). */
export const FARGATE_CACHE_VARIABLE_NAMES: readonly string[] = [...Object.values(FARGATE_CACHE_VARIABLES.environment), ...Object.values(FARGATE_CACHE_VARIABLES.secrets)];

/** Access of the tasks to a Valkey/Redis cache (e.g. a {@link CacheCluster}'s endpoints, group and secret). */
export interface FargateCacheAccess {
  /** Security group of the cache: it admits the tasks' group on `port`. */
  readonly securityGroupId: string;
  /** Port of the cache. */
  readonly port: number;
  /** Primary (read-write) endpoint. */
  readonly primaryEndpoint: string;
  /** Reader endpoint (the replicas). */
  readonly readerEndpoint: string;
  /** Secrets Manager secret holding `{ username, password }` of the cache user (only referenced). */
  readonly secretArn: string;
  /** Customer key of the secret (the execution role may decrypt with it through Secrets Manager only). @default - an AWS managed key, no KMS grant */
  readonly kmsKeyArn?: string;
}

/** Props of {@link FargateService}. */
export interface FargateServiceProps {
  /** Service name; also the task family, container, log group, roles and alarms. */
  readonly serviceName: string;
  /** Cluster ARN. */
  readonly clusterArn: string;
  /** Cluster name (autoscaling and alarm dimensions). */
  readonly clusterName: string;
  /** VPC of the tasks. */
  readonly vpcId: string;
  /** Private subnets of the tasks (no public IP is ever assigned). */
  readonly subnetIds: string[];
  /** Container image (`<repo>@sha256:...` or an immutable tag). */
  readonly image: string;
  /** Port the container listens on. */
  readonly containerPort: number;
  /** CPU units. @default 512 */
  readonly cpu?: number;
  /** Memory, MiB; must pair with `cpu` (see FARGATE_CPU_MEMORY). @default 1024 */
  readonly memoryMb?: number;
  /** CPU architecture. @default "ARM64" */
  readonly architecture?: string;
  /** UID:GID the container runs as (never root). @default "10001:10001" */
  readonly user?: string;
  /** Plain environment variables; names that look secret are rejected unless they hold a reference ARN. @default - none */
  readonly environment?: Record<string, string>;
  /** Secrets injected by ECS (name -> Secrets Manager or SSM parameter ARN); the execution role reads exactly these. @default - none */
  readonly secrets?: Record<string, string>;
  /** KMS keys of the referenced secrets, decryptable by the execution role. @default - none */
  readonly secretsKmsKeyArns?: string[];
  /** Container health check. @default - none (the load balancer's check only) */
  readonly healthCheck?: FargateHealthCheck;
  /** Tasks at creation. @default 2 */
  readonly desiredCount?: number;
  /** Autoscaling minimum. @default 2 */
  readonly minCapacity?: number;
  /** Autoscaling maximum. @default 10 */
  readonly maxCapacity?: number;
  /** Target average CPU, percent. @default 60 */
  readonly cpuTargetPercent?: number;
  /** Target average memory, percent. @default 70 */
  readonly memoryTargetPercent?: number;
  /** Target ALB requests per task per minute (with a load balancer). @default 1000 */
  readonly requestsPerTarget?: number;
  /** Lowest healthy percent during deployments. @default 100 */
  readonly minimumHealthyPercent?: number;
  /** Highest percent during deployments. @default 200 */
  readonly maximumPercent?: number;
  /** CI owns the image: Terraform ignores later task definition changes of the service. @default false */
  readonly ignoreImageChanges?: boolean;
  /** Load balancer in front. @default - none */
  readonly loadBalancer?: FargateLoadBalancerTarget;
  /** Databases the tasks may reach. @default - none */
  readonly databaseAccess?: DatabaseAccess[];
  /** A cache the tasks may reach: security group rules both ways, its endpoints as variables, its credentials as ECS secrets (see FARGATE_CACHE_VARIABLES). @default - none */
  readonly cacheAccess?: FargateCacheAccess;
  /** Allow ECS Exec into the tasks (the cluster must have it on). @default false */
  readonly enableExecuteCommand?: boolean;
  /** KMS key of the cluster's ECS Exec sessions (the task role may use it). @default - none */
  readonly execKmsKeyArn?: string;
  /** KMS key of the log group. @default - a rotating customer-managed key is created */
  readonly kmsKeyArn?: string;
  /** Log retention, days. @default 365 */
  readonly logRetentionDays?: number;
  /** SNS topic of the alarms. @default - alarms without actions */
  readonly alarmTopicArn?: string;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * A Fargate service: a hardened task definition (valid CPU/memory pair, ARM64, read-only root file system,
 * non-root user, no privilege escalation, awslogs to a KMS log group, secrets by ARN), run in private subnets
 * without public IPs, with a deployment circuit breaker that rolls back, target tracking autoscaling and alarms.
 *
 * @see https://github.com/terraform-aws-modules/terraform-aws-ecs/tree/master/modules/service
 */
export class FargateService extends Construct {
  public readonly service: EcsService;
  public readonly taskDefinition: EcsTaskDefinition;
  public readonly serviceName: string;
  public readonly securityGroupId: string;
  public readonly taskRoleArn: string;
  public readonly executionRoleArn: string;
  public readonly logGroupName: string;
  public readonly kmsKeyArn: string;

  constructor(scope: Construct, id: string, props: FargateServiceProps) {
    super(scope, id);
    const d = FARGATE_DEFAULTS;
    const p = {
      cpu: props.cpu ?? d.cpu,
      memoryMb: props.memoryMb ?? d.memoryMb,
      architecture: props.architecture ?? d.architecture,
      user: props.user ?? d.user,
      desiredCount: props.desiredCount ?? d.desiredCount,
      minCapacity: props.minCapacity ?? d.minCapacity,
      maxCapacity: props.maxCapacity ?? d.maxCapacity,
      minimumHealthyPercent: props.minimumHealthyPercent ?? d.minimumHealthyPercent,
      maximumPercent: props.maximumPercent ?? d.maximumPercent,
      cpuTargetPercent: props.cpuTargetPercent ?? d.cpuTargetPercent,
      memoryTargetPercent: props.memoryTargetPercent ?? d.memoryTargetPercent,
      logRetentionDays: props.logRetentionDays ?? d.logRetentionDays,
    };
    this.validate(props, p);
    const tags = props.tags ?? {};
    const name = props.serviceName;
    const logGroupName = `/aws/ecs/${name}`;
    const aws = new AwsContext(this, 'context');

    this.kmsKeyArn =
      props.kmsKeyArn ??
      new CustomerKey(this, 'key', { description: `Encrypts the logs of ECS service ${name}`, alias: `ecs/${name}`, logGroupNames: [logGroupName], tags }).arn;
    const logGroup = new CloudwatchLogGroup(this, 'log-group', { name: logGroupName, retentionInDays: p.logRetentionDays, kmsKeyId: this.kmsKeyArn, tags });
    this.logGroupName = logGroup.name;

    const trust = new DataAwsIamPolicyDocument(this, 'trust', {
      statement: [
        {
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] }],
          actions: ['sts:AssumeRole'],
          condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [aws.accountId] }],
        },
      ],
    });

    // Execution role: pull the image, write the log group, read exactly the secrets given.
    const executionRole = new IamRole(this, 'execution-role', { name: `${name}-ecs-execution`, assumeRolePolicy: trust.json, tags });
    this.executionRoleArn = executionRole.arn;
    const secretKeys = props.secretsKmsKeyArns ?? [];
    const cache = props.cacheAccess;
    const executionPolicy = new DataAwsIamPolicyDocument(this, 'execution-policy', {
      statement: [
        { sid: 'PullImages', effect: 'Allow', actions: ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'], resources: ['*'] },
        { sid: 'WriteOwnLogGroup', effect: 'Allow', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${logGroup.arn}:*`] },
        ...secretReadStatements(Object.values(props.secrets ?? {})),
        ...(secretKeys.length ? [{ sid: 'DecryptSecrets', effect: 'Allow', actions: ['kms:Decrypt'], resources: secretKeys }] : []),
        ...(cache ? cacheSecretStatements(cache, aws.region) : []),
      ],
    });
    new IamRolePolicy(this, 'execution-role-policy', { name: 'execution', role: executionRole.id, policy: executionPolicy.json });

    // Task role: what the application may do (databases, ECS Exec).
    const taskRole = new IamRole(this, 'task-role', { name: `${name}-ecs-task`, assumeRolePolicy: trust.json, tags });
    this.taskRoleArn = taskRole.arn;

    const sg = new SecurityGroup(this, 'security-group', {
      namePrefix: `${name}-tasks-`,
      description: `ECS service ${name}: container port from its load balancer; HTTPS out`,
      vpcId: props.vpcId,
      tags: { ...tags, Name: `${name}-tasks` },
      lifecycle: { createBeforeDestroy: true },
    });
    this.securityGroupId = sg.id;
    new VpcSecurityGroupEgressRule(this, 'egress-https', {
      securityGroupId: sg.id,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: '0.0.0.0/0',
      description: 'HTTPS to ECR, logs, secrets and AWS APIs',
    });
    if (props.loadBalancer) {
      new VpcSecurityGroupIngressRule(this, 'ingress-from-alb', {
        securityGroupId: sg.id,
        referencedSecurityGroupId: props.loadBalancer.securityGroupId,
        ipProtocol: 'tcp',
        fromPort: props.containerPort,
        toPort: props.containerPort,
        description: 'Container port from the load balancer',
      });
      new VpcSecurityGroupEgressRule(this, 'alb-egress-to-tasks', {
        securityGroupId: props.loadBalancer.securityGroupId,
        referencedSecurityGroupId: sg.id,
        ipProtocol: 'tcp',
        fromPort: props.containerPort,
        toPort: props.containerPort,
        description: `To the tasks of ${name} on the container port`,
      });
    }

    if (cache) {
      new VpcSecurityGroupIngressRule(this, 'cache-ingress', {
        securityGroupId: cache.securityGroupId,
        referencedSecurityGroupId: sg.id,
        ipProtocol: 'tcp',
        fromPort: cache.port,
        toPort: cache.port,
        description: `Cache clients: ECS service ${name}`,
      });
      new VpcSecurityGroupEgressRule(this, 'cache-egress', {
        securityGroupId: sg.id,
        referencedSecurityGroupId: cache.securityGroupId,
        ipProtocol: 'tcp',
        fromPort: cache.port,
        toPort: cache.port,
        description: 'To the cache (TLS)',
      });
    }

    const taskStatements: DataAwsIamPolicyDocumentStatement[] = [];
    for (const access of props.databaseAccess ?? []) {
      taskStatements.push(...new DatabaseGrant(this, databaseGrantId(access), { ...access, sourceSecurityGroupId: sg.id }).statements);
    }
    if (props.enableExecuteCommand) {
      taskStatements.push({
        sid: 'EcsExec',
        effect: 'Allow',
        actions: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
        resources: ['*'],
      });
      if (props.execKmsKeyArn) taskStatements.push({ sid: 'EcsExecKey', effect: 'Allow', actions: ['kms:Decrypt'], resources: [props.execKmsKeyArn] });
    }
    if (taskStatements.length) {
      const taskPolicy = new DataAwsIamPolicyDocument(this, 'task-policy', { statement: taskStatements });
      new IamRolePolicy(this, 'task-role-policy', { name: 'task', role: taskRole.id, policy: taskPolicy.json });
    }

    const hc = props.healthCheck;
    const container = {
      name,
      image: props.image,
      essential: true,
      user: p.user,
      readonlyRootFilesystem: true,
      privileged: false,
      linuxParameters: { initProcessEnabled: true, capabilities: { drop: ['ALL'] } },
      portMappings: [{ containerPort: props.containerPort, protocol: 'tcp' }],
      environment: Object.entries({ ...props.environment, ...(cache ? cacheEnvironment(cache) : {}) })
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([n, value]) => ({ name: n, value })),
      // The cache's credentials by reference (`<secret arn>:<json key>::`): never a value in the task definition.
      secrets: Object.entries({ ...props.secrets, ...(cache ? cacheSecrets(cache) : {}) })
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([n, valueFrom]) => ({ name: n, valueFrom })),
      healthCheck: hc
        ? { command: hc.command, interval: hc.intervalSeconds ?? 30, timeout: hc.timeoutSeconds ?? 5, retries: hc.retries ?? 3, startPeriod: hc.startPeriodSeconds ?? 30 }
        : undefined,
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': logGroup.name, 'awslogs-region': aws.region, 'awslogs-stream-prefix': name, mode: 'non-blocking' },
      },
      // A writable scratch space on the read-only root file system.
      mountPoints: [{ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false }],
    };
    this.taskDefinition = new EcsTaskDefinition(this, 'task-definition', {
      family: name,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: String(p.cpu),
      memory: String(p.memoryMb),
      runtimePlatform: { cpuArchitecture: p.architecture, operatingSystemFamily: 'LINUX' },
      executionRoleArn: executionRole.arn,
      taskRoleArn: taskRole.arn,
      containerDefinitions: jsonencode([container]),
      volume: [{ name: 'tmp' }],
      tags,
    });

    this.service = new EcsService(this, 'service', {
      name,
      cluster: props.clusterArn,
      taskDefinition: this.taskDefinition.arn,
      desiredCount: p.desiredCount,
      platformVersion: 'LATEST',
      propagateTags: 'SERVICE',
      enableEcsManagedTags: true,
      enableExecuteCommand: props.enableExecuteCommand ?? false,
      deploymentMinimumHealthyPercent: p.minimumHealthyPercent,
      deploymentMaximumPercent: p.maximumPercent,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      networkConfiguration: { subnets: props.subnetIds, securityGroups: [sg.id], assignPublicIp: false },
      loadBalancer: props.loadBalancer
        ? [{ targetGroupArn: props.loadBalancer.targetGroupArn, containerName: name, containerPort: props.containerPort }]
        : undefined,
      healthCheckGracePeriodSeconds: props.loadBalancer ? d.healthCheckGracePeriodSeconds : undefined,
      tags,
      // Autoscaling owns the count; CI may own the task definition (terraform-aws-ecs issue 165).
      lifecycle: { ignoreChanges: props.ignoreImageChanges ? ['desired_count', 'task_definition'] : ['desired_count'] },
    });
    this.serviceName = this.service.name;

    const target = new AppautoscalingTarget(this, 'scaling-target', {
      serviceNamespace: 'ecs',
      scalableDimension: 'ecs:service:DesiredCount',
      resourceId: `service/${props.clusterName}/${this.service.name}`,
      minCapacity: p.minCapacity,
      maxCapacity: p.maxCapacity,
      tags,
    });
    const track = (key: string, metric: string, value: number, resourceLabel?: string): void => {
      new AppautoscalingPolicy(this, `scaling-${key}`, {
        name: `${name}-${key}`,
        policyType: 'TargetTrackingScaling',
        serviceNamespace: target.serviceNamespace,
        scalableDimension: target.scalableDimension,
        resourceId: target.resourceId,
        targetTrackingScalingPolicyConfiguration: {
          targetValue: value,
          scaleInCooldown: 300,
          scaleOutCooldown: 60,
          predefinedMetricSpecification: { predefinedMetricType: metric, resourceLabel },
        },
      });
    };
    track('cpu', 'ECSServiceAverageCPUUtilization', p.cpuTargetPercent);
    track('memory', 'ECSServiceAverageMemoryUtilization', p.memoryTargetPercent);
    if (props.loadBalancer) {
      track(
        'requests',
        'ALBRequestCountPerTarget',
        props.requestsPerTarget ?? d.requestsPerTarget,
        `${props.loadBalancer.loadBalancerArnSuffix}/${props.loadBalancer.targetGroupArnSuffix}`,
      );
    }

    const dims = { ClusterName: props.clusterName, ServiceName: name };
    const common = { topicArn: props.alarmTopicArn, tags };
    metricAlarm(this, 'alarm-cpu', {
      ...common,
      name: `${name}-cpu-high`,
      description: `ECS service ${name} CPU above ${d.alarmCpuPercent}% (scaling at its maximum?)`,
      namespace: 'AWS/ECS',
      metricName: 'CPUUtilization',
      dimensions: dims,
      statistic: 'Average',
      threshold: d.alarmCpuPercent,
    });
    metricAlarm(this, 'alarm-memory', {
      ...common,
      name: `${name}-memory-high`,
      description: `ECS service ${name} memory above ${d.alarmMemoryPercent}%`,
      namespace: 'AWS/ECS',
      metricName: 'MemoryUtilization',
      dimensions: dims,
      statistic: 'Average',
      threshold: d.alarmMemoryPercent,
    });
    if (props.loadBalancer) {
      const lbDims = { LoadBalancer: props.loadBalancer.loadBalancerArnSuffix, TargetGroup: props.loadBalancer.targetGroupArnSuffix };
      metricAlarm(this, 'alarm-5xx', {
        ...common,
        name: `${name}-5xx`,
        description: `ECS service ${name} answered 5xx; see ${logGroupName}`,
        namespace: 'AWS/ApplicationELB',
        metricName: 'HTTPCode_Target_5XX_Count',
        dimensions: lbDims,
        statistic: 'Sum',
        threshold: 10,
      });
      metricAlarm(this, 'alarm-unhealthy', {
        ...common,
        name: `${name}-unhealthy-tasks`,
        description: `Tasks of ECS service ${name} fail the load balancer health check`,
        namespace: 'AWS/ApplicationELB',
        metricName: 'UnHealthyHostCount',
        dimensions: lbDims,
        statistic: 'Maximum',
        threshold: 0,
      });
    }
  }

  private validate(props: FargateServiceProps, p: Record<string, any>): void {
    const fail = (prop: string, value: unknown, allowed: string): never => {
      throw new ValidationError(this, prop, value, allowed);
    };
    const known = (v: unknown): boolean => !Token.isUnresolved(v);
    if (known(props.serviceName) && !/^[A-Za-z0-9_-]{1,255}$/.test(props.serviceName)) {
      fail('serviceName', props.serviceName, 'is not a service name; use 1 to 255 letters, digits, - and _');
    }
    if (known(p.cpu) && known(p.memoryMb)) {
      const problem = fargateCpuMemoryProblem(p.cpu, p.memoryMb);
      if (problem) fail(FARGATE_CPU_MEMORY[p.cpu] ? 'memoryMb' : 'cpu', FARGATE_CPU_MEMORY[p.cpu] ? p.memoryMb : p.cpu, `is not a valid Fargate size: ${problem}`);
    }
    if (!(FARGATE_ARCHITECTURES as readonly string[]).includes(p.architecture)) {
      fail('architecture', p.architecture, `is not supported; use one of ${FARGATE_ARCHITECTURES.join(', ')}`);
    }
    if (known(p.user) && (!/^\d+(:\d+)?$/.test(p.user) || /^0(:|$)/.test(p.user))) {
      fail('user', p.user, 'is not allowed; use a numeric non-root UID[:GID] such as "10001:10001" (never 0 or a name)');
    }
    const ranges: [string, number, readonly [number, number]][] = [
      ['containerPort', props.containerPort, FARGATE_LIMITS.containerPort],
      ['desiredCount', p.desiredCount, FARGATE_LIMITS.desiredCount],
      ['minCapacity', p.minCapacity, FARGATE_LIMITS.capacity],
      ['maxCapacity', p.maxCapacity, FARGATE_LIMITS.capacity],
      ['minimumHealthyPercent', p.minimumHealthyPercent, FARGATE_LIMITS.minimumHealthyPercent],
      ['maximumPercent', p.maximumPercent, FARGATE_LIMITS.maximumPercent],
      ['cpuTargetPercent', p.cpuTargetPercent, FARGATE_LIMITS.targetPercent],
      ['memoryTargetPercent', p.memoryTargetPercent, FARGATE_LIMITS.targetPercent],
    ];
    for (const [prop, value, [min, max]] of ranges) {
      if (known(value) && !(Number.isInteger(value) && value >= min && value <= max)) fail(prop, value, `is not allowed; use a whole number from ${min} to ${max}`);
    }
    if (known(p.minCapacity) && known(p.maxCapacity) && p.minCapacity > p.maxCapacity) {
      fail('minCapacity', p.minCapacity, `is above maxCapacity ${p.maxCapacity}; use at most maxCapacity`);
    }
    if (known(p.desiredCount) && (p.desiredCount < p.minCapacity || p.desiredCount > p.maxCapacity)) {
      fail('desiredCount', p.desiredCount, `is outside minCapacity ${p.minCapacity} to maxCapacity ${p.maxCapacity}; use a count in that range`);
    }
    if (!isCloudwatchRetention(p.logRetentionDays)) fail('logRetentionDays', p.logRetentionDays, `is not allowed; ${CLOUDWATCH_RETENTION_ALLOWED}`);
    if (known(props.subnetIds) && props.subnetIds.length === 0) fail('subnetIds', props.subnetIds, 'is empty; give the private subnets of the tasks');
    checkEnvironmentAndSecrets(this, props.environment, props.secrets, { environment: 'environment', secrets: 'secrets' });
    const cache = props.cacheAccess;
    if (cache) {
      for (const field of ['environment', 'secrets'] as const) {
        const taken = Object.keys(props[field] ?? {}).find((n) => FARGATE_CACHE_VARIABLE_NAMES.includes(n));
        if (taken) fail(`${field}.${taken}`, taken, `is set by cacheAccess; rename the variable (cacheAccess sets ${FARGATE_CACHE_VARIABLE_NAMES.join(', ')})`);
      }
      if (known(cache.port) && !(Number.isInteger(cache.port) && cache.port >= 1 && cache.port <= 65535)) fail('cacheAccess.port', cache.port, 'is not a port; use a whole number from 1 to 65535');
      if (known(cache.secretArn) && secretReferenceKind(cache.secretArn) !== 'secretsmanager') fail('cacheAccess.secretArn', cache.secretArn, `is not a Secrets Manager secret ARN; ${SECRET_REFERENCE_ALLOWED}`);
    }
  }
}

/** The plain variables of a cache access: endpoints, port, TLS (the cache requires it). */
function cacheEnvironment(cache: FargateCacheAccess): Record<string, string> {
  const v = FARGATE_CACHE_VARIABLES.environment;
  return { [v.host]: cache.primaryEndpoint, [v.readerHost]: cache.readerEndpoint, [v.port]: Token.isUnresolved(cache.port) ? Token.asString(cache.port) : String(cache.port), [v.tls]: 'true' };
}

/** The ECS secrets of a cache access: JSON keys of its secret. @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html */
function cacheSecrets(cache: FargateCacheAccess): Record<string, string> {
  const v = FARGATE_CACHE_VARIABLES.secrets;
  return { [v.username]: `${cache.secretArn}:username::`, [v.password]: `${cache.secretArn}:password::` };
}

/** The execution role reads the cache's secret, and decrypts its key only through Secrets Manager. */
function cacheSecretStatements(cache: FargateCacheAccess, region: string): DataAwsIamPolicyDocumentStatement[] {
  return [
    { sid: 'ReadCacheSecret', effect: 'Allow', actions: ['secretsmanager:GetSecretValue'], resources: [cache.secretArn] },
    ...(cache.kmsKeyArn
      ? [{ sid: 'DecryptCacheSecret', effect: 'Allow', actions: ['kms:Decrypt'], resources: [cache.kmsKeyArn], condition: [{ test: 'StringEquals', variable: 'kms:ViaService', values: [`secretsmanager.${region}.amazonaws.com`] }] }]
      : []),
  ];
}
