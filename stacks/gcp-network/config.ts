import { z } from 'zod';
import { parseCidr } from '../../modules/core/cidr';
import type { PlanRange } from '../../modules/core/config/plan-range';
import { ipv4Cidr } from '../../modules/core/config/primitives';
import { defineSection, problemContext, type ReportProblem } from '../../modules/core/config/section';

/** GCP resource name part: lowercase RFC 1035 label, short enough to be prefixed with the environment name. */
const GCP_NAME = /^[a-z]([-a-z0-9]{0,40}[a-z0-9])?$/;

/** Network tag: lowercase RFC 1035 label of at most 63 characters. */
const NETWORK_TAG = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Largest and smallest prefix length private services access accepts (Google allocates /24 blocks). */
export const PSA_MIN_PREFIX = 8;
export const PSA_MAX_PREFIX = 24;

/** The private services access range: a CIDR block of prefix length /8 to /24. */
const psaCidr = z.string().superRefine((v, ctx) => {
  const { range, error } = parseCidr(v);
  if (!range) {
    ctx.addIssue({ code: 'custom', input: v, message: error! });
    return;
  }
  const prefix = Number(range.cidrPrefix.getValue());
  if (prefix < PSA_MIN_PREFIX || prefix > PSA_MAX_PREFIX) {
    ctx.addIssue({
      code: 'custom',
      input: v,
      message: `is not a usable private services access range (prefix /${prefix}); use a prefix length from /${PSA_MIN_PREFIX} to /${PSA_MAX_PREFIX} (Google reserves /24 blocks per service; /16 is recommended)`,
    });
  }
});

/** Flow-log aggregation intervals the Compute API accepts. */
export const FLOW_LOG_INTERVALS = [
  'INTERVAL_5_SEC',
  'INTERVAL_30_SEC',
  'INTERVAL_1_MIN',
  'INTERVAL_5_MIN',
  'INTERVAL_10_MIN',
  'INTERVAL_15_MIN',
] as const;

const FlowLogsSchema = z.strictObject({
  /** Export VPC flow logs of the subnet. @default true */
  enabled: z.boolean().default(true),
  /** How long flows are aggregated before a log entry is written. @default INTERVAL_5_SEC */
  aggregationInterval: z.enum(FLOW_LOG_INTERVALS).default('INTERVAL_5_SEC'),
  /** Share of flows reported, from 0.0 (none) to 1.0 (every flow). @default 0.5 */
  flowSampling: z
    .number()
    .refine((n) => n >= 0 && n <= 1, {
      message: 'is not a sampling rate; use a number from 0.0 (no flows) to 1.0 (every flow), e.g. 0.5',
    })
    .default(0.5),
  /** Whether log entries carry metadata (VM names, regions...). @default INCLUDE_ALL_METADATA */
  metadata: z.enum(['INCLUDE_ALL_METADATA', 'EXCLUDE_ALL_METADATA']).default('INCLUDE_ALL_METADATA'),
});

export type GcpFlowLogsConfig = z.infer<typeof FlowLogsSchema>;

const GcpSubnetSchema = z.strictObject({
  /** Primary IPv4 range of the subnet (required). Private Google Access is always on. */
  cidr: ipv4Cidr,
  /** Named secondary ranges (GKE pods and services), keyed by range name. @default {} */
  secondaryRanges: z.record(z.string(), ipv4Cidr).default({}),
  /** The subnet hosts a GKE cluster: it must then have `pods` and `services` secondary ranges. @default false */
  gke: z.boolean().default(false),
  /** VPC flow logs of the subnet. @default on, INTERVAL_5_SEC, sampling 0.5, all metadata */
  flowLogs: FlowLogsSchema.prefault({}),
});

export type GcpSubnetConfig = z.infer<typeof GcpSubnetSchema>;

const NatSchema = z.strictObject({
  /** Create a Cloud NAT on the router for every subnet's ranges (auto-allocated IPs). @default true */
  enabled: z.boolean().default(true),
  /** Which NAT events are logged. @default ERRORS_ONLY */
  logFilter: z.enum(['ERRORS_ONLY', 'TRANSLATIONS_ONLY', 'ALL']).default('ERRORS_ONLY'),
  /** Minimum source ports reserved per VM. @default 64 */
  minPortsPerVm: z.number().int().min(2).max(65536).default(64),
});

const networkTag = z.string().regex(NETWORK_TAG, {
  message: 'is not a GCP network tag; use 1-63 lowercase letters, digits and "-", starting with a letter',
});

/**
 * `gcp.network`: the custom-mode VPC of the `<env>-gcp-network` stack.
 */
