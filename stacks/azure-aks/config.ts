import { z } from 'zod';
import {
  AKS_DEFAULTS,
  AKS_LIMITS,
  AKS_NETWORK_POLICIES,
  AKS_NODE_OS_UPGRADE_CHANNELS,
  AKS_OUTBOUND_TYPES,
  AKS_SKU_TIERS,
  AKS_UPGRADE_CHANNELS,
  AKS_WEEK_DAYS,
  aksAuthorizedRangeProblem,
  aksNetworkProblem,
} from '../../modules/azure/aks-cluster';
import { AKS_NODE_POOL_DEFAULTS, aksMaxPodsProblem, aksNodeLabelKeyProblem, aksNodePoolNameProblem, aksTaintProblem, azureVmSizeProblem } from '../../modules/azure/aks-node-pool';
import { LOG_ANALYTICS_DEFAULTS, logAnalyticsRetentionProblem } from '../../modules/azure/log-analytics-workspace';
import { cidr } from '../../modules/core/cidr';
import type { PlanRange } from '../../modules/core/config/plan-range';
import { ipv4Cidr } from '../../modules/core/config/primitives';
import { defineSection, type ParsedEnvironment, type ReportProblem } from '../../modules/core/config/section';
import type { EnvironmentCore } from '../environment/config';
import { numberAsString, ruled } from '../private/ruled';

/** The `addressPlan.reserved` names the overlay ranges default to. */
export const AKS_RESERVED_RANGES = { podCidr: 'aks-pods', serviceCidr: 'aks-services' } as const;

/** The cluster DNS service address AKS convention uses: the 10th address of the service range (`x.x.0.10`). */
export function defaultDnsServiceIp(serviceCidr: string): string {
  const v = cidr(serviceCidr).getFirst().value + 10n;
  return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 255n)).join('.');
}

const zone = z.preprocess(numberAsString, z.enum(['1', '2', '3']));
const guid = (what: string) => z.guid({ message: `is not ${what}; use its object id (GUID)` });

const WindowSchema = (day: (typeof AKS_WEEK_DAYS)[number]) =>
  z.strictObject({
    /** Day of the week. */
    dayOfWeek: z.enum(AKS_WEEK_DAYS).default(day),
    /** Start, `HH:MM` (24-hour). @default "00:00" */
    startTime: z.string().default('00:00'),
    /** Length in hours. @default 4 */
    durationHours: z.number().int().min(AKS_LIMITS.maintenanceHours.min).max(AKS_LIMITS.maintenanceHours.max).default(AKS_LIMITS.maintenanceHours.min),
    /** UTC offset of the start, `+HH:MM` / `-HH:MM`. @default "+00:00" */
    utcOffset: z.string().default('+00:00'),
  });

const NodePoolSchema = z.strictObject({
  /** VM size. @default "Standard_D4ds_v5" */
  vmSize: ruled(z.string(), azureVmSizeProblem).default(AKS_NODE_POOL_DEFAULTS.vmSize),
  /** Fewest nodes (autoscaling; 0 allowed on a user pool). @default 1 */
  minCount: z.number().int().min(0).default(AKS_NODE_POOL_DEFAULTS.minCount),
  /** Most nodes. @default 5 */
  maxCount: z.number().int().min(1).default(AKS_NODE_POOL_DEFAULTS.maxCount),
  /** Availability zones. @default - the cluster's zones */
  zones: z.array(zone).optional(),
  /** Kubernetes node labels. @default {} */
  labels: z.record(ruled(z.string(), aksNodeLabelKeyProblem), z.string()).default({}),
  /** Taints, `key=value:Effect`. @default [] */
  taints: z.array(ruled(z.string(), aksTaintProblem)).default([]),
  /** Pods per node. @default 110 */
  maxPods: ruled(z.number(), aksMaxPodsProblem).default(AKS_NODE_POOL_DEFAULTS.maxPods),
  /** Kubernetes version of the pool. @default - the control plane's */
  orchestratorVersion: z.preprocess(numberAsString, z.string()).optional(),
});

export type AzureAksNodePoolConfig = z.infer<typeof NodePoolSchema>;

/**
 * `azure.aks`: the AKS cluster of the `<env>-azure-aks` stack. Field names follow the props of
 * modules/azure/aks-cluster.ts, so a construct check failing at synth names the config field.
 *
 * Secure defaults: private API server, Entra ID with Azure RBAC and no local accounts, workload
 * identity, Cilium network policy, automatic upgrades in maintenance windows, Azure Policy, Key
 * Vault CSI with rotation, Container Insights.
 */
