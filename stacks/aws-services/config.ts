import { z } from 'zod';
import { ALB_DEFAULTS, ALB_LIMITS } from '../../modules/aws/application-load-balancer';
import { ECR_DEFAULTS, ECR_LIMITS } from '../../modules/aws/ecr-repository';
import { ECS_CLUSTER_DEFAULTS, ECS_CLUSTER_LIMITS } from '../../modules/aws/ecs-cluster';
import { FARGATE_ARCHITECTURES, FARGATE_CACHE_VARIABLE_NAMES, FARGATE_CPU_MEMORY, FARGATE_DEFAULTS, FARGATE_LIMITS, fargateCpuMemoryProblem } from '../../modules/aws/fargate-service';
import { ipv4Cidr } from '../../modules/core/config/primitives';
import { defineSection, type ParsedEnvironment, type ReportProblem } from '../../modules/core/config/section';
import { awsDataSection, WafConfigSchema } from '../aws-data/config';
import { awsNetworkSection } from '../aws-network/config';
import type { EnvironmentCore } from '../environment/config';
import { checkDatabaseGrant, checkSecrets, databaseGrantFields, keyedByName, envVars, retentionDays, wholeNumberIn } from '../private/workload-config';

const ImageSchema = z.strictObject({
  /** Image repository (`<registry>/<name>`) outside this stack. @default - an ECR repository `<env>/<service>` created here */
  repository: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]*(:\d+)?\/[a-z0-9._/-]+$/, { message: 'is not an image repository; use "<registry host>/<name>", e.g. "public.ecr.aws/nginx/nginx"' })
    .optional(),
  /** Immutable tag of the image (never `latest`). @default - none; give tag or digest */
  tag: z
    .string()
    .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, { message: 'is not an image tag; use letters, digits, _ . and - (at most 128)' })
    .refine((t) => t !== 'latest', { message: 'is a moving tag; the ECR repository keeps tags immutable, use a version tag or a digest' })
    .optional(),
  /** Digest of the image, `sha256:<64 hex>`. @default - none; give tag or digest */
  digest: z.string().regex(/^sha256:[a-f0-9]{64}$/, { message: 'is not an image digest; use sha256:<64 hex digits>' }).optional(),
});

const AlbSchema = z.strictObject({
  /** `public` (internet-facing, in the public subnets) or `internal` (in the private subnets). @default "public" */
  scheme: z.enum(['public', 'internal']).default(ALB_DEFAULTS.internal ? 'internal' : 'public'),
  /** ACM certificate ARN of the HTTPS listener (TLS 1.3 policy); required unless allowPlainHttp. @default - none */
  certificateArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/, { message: 'is not an ACM certificate ARN; use arn:aws:acm:<region>:<account>:certificate/<id>' })
    .optional(),
  /** Serve plain HTTP on port 80, without TLS: an explicit opt-in for dev only. @default false */
  allowPlainHttp: z.boolean().default(ALB_DEFAULTS.allowPlainHttp),
  /** CIDRs admitted on 443 (and 80). @default - 0.0.0.0/0 when public; required when internal */
  ingressCidrs: z.array(ipv4Cidr).optional(),
  /**
   * A REGIONAL WAF web ACL `<env>-<name>-alb` made here and associated with the balancer: AWS managed
   * rule groups, a per-IP rate limit, request logs (`aws-waf-logs-<env>-<name>-alb`, KMS). Not with
   * `wafAclArn`. (The HTTP API of `aws.functions` cannot have one: AWS WAF protects REST API stages
   * only; put `aws.data.cdn` with its `waf` in front of it.) @default - none
   */
  waf: WafConfigSchema.optional(),
  /** An existing REGIONAL WAFv2 web ACL ARN to associate instead of `waf`. @default - none */
  wafAclArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/[A-Za-z0-9_-]+\/[a-f0-9-]+$/, { message: 'is not a regional WAFv2 web ACL ARN; use arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>' })
    .optional(),
  /** Health check path of the target group. @default "/health" */
  healthCheckPath: z.string().regex(/^\/[\x21-\x7e]*$/, { message: 'is not a path; start with "/"' }).default(ALB_DEFAULTS.healthCheckPath),
  /** Health check interval, seconds. @default 15 */
  healthCheckIntervalSeconds: wholeNumberIn(ALB_LIMITS.healthCheckIntervalSeconds).default(ALB_DEFAULTS.healthCheckIntervalSeconds),
  /** Seconds connections drain from a deregistered task. @default 30 */
  deregistrationDelaySeconds: wholeNumberIn(ALB_LIMITS.deregistrationDelaySeconds).default(ALB_DEFAULTS.deregistrationDelaySeconds),
  /** Refuse API deletion of the balancer. @default true */
  deletionProtection: z.boolean().default(ALB_DEFAULTS.deletionProtection),
});