export const GcpNetworkConfigSchema = z.strictObject({
  /** Create the `<env>-gcp-network` stack. @default true */
  enabled: z.boolean().default(true),
  /** VPC dynamic routing: GLOBAL lets Cloud Routers (DR VPN) advertise routes to every region. @default GLOBAL */
  routingMode: z.enum(['REGIONAL', 'GLOBAL']).default('GLOBAL'),
  /** Regional subnets keyed by name (lowercase letters, digits, "-"); at least one (required). */
  subnets: z.record(z.string(), GcpSubnetSchema),
  /** Private services access range (Cloud SQL private IP), prefix /8 to /24, e.g. `10.21.0.0/16` (required). */
  privateServiceAccessCidr: psaCidr,
  /** Allow SSH (tcp 22) from Identity-Aware Proxy (35.235.240.0/20) to every instance. @default false */
  iapSshEnabled: z.boolean().default(false),
  /** Network tags of instances that receive Google health checks (35.191.0.0/16, 130.211.0.0/22). @default ["allow-health-checks"] */
  healthCheckTargetTags: z
    .array(networkTag)
    .refine((tags) => tags.length > 0, {
      message:
        'is empty; use at least one network tag (an empty list would open health-check ranges to every instance)',
    })
    .default(['allow-health-checks']),
  /** Log the matches of the deny-all-ingress and IAP SSH firewall rules. @default true */
  firewallLogging: z.boolean().default(true),
  /** Cloud NAT on the network's Cloud Router. @default enabled, ERRORS_ONLY logging, 64 ports per VM */
  nat: NatSchema.prefault({}),
});

export type GcpNetworkConfig = z.infer<typeof GcpNetworkConfigSchema>;

/** The ranges this section adds to the cross-cloud address plan. */
export function gcpNetworkRanges(network: GcpNetworkConfig): PlanRange[] {
  const out: PlanRange[] = [];
  for (const [name, subnet] of Object.entries(network.subnets ?? {})) {
    out.push({ cidr: subnet.cidr, source: `gcp.network.subnets.${name}.cidr` });
    for (const [rangeName, cidr] of Object.entries(subnet.secondaryRanges ?? {})) {
      out.push({ cidr, source: `gcp.network.subnets.${name}.secondaryRanges.${rangeName}` });
    }
  }
  out.push({ cidr: network.privateServiceAccessCidr, source: 'gcp.network.privateServiceAccessCidr' });
  return out;
}

/** The secondary ranges a subnet with `gke: true` must have. */
export const GKE_SECONDARY_RANGES = ['pods', 'services'] as const;

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Checks of this section that need more than one field (called from checks.ts, also on raw input).
 *
 * - every subnet name and secondary range name is a valid GCP name (so names cannot collide by case);
 * - secondary range names are unique within their subnet (YAML maps already reject duplicate keys;
 *   this also guards inputs built in code);
 * - a subnet with `gke: true` has both a `pods` and a `services` secondary range;
 * - an enabled network has at least one subnet.
 */
export function checkGcpNetwork(network: GcpNetworkConfig, _env: unknown, report: ReportProblem): void {
  if (!network.enabled) return;
  const ctx = problemContext(report);
  const subnets: Record<string, unknown> = network.subnets;
  if (!isMapping(subnets)) return;
  if (Object.keys(subnets).length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['gcp', 'network', 'subnets'],
      input: subnets,
      message: 'is empty; use at least one subnet, e.g. main: { cidr: 10.1.0.0/20 }',
    });
  }
  for (const [name, subnet] of Object.entries(subnets)) {
    if (!GCP_NAME.test(name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['gcp', 'network', 'subnets', name],
        input: name,
        message: `is not a valid subnet name ("${name}"); use 1-42 lowercase letters, digits and "-", starting with a letter and not ending with "-"`,
      });
    }
    if (!isMapping(subnet)) continue;
    const ranges = isMapping(subnet.secondaryRanges) ? subnet.secondaryRanges : {};
    const seen = new Set<string>();
    for (const rangeName of Object.keys(ranges)) {
      if (!GCP_NAME.test(rangeName)) {
        ctx.addIssue({
          code: 'custom',
          path: ['gcp', 'network', 'subnets', name, 'secondaryRanges', rangeName],
          input: rangeName,
          message: `is not a valid secondary range name ("${rangeName}"); use 1-42 lowercase letters, digits and "-", starting with a letter and not ending with "-"`,
        });
      }
      const key = rangeName.toLowerCase();
      if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['gcp', 'network', 'subnets', name, 'secondaryRanges', rangeName],
          input: rangeName,
          message: 'is not unique within the subnet; use a distinct name for each secondary range',
        });
      }
      seen.add(key);
    }
    if (subnet.gke === true) {
      const missing = GKE_SECONDARY_RANGES.filter((r) => !(r in ranges));
      if (missing.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['gcp', 'network', 'subnets', name, 'secondaryRanges'],
          input: ranges,
          message: `is not enough for gke: true (missing ${missing
            .map((m) => `"${m}"`)
            .join(' and ')}); use secondary ranges named "pods" and "services", or set gke: false`,
        });
      }
    }
  }
}

/** `gcp.network`, owned by the `gcp-network` stack family. */
export const gcpNetworkSection = defineSection({
  path: 'gcp.network',
  schema: GcpNetworkConfigSchema,
  check: checkGcpNetwork,
  addressRanges: gcpNetworkRanges,
});
