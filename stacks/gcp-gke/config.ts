import { z } from 'zod';
import { ipv4Cidr } from '../../modules/core/config/primitives';
import { nodeLabelKeyProblem } from '../../modules/core/node-labels';
import { defineSection, type ParsedEnvironment, type ReportProblem } from '../../modules/core/config/section';
import {
  GKE_DEFAULTS,
  GKE_LIMITS,
  GKE_MAINTENANCE_DAYS,
  GKE_RELEASE_CHANNELS,
  gkeAuthorizedNetworkProblem,
  gkeMaintenanceWindowProblem,
} from '../../modules/gcp/gke-cluster';
import { GKE_NODE_POOL_DEFAULTS, GKE_NODE_POOL_LIMITS, GKE_TAINT_EFFECTS, gkeMachineTypeProblem } from '../../modules/gcp/gke-node-pool';
import { serviceAccountIdFor } from '../../modules/gcp/private/serverless';
import type { EnvironmentCore } from '../environment/config';
import { gcpNetworkSection } from '../gcp-network/config';
import { wholeNumber } from '../private/gcp-workload-config';

const D = GKE_DEFAULTS;
const P = GKE_NODE_POOL_DEFAULTS;
const PL = GKE_NODE_POOL_LIMITS;

/** Node pool names: lower-case letters, digits and `-`, starting with a letter (the construct's rule). */
const POOL_NAME = /^[a-z]([a-z0-9-]*[a-z0-9])?$/;

/** Kubernetes label keys (optional DNS prefix + name) and values. */
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
const labelKey = z.string().regex(LABEL_KEY, {
  message: 'is not a Kubernetes label key; use "[prefix/]name", name 1-63 letters, digits, "-", "_", "." starting and ending alphanumeric',
});
const labelValue = z.string().regex(LABEL_VALUE, {
  message: 'is not a Kubernetes label value; use at most 63 letters, digits, "-", "_", "." starting and ending alphanumeric',
});

const TaintSchema = z.strictObject({
  /** Taint key (a Kubernetes label key). */
  key: labelKey,
  /** Taint value. @default "" */
  value: labelValue.default(''),
  /** NO_SCHEDULE, PREFER_NO_SCHEDULE or NO_EXECUTE. */
  effect: z.enum(GKE_TAINT_EFFECTS),
});

const NodePoolSchema = z.strictObject({
  /** Machine type. @default e2-standard-4 */
  machineType: z.string().superRefine((v, ctx) => {
    const message = gkeMachineTypeProblem(v);
    if (message) ctx.addIssue({ code: 'custom', message, input: v });
  }).default(P.machineType),
  /** Boot disk size in GB. @default 100 */
  diskSizeGb: wholeNumber(PL.minDiskSizeGb, PL.maxDiskSizeGb, 'GB').default(P.diskSizeGb),
  /** Boot disk type. @default pd-balanced */
  diskType: z.enum(['pd-balanced', 'pd-ssd', 'pd-standard', 'hyperdisk-balanced']).default(P.diskType),
  /** Autoscaling minimum per zone (three zones). @default 1 */
  minNodesPerZone: wholeNumber(0, PL.maxNodesPerZone).default(P.minNodesPerZone),
  /** Autoscaling maximum per zone, at least minNodesPerZone. @default 3 */
  maxNodesPerZone: wholeNumber(1, PL.maxNodesPerZone).default(P.maxNodesPerZone),
  /** Spot VMs (may be reclaimed at any time). @default false */
  spot: z.boolean().default(P.spot),
  /** Kubernetes labels of the nodes (keys checked by the section check). @default {} */
  labels: z.record(z.string(), labelValue).default({}),
  /** Kubernetes taints of the nodes. @default [] */
  taints: z.array(TaintSchema).default([]),
  /** Network tags of the nodes (firewall rules). @default [] */
  networkTags: z.array(z.string().regex(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/, { message: 'is not a network tag; use 1-63 lower-case letters, digits and "-"' })).default([]),
});

export type GcpGkeNodePoolConfig = z.infer<typeof NodePoolSchema>;

const AuthorizedNetworkSchema = z.strictObject({
  /** IPv4 range allowed to reach the control plane (never 0.0.0.0/0). */
  cidr: ipv4Cidr,
  /** Who or what the range is (display name). */
  name: z.string().min(1, { message: 'is empty; name each network (who or what it is)' }),
});