const ServiceSchema = z.strictObject({
  /** The container image: `repository` (or the ECR repository made here) with a `tag` or a `digest`. */
  image: ImageSchema,
  /** The ECR repository made when `image.repository` is not set. */
  ecr: z
    .strictObject({
      /** Images kept (newest first). @default 30 */
      keepImages: wholeNumberIn(ECR_LIMITS.keepImages).default(ECR_DEFAULTS.keepImages),
      /** Days an untagged image is kept. @default 7 */
      untaggedExpiryDays: wholeNumberIn(ECR_LIMITS.untaggedExpiryDays).default(ECR_DEFAULTS.untaggedExpiryDays),
    })
    .prefault({}),
  /** CPU units (256, 512, 1024, 2048, 4096, 8192, 16384). @default 512 */
  cpu: z.number().default(FARGATE_DEFAULTS.cpu),
  /** Memory, MiB; must pair with cpu. @default 1024 */
  memoryMb: z.number().default(FARGATE_DEFAULTS.memoryMb),
  /** CPU architecture of the task. @default "ARM64" */
  architecture: z.enum(FARGATE_ARCHITECTURES).default(FARGATE_DEFAULTS.architecture),
  /** Port the container listens on (the target port). @default 8080 */
  port: wholeNumberIn(FARGATE_LIMITS.containerPort).default(ALB_DEFAULTS.targetPort),
  /** Plain environment variables (never secrets). @default {} */
  environment: envVars.default({}),
  /** Secrets ECS injects, by variable name (Secrets Manager / SSM parameter ARNs); the execution role reads exactly these. @default {} */
  secrets: envVars.default({}),
  /** Container health check command, e.g. ["CMD-SHELL", "wget -q -O- http://localhost:8080/health || exit 1"]. @default - the load balancer's check only */
  healthCheckCommand: z.array(z.string().min(1)).min(2).optional(),
  /** Tasks at creation. @default 2 */
  desiredCount: wholeNumberIn(FARGATE_LIMITS.desiredCount).default(FARGATE_DEFAULTS.desiredCount),
  /** Autoscaling minimum. @default 2 */
  minCapacity: wholeNumberIn(FARGATE_LIMITS.capacity).default(FARGATE_DEFAULTS.minCapacity),
  /** Autoscaling maximum. @default 10 */
  maxCapacity: wholeNumberIn(FARGATE_LIMITS.capacity).default(FARGATE_DEFAULTS.maxCapacity),
  /** Target tracking: average CPU %, memory % and ALB requests per task per minute. */
  autoscaling: z
    .strictObject({
      /** @default 60 */
      cpuTargetPercent: wholeNumberIn(FARGATE_LIMITS.targetPercent).default(FARGATE_DEFAULTS.cpuTargetPercent),
      /** @default 70 */
      memoryTargetPercent: wholeNumberIn(FARGATE_LIMITS.targetPercent).default(FARGATE_DEFAULTS.memoryTargetPercent),
      /** @default 1000 */
      requestsPerTarget: z.number().int().min(1).default(FARGATE_DEFAULTS.requestsPerTarget),
    })
    .prefault({}),
  /** Lowest healthy percent during deployments. @default 100 */
  minimumHealthyPercent: wholeNumberIn(FARGATE_LIMITS.minimumHealthyPercent).default(FARGATE_DEFAULTS.minimumHealthyPercent),
  /** Highest percent during deployments. @default 200 */
  maximumPercent: wholeNumberIn(FARGATE_LIMITS.maximumPercent).default(FARGATE_DEFAULTS.maximumPercent),
  /** CI owns the image: Terraform ignores task definition changes after creation. @default false */
  ignoreImageChanges: z.boolean().default(FARGATE_DEFAULTS.ignoreImageChanges),
  /** Allow ECS Exec into the tasks (needs cluster.enableExecuteCommand). @default false */
  enableExecuteCommand: z.boolean().default(false),
  /** Log retention, days. @default 365 */
  logRetentionDays: retentionDays.default(FARGATE_DEFAULTS.logRetentionDays),
  /** The Application Load Balancer in front of the service. */
  alb: AlbSchema.prefault({}),
  ...databaseGrantFields,
  /**
   * Connect to the environment's cache (`aws.data.cache`): an ingress rule on the cache's security
   * group from the service's, CACHE_HOST, CACHE_READER_HOST, CACHE_PORT and CACHE_TLS variables,
   * and CACHE_USERNAME/CACHE_PASSWORD injected by ECS from the cache's secret (the execution role
   * may read that one secret and decrypt its key through Secrets Manager). Every service connects as
   * the cache's one RBAC user `app`, so there is no read-only grant. @default false
   */
  cache: z.boolean().default(false),
});

