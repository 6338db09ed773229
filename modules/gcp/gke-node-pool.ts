import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { SERVICE_ACCOUNT_ID, serviceAccountIdFor } from './private/serverless';
import { WorkloadServiceAccount } from './private/workload-service-account';

/**
 * Roles of the node service account: what nodes need to log, report metrics and pull images,
 * nothing more (instead of the default compute account's Editor).
 *
 * @see https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#use_least_privilege_sa
 */
export const GKE_NODE_SERVICE_ACCOUNT_ROLES = [
  'roles/logging.logWriter',
  'roles/monitoring.metricWriter',
  'roles/monitoring.viewer',
  'roles/stackdriver.resourceMetadata.writer',
  'roles/artifactregistry.reader',
] as const;

/**
 * Form of a Compute Engine machine type: `<series>-<type>-<vCPUs>` (`e2-standard-4`,
 * `c3-highmem-8-lssd`), a shared-core type (`e2-medium`, `f1-micro`) or a custom type
 * (`n2-custom-4-16384`).
 *
 * @see https://cloud.google.com/compute/docs/machine-resource
 */
const MACHINE_TYPE =
  /^(?:(?:e2-(?:micro|small|medium))|f1-micro|g1-small|(?:[a-z]\d[a-z]?-(?:standard|highmem|highcpu|megamem|ultramem|hypermem|highgpu|megagpu|ultragpu|edgegpu)-\d+(?:-lssd|-metal|g)?)|(?:(?:[a-z]\d[a-z]?-)?custom-\d+-\d+(?:-ext)?))$/;

/** Why a machine type is refused (its form only; the zone decides what is offered), or `undefined`. */
export function gkeMachineTypeProblem(machineType: string): string | undefined {
  return MACHINE_TYPE.test(machineType)
    ? undefined
    : 'is not a Compute Engine machine type; use <series>-<standard|highmem|highcpu|...>-<vCPUs> (e.g. "e2-standard-4"), a shared-core type ("e2-medium") or a custom type ("n2-custom-4-16384")';
}

/** Taint effects. */
export const GKE_TAINT_EFFECTS = ['NO_SCHEDULE', 'PREFER_NO_SCHEDULE', 'NO_EXECUTE'] as const;
export type GkeTaintEffect = (typeof GKE_TAINT_EFFECTS)[number];

/** Defaults of {@link GkeNodePool}, for the config layer. */
export const GKE_NODE_POOL_DEFAULTS = {
  machineType: 'e2-standard-4',
  diskSizeGb: 100,
  diskType: 'pd-balanced',
  imageType: 'COS_CONTAINERD',
  minNodesPerZone: 1,
  maxNodesPerZone: 3,
  maxSurge: 1,
  maxUnavailable: 0,
  spot: false,
} as const;

/** Limits of {@link GkeNodePool}. */
export const GKE_NODE_POOL_LIMITS = {
  minDiskSizeGb: 10,
  maxDiskSizeGb: 65536,
  maxNodesPerZone: 1000,
  maxNodePoolNameLength: 40,
} as const;

/** A Kubernetes taint on every node of the pool. */
export interface GkeTaint {
  /** Taint key. */
  readonly key: string;
  /** Taint value. */
  readonly value: string;
  /** Effect. */
  readonly effect: GkeTaintEffect;
}