const MaintenanceSchema = z.strictObject({
  /** Start of the window, `HH:MM` UTC. @default "03:00" */
  startTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'is not a time of day; use HH:MM in 24-hour UTC, e.g. "03:00"' })
    .default(D.maintenanceStartTime),
  /** Length of the window in hours (at least 4; days x 4 x hours >= 48). @default 6 */
  durationHours: z.number().default(D.maintenanceDurationHours),
  /** Days of the weekly window (MO ... SU). @default [SA, SU] */
  days: z.array(z.enum(GKE_MAINTENANCE_DAYS)).default([...D.maintenanceDays]),
});

/**
 * `gcp.gke`: the regional, private GKE cluster of the `<env>-gcp-gke` stack and its node pools.
 */
export const GcpGkeConfigSchema = z.strictObject({
  /** Create the `<env>-gcp-gke` stack. @default false */
  enabled: z.boolean().default(false),
  /** Autopilot instead of Standard (GKE manages the nodes; no nodePools then). @default false */
  autopilot: z.boolean().default(D.autopilot),
  /** Subnet of gcp.network the nodes use. @default main */
  subnet: z.string().default('main'),
  /** The subnet's secondary range for pods. @default pods */
  podsRange: z.string().default('pods'),
  /** The subnet's secondary range for services. @default services */
  servicesRange: z.string().default('services'),
  /** Control plane reachable on its private endpoint only. @default true */
  privateEndpoint: z.boolean().default(D.enablePrivateEndpoint),
  /** Networks allowed to reach the control plane; private ranges only unless allowPublicAuthorizedNetworks. @default [] */
  masterAuthorizedNetworks: z.array(AuthorizedNetworkSchema).max(GKE_LIMITS.maxAuthorizedNetworks).default([]),
  /** Allow public ranges (a named office or CI range) in masterAuthorizedNetworks; 0.0.0.0/0 stays refused. @default false */
  allowPublicAuthorizedNetworks: z.boolean().default(false),
  /** RAPID, REGULAR, STABLE or EXTENDED. @default REGULAR */
  releaseChannel: z.enum(GKE_RELEASE_CHANNELS).default(D.releaseChannel),
  /** Weekly maintenance window. @default SA and SU, 03:00 UTC, 6 hours */
  maintenance: MaintenanceSchema.prefault({}),
  /** Rotation period of the secrets-encryption key, in days. @default 90 */
  keyRotationDays: wholeNumber(GKE_LIMITS.minKeyRotationDays, GKE_LIMITS.maxKeyRotationDays, 'days').default(D.keyRotationDays),
  /** Enforce the project's Binary Authorization policy. @default false */
  binaryAuthorization: z.boolean().default(D.enableBinaryAuthorization),
  /** Terraform refuses to destroy the cluster (and the key). @default true */
  deletionProtection: z.boolean().default(D.deletionProtection),
  /** Node pools of a Standard cluster, keyed by name (at least one). @default {} */
  nodePools: z.record(z.string(), NodePoolSchema).default({}),
});

export type GcpGkeConfig = z.infer<typeof GcpGkeConfigSchema>;

/** The cluster's name: `<env>-gke`. */
export function gkeClusterName(envName: string): string {
  return `${envName}-gke`;
}

/**
 * Checks across fields of `gcp.gke` and with gcp.network: the subnet and its named secondary
 * ranges, the authorized networks, the maintenance window, Autopilot against node pools, and each
 * pool's name and node range (the constructs' rules).
 */
