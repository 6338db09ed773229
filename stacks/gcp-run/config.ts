import { z } from 'zod';
import { defineSection, type ParsedEnvironment, type ReportProblem } from '../../modules/core/config/section';
import { ARTIFACT_REGISTRY_DEFAULTS, ARTIFACT_REGISTRY_LIMITS, repositoryIdProblem } from '../../modules/gcp/artifact-registry';
import {
  CLOUD_RUN_DEFAULTS,
  CLOUD_RUN_INGRESS,
  CLOUD_RUN_LIMITS,
  CLOUD_RUN_VPC_EGRESS,
  cloudRunCpuMemoryProblem,
  cloudRunInstancesProblem,
  cloudRunTimeoutProblem,
} from '../../modules/gcp/cloud-run-service';
import { ARTIFACT_REGISTRY_IMAGE, SERVICE_ACCOUNT_ID, serviceAccountIdFor } from '../../modules/gcp/private/serverless';
import {
  CLOUD_ARMOR_WAF_RULES,
  SERVERLESS_LB_DEFAULTS,
  SERVERLESS_LB_LIMITS,
  managedCertificateDomainProblem,
} from '../../modules/gcp/serverless-load-balancer';
import type { EnvironmentCore } from '../environment/config';
import { gcpDatabaseSection } from '../gcp-database/config';
import { gcpNetworkSection } from '../gcp-network/config';
import {
  checkGcpWorkloadVariables,
  gcpEnvVars,
  gcpInvokers,
  gcpSecretEnv,
  gcpWorkloadRoles,
  ruledString,
  wholeNumber,
} from '../private/gcp-workload-config';

const L = CLOUD_RUN_LIMITS;
const D = CLOUD_RUN_DEFAULTS;
const AR = ARTIFACT_REGISTRY_LIMITS;

/** Cloud Run service names: lower-case letters, digits and `-`, starting with a letter (the construct's limit). */
const SERVICE_NAME = /^[a-z]([a-z0-9-]*[a-z0-9])?$/;