export const AzureAksConfigSchema = z.strictObject({
  /** Create the `<env>-azure-aks` stack (needs `azure.network`). @default false */
  enabled: z.boolean().default(false),
  /** Cluster name. @default - `aks-<env>` */
  name: z.string().optional(),
  /** Resource group of the cluster. @default - `rg-<env>-aks` */
  resourceGroupName: z.string().regex(/^[-\w.()]{0,89}[-\w()]$/, { message: 'is not a valid resource group name; use 1-90 letters, digits, "_", "-", "." or "()", not ending with "."' }).optional(),
  /** Kubernetes version (minor or patch). @default - the region's default, then upgraded by the channel */
  kubernetesVersion: z.preprocess(numberAsString, z.string().regex(/^\d+\.\d+(\.\d+)?$/, { message: 'is not a Kubernetes version; use <major>.<minor> or <major>.<minor>.<patch>, e.g. "1.33"' })).optional(),
  /** Control-plane tier (`Standard`/`Premium` carry the uptime SLA). @default Standard */
  skuTier: z.enum(AKS_SKU_TIERS).default(AKS_DEFAULTS.skuTier),
  /** Private API server (no public endpoint). With false, authorizedIpRanges is required. @default true */
  private: z.boolean().default(AKS_DEFAULTS.private),
  /** Public API server only: the ranges allowed to reach it (/8 or narrower, never 0.0.0.0/0). @default [] */
  authorizedIpRanges: z.array(ruled(z.string(), aksAuthorizedRangeProblem)).default([]),
  /** Entra groups that are cluster admins (Azure RBAC). @default [] */
  adminGroupObjectIds: z.array(guid('an Entra group')).default([]),
  /** Entra tenant of the cluster's Azure RBAC. @default - the provider's tenant */
  tenantId: guid('an Entra tenant id').optional(),
  /** Network policy engine: `cilium` (Cilium data plane) or `azure`. @default cilium */
  networkPolicy: z.enum(AKS_NETWORK_POLICIES).default(AKS_DEFAULTS.networkPolicy),
  /** Overlay pod range. @default - `addressPlan.reserved.aks-pods` */
  podCidr: ipv4Cidr.optional(),
  /** Service range. @default - `addressPlan.reserved.aks-services` */
  serviceCidr: ipv4Cidr.optional(),
  /** Cluster DNS service address inside the service range. @default - its 10th address (e.g. 10.9.0.10) */
  dnsServiceIp: z.string().optional(),
  /** Egress path of the nodes. @default - userAssignedNATGateway when azure.network.natGateway is on, else loadBalancer */
  outboundType: z.enum(AKS_OUTBOUND_TYPES).optional(),
  /** Cluster auto-upgrade channel. @default patch */
  automaticUpgradeChannel: z.enum(AKS_UPGRADE_CHANNELS).default(AKS_DEFAULTS.automaticUpgradeChannel),
  /** Node OS upgrade channel. @default NodeImage */
  nodeOsUpgradeChannel: z.enum(AKS_NODE_OS_UPGRADE_CHANNELS).default(AKS_DEFAULTS.nodeOsUpgradeChannel),
  /** Weekly window of cluster upgrades. @default - Sunday 00:00 UTC, 4 hours */
  autoUpgradeWindow: WindowSchema('Sunday').prefault({}),
  /** Weekly window of node OS upgrades. @default - Saturday 00:00 UTC, 4 hours */
  nodeOsUpgradeWindow: WindowSchema('Saturday').prefault({}),
  /** System pool VM size. @default "Standard_D4ds_v5" */
  systemPoolVmSize: ruled(z.string(), azureVmSizeProblem).default(AKS_DEFAULTS.systemPool.vmSize),
  /** System pool autoscaling minimum. @default 3 */
  systemPoolMinCount: z.number().int().min(1).default(AKS_DEFAULTS.systemPool.minCount),
  /** System pool autoscaling maximum. @default 5 */
  systemPoolMaxCount: z.number().int().min(1).default(AKS_DEFAULTS.systemPool.maxCount),
  /** Availability zones of the system pool (and the default of user pools). @default ["1", "2", "3"] */
  zones: z.array(zone).default([...AKS_DEFAULTS.zones] as ('1' | '2' | '3')[]),
  /** Microsoft Defender for Containers, reporting to the workspace. @default false */
  enableDefender: z.boolean().default(false),
  /** Days the Container Insights workspace keeps logs, 30-730. @default 90 */
  logRetentionDays: ruled(z.number(), logAnalyticsRetentionProblem).default(LOG_ANALYTICS_DEFAULTS.retentionDays),
  /** User node pools keyed by name (1-12 lower-case letters and digits). @default {} */
  nodePools: z.record(z.string(), NodePoolSchema).default({}),
});

export type AzureAksConfig = z.infer<typeof AzureAksConfigSchema>;

