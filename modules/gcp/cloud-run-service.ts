import {
  CloudRunV2Service,
  type CloudRunV2ServiceTemplateContainersEnv,
  type CloudRunV2ServiceTemplateVolumes,
} from '@cdktf/provider-google/lib/cloud-run-v2-service';
import { CloudRunV2ServiceIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import {
  ARTIFACT_REGISTRY_IMAGE,
  ENV_NAME,
  type SecretEnvRef,
  SERVICE_ACCOUNT_ID,
  idFromValue,
  invokerMemberProblem,
  memoryMiB,
  secretRefProblem,
  serviceAccountIdFor,
  workloadRoleProblem,
} from './private/serverless';
import { WorkloadServiceAccount } from './private/workload-service-account';
import { suppress } from '../policy/suppressions';

/** Ingress settings of a Cloud Run service. */
export const CLOUD_RUN_INGRESS = [
  'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER',
  'INGRESS_TRAFFIC_INTERNAL_ONLY',
  'INGRESS_TRAFFIC_ALL',
] as const;
export type CloudRunIngress = (typeof CLOUD_RUN_INGRESS)[number];

/** Direct VPC egress settings. */
export const CLOUD_RUN_VPC_EGRESS = ['PRIVATE_RANGES_ONLY', 'ALL_TRAFFIC'] as const;
export type CloudRunVpcEgress = (typeof CLOUD_RUN_VPC_EGRESS)[number];

/** Execution environments. */
export const CLOUD_RUN_EXECUTION_ENVIRONMENTS = ['EXECUTION_ENVIRONMENT_GEN2', 'EXECUTION_ENVIRONMENT_GEN1'] as const;
export type CloudRunExecutionEnvironment = (typeof CLOUD_RUN_EXECUTION_ENVIRONMENTS)[number];

/** Defaults of {@link CloudRunService}, for the config layer. */
export const CLOUD_RUN_DEFAULTS = {
  cpu: '1',
  memory: '512Mi',
  minInstances: 0,
  maxInstances: 10,
  concurrency: 80,
  timeoutSeconds: 300,
  containerPort: 8080,
  ingress: 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER',
  vpcEgress: 'PRIVATE_RANGES_ONLY',
  executionEnvironment: 'EXECUTION_ENVIRONMENT_GEN2',
  cpuAlwaysAllocated: false,
  startupCpuBoost: true,
  deletionProtection: true,
  public: false,
} as const;

/**
 * Limits of Cloud Run services.
 *
 * @see https://cloud.google.com/run/docs/configuring/services/cpu
 * @see https://cloud.google.com/run/docs/configuring/services/memory-limits
 * @see https://cloud.google.com/run/docs/configuring/request-timeout
 * @see https://cloud.google.com/run/docs/configuring/max-instances
 */
export const CLOUD_RUN_LIMITS = {
  minTimeoutSeconds: 1,
  maxTimeoutSeconds: 3600,
  maxInstances: 1000,
  minConcurrency: 1,
  maxConcurrency: 1000,
  /** Whole CPU values; below 1, any value from 0.08 in steps of 0.001. */
  wholeCpus: [1, 2, 4, 6, 8],
  minFractionalCpu: 0.08,
  minMemoryMiBGen1: 128,
  minMemoryMiBGen2: 512,
  maxMemoryMiB: 32768,
  maxServiceNameLength: 49,
  maxStartupProbePeriodSeconds: 240,
  maxLivenessProbePeriodSeconds: 3600,
} as const;

/** Minimum memory (MiB) of each whole CPU count. */
const MIN_MEMORY_FOR_CPU: Record<number, number> = { 1: 0, 2: 0, 4: 2048, 6: 4096, 8: 4096 };
/** Memory above the key (MiB) needs at least the value CPUs. */
const MIN_CPU_FOR_MEMORY: [number, number][] = [
  [24576, 8],
  [16384, 6],
  [8192, 4],
  [4096, 2],
  [1024, 1],
  [512, 0.5],
];

/**
 * Why a CPU/memory pair is not allowed on Cloud Run, or undefined when it is.
 *
 * CPU: `0.08`-`1` (fractional) or 1, 2, 4, 6, 8. Memory: `<n>Mi`/`<n>Gi` (also `M`/`G`), 128 MiB
 * (gen1) or 512 MiB (gen2) up to 32 GiB. 4 CPU needs >= 2 GiB, 6 and 8 CPU >= 4 GiB; more than
 * 4/8/16/24 GiB needs at least 2/4/6/8 CPU; more than 512 MiB needs 0.5 CPU, more than 1 GiB 1 CPU.
 *
 * @see https://cloud.google.com/run/docs/configuring/services/cpu
 * @see https://cloud.google.com/run/docs/configuring/services/memory-limits
 */
export function cloudRunCpuMemoryProblem(
  cpu: string,
  memory: string,
  executionEnvironment: CloudRunExecutionEnvironment = 'EXECUTION_ENVIRONMENT_GEN2'
): string | undefined {
  const L = CLOUD_RUN_LIMITS;
  const c = /^[0-9]+(\.[0-9]{1,3})?$/.test(cpu) ? Number(cpu) : NaN;
  const fractional = c >= L.minFractionalCpu && c < 1;
  if (!fractional && !(L.wholeCpus as readonly number[]).includes(c)) {
    return `cpu "${cpu}" is not allowed; use ${L.wholeCpus.join(', ')} or a fraction from ${L.minFractionalCpu} to 1`;
  }
  const mib = memoryMiB(memory);
  if (mib === undefined) return `memory "${memory}" is not a size; use e.g. "512Mi" or "2Gi"`;
  const minMib = executionEnvironment === 'EXECUTION_ENVIRONMENT_GEN1' ? L.minMemoryMiBGen1 : L.minMemoryMiBGen2;
  if (mib < minMib || mib > L.maxMemoryMiB) {
    return `memory "${memory}" is out of range; use ${minMib}Mi to 32Gi for ${executionEnvironment}`;
  }
  if (!fractional && mib < MIN_MEMORY_FOR_CPU[c]) {
    return `memory "${memory}" is too small for ${cpu} CPU; ${cpu} CPU needs at least ${
      MIN_MEMORY_FOR_CPU[c] / 1024
    }Gi`;
  }
  for (const [above, needCpu] of MIN_CPU_FOR_MEMORY) {
    if (mib > above) {
      if (c < needCpu) {
        return `memory "${memory}" needs at least ${needCpu} CPU (more than ${
          above >= 1024 ? `${above / 1024}Gi` : `${above}Mi`
        }); got cpu "${cpu}"`;
      }
      break;
    }
  }
  return undefined;
}

/** Why a min/max instance pair is not allowed, or undefined. */
export function cloudRunInstancesProblem(min: number, max: number): string | undefined {
  const L = CLOUD_RUN_LIMITS;
  if (!Number.isInteger(min) || min < 0 || min > L.maxInstances)
    return `minInstances ${min} is out of range; use 0-${L.maxInstances}`;
  if (!Number.isInteger(max) || max < 1 || max > L.maxInstances)
    return `maxInstances ${max} is out of range; use 1-${L.maxInstances}`;
  if (min > max) return `minInstances ${min} is more than maxInstances ${max}; use min <= max`;
  return undefined;
}

/** Why a request timeout is not allowed, or undefined. @see https://cloud.google.com/run/docs/configuring/request-timeout */
export function cloudRunTimeoutProblem(seconds: number): string | undefined {
  const L = CLOUD_RUN_LIMITS;
  if (!Number.isInteger(seconds) || seconds < L.minTimeoutSeconds || seconds > L.maxTimeoutSeconds) {
    return `is out of range; use ${L.minTimeoutSeconds}-${L.maxTimeoutSeconds} seconds`;
  }
  return undefined;
}

/** Cloud SQL access granted to the service. */
export interface CloudRunCloudSqlAccess {
  /** Instance connection name, `<project>:<region>:<instance>`. */
  readonly connectionName: string;
  /** Also grant `roles/cloudsql.instanceUser`, for IAM database authentication. @default true */
  readonly iamDatabaseAuth?: boolean;
}

/** Props of {@link CloudRunService}. */
export interface CloudRunServiceProps {
  /** Project of the service. */
  readonly project: string;
  /** Region of the service. */
  readonly region: string;
  /** Service name (lower-case letters, digits, `-`; starts with a letter; <= 49). */
  readonly serviceName: string;
  /** Artifact Registry image, `<location>-docker.pkg.dev/<project>/<repo>/<image>[:tag|@sha256:...]`. */
  readonly image: string;
  /** Id of the service account the construct creates. @default - `<serviceName>-run`, cut to 30 characters */
  readonly serviceAccountId?: string;
  /** Project roles of the service account (no basic roles). @default [] */
  readonly projectRoles?: string[];
  /** Where requests may come from. `INGRESS_TRAFFIC_ALL` needs `public: true`. @default 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER' */
  readonly ingress?: CloudRunIngress;
  /** Let anyone invoke the service (`allUsers` gets `roles/run.invoker`). @default false */
  readonly public?: boolean;
  /** IAM members that get `roles/run.invoker` (`serviceAccount:...`, `group:...`). @default [] */
  readonly invokers?: string[];
  /** Subnetwork (self link or id) for Direct VPC egress. @default - no VPC egress */
  readonly vpcSubnetwork?: string;
  /** Network of the subnetwork (self link or id). @default - looked up from the subnetwork */
  readonly vpcNetwork?: string;
  /** Traffic sent through the VPC. @default 'PRIVATE_RANGES_ONLY' */
  readonly vpcEgress?: CloudRunVpcEgress;
  /** Network tags of the instances (for firewall rules). @default [] */
  readonly networkTags?: string[];
  /** Minimum instances (0-1000). @default 0 */
  readonly minInstances?: number;
  /** Maximum instances (1-1000, >= minInstances). @default 10 */
  readonly maxInstances?: number;
  /** CPU limit: `1`, `2`, `4`, `6`, `8` or a fraction from `0.08`. @default '1' */
  readonly cpu?: string;
  /** Memory limit, valid for the CPU. @default '512Mi' */
  readonly memory?: string;
  /** Concurrent requests per instance (1-1000; 1 when cpu < 1). @default 80 */
  readonly concurrency?: number;
  /** Request timeout, 1-3600 seconds. @default 300 */
  readonly timeoutSeconds?: number;
  /** Keep CPU allocated outside requests (instance-based billing). @default false */
  readonly cpuAlwaysAllocated?: boolean;
  /** Extra CPU while an instance starts. @default true */
  readonly startupCpuBoost?: boolean;
  /** Execution environment. @default 'EXECUTION_ENVIRONMENT_GEN2' */
  readonly executionEnvironment?: CloudRunExecutionEnvironment;
  /** Port the container listens on. @default 8080 */
  readonly containerPort?: number;
  /** Plain environment variables (never secrets). @default {} */
  readonly env?: Record<string, string>;
  /** Environment variables read from Secret Manager; the account gets `secretAccessor` on exactly these secrets. @default {} */
  readonly secretEnv?: Record<string, SecretEnvRef>;
  /** HTTP path of the startup probe. @default - TCP startup probe on the container port */
  readonly startupProbePath?: string;
  /** HTTP path of the liveness probe. @default - no liveness probe */
  readonly livenessProbePath?: string;
  /** Cloud SQL instance the service connects to (role + `/cloudsql` volume). @default - none */
  readonly cloudSql?: CloudRunCloudSqlAccess;
  /** Cloud KMS key for the image (CMEK); the Cloud Run service agent needs encrypter/decrypter on it. @default - Google-managed */
  readonly kmsKeyName?: string;
  /** Terraform refuses to destroy the service. @default true */
  readonly deletionProtection?: boolean;
  /** Labels of the service. @default {} */
  readonly labels?: Record<string, string>;
}

/** Env var names Cloud Run sets itself. @see https://cloud.google.com/run/docs/container-contract#env-vars */
const RESERVED_ENV = ['PORT', 'K_SERVICE', 'K_REVISION', 'K_CONFIGURATION'];

/**
 * A Cloud Run (v2) service with a dedicated service account, private by default.
 *
 * Secure by default (after `secure-cloud-run`): a service account created for the service with
 * only the given roles (never the default compute account); ingress from internal load balancers
 * only; no public invoker unless `public: true`; Direct VPC egress of private ranges; secrets as
 * Secret Manager references with access to exactly those secrets; second-generation execution
 * environment; deletion protection.
 *
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/cloud_run_v2_service
 * @see https://github.com/GoogleCloudPlatform/terraform-google-cloud-run/tree/main/modules/secure-cloud-run
 */
export class CloudRunService extends Construct {
  /** The service. */
  public readonly service: CloudRunV2Service;
  /** The service's own account. */
  public readonly serviceAccount: WorkloadServiceAccount;
  /** Email of the service account. */
  public readonly serviceAccountEmail: string;
  /** Service name. */
  public readonly serviceName: string;
  /** Region. */
  public readonly region: string;
  /** Project. */
  public readonly project: string;
  /** HTTPS URL of the service (`run.app`). */
  public readonly uri: string;
  /** Whether `allUsers` may invoke it (a load balancer may front only public services). */
  public readonly isPublic: boolean;
  /** Ingress setting. */
  public readonly ingress: CloudRunIngress;

  constructor(scope: Construct, id: string, props: CloudRunServiceProps) {
    super(scope, id);
    const D = CLOUD_RUN_DEFAULTS;
    const L = CLOUD_RUN_LIMITS;
    const cpu = props.cpu ?? D.cpu;
    const memory = props.memory ?? D.memory;
    const minInstances = props.minInstances ?? D.minInstances;
    const maxInstances = props.maxInstances ?? D.maxInstances;
    const concurrency = props.concurrency ?? D.concurrency;
    const timeoutSeconds = props.timeoutSeconds ?? D.timeoutSeconds;
    const ingress = props.ingress ?? D.ingress;
    const vpcEgress = props.vpcEgress ?? D.vpcEgress;
    const executionEnvironment = props.executionEnvironment ?? D.executionEnvironment;
    const cpuAlwaysAllocated = props.cpuAlwaysAllocated ?? D.cpuAlwaysAllocated;
    const containerPort = props.containerPort ?? D.containerPort;
    const isPublic = props.public ?? D.public;
    const accountId = props.serviceAccountId ?? serviceAccountIdFor(props.serviceName, 'run');
    const env = props.env ?? {};
    const secretEnv = props.secretEnv ?? {};

    // Validation, before any resource.
    const fail = (prop: string, value: unknown, allowed: string): never => {
      throw new ValidationError(this, prop, value, allowed);
    };
    if (
      !Token.isUnresolved(props.serviceName) &&
      (props.serviceName.length > L.maxServiceNameLength || !/^[a-z]([a-z0-9-]*[a-z0-9])?$/.test(props.serviceName))
    ) {
      fail(
        'serviceName',
        props.serviceName,
        `is not a service name; use lower-case letters, digits and "-", starting with a letter, at most ${L.maxServiceNameLength} characters`
      );
    }
    if (!Token.isUnresolved(props.image) && !ARTIFACT_REGISTRY_IMAGE.test(props.image)) {
      fail(
        'image',
        props.image,
        'is not an Artifact Registry image; use "<location>-docker.pkg.dev/<project>/<repository>/<image>:<tag>" or "@sha256:<digest>"'
      );
    }
    if (!Token.isUnresolved(accountId) && !SERVICE_ACCOUNT_ID.test(accountId)) {
      fail(
        'serviceAccountId',
        accountId,
        'is not a service account id; use 6-30 lower-case letters, digits and "-", starting with a letter'
      );
    }
    for (const role of props.projectRoles ?? []) {
      const problem = workloadRoleProblem(role);
      if (problem) fail('projectRoles', role, problem);
    }
    if (!(CLOUD_RUN_INGRESS as readonly string[]).includes(ingress)) {
      fail('ingress', ingress, `is not an ingress setting; use one of ${CLOUD_RUN_INGRESS.join(', ')}`);
    }
    if (ingress === 'INGRESS_TRAFFIC_ALL' && !isPublic) {
      fail(
        'ingress',
        ingress,
        'opens the service to the internet; set public: true as well, or use INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER or INGRESS_TRAFFIC_INTERNAL_ONLY'
      );
    }
    for (const member of props.invokers ?? []) {
      const problem = invokerMemberProblem(member);
      if (problem) fail('invokers', member, problem);
    }
    if (!(CLOUD_RUN_VPC_EGRESS as readonly string[]).includes(vpcEgress)) {
      fail('vpcEgress', vpcEgress, `is not an egress setting; use one of ${CLOUD_RUN_VPC_EGRESS.join(', ')}`);
    }
    if ((props.vpcNetwork || props.networkTags?.length || props.vpcEgress) && !props.vpcSubnetwork) {
      fail(
        'vpcSubnetwork',
        props.vpcSubnetwork,
        'is required when vpcNetwork, networkTags or vpcEgress is set (Direct VPC egress needs a subnetwork)'
      );
    }
    if (!(CLOUD_RUN_EXECUTION_ENVIRONMENTS as readonly string[]).includes(executionEnvironment)) {
      fail(
        'executionEnvironment',
        executionEnvironment,
        `is not allowed; use one of ${CLOUD_RUN_EXECUTION_ENVIRONMENTS.join(', ')}`
      );
    }
    const instancesProblem = cloudRunInstancesProblem(minInstances, maxInstances);
    if (instancesProblem) {
      fail(
        instancesProblem.startsWith('max') ? 'maxInstances' : 'minInstances',
        { minInstances, maxInstances },
        `is not allowed: ${instancesProblem}`
      );
    }
    const cpuMemoryProblem = cloudRunCpuMemoryProblem(cpu, memory, executionEnvironment);
    if (cpuMemoryProblem)
      fail(
        cpuMemoryProblem.startsWith('cpu') ? 'cpu' : 'memory',
        { cpu, memory },
        `is not allowed: ${cpuMemoryProblem}`
      );
    if (!Number.isInteger(concurrency) || concurrency < L.minConcurrency || concurrency > L.maxConcurrency) {
      fail('concurrency', concurrency, `is out of range; use ${L.minConcurrency}-${L.maxConcurrency}`);
    }
    if (Number(cpu) < 1) {
      // @see https://cloud.google.com/run/docs/configuring/services/cpu (requirements below 1 CPU)
      if (concurrency !== 1)
        fail(
          'concurrency',
          concurrency,
          `must be 1 with cpu "${cpu}" (less than 1 CPU); use concurrency 1 or cpu 1 or more`
        );
      if (executionEnvironment !== 'EXECUTION_ENVIRONMENT_GEN1') {
        fail(
          'executionEnvironment',
          executionEnvironment,
          `must be EXECUTION_ENVIRONMENT_GEN1 with cpu "${cpu}" (less than 1 CPU); use cpu 1 or more for gen2`
        );
      }
      if (cpuAlwaysAllocated)
        fail(
          'cpuAlwaysAllocated',
          true,
          `must be false with cpu "${cpu}" (less than 1 CPU needs request-based billing)`
        );
    }
    const timeoutProblem = cloudRunTimeoutProblem(timeoutSeconds);
    if (timeoutProblem) fail('timeoutSeconds', timeoutSeconds, timeoutProblem);
    if (!Number.isInteger(containerPort) || containerPort < 1 || containerPort > 65535) {
      fail('containerPort', containerPort, 'is not a port; use 1-65535');
    }
    for (const name of [...Object.keys(env), ...Object.keys(secretEnv)]) {
      if (!ENV_NAME.test(name))
        fail(
          `env.${name}`,
          name,
          'is not an environment variable name; use letters, digits and "_", not starting with a digit'
        );
      if (RESERVED_ENV.includes(name))
        fail(`env.${name}`, name, `is set by Cloud Run; do not use ${RESERVED_ENV.join(', ')}`);
      if (name in env && name in secretEnv) fail(`secretEnv.${name}`, name, 'is also in env; give each variable once');
    }
    for (const [name, ref] of Object.entries(secretEnv)) {
      const problem = secretRefProblem(ref);
      if (problem) fail(`secretEnv.${name}`, ref, problem);
    }
    for (const [prop, path] of [
      ['startupProbePath', props.startupProbePath],
      ['livenessProbePath', props.livenessProbePath],
    ] as const) {
      if (path !== undefined && !path.startsWith('/'))
        fail(prop, path, 'is not an HTTP path; use a path starting with "/", e.g. "/healthz"');
    }
    if (
      props.cloudSql &&
      !Token.isUnresolved(props.cloudSql.connectionName) &&
      !/^[a-z0-9.:-]+:[a-z0-9-]+:[a-z0-9-]+$/.test(props.cloudSql.connectionName)
    ) {
      fail(
        'cloudSql.connectionName',
        props.cloudSql.connectionName,
        'is not a connection name; use "<project>:<region>:<instance>"'
      );
    }

    // Identity: a dedicated account with only the roles asked for.
    const roles = [...(props.projectRoles ?? [])];
    if (props.cloudSql) {
      roles.push('roles/cloudsql.client');
      if (props.cloudSql.iamDatabaseAuth ?? true) roles.push('roles/cloudsql.instanceUser');
    }
    this.serviceAccount = new WorkloadServiceAccount(this, 'service-account', {
      project: props.project,
      accountId,
      displayName: `Cloud Run service ${props.serviceName}`,
      projectRoles: roles,
      secrets: Object.values(secretEnv).map((ref) => ref.secret),
    });

    const envList: CloudRunV2ServiceTemplateContainersEnv[] = [
      ...Object.entries(env).map(([name, value]) => ({ name, value })),
      ...Object.entries(secretEnv).map(([name, ref]) => ({
        name,
        valueSource: { secretKeyRef: { secret: ref.secret, version: ref.version } },
      })),
    ];
    const volumes: CloudRunV2ServiceTemplateVolumes[] = props.cloudSql
      ? [{ name: 'cloudsql', cloudSqlInstance: { instances: [props.cloudSql.connectionName] } }]
      : [];

    this.service = new CloudRunV2Service(this, 'service', {
      project: props.project,
      location: props.region,
      name: props.serviceName,
      ingress,
      deletionProtection: props.deletionProtection ?? D.deletionProtection,
      labels: props.labels,
      template: {
        serviceAccount: this.serviceAccount.email,
        executionEnvironment,
        timeout: `${timeoutSeconds}s`,
        maxInstanceRequestConcurrency: concurrency,
        encryptionKey: props.kmsKeyName,
        scaling: { minInstanceCount: minInstances, maxInstanceCount: maxInstances },
        labels: props.labels,
        vpcAccess: props.vpcSubnetwork
          ? {
              egress: vpcEgress,
              networkInterfaces: [
                { subnetwork: props.vpcSubnetwork, network: props.vpcNetwork, tags: props.networkTags },
              ],
            }
          : undefined,
        volumes,
        containers: [
          {
            image: props.image,
            ports: { containerPort },
            resources: {
              limits: { cpu, memory },
              // With resources set, cpu_idle must be given explicitly to keep request-based billing.
              cpuIdle: !cpuAlwaysAllocated,
              startupCpuBoost: props.startupCpuBoost ?? D.startupCpuBoost,
            },
            env: envList,
            volumeMounts: props.cloudSql ? [{ name: 'cloudsql', mountPath: '/cloudsql' }] : undefined,
            startupProbe: props.startupProbePath
              ? {
                  httpGet: { path: props.startupProbePath, port: containerPort },
                  periodSeconds: 5,
                  timeoutSeconds: 2,
                  failureThreshold: 24,
                }
              : { tcpSocket: { port: containerPort }, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 24 },
            livenessProbe: props.livenessProbePath
              ? {
                  httpGet: { path: props.livenessProbePath, port: containerPort },
                  periodSeconds: 30,
                  timeoutSeconds: 5,
                  failureThreshold: 3,
                }
              : undefined,
          },
        ],
      },
      dependsOn: this.serviceAccount.grants.length ? this.serviceAccount.grants : undefined,
    });

    const invoker = (key: string, member: string) =>
      new CloudRunV2ServiceIamMember(this, `invoker-${key}`, {
        project: props.project,
        location: props.region,
        name: this.service.name,
        role: 'roles/run.invoker',
        member,
      });
    if (isPublic) {
      invoker('allusers', 'allUsers');
      suppress(
        this.node.findChild('invoker-allusers'),
        'GCP-RUN-2',
        'public: true is the explicit opt-in to a public service; its ingress stays INTERNAL_LOAD_BALANCER, so it is reached only through the HTTPS load balancer and its Cloud Armor policy',
      );
    }
    for (const member of new Set(props.invokers ?? [])) invoker(idFromValue(member), member);

    this.serviceAccountEmail = this.serviceAccount.email;
    this.serviceName = props.serviceName;
    this.region = props.region;
    this.project = props.project;
    this.uri = this.service.uri;
    this.isPublic = isPublic;
    this.ingress = ingress;
  }
}
