import { z } from 'zod';
import { parseCidr, prefixOf } from '../../modules/core/cidr';
import type { PlanRange } from '../../modules/core/config/plan-range';
import { repositoryFolderProblem } from '../../modules/core/config/primitives';
import { defineSection, type ParsedEnvironment, type ReportProblem } from '../../modules/core/config/section';
import {
  CLOUD_FUNCTION_DEFAULTS,
  CLOUD_FUNCTION_INGRESS,
  CLOUD_FUNCTION_LIMITS,
  CLOUD_FUNCTION_MEMORY_TIERS,
  CLOUD_FUNCTION_RUNTIMES,
  CLOUD_FUNCTION_VPC_EGRESS,
  cloudFunctionMemoryProblem,
  cloudFunctionTimeoutProblem,
} from '../../modules/gcp/cloud-function';
import { cloudRunCpuMemoryProblem } from '../../modules/gcp/cloud-run-service';
import { SERVICE_ACCOUNT_ID, serviceAccountIdFor } from '../../modules/gcp/private/serverless';
import type { EnvironmentCore } from '../environment/config';
import { gcpEventsSection } from '../gcp-events/config';
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

const D = CLOUD_FUNCTION_DEFAULTS;
const L = CLOUD_FUNCTION_LIMITS;

/** Function names: lower-case letters, digits and `-`, starting with a letter (the construct's rule). */
const FUNCTION_NAME = /^[a-z]([a-z0-9-]*[a-z0-9])?$/;

/** A Pub/Sub topic: its id, or a bare topic name in the environment's project. */
const TOPIC = /^(projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]\/topics\/)?[A-Za-z][A-Za-z0-9._~+%-]{2,254}$/;

/**
 * Serverless VPC Access connector limits (google_vpc_access_connector).
 *
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/vpc_access_connector
 * @see https://cloud.google.com/vpc/docs/configure-serverless-vpc-access#create-connector
 */
export const VPC_CONNECTOR_MACHINE_TYPES = ['e2-micro', 'f1-micro', 'e2-standard-4'] as const;
export const VPC_CONNECTOR_DEFAULTS = { machineType: 'e2-micro', minInstances: 2, maxInstances: 3 } as const;
export const VPC_CONNECTOR_LIMITS = { minInstances: 2, maxInstances: 10, prefixLength: 28, maxNameLength: 25 } as const;

const VpcConnectorSchema = z.strictObject({
  /** A /28 of private addresses that no subnet, peering or other cloud uses (it joins the address plan), e.g. `10.1.32.0/28` (required). */
  cidr: z.string().superRefine((v, ctx) => {
    const error = parseCidr(v).error;
    if (error) ctx.addIssue({ code: 'custom', input: v, message: error });
    else if (prefixOf(v) !== VPC_CONNECTOR_LIMITS.prefixLength) {
      ctx.addIssue({ code: 'custom', input: v, message: 'is not a /28; a Serverless VPC Access connector takes exactly a /28 range, e.g. "10.1.32.0/28"' });
    }
  }),
  /** Machine type of the connector's instances. @default e2-micro */
  machineType: z.enum(VPC_CONNECTOR_MACHINE_TYPES).default(VPC_CONNECTOR_DEFAULTS.machineType),
  /** Fewest connector instances (2-9). @default 2 */
  minInstances: wholeNumber(VPC_CONNECTOR_LIMITS.minInstances, VPC_CONNECTOR_LIMITS.maxInstances - 1).default(VPC_CONNECTOR_DEFAULTS.minInstances),
  /** Most connector instances (3-10, more than minInstances). @default 3 */
  maxInstances: wholeNumber(VPC_CONNECTOR_LIMITS.minInstances + 1, VPC_CONNECTOR_LIMITS.maxInstances).default(VPC_CONNECTOR_DEFAULTS.maxInstances),
});

