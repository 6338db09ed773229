import { KubernetesClusterNodePool } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
import { Construct } from 'constructs';
import { nodeLabelKeyProblem } from '../core/node-labels';
import { ValidationError } from '../core/validation-error';
import { AKS_DEFAULTS } from './aks-cluster';
import { known } from './private/compute-rules';

/** Taint effects. */
export const AKS_TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/** Defaults of {@link AksNodePool}. */
export const AKS_NODE_POOL_DEFAULTS = {
  vmSize: 'Standard_D4ds_v5',
  minCount: 1,
  maxCount: 5,
  maxPods: 110,
  osSku: 'AzureLinux',
  maxSurge: '33%',
} as const;

/** Linux user pool names: 1-12 lower-case letters and digits, starting with a letter. */
export const AKS_NODE_POOL_NAME = /^[a-z][a-z0-9]{0,11}$/;
/** A taint: `key=value:Effect` (value optional). */
const TAINT = /^[A-Za-z0-9]([-A-Za-z0-9_./]{0,251}[A-Za-z0-9])?(=[-A-Za-z0-9_.]{0,63})?:(NoSchedule|PreferNoSchedule|NoExecute)$/;

/** Why a taint (`key=value:Effect`) is refused, or `undefined` when AKS accepts it. */
export function aksTaintProblem(taint: string): string | undefined {
  return TAINT.test(taint) ? undefined : `is not a taint; use key=value:Effect with Effect one of ${AKS_TAINT_EFFECTS.join(', ')}`;
}

/** Node label prefixes AKS keeps for its own labels. @see https://learn.microsoft.com/azure/aks/use-labels#reserved-system-labels */
export const AKS_RESERVED_LABEL_PREFIXES = ['kubernetes.azure.com'] as const;

/** Why a node label key is refused on an AKS pool, or `undefined` when it may be set. */
export function aksNodeLabelKeyProblem(key: string): string | undefined {
  return nodeLabelKeyProblem(key, AKS_RESERVED_LABEL_PREFIXES);
}

/** Why a pool name is refused, or `undefined` when it is fine. */
export function aksNodePoolNameProblem(name: string): string | undefined {
  if (!AKS_NODE_POOL_NAME.test(name)) return 'is not a node pool name; use 1-12 lower-case letters and digits, starting with a letter';
  if (name === AKS_DEFAULTS.systemPool.name) return 'is the name of the system pool; choose another';
  return undefined;
}

/** Pods per node an AKS pool allows (Azure CNI Overlay). @see https://learn.microsoft.com/azure/aks/azure-cni-overlay#maximum-pods-per-node */
export const AKS_MAX_PODS = { min: 10, max: 250 } as const;

/** Why a pods-per-node count is refused, or `undefined` when AKS accepts it. */
export function aksMaxPodsProblem(maxPods: number): string | undefined {
  const { min, max } = AKS_MAX_PODS;
  return Number.isInteger(maxPods) && maxPods >= min && maxPods <= max ? undefined : `is not allowed; use ${min} to ${max} pods per node`;
}

/**
 * Form of an Azure VM size: `Standard_<family><vCPUs><features>[_<accelerator>][_v<generation>]`,
 * e.g. `Standard_D8ds_v5`, `Standard_NC24ads_A100_v4`.
 *
 * @see https://learn.microsoft.com/azure/virtual-machines/vm-naming-conventions
 */
const VM_SIZE = /^Standard_[A-Z]{1,3}\d+(-\d+)?[a-z]*(_[A-Za-z][A-Za-z0-9]*)?(_v\d+)?$/;

/** Why a VM size is refused (its form only; the region decides what is offered), or `undefined`. */
export function azureVmSizeProblem(size: string): string | undefined {
  return VM_SIZE.test(size)
    ? undefined
    : 'is not an Azure VM size; use "Standard_<family><vCPUs><features>[_v<generation>]", e.g. "Standard_D4ds_v5" (case-sensitive)';
}