/** `<image>:<tag>` or `<image>@sha256:<digest>` inside the environment's repository. */
const IMAGE_REF = /^([a-z0-9._/-]+)(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$/;

/** A CPU count as YAML gives it (`2` or `"2"`), kept as the string Cloud Run takes. */
const cpu = z.union([z.string(), z.number()]).transform((v) => String(v));

const WafSchema = z.strictObject({
  /** Preconfigured OWASP rule sets that deny (403) what they match. @default the nine CRS 3.3 stable sets (see docs) */
  rules: z.array(z.enum(CLOUD_ARMOR_WAF_RULES)).default([...SERVERLESS_LB_DEFAULTS.wafRules]),
  /** WAF sensitivity, 1 (fewest false positives) to 4. @default 1 */
  sensitivity: wholeNumber(SERVERLESS_LB_LIMITS.minWafSensitivity, SERVERLESS_LB_LIMITS.maxWafSensitivity).default(
    SERVERLESS_LB_DEFAULTS.wafSensitivity,
  ),
  /** Log WAF matches without blocking (to tune before enforcing). @default false */
  preview: z.boolean().default(SERVERLESS_LB_DEFAULTS.wafPreview),
  /** Requests per minute per client IP before answering 429. @default 600 */
  rateLimitRequestsPerMinute: wholeNumber(SERVERLESS_LB_LIMITS.minRateLimitPerMinute, SERVERLESS_LB_LIMITS.maxRateLimitPerMinute).default(
    SERVERLESS_LB_DEFAULTS.rateLimitRequestsPerMinute,
  ),
});

const ServiceSchema = z.strictObject({
  /**
   * Image in the environment's Artifact Registry repository: `<image>:<tag>` or
   * `<image>@sha256:<digest>` (required; no implicit `latest`).
   */
  image: z.string().regex(IMAGE_REF, {
    message: 'is not an image reference; use "<image>:<tag>" or "<image>@sha256:<64 hex digits>" (an image of the environment\'s repository)',
  }),
  /** CPU limit: 1, 2, 4, 6 or 8 (gen2). @default "1" */
  cpu: cpu.default(D.cpu),
  /** Memory limit (`512Mi`, `2Gi`...), valid for the CPU. @default "512Mi" */
  memory: z.string().default(D.memory),
  /** Minimum instances (0 scales to zero). @default 0 */
  minInstances: wholeNumber(0, L.maxInstances).default(D.minInstances),
  /** Maximum instances, at least minInstances. @default 10 */
  maxInstances: wholeNumber(1, L.maxInstances).default(D.maxInstances),
  /** Concurrent requests per instance. @default 80 */
  concurrency: wholeNumber(L.minConcurrency, L.maxConcurrency).default(D.concurrency),
  /** Request timeout in seconds, 1-3600. @default 300 */
  timeoutSeconds: z.number().default(D.timeoutSeconds),
  /** Port the container listens on. @default 8080 */
  containerPort: wholeNumber(1, 65535).default(D.containerPort),
  /** Keep CPU allocated between requests (instance-based billing). @default false */
  cpuAlwaysAllocated: z.boolean().default(D.cpuAlwaysAllocated),
  /** Where requests may come from; INGRESS_TRAFFIC_ALL needs public: true. @default INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER */
  ingress: z.enum(CLOUD_RUN_INGRESS).default(D.ingress),
  /** Let anyone invoke the service (`allUsers`); give `domains` to put it behind the HTTPS load balancer and Cloud Armor. @default false */
  public: z.boolean().default(D.public),
  /** IAM members that get `roles/run.invoker` (`serviceAccount:`, `group:`, `user:`...). @default [] */
  invokers: gcpInvokers.default([]),
  /** Domains of the HTTPS load balancer's managed certificate (needs public: true). @default [] - no load balancer */
  domains: z.array(z.string()).default([]),
  /** Cloud Armor settings of the load balancer (with `domains`). */
  waf: WafSchema.prefault({}),
  /** Subnet of gcp.network for Direct VPC egress. @default - the first subnet of gcp.network.subnets */
  subnet: z.string().optional(),
  /** Traffic sent through the VPC. @default PRIVATE_RANGES_ONLY */
  vpcEgress: z.enum(CLOUD_RUN_VPC_EGRESS).default(D.vpcEgress),
  /** Plain environment variables (never secrets). @default {} */
  env: gcpEnvVars.default({}),
  /** Variables read from Secret Manager: `NAME: <secret id>` or `NAME: { secret, version }`; the service may read exactly these. @default {} */
  secrets: gcpSecretEnv.default({}),
  /** Project roles of the service's own account (no basic roles). @default [] */
  roles: gcpWorkloadRoles.default([]),
  /** Grant on the environment's Cloud SQL instance (`roles/cloudsql.client`, IAM login, the `/cloudsql` socket). Needs gcp.database.enabled. @default false */
  cloudSql: z.boolean().default(false),
  /** HTTP path of the startup probe. @default - TCP probe on the container port */
  startupProbePath: z.string().optional(),
  /** HTTP path of the liveness probe. @default - none */
  livenessProbePath: z.string().optional(),
});

export type GcpRunServiceConfig = z.infer<typeof ServiceSchema>;

const RepositorySchema = z.strictObject({
  /** Repository id. @default `<env>-containers` */
  id: ruledString(repositoryIdProblem).optional(),
  /** Most recent versions kept whatever their age. @default 10 */
  keepRecentCount: wholeNumber(AR.minKeepRecentCount, AR.maxKeepRecentCount).default(ARTIFACT_REGISTRY_DEFAULTS.keepRecentCount),
  /** Untagged versions older than this many days are deleted. @default 7 */
  deleteUntaggedAfterDays: wholeNumber(AR.minDeleteAfterDays, AR.maxDeleteAfterDays, 'days').default(
    ARTIFACT_REGISTRY_DEFAULTS.deleteUntaggedAfterDays,
  ),
  /** Tagged versions older than this are deleted, except the keepRecentCount most recent. @default - never by age */
  deleteTaggedAfterDays: wholeNumber(AR.minDeleteAfterDays, AR.maxDeleteAfterDays, 'days').optional(),
  /** Tags cannot be moved to another image. @default true */
  immutableTags: z.boolean().default(ARTIFACT_REGISTRY_DEFAULTS.immutableTags),
});

/**
 * `gcp.run`: the Cloud Run services of the `<env>-gcp-run` stack and the environment's Artifact
 * Registry repository they pull from. The stack exists when at least one service is listed.
 */
export const GcpRunConfigSchema = z.strictObject({
  /** The environment's Docker repository (cleanup policies, vulnerability scanning). */
  repository: RepositorySchema.prefault({}),
  /** Terraform refuses to destroy the services. @default true */
  deletionProtection: z.boolean().default(D.deletionProtection),
  /** Services keyed by name (the Cloud Run service name). @default {} */
  services: z.record(z.string(), ServiceSchema).default({}),
});

export type GcpRunConfig = z.infer<typeof GcpRunConfigSchema>;

/** The environment's repository id: `gcp.run.repository.id`, else `<env>-containers`. */
export function gcpRunRepositoryId(envName: string, config: Pick<GcpRunConfig, 'repository'>): string {
  return config.repository.id ?? `${envName}-containers`;
}

/** Name prefix of a service's load balancer resources: `<env>-<service>`. */
export function gcpRunLoadBalancerName(envName: string, service: string): string {
  return `${envName}-${service}`;
}

/** Whether any service asks for the Cloud SQL grant (then the stack depends on `<env>-gcp-database`). */
export function gcpRunNeedsDatabase(config: GcpRunConfig): boolean {
  return Object.values(config.services).some((s) => s.cloudSql);
}

/**
 * Checks across fields of `gcp.run`, each with the construct's own rule: the service name, the
 * image in the repository, the CPU/memory pair, the instance range, the timeout, the ingress and
 * public settings, the load balancer's domains, the subnet, and the Cloud SQL grant's database.
 */
export function checkGcpRun(config: GcpRunConfig, env: ParsedEnvironment<EnvironmentCore>, report: ReportProblem): void {
  const at = (...p: (string | number)[]) => ['gcp', 'run', ...p];
  const project = env.core.gcp.projectId;
  const region = env.core.gcp.region;
  const repository = gcpRunRepositoryId(env.core.name, config);
  const network = env.get(gcpNetworkSection);
  const subnets = Object.keys(network?.subnets ?? {});
  const accounts = new Map<string, string>();

  for (const [name, s] of Object.entries(config.services)) {
    if (name.length > L.maxServiceNameLength || !SERVICE_NAME.test(name)) {
      report(
        at('services', name),
        name,
        `is not a Cloud Run service name; use lower-case letters, digits and "-", starting with a letter, not ending with "-", at most ${L.maxServiceNameLength} characters`,
      );
      continue;
    }
    const account = serviceAccountIdFor(name, 'run');
    const other = accounts.get(account);
    if (!SERVICE_ACCOUNT_ID.test(account)) {
      report(at('services', name), name, `makes the service account id "${account}", which is not 6-30 characters; use a service name of at least 2 characters`);
    } else if (other) {
      report(at('services', name), name, `gets the same service account id "${account}" as service "${other}" (ids are cut to 30 characters); make the first 25 characters of the names differ`);
    }
    accounts.set(account, name);

    const image = `${region}-docker.pkg.dev/${project}/${repository}/${s.image}`;
    if (IMAGE_REF.test(s.image) && !ARTIFACT_REGISTRY_IMAGE.test(image)) {
      report(at('services', name, 'image'), s.image, `does not make an Artifact Registry image ("${image}"); use lower-case image names, e.g. "api:1.0.0"`);
    }
    if (config.repository.immutableTags && /:latest$/.test(s.image)) {
      report(
        at('services', name, 'image'),
        s.image,
        'uses the moving tag "latest", but the repository keeps tags immutable (repository.immutableTags), so it can never be updated; use a version tag ("api:1.0.0") or a digest',
      );
    }

    if (Number(s.cpu) < 1) {
      report(
        at('services', name, 'cpu'),
        s.cpu,
        `is below 1 CPU, which needs the first-generation execution environment; these services run gen2: use ${L.wholeCpus.join(', ')}`,
      );
    } else {
      const problem = cloudRunCpuMemoryProblem(s.cpu, s.memory);
      if (problem) report(at('services', name, problem.startsWith('cpu') ? 'cpu' : 'memory'), undefined, problem.replace(/^(cpu|memory) /, ''));
    }

    const instances = cloudRunInstancesProblem(s.minInstances, s.maxInstances);
    if (instances) report(at('services', name, 'minInstances'), undefined, instances.replace(/^minInstances /, ''));

    const timeout = cloudRunTimeoutProblem(s.timeoutSeconds);
    if (timeout) report(at('services', name, 'timeoutSeconds'), s.timeoutSeconds, timeout);

    if (s.ingress === 'INGRESS_TRAFFIC_ALL' && !s.public) {
      report(
        at('services', name, 'ingress'),
        s.ingress,
        'opens the service to the internet; set public: true as well, or use INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER or INGRESS_TRAFFIC_INTERNAL_ONLY',
      );
    }
    if (s.public && s.domains.length === 0 && s.ingress !== 'INGRESS_TRAFFIC_ALL') {
      report(
        at('services', name, 'public'),
        true,
        `is unreachable with ingress ${s.ingress} and no load balancer; list domains (HTTPS load balancer with Cloud Armor), or set ingress: INGRESS_TRAFFIC_ALL for the run.app URL without a WAF`,
      );
    }
    if (s.domains.length > 0) {
      if (!s.public) {
        report(at('services', name, 'domains'), s.domains, 'need public: true; the load balancer has no authentication and fronts public services only');
      }
      if (s.ingress === 'INGRESS_TRAFFIC_INTERNAL_ONLY') {
        report(at('services', name, 'ingress'), s.ingress, 'cannot be reached by the load balancer; use INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER with domains');
      }
      if (s.domains.length > SERVERLESS_LB_LIMITS.maxDomains) {
        report(at('services', name, 'domains'), s.domains.length, `are too many; a managed certificate takes 1-${SERVERLESS_LB_LIMITS.maxDomains} domains`);
      }
      const seen = new Set<string>();
      s.domains.forEach((domain, i) => {
        const problem = managedCertificateDomainProblem(domain);
        if (problem) report(at('services', name, 'domains', i), domain, problem);
        else if (seen.has(domain)) report(at('services', name, 'domains', i), domain, 'is listed twice; give each domain once');
        seen.add(domain);
      });
      if (new Set(s.waf.rules).size !== s.waf.rules.length) {
        report(at('services', name, 'waf', 'rules'), s.waf.rules, 'lists a rule set twice; give each once');
      }
      const lbName = gcpRunLoadBalancerName(env.core.name, name);
      if (lbName.length > SERVERLESS_LB_LIMITS.maxNameLength) {
        report(
          at('services', name),
          name,
          `makes the load balancer name "${lbName}" longer than ${SERVERLESS_LB_LIMITS.maxNameLength} characters; use a service name of at most ${
            SERVERLESS_LB_LIMITS.maxNameLength - env.core.name.length - 1
          } characters`,
        );
      }
    }

    if (s.subnet !== undefined && network && !subnets.includes(s.subnet)) {
      report(at('services', name, 'subnet'), s.subnet, `is not a subnet of gcp.network.subnets; use one of ${subnets.map((n) => `"${n}"`).join(', ')}`);
    }
    for (const [field, path] of [
      ['startupProbePath', s.startupProbePath],
      ['livenessProbePath', s.livenessProbePath],
    ] as const) {
      if (path !== undefined && !path.startsWith('/')) {
        report(at('services', name, field), path, 'is not an HTTP path; use a path starting with "/", e.g. "/healthz"');
      }
    }
    checkGcpWorkloadVariables(at('services', name), s, report);

    // A database section with problems is not parsed (undefined): its own problems are the root cause.
    const database = env.get(gcpDatabaseSection);
    if (s.cloudSql && database !== undefined && database.enabled !== true) {
      report(
        at('services', name, 'cloudSql'),
        true,
        'needs the environment\'s Cloud SQL instance, but gcp.database.enabled is not true; turn the database on or set cloudSql: false',
      );
    }
  }

  if (Object.keys(config.services).length > 0 && network?.enabled === false) {
    report(
      at('services'),
      undefined,
      'need gcp.network (Direct VPC egress into its subnet), but gcp.network.enabled is false; enable the network or list no services',
    );
  }
}

/** `gcp.run`, owned by the `gcp-run` stack family. */
export const gcpRunSection = defineSection({
  path: 'gcp.run',
  schema: GcpRunConfigSchema,
  optional: true,
  check: checkGcpRun,
});