const FunctionSchema = z.strictObject({
  /** Folder of the source in this repository (e.g. `apps/gcp-function`), zipped reproducibly (required). */
  source: z.string().min(1),
  /** Top-level files or folders of `source` left out of the zip (e.g. `tests`). @default [] */
  sourceExcludes: z.array(z.string()).default([]),
  /** Runtime. @default python313 */
  runtime: z.enum(CLOUD_FUNCTION_RUNTIMES).default(D.runtime),
  /** Function in the source that handles requests. @default handler */
  entryPoint: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.]*$/, { message: 'is not a function name; use letters, digits, "_" and "."' }).default(D.entryPoint),
  /** What starts the function: `http` or `pubsub` (then `topic`). @default http */
  trigger: z.enum(['http', 'pubsub']).default('http'),
  /**
   * Pub/Sub topic of a `pubsub` trigger: a topic of `gcp.events.topics` by its name there (e.g.
   * `items`, the topic `<env>-items`), or `projects/<project>/topics/<name>` for a topic managed elsewhere.
   */
  topic: z.string().regex(TOPIC, { message: 'is not a topic; use a topic name or "projects/<project>/topics/<name>"' }).optional(),
  /** Retry failed events of a `pubsub` trigger (the handler must be idempotent). @default true */
  retry: z.boolean().default(D.retryEvents),
  /** Memory tier (`128Mi` ... `32Gi`). @default 256Mi */
  memory: ruledString(cloudFunctionMemoryProblem).default(D.memory),
  /** vCPUs, valid for the memory. @default - the memory tier's CPU */
  cpu: z.union([z.string(), z.number()]).transform((v) => String(v)).optional(),
  /** Timeout in seconds: 1-3600 (http) or 1-540 (pubsub). @default 60 */
  timeoutSeconds: z.number().default(D.timeoutSeconds),
  /** Minimum instances. @default 0 */
  minInstances: wholeNumber(0, L.maxInstances).default(D.minInstances),
  /** Maximum instances, at least minInstances. @default 10 */
  maxInstances: wholeNumber(1, L.maxInstances).default(D.maxInstances),
  /** Concurrent requests per instance (more than 1 needs at least 1 vCPU). @default 1 */
  concurrency: wholeNumber(1, L.maxConcurrency).default(D.concurrency),
  /** Where requests may come from; ALLOW_ALL needs public: true. @default ALLOW_INTERNAL_ONLY */
  ingress: z.enum(CLOUD_FUNCTION_INGRESS).default(D.ingress),
  /** Let anyone invoke the (http) function. @default false */
  public: z.boolean().default(D.public),
  /** IAM members that get `roles/run.invoker` (http functions). @default [] */
  invokers: gcpInvokers.default([]),
  /** Traffic sent through the VPC connector (when gcp.functions.vpcConnector is set). @default PRIVATE_RANGES_ONLY */
  vpcEgress: z.enum(CLOUD_FUNCTION_VPC_EGRESS).default(D.vpcEgress),
  /** Plain environment variables (never secrets). @default {} */
  env: gcpEnvVars.default({}),
  /** Variables read from Secret Manager: `NAME: <secret id>` or `NAME: { secret, version }`. @default {} */
  secrets: gcpSecretEnv.default({}),
  /** Project roles of the function's own account (no basic roles). @default [] */
  roles: gcpWorkloadRoles.default([]),
});

export type GcpFunctionConfig = z.infer<typeof FunctionSchema>;

/**
 * `gcp.functions`: the Cloud Run functions (2nd gen) of the `<env>-gcp-functions` stack, their
 * source bucket and the VPC connector they egress through. The stack exists when a function is listed.
 */
export const GcpFunctionsConfigSchema = z.strictObject({
  /** Serverless VPC Access connector for VPC egress. @default - none: functions reach only public addresses */
  vpcConnector: VpcConnectorSchema.optional(),
  /** Days old source zips are kept in the source bucket. @default 30 */
  sourceNoncurrentDays: wholeNumber(1, 3650, 'days').default(D.sourceNoncurrentDays),
  /** Functions keyed by name (the function's name). @default {} */
  functions: z.record(z.string(), FunctionSchema).default({}),
});