/** The overlay ranges of a cluster: the section's, else the reserved ranges of the address plan. */
export function aksOverlayRanges(
  aks: Pick<AzureAksConfig, 'podCidr' | 'serviceCidr' | 'dnsServiceIp'>,
  reserved: Readonly<Record<string, string>>,
): { podCidr?: string; serviceCidr?: string; dnsServiceIp?: string } {
  const podCidr = aks.podCidr ?? reserved[AKS_RESERVED_RANGES.podCidr];
  const serviceCidr = aks.serviceCidr ?? reserved[AKS_RESERVED_RANGES.serviceCidr];
  const dnsServiceIp = aks.dnsServiceIp ?? (serviceCidr ? defaultDnsServiceIp(serviceCidr) : undefined);
  return { podCidr, serviceCidr, dnsServiceIp };
}

/** Checks across the fields of `azure.aks`, with the rules of modules/azure/aks-*.ts. */
export function checkAzureAks(aks: AzureAksConfig, env: ParsedEnvironment<EnvironmentCore>, report: ReportProblem): void {
  if (!aks.enabled) return;
  const at = (...field: (string | number)[]) => ['azure', 'aks', ...field];
  if (aks.private && aks.authorizedIpRanges.length > 0) {
    report(at('authorizedIpRanges'), aks.authorizedIpRanges, 'applies to a public API server only; leave it out, or set private: false');
  }
  if (!aks.private && aks.authorizedIpRanges.length === 0) {
    report(at('authorizedIpRanges'), [], 'is required for a public API server (private: false): list the ranges allowed to reach it, never 0.0.0.0/0');
  }
  // @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/kubernetes_cluster#node_os_upgrade_channel
  if (aks.automaticUpgradeChannel === 'node-image' && aks.nodeOsUpgradeChannel !== 'NodeImage') {
    report(at('nodeOsUpgradeChannel'), aks.nodeOsUpgradeChannel, 'must be NodeImage when automaticUpgradeChannel is node-image');
  }
  if (aks.systemPoolMinCount > aks.systemPoolMaxCount) {
    report(at('systemPoolMinCount'), aks.systemPoolMinCount, `is greater than systemPoolMaxCount ${aks.systemPoolMaxCount}; use systemPoolMinCount <= systemPoolMaxCount`);
  }
  if (new Set(aks.zones).size !== aks.zones.length || aks.zones.length === 0) {
    report(at('zones'), aks.zones, 'is not allowed; use distinct zones among "1", "2", "3"');
  }
  for (const [name, pool] of Object.entries(aks.nodePools)) {
    const problem = aksNodePoolNameProblem(name);
    if (problem) report(at('nodePools', name), undefined, problem);
    if (pool.minCount > pool.maxCount) {
      report(at('nodePools', name, 'minCount'), pool.minCount, `is greater than maxCount ${pool.maxCount}; use minCount <= maxCount`);
    }
  }

  const reserved = env.core.addressPlan.reserved;
  const { podCidr, serviceCidr, dnsServiceIp } = aksOverlayRanges(aks, reserved);
  for (const [field, value] of [['podCidr', podCidr], ['serviceCidr', serviceCidr]] as const) {
    if (value === undefined) {
      const name = AKS_RESERVED_RANGES[field];
      report(at(field), undefined, `is not set and addressPlan.reserved has no "${name}" range; reserve one (addressPlan.reserved.${name}) or set azure.aks.${field}`);
    }
  }
  if (podCidr === undefined || serviceCidr === undefined || dnsServiceIp === undefined) return;
  // The pod and service ranges are part of the address plan (reserved, or added by addressRanges
  // below): the plan check reports one that is not private or overlaps any range of any cloud.
  // What is left for the construct's rule is the DNS service address.
  const problem = aksNetworkProblem({ podCidr, serviceCidr, dnsServiceIp });
  if (problem && problem[0] === 'dnsServiceIp') {
    report(at(aks.dnsServiceIp === undefined ? 'serviceCidr' : 'dnsServiceIp'), aks.dnsServiceIp ?? serviceCidr, aks.dnsServiceIp === undefined ? `leaves no default DNS service address (${dnsServiceIp}); use a larger service range or set azure.aks.dnsServiceIp` : problem[2]);
  }
}

/** The overlay ranges set in the section join the address plan (the reserved ones are already in it). */
export function azureAksRanges(aks: AzureAksConfig): PlanRange[] {
  if (!aks.enabled) return [];
  const out: PlanRange[] = [];
  if (aks.podCidr) out.push({ cidr: aks.podCidr, source: 'azure.aks.podCidr' });
  if (aks.serviceCidr) out.push({ cidr: aks.serviceCidr, source: 'azure.aks.serviceCidr' });
  return out;
}

/** `azure.aks`, owned by the `azure-aks` stack family. */
export const azureAksSection = defineSection({
  path: 'azure.aks',
  schema: AzureAksConfigSchema,
  optional: true,
  check: checkAzureAks,
  addressRanges: azureAksRanges,
});