const ClusterSchema = z.strictObject({
  /** Container Insights: enabled, enhanced or disabled. @default "enabled" */
  containerInsights: z.enum(['enabled', 'enhanced', 'disabled']).default(ECS_CLUSTER_DEFAULTS.containerInsights),
  /** Tasks always on FARGATE before the weights apply. @default 1 */
  fargateBase: wholeNumberIn(ECS_CLUSTER_LIMITS.base).default(ECS_CLUSTER_DEFAULTS.fargateBase),
  /** Weight of FARGATE. @default 1 */
  fargateWeight: wholeNumberIn(ECS_CLUSTER_LIMITS.weight).default(ECS_CLUSTER_DEFAULTS.fargateWeight),
  /** Weight of FARGATE_SPOT (0 = no Spot). @default 0 */
  fargateSpotWeight: wholeNumberIn(ECS_CLUSTER_LIMITS.weight).default(ECS_CLUSTER_DEFAULTS.fargateSpotWeight),
  /** Allow ECS Exec (KMS-encrypted, logged). @default false */
  enableExecuteCommand: z.boolean().default(ECS_CLUSTER_DEFAULTS.enableExecuteCommand),
  /** Retention of the ECS Exec log group, days. @default 365 */
  logRetentionDays: retentionDays.default(ECS_CLUSTER_DEFAULTS.logRetentionDays),
});


/** `aws.services`: ECS on Fargate services behind Application Load Balancers (`<env>-aws-services`). */
export const AwsServicesConfigSchema = z.strictObject({
  /** Create the `<env>-aws-services` stack (needs `aws.network` and `aws.alerts`). @default false */
  enabled: z.boolean().default(false),
  /** The ECS cluster `<env>-services`. */
  cluster: ClusterSchema.prefault({}),
  /** Services keyed by name; each is deployed as `<env>-<name>`. @default {} */
  services: keyedByName('service', ServiceSchema).default({}),
});

export type AwsServicesConfig = z.infer<typeof AwsServicesConfigSchema>;
export type AwsServiceConfig = AwsServicesConfig['services'][string];

/** The deployed name of a service (and its balancer): `<env>-<name>`. */
export function ecsServiceName(envName: string, name: string): string {
  return `${envName}-${name}`;
}

/** The ECS cluster's name: `<env>-services`. */
export function ecsClusterName(envName: string): string {
  return `${envName}-services`;
}

/** The ECR repository made for a service: `<env>/<name>`. */
export function ecrRepositoryName(envName: string, name: string): string {
  return `${envName}/${name}`;
}

/** Whether any service connects to the cache of `aws.data` (then `<env>-aws-data` comes first). */
export function servicesNeedCache(config: AwsServicesConfig): boolean {
  return Object.values(config.services).some((s) => s.cache);
}

/** The REGIONAL web ACL of a service's balancer: `<env>-<name>-alb`. */
export function albWebAclName(envName: string, name: string): string {
  return `${ecsServiceName(envName, name)}-alb`;
}

/** Whether any service has a database grant. */
export function servicesNeedDatabase(config: AwsServicesConfig): boolean {
  return Object.values(config.services).some((s) => s.database !== 'none');
}

/** An ALB name is at most 32 characters. @see https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-name */
const ALB_NAME_MAX = 32;