/** Props of {@link AksNodePool}. */
export interface AksNodePoolProps {
  /** Cluster id ({@link AksCluster.clusterId}). */
  readonly clusterId: string;
  /** Pool name: 1-12 lower-case letters and digits (also the construct id to use: pools are keyed by name). */
  readonly name: string;
  /** Node subnet (the cluster's). */
  readonly vnetSubnetId: string;
  /** VM size. @default 'Standard_D4ds_v5' */
  readonly vmSize?: string;
  /** Fewest nodes (autoscaling). @default 1 */
  readonly minCount?: number;
  /** Most nodes (autoscaling). @default 5 */
  readonly maxCount?: number;
  /** Availability zones. @default ['1', '2', '3'] */
  readonly zones?: readonly string[];
  /** Kubernetes node labels. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Taints, `key=value:Effect`. @default - none */
  readonly taints?: readonly string[];
  /** Pods per node. @default 110 */
  readonly maxPods?: number;
  /** Kubernetes version of the pool. @default - the control plane's */
  readonly orchestratorVersion?: string;
  /** Encryption at host (needs the EncryptionAtHost subscription feature). @default false */
  readonly enableHostEncryption?: boolean;
  /** Tags on the pool's VMs. @default - none */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * An autoscaled Linux user node pool of an {@link AksCluster}, across zones, with labels and
 * taints. Give each pool the construct id `pool-<name>` so removing one never renames another.
 *
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/kubernetes_cluster_node_pool
 */
export class AksNodePool extends Construct {
  /** The pool. */
  public readonly resource: KubernetesClusterNodePool;

  constructor(scope: Construct, id: string, props: AksNodePoolProps) {
    super(scope, id);
    const minCount = props.minCount ?? AKS_NODE_POOL_DEFAULTS.minCount;
    const maxCount = props.maxCount ?? AKS_NODE_POOL_DEFAULTS.maxCount;
    const zones = props.zones ?? AKS_DEFAULTS.zones;
    const maxPods = props.maxPods ?? AKS_NODE_POOL_DEFAULTS.maxPods;
    if (known(props.name)) {
      const problem = aksNodePoolNameProblem(props.name);
      if (problem) throw new ValidationError(this, 'name', props.name, problem);
    }
    if (known(minCount) && known(maxCount) && (!Number.isInteger(minCount) || !Number.isInteger(maxCount) || minCount < 0 || maxCount < 1 || minCount > maxCount || maxCount > 1000)) {
      throw new ValidationError(this, 'minCount', { minCount, maxCount }, 'is not allowed; use 0 <= minCount <= maxCount, 1 <= maxCount <= 1000');
    }
    const vmSizeProblem = known(props.vmSize) ? azureVmSizeProblem(props.vmSize) : undefined;
    if (vmSizeProblem) throw new ValidationError(this, 'vmSize', props.vmSize, vmSizeProblem);
    const maxPodsProblem = known(maxPods) ? aksMaxPodsProblem(maxPods) : undefined;
    if (maxPodsProblem) {
      throw new ValidationError(this, 'maxPods', maxPods, maxPodsProblem);
    }
    if (zones.length === 0 || zones.some((z) => !['1', '2', '3'].includes(z)) || new Set(zones).size !== zones.length) {
      throw new ValidationError(this, 'zones', zones, 'is not allowed; use distinct zones among "1", "2", "3"');
    }
    for (const key of Object.keys(props.labels ?? {})) {
      const labelProblem = known(key) ? aksNodeLabelKeyProblem(key) : undefined;
      if (labelProblem) throw new ValidationError(this, `labels.${key}`, key, labelProblem);
    }
    (props.taints ?? []).forEach((taint, i) => {
      const taintProblem = known(taint) ? aksTaintProblem(taint) : undefined;
      if (taintProblem) {
        throw new ValidationError(this, `taints[${i}]`, taint, taintProblem);
      }
    });

    this.resource = new KubernetesClusterNodePool(this, 'resource', {
      name: props.name,
      kubernetesClusterId: props.clusterId,
      mode: 'User',
      osType: 'Linux',
      osSku: AKS_NODE_POOL_DEFAULTS.osSku,
      vmSize: props.vmSize ?? AKS_NODE_POOL_DEFAULTS.vmSize,
      vnetSubnetId: props.vnetSubnetId,
      zones: [...zones],
      autoScalingEnabled: true,
      minCount,
      maxCount,
      maxPods,
      orchestratorVersion: props.orchestratorVersion,
      nodeLabels: props.labels ? { ...props.labels } : undefined,
      nodeTaints: props.taints ? [...props.taints] : undefined,
      nodePublicIpEnabled: false,
      hostEncryptionEnabled: props.enableHostEncryption ?? false,
      temporaryNameForRotation: `${props.name.slice(0, 9)}tmp`,
      upgradeSettings: { maxSurge: AKS_NODE_POOL_DEFAULTS.maxSurge },
      tags: props.tags ? { ...props.tags } : undefined,
    });
  }
}