export function checkGcpGke(config: GcpGkeConfig, env: ParsedEnvironment<EnvironmentCore>, report: ReportProblem): void {
  const at = (...p: (string | number)[]) => ['gcp', 'gke', ...p];
  // A cluster that is off is not checked against the network (its defaults name `main`, `pods`, `services`).
  if (!config.enabled) return;
  const network = env.get(gcpNetworkSection);
  const subnet = network?.subnets[config.subnet];

  if (network?.enabled === false) {
    report(at('enabled'), true, 'is not possible with gcp.network.enabled false: the cluster runs on its subnet; enable the network or set enabled: false');
  }
  // No subnets at all is reported at gcp.network.subnets (the root cause).
  if (network && !subnet && Object.keys(network.subnets).length > 0) {
    const names = Object.keys(network.subnets);
    report(at('subnet'), config.subnet, `is not a subnet of gcp.network.subnets; use one of ${names.map((n) => `"${n}"`).join(', ')}`);
  }
  if (subnet) {
    const ranges = Object.keys(subnet.secondaryRanges);
    const allowed = ranges.length ? `use one of ${ranges.map((r) => `"${r}"`).join(', ')}` : 'the subnet has none: add it under secondaryRanges';
    for (const field of ['podsRange', 'servicesRange'] as const) {
      if (!ranges.includes(config[field])) {
        report(at(field), config[field], `is not a secondary range of gcp.network.subnets.${config.subnet}; ${allowed}`);
      }
    }
  }
  if (config.podsRange === config.servicesRange) {
    report(at('servicesRange'), config.servicesRange, 'is the same range as podsRange; pods and services need two different secondary ranges');
  }

  const seen = new Set<string>();
  config.masterAuthorizedNetworks.forEach((n, i) => {
    const problem = gkeAuthorizedNetworkProblem(n.cidr, config.allowPublicAuthorizedNetworks);
    if (problem) report(at('masterAuthorizedNetworks', i, 'cidr'), n.cidr, problem);
    else if (seen.has(n.cidr)) report(at('masterAuthorizedNetworks', i, 'cidr'), n.cidr, 'is listed twice; give each range once');
    seen.add(n.cidr);
  });

  const window = gkeMaintenanceWindowProblem(config.maintenance.days, config.maintenance.durationHours);
  if (window) {
    const field = window.startsWith('maintenanceDays') ? 'days' : 'durationHours';
    const message = window.replace(/^maintenance(Days|DurationHours) /, '');
    report(at('maintenance', field), config.maintenance[field], message.startsWith('the window') ? `is too short: ${message}` : message);
  }

  const pools = Object.entries(config.nodePools);
  if (config.autopilot && pools.length > 0) {
    report(at('nodePools'), Object.keys(config.nodePools), 'are managed by GKE on an Autopilot cluster; remove them or set autopilot: false');
  }
  if (!config.autopilot && pools.length === 0) {
    report(at('nodePools'), undefined, 'is empty; a Standard cluster needs at least one node pool (its default pool is removed), e.g. general: {}');
  }
  const cluster = gkeClusterName(env.core.name);
  const accounts = new Map<string, string>();
  for (const [name, pool] of pools) {
    if (name.length > PL.maxNodePoolNameLength || !POOL_NAME.test(name)) {
      report(
        at('nodePools', name),
        name,
        `is not a node pool name; use lower-case letters, digits and "-", starting with a letter, not ending with "-", at most ${PL.maxNodePoolNameLength} characters`,
      );
      continue;
    }
    const account = serviceAccountIdFor(`${cluster}-${name}`, 'nodes');
    const other = accounts.get(account);
    if (other) {
      report(at('nodePools', name), name, `gets the same node service account id "${account}" as pool "${other}" (ids are cut to 30 characters); make the names differ sooner`);
    }
    accounts.set(account, name);
    if (pool.minNodesPerZone > pool.maxNodesPerZone) {
      report(at('nodePools', name, 'minNodesPerZone'), pool.minNodesPerZone, `is more than maxNodesPerZone (${pool.maxNodesPerZone}); use min <= max`);
    }
    for (const key of Object.keys(pool.labels)) {
      if (!LABEL_KEY.test(key)) {
        report(at('nodePools', name, 'labels', key), key, 'is not a Kubernetes label key; use "[prefix/]name", name 1-63 letters, digits, "-", "_", "." starting and ending alphanumeric');
      } else {
        const problem = nodeLabelKeyProblem(key);
        if (problem) report(at('nodePools', name, 'labels', key), key, problem);
      }
    }
    const keys = new Set<string>();
    pool.taints.forEach((t, i) => {
      const key = `${t.key}:${t.effect}`;
      if (keys.has(key)) report(at('nodePools', name, 'taints', i), t.key, `repeats key "${t.key}" with effect ${t.effect}; give each key and effect once`);
      keys.add(key);
    });
  }
}

/** `gcp.gke`, owned by the `gcp-gke` stack family. */
export const gcpGkeSection = defineSection({
  path: 'gcp.gke',
  schema: GcpGkeConfigSchema,
  optional: true,
  check: checkGcpGke,
});