export type GcpFunctionsConfig = z.infer<typeof GcpFunctionsConfigSchema>;

/** Whether a function topic is a `gcp.events` topic name (not a full topic id). */
export function isEventsTopicName(topic: string): boolean {
  return !topic.startsWith('projects/');
}

/** Whether a function is triggered by a `gcp.events` topic (then the stack depends on `<env>-gcp-events`). */
export function gcpFunctionsNeedEvents(config: GcpFunctionsConfig): boolean {
  return Object.values(config.functions).some((f) => f.trigger === 'pubsub' && f.topic !== undefined && isEventsTopicName(f.topic));
}

/** Name of the environment's source bucket: `<project>-<env>-fn-source`. */
export function gcpFunctionsBucketName(projectId: string, envName: string): string {
  return `${projectId}-${envName}-fn-source`;
}

/** Name of the environment's VPC connector: `<env>-functions`. */
export function gcpFunctionsConnectorName(envName: string): string {
  return `${envName}-functions`;
}

/** The connector's range in the cross-cloud address plan. */
export function gcpFunctionsRanges(config: GcpFunctionsConfig): PlanRange[] {
  return config.vpcConnector ? [{ cidr: config.vpcConnector.cidr, source: 'gcp.functions.vpcConnector.cidr' }] : [];
}

/**
 * Checks across fields of `gcp.functions`, with the construct's own rules: the name, the source
 * folder, the trigger and its timeout, the CPU for the memory and concurrency, the instance
 * range, ingress and invokers, the connector's instances and its network.
 */