/** Props of {@link GkeNodePool}. */
export interface GkeNodePoolProps {
  /** Project of the cluster. */
  readonly project: string;
  /** Cluster name (names the node service account). */
  readonly clusterName: string;
  /** Cluster id (`GkeCluster.clusterId`), so the pool is created after the cluster. @default - clusterName */
  readonly clusterId?: string;
  /** Location of the cluster (its region). */
  readonly location: string;
  /** Node pool name (lower-case letters, digits, `-`; <= 40). */
  readonly nodePoolName: string;
  /** Machine type. @default 'e2-standard-4' */
  readonly machineType?: string;
  /** Boot disk size in GB (>= 10). @default 100 */
  readonly diskSizeGb?: number;
  /** Boot disk type. @default 'pd-balanced' */
  readonly diskType?: string;
  /** Cloud KMS key encrypting the boot disks. @default - Google-managed */
  readonly bootDiskKmsKey?: string;
  /** Autoscaling minimum per zone. @default 1 */
  readonly minNodesPerZone?: number;
  /** Autoscaling maximum per zone (>= min). @default 3 */
  readonly maxNodesPerZone?: number;
  /** Autoscaling minimum over all zones (instead of per zone). @default - per-zone limits */
  readonly totalMinNodes?: number;
  /** Autoscaling maximum over all zones (instead of per zone). @default - per-zone limits */
  readonly totalMaxNodes?: number;
  /** Spot VMs. @default false */
  readonly spot?: boolean;
  /** Kubernetes labels of the nodes. @default {} */
  readonly labels?: Record<string, string>;
  /** Kubernetes taints of the nodes. @default [] */
  readonly taints?: GkeTaint[];
  /** Network tags of the nodes (for firewall rules). @default [] */
  readonly networkTags?: string[];
  /** Id of the node service account created. @default - `<clusterName>-<nodePoolName>-nodes`, cut to 30 characters */
  readonly serviceAccountId?: string;
  /** Surge nodes during upgrades. @default 1 */
  readonly maxSurge?: number;
  /** Nodes unavailable during upgrades. @default 0 */
  readonly maxUnavailable?: number;
  /** GCE resource labels of the nodes. @default {} */
  readonly resourceLabels?: Record<string, string>;
}

/**
 * A GKE node pool with autoscaling, auto-repair and auto-upgrade, on a least-privilege account.
 *
 * Secure by default: a node service account with only the logging, monitoring and Artifact
 * Registry reader roles; shielded VMs with secure boot and integrity monitoring; the GKE
 * metadata server (Workload Identity) instead of the node's credentials; Container-Optimized OS
 * with containerd; legacy metadata endpoints off; surge upgrades without losing capacity.
 *
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/container_node_pool
 */
export class GkeNodePool extends Construct {
  /** The node pool. */
  public readonly nodePool: ContainerNodePool;
  /** The node service account. */
  public readonly serviceAccount: WorkloadServiceAccount;
  /** Email of the node service account. */
  public readonly serviceAccountEmail: string;
  /** Node pool name. */
  public readonly nodePoolName: string;