/** Checks across the fields of `aws.services`. */
export function checkAwsServices(config: AwsServicesConfig, env: ParsedEnvironment<EnvironmentCore>, report: ReportProblem): void {
  if (config.enabled && env.get(awsNetworkSection)?.enabled === false) {
    report(['aws', 'services', 'enabled'], true, 'needs the AWS network (private subnets for tasks, public ones for balancers); set aws.network.enabled: true or aws.services.enabled: false');
  }
  for (const [name, svc] of Object.entries(config.services)) {
    const at = ['aws', 'services', 'services', name];
    const deployed = ecsServiceName(env.core.name, name);
    if (deployed.length > ALB_NAME_MAX) {
      report(at, undefined, `makes the load balancer name "${deployed}" ${deployed.length} characters long; ALB allows ${ALB_NAME_MAX}, use a shorter name`);
    }
    const sizeProblem = fargateCpuMemoryProblem(svc.cpu, svc.memoryMb);
    if (sizeProblem) {
      const cpuKnown = FARGATE_CPU_MEMORY[svc.cpu] !== undefined;
      report([...at, cpuKnown ? 'memoryMb' : 'cpu'], cpuKnown ? svc.memoryMb : svc.cpu, `is not a valid Fargate size: ${sizeProblem}`);
    }
    if ((svc.image.tag === undefined) === (svc.image.digest === undefined)) {
      report([...at, 'image'], svc.image, 'needs exactly one of tag or digest; give an immutable version tag (e.g. "1.4.2") or a digest (sha256:...)');
    }
    if (svc.minCapacity > svc.maxCapacity) {
      report([...at, 'minCapacity'], svc.minCapacity, `is above maxCapacity (${svc.maxCapacity}); use a minimum at most the maximum`);
    } else if (svc.desiredCount < svc.minCapacity || svc.desiredCount > svc.maxCapacity) {
      report([...at, 'desiredCount'], svc.desiredCount, `is outside minCapacity-maxCapacity (${svc.minCapacity}-${svc.maxCapacity}); use a count in that range`);
    }
    if (svc.maximumPercent <= svc.minimumHealthyPercent) {
      report([...at, 'maximumPercent'], svc.maximumPercent, `is not above minimumHealthyPercent (${svc.minimumHealthyPercent}); deployments could not start a new task`);
    }
    checkSecrets(at, svc, report);
    checkDatabaseGrant(at, svc, env, report);
    if (svc.enableExecuteCommand && !config.cluster.enableExecuteCommand) {
      report([...at, 'enableExecuteCommand'], true, 'needs ECS Exec on the cluster; set aws.services.cluster.enableExecuteCommand: true too');
    }
    if (svc.cache) {
      const data = env.get(awsDataSection);
      if (data !== undefined && (!data.enabled || !data.cache)) {
        report([...at, 'cache'], true, 'needs the environment cache, but aws.data.cache is not set (or aws.data.enabled is not true); add aws.data.cache or use cache: false');
      }
      for (const field of ['environment', 'secrets'] as const) {
        for (const variable of Object.keys(svc[field])) {
          if (FARGATE_CACHE_VARIABLE_NAMES.includes(variable)) report([...at, field, variable], variable, `is set by cache: true; rename it (the cache sets ${FARGATE_CACHE_VARIABLE_NAMES.join(', ')})`);
        }
      }
    }
    const alb = svc.alb;
    if (alb.waf && alb.wafAclArn) {
      report([...at, 'alb', 'wafAclArn'], alb.wafAclArn, 'is set with waf; a balancer has one web ACL, use waf (made here) or wafAclArn (an existing one)');
    }
    if (!alb.certificateArn && !alb.allowPlainHttp) {
      report([...at, 'alb', 'certificateArn'], undefined, 'is required for the HTTPS listener; give an ACM certificate ARN, or set allowPlainHttp: true to serve plain HTTP (dev only)');
    }
    if (alb.certificateArn && alb.allowPlainHttp) {
      report([...at, 'alb', 'allowPlainHttp'], true, 'is set with a certificateArn; HTTP then only redirects to HTTPS, remove allowPlainHttp');
    }
    if (alb.scheme === 'internal' && !alb.ingressCidrs) {
      report([...at, 'alb', 'ingressCidrs'], undefined, 'is required for an internal balancer; list the private CIDRs that may connect (e.g. the VPC block)');
    }
  }
  const { fargateWeight, fargateSpotWeight } = config.cluster;
  if (fargateWeight === 0 && fargateSpotWeight === 0) {
    report(['aws', 'services', 'cluster', 'fargateWeight'], 0, 'and fargateSpotWeight are both 0; give at least one a weight above 0');
  }
}

/** `aws.services`, owned by the `aws-services` stack family. */
export const awsServicesSection = defineSection({
  path: 'aws.services',
  schema: AwsServicesConfigSchema,
  optional: true,
  check: checkAwsServices,
});