export function checkGcpFunctions(config: GcpFunctionsConfig, env: ParsedEnvironment<EnvironmentCore>, report: ReportProblem): void {
  const at = (...p: (string | number)[]) => ['gcp', 'functions', ...p];
  const accounts = new Map<string, string>();
  for (const [name, f] of Object.entries(config.functions)) {
    if (name.length > L.maxNameLength || !FUNCTION_NAME.test(name)) {
      report(
        at('functions', name),
        name,
        `is not a function name; use lower-case letters, digits and "-", starting with a letter, not ending with "-", at most ${L.maxNameLength} characters`,
      );
      continue;
    }
    const account = serviceAccountIdFor(name, 'build');
    const other = accounts.get(account);
    const short = ['fn', 'evt', 'build'].map((suffix) => serviceAccountIdFor(name, suffix)).find((id) => !SERVICE_ACCOUNT_ID.test(id));
    if (short) {
      report(at('functions', name), name, `makes the service account id "${short}", which is not 6-30 characters; use a function name of at least 3 characters`);
    } else if (other) {
      report(at('functions', name), name, `gets the same service account ids as function "${other}" (ids are cut to 30 characters); make the first 23 characters of the names differ`);
    }
    accounts.set(account, name);

    const sourceProblem = repositoryFolderProblem(f.source, 'apps/gcp-function');
    if (sourceProblem) report(at('functions', name, 'source'), f.source, sourceProblem);
    if (f.trigger === 'pubsub' && f.topic === undefined) {
      report(at('functions', name, 'topic'), undefined, 'is missing; a pubsub trigger needs the topic (a gcp.events topic name or "projects/<project>/topics/<name>")');
    }
    if (f.trigger === 'pubsub' && f.topic !== undefined && isEventsTopicName(f.topic)) {
      // A section with problems is not parsed (undefined): its own problems are the root cause.
      const events = env.get(gcpEventsSection);
      const topics = Object.keys(events?.topics ?? {});
      if (events !== undefined && !topics.includes(f.topic)) {
        report(
          at('functions', name, 'topic'),
          f.topic,
          `is not a topic of gcp.events.topics; use one of ${topics.map((t) => `"${t}"`).join(', ') || '(gcp.events lists no topic)'}, or "projects/<project>/topics/<name>" for a topic managed elsewhere`,
        );
      }
    }
    if (f.trigger === 'http' && f.topic !== undefined) {
      report(at('functions', name, 'topic'), f.topic, 'is only for trigger: pubsub; remove it or set trigger: pubsub');
    }
    const timeout = cloudFunctionTimeoutProblem(f.timeoutSeconds, f.trigger);
    if (timeout) report(at('functions', name, 'timeoutSeconds'), f.timeoutSeconds, timeout);

    const memoryOk = f.memory in CLOUD_FUNCTION_MEMORY_TIERS;
    if (f.cpu !== undefined && memoryOk) {
      const problem = cloudRunCpuMemoryProblem(f.cpu, f.memory, 'EXECUTION_ENVIRONMENT_GEN1');
      if (problem) report(at('functions', name, problem.startsWith('cpu') ? 'cpu' : 'memory'), undefined, problem.replace(/^(cpu|memory) /, ''));
    }
    const cpu = f.cpu !== undefined ? Number(f.cpu) : CLOUD_FUNCTION_MEMORY_TIERS[f.memory];
    if (memoryOk && f.concurrency > 1 && cpu !== undefined && cpu < 1) {
      report(
        at('functions', name, 'concurrency'),
        f.concurrency,
        `needs at least 1 vCPU (memory ${f.memory} gives ${cpu}); set cpu: 1 or memory 2Gi or more, or use concurrency 1`,
      );
    }
    if (f.minInstances > f.maxInstances) {
      report(at('functions', name, 'minInstances'), f.minInstances, `is more than maxInstances (${f.maxInstances}); use min <= max`);
    }
    if (f.ingress === 'ALLOW_ALL' && !f.public) {
      report(at('functions', name, 'ingress'), f.ingress, 'opens the function to the internet; set public: true as well, or use ALLOW_INTERNAL_ONLY or ALLOW_INTERNAL_AND_GCLB');
    }
    if (f.trigger === 'pubsub' && f.public) {
      report(at('functions', name, 'public'), true, 'applies to http functions only; a pubsub function is invoked by its trigger');
    }
    if (f.trigger === 'pubsub' && f.invokers.length > 0) {
      report(at('functions', name, 'invokers'), f.invokers, 'apply to http functions only; a pubsub function is invoked by its trigger');
    }
    checkGcpWorkloadVariables(at('functions', name), f, report);
  }

  const connector = config.vpcConnector;
  if (connector) {
    if (connector.minInstances >= connector.maxInstances) {
      report(at('vpcConnector', 'maxInstances'), connector.maxInstances, `is not more than minInstances (${connector.minInstances}); the connector needs min < max`);
    }
    const connectorName = gcpFunctionsConnectorName(env.core.name);
    if (connectorName.length > VPC_CONNECTOR_LIMITS.maxNameLength) {
      report(at('vpcConnector'), undefined, `makes the connector name "${connectorName}" longer than ${VPC_CONNECTOR_LIMITS.maxNameLength} characters; use a shorter environment name`);
    }
    if (env.get(gcpNetworkSection)?.enabled === false) {
      report(at('vpcConnector'), undefined, 'needs gcp.network, but gcp.network.enabled is false; enable the network or remove the connector');
    }
  }
  const bucket = gcpFunctionsBucketName(env.core.gcp.projectId, env.core.name);
  if (Object.keys(config.functions).length > 0 && bucket.length > L.maxBucketNameLength) {
    report(at('functions'), undefined, `make the source bucket name "${bucket}" longer than ${L.maxBucketNameLength} characters; use a shorter project id or environment name`);
  }
}

/** `gcp.functions`, owned by the `gcp-functions` stack family. */
export const gcpFunctionsSection = defineSection({
  path: 'gcp.functions',
  schema: GcpFunctionsConfigSchema,
  optional: true,
  check: checkGcpFunctions,
  addressRanges: gcpFunctionsRanges,
});