  constructor(scope: Construct, id: string, props: GkeNodePoolProps) {
    super(scope, id);
    const D = GKE_NODE_POOL_DEFAULTS;
    const L = GKE_NODE_POOL_LIMITS;
    const diskSizeGb = props.diskSizeGb ?? D.diskSizeGb;
    const totals = props.totalMinNodes !== undefined || props.totalMaxNodes !== undefined;
    const perZone = props.minNodesPerZone !== undefined || props.maxNodesPerZone !== undefined;
    const min = totals ? props.totalMinNodes ?? 0 : props.minNodesPerZone ?? D.minNodesPerZone;
    const max = totals ? props.totalMaxNodes ?? 0 : props.maxNodesPerZone ?? D.maxNodesPerZone;
    const accountId =
      props.serviceAccountId ?? serviceAccountIdFor(`${props.clusterName}-${props.nodePoolName}`, 'nodes');
    const taints = props.taints ?? [];

    const fail = (prop: string, value: unknown, allowed: string): never => {
      throw new ValidationError(this, prop, value, allowed);
    };
    if (
      !Token.isUnresolved(props.nodePoolName) &&
      (props.nodePoolName.length > L.maxNodePoolNameLength || !/^[a-z]([a-z0-9-]*[a-z0-9])?$/.test(props.nodePoolName))
    ) {
      fail(
        'nodePoolName',
        props.nodePoolName,
        `is not a node pool name; use lower-case letters, digits and "-", starting with a letter, at most ${L.maxNodePoolNameLength} characters`
      );
    }
    const machineType = props.machineType ?? D.machineType;
    const machineTypeProblem = Token.isUnresolved(machineType) ? undefined : gkeMachineTypeProblem(machineType);
    if (machineTypeProblem) fail('machineType', machineType, machineTypeProblem);
    if (!Token.isUnresolved(accountId) && !SERVICE_ACCOUNT_ID.test(accountId)) {
      fail(
        'serviceAccountId',
        accountId,
        'is not a service account id; use 6-30 lower-case letters, digits and "-", starting with a letter'
      );
    }
    // @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/container_node_pool#total_min_node_count
    if (totals && perZone) {
      fail(
        'totalMinNodes',
        { totalMinNodes: props.totalMinNodes, totalMaxNodes: props.totalMaxNodes },
        'cannot be combined with minNodesPerZone/maxNodesPerZone; use per-zone or total limits'
      );
    }
    if (totals && (props.totalMinNodes === undefined || props.totalMaxNodes === undefined)) {
      fail(
        'totalMaxNodes',
        { totalMinNodes: props.totalMinNodes, totalMaxNodes: props.totalMaxNodes },
        'needs both totalMinNodes and totalMaxNodes'
      );
    }
    const prefix = totals ? 'total' : 'perZone';
    if (!Number.isInteger(min) || min < 0)
      fail(totals ? 'totalMinNodes' : 'minNodesPerZone', min, 'is out of range; use 0 or more');
    if (!Number.isInteger(max) || max < 1 || max > L.maxNodesPerZone * (totals ? 3 : 1)) {
      fail(
        totals ? 'totalMaxNodes' : 'maxNodesPerZone',
        max,
        `is out of range; use 1-${L.maxNodesPerZone * (totals ? 3 : 1)}`
      );
    }
    if (min > max)
      fail(
        totals ? 'totalMinNodes' : 'minNodesPerZone',
        { min, max, limits: prefix },
        'is more than the maximum; use min <= max'
      );
    if (!Number.isInteger(diskSizeGb) || diskSizeGb < L.minDiskSizeGb || diskSizeGb > L.maxDiskSizeGb) {
      fail('diskSizeGb', diskSizeGb, `is out of range; use ${L.minDiskSizeGb}-${L.maxDiskSizeGb} GB`);
    }
    taints.forEach((t, i) => {
      if (!(GKE_TAINT_EFFECTS as readonly string[]).includes(t.effect)) {
        fail(`taints[${i}].effect`, t.effect, `is not a taint effect; use one of ${GKE_TAINT_EFFECTS.join(', ')}`);
      }
      if (!t.key) fail(`taints[${i}].key`, t.key, 'is empty; give the taint a key');
    });
    const maxSurge = props.maxSurge ?? D.maxSurge;
    const maxUnavailable = props.maxUnavailable ?? D.maxUnavailable;
    if (maxSurge + maxUnavailable < 1) {
      fail(
        'maxSurge',
        { maxSurge, maxUnavailable },
        'and maxUnavailable are both 0; upgrades need maxSurge + maxUnavailable >= 1'
      );
    }

    this.serviceAccount = new WorkloadServiceAccount(this, 'service-account', {
      project: props.project,
      accountId,
      displayName: `GKE nodes ${props.clusterName}/${props.nodePoolName}`,
      projectRoles: GKE_NODE_SERVICE_ACCOUNT_ROLES,
    });

    this.nodePool = new ContainerNodePool(this, 'node-pool', {
      project: props.project,
      cluster: props.clusterId ?? props.clusterName,
      location: props.location,
      name: props.nodePoolName,
      // GTM's pattern: start at the minimum (>= 1), then leave the count to the autoscaler.
      initialNodeCount: Math.max(1, totals ? 1 : min),
      autoscaling: totals
        ? { totalMinNodeCount: min, totalMaxNodeCount: max, locationPolicy: 'BALANCED' }
        : { minNodeCount: min, maxNodeCount: max, locationPolicy: 'BALANCED' },
      management: { autoRepair: true, autoUpgrade: true },
      upgradeSettings: { strategy: 'SURGE', maxSurge, maxUnavailable },
      nodeConfig: {
        machineType: props.machineType ?? D.machineType,
        imageType: D.imageType,
        diskSizeGb,
        diskType: props.diskType ?? D.diskType,
        bootDiskKmsKey: props.bootDiskKmsKey,
        spot: props.spot ?? D.spot,
        serviceAccount: this.serviceAccount.email,
        // Access is governed by the account's IAM roles; the scope only stops being a second filter.
        oauthScopes: ['https://www.googleapis.com/auth/cloud-platform'],
        shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
        workloadMetadataConfig: { mode: 'GKE_METADATA' },
        metadata: { 'disable-legacy-endpoints': 'true' },
        labels: props.labels,
        resourceLabels: props.resourceLabels,
        tags: props.networkTags,
        taint: taints.map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
      },
      lifecycle: { ignoreChanges: ['initial_node_count'] },
      dependsOn: this.serviceAccount.grants.length ? this.serviceAccount.grants : undefined,
    });

    this.serviceAccountEmail = this.serviceAccount.email;
    this.nodePoolName = props.nodePoolName;
  }
}
