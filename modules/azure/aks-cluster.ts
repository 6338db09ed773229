import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { cidr, contains, isPrivate, overlaps, parseCidr, prefixOf } from '../core/cidr';
import { ValidationError } from '../core/validation-error';
import { known } from './private/compute-rules';

/** Network policy engines: `cilium` (Azure CNI powered by Cilium data plane) or `azure` (Azure NPM). */
export const AKS_NETWORK_POLICIES = ['cilium', 'azure'] as const;
/** A network policy engine. */
export type AksNetworkPolicy = (typeof AKS_NETWORK_POLICIES)[number];
/** Control-plane pricing tiers (`Standard` and `Premium` carry the uptime SLA). */
export const AKS_SKU_TIERS = ['Free', 'Standard', 'Premium'] as const;
/** Cluster auto-upgrade channels (`none` is not offered: clusters here always upgrade). */
export const AKS_UPGRADE_CHANNELS = ['patch', 'stable', 'rapid', 'node-image'] as const;
/** Node OS upgrade channels (`None` is not offered). */
export const AKS_NODE_OS_UPGRADE_CHANNELS = ['NodeImage', 'SecurityPatch', 'Unmanaged'] as const;
/** Outbound types with a node subnet the caller owns. */
export const AKS_OUTBOUND_TYPES = ['loadBalancer', 'userAssignedNATGateway', 'userDefinedRouting'] as const;
/** Days of a maintenance window. */
export const AKS_WEEK_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** A weekly maintenance window. */
export interface AksMaintenanceWindow {
  /** Day of the week. */
  readonly dayOfWeek: (typeof AKS_WEEK_DAYS)[number];
  /** Start, `HH:MM`. @default '00:00' */
  readonly startTime?: string;
  /** Length in hours, 4-24. @default 4 */
  readonly durationHours?: number;
  /** UTC offset of the start time, `+HH:MM` or `-HH:MM`. @default '+00:00' */
  readonly utcOffset?: string;
}

/** Defaults of {@link AksCluster}. */
export const AKS_DEFAULTS = {
  skuTier: 'Standard' as (typeof AKS_SKU_TIERS)[number],
  private: true,
  networkPolicy: 'cilium' as AksNetworkPolicy,
  /** Overlay pod range (not routed in the VNet, but must not overlap it). */
  podCidr: '192.168.0.0/16',
  serviceCidr: '172.16.0.0/16',
  dnsServiceIp: '172.16.0.10',
  outboundType: 'loadBalancer' as (typeof AKS_OUTBOUND_TYPES)[number],
  automaticUpgradeChannel: 'patch' as (typeof AKS_UPGRADE_CHANNELS)[number],
  nodeOsUpgradeChannel: 'NodeImage' as (typeof AKS_NODE_OS_UPGRADE_CHANNELS)[number],
  autoUpgradeWindow: { dayOfWeek: 'Sunday', startTime: '00:00', durationHours: 4, utcOffset: '+00:00' } as AksMaintenanceWindow,
  nodeOsUpgradeWindow: { dayOfWeek: 'Saturday', startTime: '00:00', durationHours: 4, utcOffset: '+00:00' } as AksMaintenanceWindow,
  systemPool: { name: 'system', vmSize: 'Standard_D4ds_v5', minCount: 3, maxCount: 5, maxPods: 110, osSku: 'AzureLinux' },
  zones: ['1', '2', '3'] as readonly string[],
  secretRotationInterval: '2m',
  imageCleanerIntervalHours: 168,
} as const;

/** Limits of {@link AksCluster}. */
export const AKS_LIMITS = {
  /** Maintenance window length. @see https://learn.microsoft.com/azure/aks/planned-maintenance */
  maintenanceHours: { min: 4, max: 24 },
  /** Broadest authorized IP range accepted for the public API server. */
  minAuthorizedPrefix: 8,
} as const;

/** Why an API server authorized range is refused, or `undefined` when it is allowed. */
export function aksAuthorizedRangeProblem(range: string): string | undefined {
  const parsed = parseCidr(range.includes('/') ? range : `${range}/32`);
  if (!parsed.range) return parsed.error;
  if (prefixOf(range.includes('/') ? range : `${range}/32`) < AKS_LIMITS.minAuthorizedPrefix) {
    return `opens the API server to (nearly) the whole internet; list specific egress ranges, /${AKS_LIMITS.minAuthorizedPrefix} or narrower, never 0.0.0.0/0`;
  }
  return undefined;
}

/** The AKS overlay network ranges. */
export interface AksNetworkRanges {
  readonly podCidr: string;
  readonly serviceCidr: string;
  readonly dnsServiceIp: string;
  /** Address spaces of the node VNet (and peered networks) the ranges must not overlap. */
  readonly vnetAddressSpaces?: readonly string[];
}

/** The first problem of the overlay ranges as `[prop, value, allowed]`, or `undefined` when they are fine. */
export function aksNetworkProblem(n: AksNetworkRanges): [string, string, string] | undefined {
  for (const [prop, value] of [['podCidr', n.podCidr], ['serviceCidr', n.serviceCidr]] as const) {
    const parsed = parseCidr(value);
    if (!parsed.range) return [prop, value, parsed.error!];
    if (!isPrivate(value)) return [prop, value, 'is not a private range; use a block inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10'];
  }
  if (overlaps(n.podCidr, n.serviceCidr)) {
    return ['podCidr', n.podCidr, `overlaps serviceCidr "${n.serviceCidr}"; the pod and service ranges must be distinct`];
  }
  for (const space of n.vnetAddressSpaces ?? []) {
    if (!parseCidr(space).range) continue;
    if (overlaps(n.podCidr, space)) return ['podCidr', n.podCidr, `overlaps the VNet address space "${space}"; use a range outside the VNet`];
    if (overlaps(n.serviceCidr, space)) return ['serviceCidr', n.serviceCidr, `overlaps the VNet address space "${space}"; use a range outside the VNet`];
  }
  const ipParsed = parseCidr(`${n.dnsServiceIp}/32`);
  if (!ipParsed.range) return ['dnsServiceIp', n.dnsServiceIp, 'is not an IPv4 address'];
  const first = cidr(n.serviceCidr).getFirst().value;
  const last = cidr(n.serviceCidr).getLast().value;
  const ip = ipParsed.range.getFirst().value;
  if (!contains(n.serviceCidr, `${n.dnsServiceIp}/32`) || ip === first || ip === first + 1n || ip === last) {
    return ['dnsServiceIp', n.dnsServiceIp, `is not a usable address inside serviceCidr "${n.serviceCidr}"; use one inside it other than the first two and the last (e.g. .10)`];
  }
  return undefined;
}

/** Props of {@link AksCluster}. */
export interface AksClusterProps {
  /** Cluster name (1-63 letters, digits, `-` and `_`). */
  readonly name: string;
  /** Resource group of the cluster and its control-plane identity. */
  readonly resourceGroupName: string;
  /** Azure location (with three availability zones). */
  readonly location: string;
  /** Subnet of the nodes (Azure CNI Overlay: pods are not given VNet addresses). */
  readonly nodeSubnetId: string;
  /** Log Analytics workspace of Container Insights (and Defender). */
  readonly logAnalyticsWorkspaceId: string;
  /** Entra tenant of the cluster's Azure RBAC. @default - the provider's tenant */
  readonly tenantId?: string;
  /** Entra groups that are cluster admins. @default - none (grant Azure RBAC roles on the cluster instead) */
  readonly adminGroupObjectIds?: string[];
  /** Kubernetes version (minor or patch). @default - the region's default, then upgraded by the channel */
  readonly kubernetesVersion?: string;
  /** Control-plane tier. @default 'Standard' */
  readonly skuTier?: (typeof AKS_SKU_TIERS)[number];
  /** DNS prefix of the API server FQDN. @default - the cluster name */
  readonly dnsPrefix?: string;
  /** Private API server (no public endpoint). With false, `authorizedIpRanges` is required. @default true */
  readonly private?: boolean;
  /** Private DNS zone of a private cluster: `System` or a zone id (`privatelink.<region>.azmk8s.io`); the identity gets Private DNS Zone Contributor on a custom zone. @default 'System' */
  readonly privateDnsZoneId?: string;
  /** Public API server only: ranges allowed to reach it (never 0.0.0.0/0). @default - none */
  readonly authorizedIpRanges?: string[];
  /** Overlay pod range, private, distinct from the services and the VNet. @default '192.168.0.0/16' */
  readonly podCidr?: string;
  /** Service range, private. @default '172.16.0.0/16' */
  readonly serviceCidr?: string;
  /** Cluster DNS service address, inside `serviceCidr`. @default '172.16.0.10' */
  readonly dnsServiceIp?: string;
  /** VNet address spaces the overlay ranges are checked against. @default - not checked */
  readonly vnetAddressSpaces?: readonly string[];
  /** Network policy engine. @default 'cilium' */
  readonly networkPolicy?: AksNetworkPolicy;
  /** Egress path of the nodes (`userAssignedNATGateway` when the node subnet has a NAT gateway). @default 'loadBalancer' */
  readonly outboundType?: (typeof AKS_OUTBOUND_TYPES)[number];
  /** Cluster auto-upgrade channel. @default 'patch' */
  readonly automaticUpgradeChannel?: (typeof AKS_UPGRADE_CHANNELS)[number];
  /** Node OS upgrade channel. @default 'NodeImage' */
  readonly nodeOsUpgradeChannel?: (typeof AKS_NODE_OS_UPGRADE_CHANNELS)[number];
  /** Window of cluster upgrades. @default Sunday 00:00 UTC, 4 hours */
  readonly autoUpgradeWindow?: AksMaintenanceWindow;
  /** Window of node OS upgrades. @default Saturday 00:00 UTC, 4 hours */
  readonly nodeOsUpgradeWindow?: AksMaintenanceWindow;
  /** System pool VM size. @default 'Standard_D4ds_v5' */
  readonly systemPoolVmSize?: string;
  /** System pool autoscaling bounds. @default 3 to 5 */
  readonly systemPoolMinCount?: number;
  /** @default 5 */
  readonly systemPoolMaxCount?: number;
  /** Availability zones of the system pool. @default ['1', '2', '3'] */
  readonly zones?: readonly string[];
  /** Microsoft Defender for Containers, reporting to the workspace. @default false */
  readonly enableDefender?: boolean;
  /** Disk encryption set for OS and data disks (customer-managed key); the caller grants the control-plane identity access to it. @default - platform-managed keys */
  readonly diskEncryptionSetId?: string;
  /** Encryption at host on the system pool (needs the EncryptionAtHost subscription feature). @default false */
  readonly enableHostEncryption?: boolean;
  /** Tags on every resource. @default - none */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Cluster names: 1-63 letters, digits, `-` and `_`, starting and ending alphanumeric. */
const CLUSTER_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const UTC_OFFSET = /^[+-](0\d|1[0-4]):[0-5]\d$/;

/**
 * An AKS cluster after the AKS secure baseline (private cluster) and the AVM WAF-aligned example:
 *
 * - API server private (or public behind authorized ranges only);
 * - Microsoft Entra ID with Azure RBAC, local accounts disabled;
 * - OIDC issuer and workload identity on;
 * - Azure CNI Overlay (`network_plugin = azure`, `network_plugin_mode = overlay`) with the Cilium
 *   data plane and policy (or Azure NPM);
 * - a system pool spread over zones 1-3, autoscaled, `only_critical_addons_enabled`;
 * - automatic cluster and node OS upgrades inside weekly maintenance windows;
 * - Azure Policy, Key Vault CSI driver with secret rotation, Container Insights with Entra auth,
 *   image cleaner; run command off; optional Defender and customer-managed disk encryption.
 *
 * Control-plane identity: a user-assigned identity created here and granted Network Contributor
 * on the node subnet (and Private DNS Zone Contributor on a custom private DNS zone) before the
 * cluster, as AKS needs with a bring-your-own subnet.
 *
 * Credentials: `host` and `clusterCaCertificate` come from `kube_config`, which is sensitive; cdktf
 * marks the cross-stack outputs it generates `sensitive = true`, so passing them to a Kubernetes stack
 * keeps them out of plan output. With local accounts disabled the kubeconfig holds no client
 * credentials: clients authenticate with Entra (kubelogin exec plugin / workload identity).
 *
 * @see https://learn.microsoft.com/azure/architecture/reference-architectures/containers/aks/baseline-aks
 * @see https://learn.microsoft.com/azure/aks/azure-cni-overlay
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/kubernetes_cluster
 */
export class AksCluster extends Construct {
  /** The cluster. */
  public readonly resource: KubernetesCluster;
  /** The control-plane identity. */
  public readonly controlPlaneIdentity: UserAssignedIdentity;
  /** Cluster name. */
  public readonly clusterName: string;
  /** Resource group of the cluster. */
  public readonly resourceGroupName: string;
  /** Cluster resource id. */
  public readonly clusterId: string;
  /** API server URL (sensitive: from `kube_config`). */
  public readonly host: string;
  /** Base64 PEM CA certificate of the API server (sensitive: from `kube_config`). */
  public readonly clusterCaCertificate: string;
  /** OIDC issuer URL for workload identity federation. */
  public readonly oidcIssuerUrl: string;
  /** Kubelet identity: object id (for `AcrPull` grants), client id and resource id. */
  public readonly kubeletIdentity: { readonly objectId: string; readonly clientId: string; readonly userAssignedIdentityId: string };
  /** Resource group of the nodes, managed by AKS. */
  public readonly nodeResourceGroup: string;

  constructor(scope: Construct, id: string, props: AksClusterProps) {
    super(scope, id);
    const isPrivate = props.private ?? AKS_DEFAULTS.private;
    const networkPolicy = props.networkPolicy ?? AKS_DEFAULTS.networkPolicy;
    const podCidr = props.podCidr ?? AKS_DEFAULTS.podCidr;
    const serviceCidr = props.serviceCidr ?? AKS_DEFAULTS.serviceCidr;
    const dnsServiceIp = props.dnsServiceIp ?? AKS_DEFAULTS.dnsServiceIp;
    const upgradeChannel = props.automaticUpgradeChannel ?? AKS_DEFAULTS.automaticUpgradeChannel;
    const nodeOsChannel = props.nodeOsUpgradeChannel ?? AKS_DEFAULTS.nodeOsUpgradeChannel;
    const skuTier = props.skuTier ?? AKS_DEFAULTS.skuTier;
    const outboundType = props.outboundType ?? AKS_DEFAULTS.outboundType;
    const zones = props.zones ?? AKS_DEFAULTS.zones;
    const minCount = props.systemPoolMinCount ?? AKS_DEFAULTS.systemPool.minCount;
    const maxCount = props.systemPoolMaxCount ?? AKS_DEFAULTS.systemPool.maxCount;
    const autoWindow = props.autoUpgradeWindow ?? AKS_DEFAULTS.autoUpgradeWindow;
    const nodeOsWindow = props.nodeOsUpgradeWindow ?? AKS_DEFAULTS.nodeOsUpgradeWindow;

    if (known(props.name) && !CLUSTER_NAME.test(props.name)) {
      throw new ValidationError(this, 'name', props.name, 'is not a cluster name; use 1-63 letters, digits, "-" and "_", starting and ending with a letter or digit');
    }
    oneOf(this, 'networkPolicy', networkPolicy, AKS_NETWORK_POLICIES);
    oneOf(this, 'skuTier', skuTier, AKS_SKU_TIERS);
    oneOf(this, 'outboundType', outboundType, AKS_OUTBOUND_TYPES);
    oneOf(this, 'automaticUpgradeChannel', upgradeChannel, AKS_UPGRADE_CHANNELS);
    oneOf(this, 'nodeOsUpgradeChannel', nodeOsChannel, AKS_NODE_OS_UPGRADE_CHANNELS);
    // @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/kubernetes_cluster#node_os_upgrade_channel
    if (upgradeChannel === 'node-image' && nodeOsChannel !== 'NodeImage') {
      throw new ValidationError(this, 'nodeOsUpgradeChannel', nodeOsChannel, 'must be NodeImage when automaticUpgradeChannel is node-image');
    }
    if ([podCidr, serviceCidr, dnsServiceIp].every((v) => known(v))) {
      const problem = aksNetworkProblem({ podCidr, serviceCidr, dnsServiceIp, vnetAddressSpaces: props.vnetAddressSpaces });
      if (problem) throw new ValidationError(this, problem[0], problem[1], problem[2]);
    }
    if (isPrivate) {
      if (props.authorizedIpRanges !== undefined) {
        throw new ValidationError(this, 'authorizedIpRanges', props.authorizedIpRanges, 'applies to a public API server only; leave it out, or set private: false');
      }
    } else {
      if (props.privateDnsZoneId !== undefined) {
        throw new ValidationError(this, 'privateDnsZoneId', props.privateDnsZoneId, 'applies to a private cluster only; leave it out, or set private: true');
      }
      if (!props.authorizedIpRanges || props.authorizedIpRanges.length === 0) {
        throw new ValidationError(this, 'authorizedIpRanges', props.authorizedIpRanges, 'is required for a public API server (private: false): list the CIDR ranges allowed to reach it, never 0.0.0.0/0');
      }
      props.authorizedIpRanges.forEach((range, i) => {
        if (!known(range)) return;
        const problem = aksAuthorizedRangeProblem(range);
        if (problem) throw new ValidationError(this, `authorizedIpRanges[${i}]`, range, problem);
      });
    }
    const badZone = zones.find((z) => !['1', '2', '3'].includes(z));
    if (badZone !== undefined || zones.length === 0 || new Set(zones).size !== zones.length) {
      throw new ValidationError(this, 'zones', zones, 'is not allowed; use distinct zones among "1", "2", "3"');
    }
    if (known(minCount) && known(maxCount) && (!Number.isInteger(minCount) || !Number.isInteger(maxCount) || minCount < 1 || minCount > maxCount || maxCount > 1000)) {
      throw new ValidationError(this, 'systemPoolMinCount', { systemPoolMinCount: minCount, systemPoolMaxCount: maxCount }, 'is not allowed; use 1 <= systemPoolMinCount <= systemPoolMaxCount <= 1000');
    }
    checkWindow(this, 'autoUpgradeWindow', autoWindow);
    checkWindow(this, 'nodeOsUpgradeWindow', nodeOsWindow);
    const tags = props.tags ? { ...props.tags } : undefined;

    this.controlPlaneIdentity = new UserAssignedIdentity(this, 'identity', {
      name: `id-${props.name}-control-plane`,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tags,
    });
    const grants = [
      new RoleAssignment(this, 'subnet-network-contributor', {
        scope: props.nodeSubnetId,
        roleDefinitionName: 'Network Contributor',
        principalId: this.controlPlaneIdentity.principalId,
        principalType: 'ServicePrincipal',
      }),
    ];
    const privateDnsZoneId = isPrivate ? (props.privateDnsZoneId ?? 'System') : undefined;
    if (privateDnsZoneId !== undefined && privateDnsZoneId !== 'System' && privateDnsZoneId !== 'None') {
      grants.push(
        new RoleAssignment(this, 'private-dns-zone-contributor', {
          scope: privateDnsZoneId,
          roleDefinitionName: 'Private DNS Zone Contributor',
          principalId: this.controlPlaneIdentity.principalId,
          principalType: 'ServicePrincipal',
        }),
      );
    }
    const window = (w: AksMaintenanceWindow) => ({
      frequency: 'Weekly',
      interval: 1,
      dayOfWeek: w.dayOfWeek,
      startTime: w.startTime ?? '00:00',
      duration: w.durationHours ?? AKS_LIMITS.maintenanceHours.min,
      utcOffset: w.utcOffset ?? '+00:00',
    });

    this.resource = new KubernetesCluster(this, 'resource', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      dnsPrefix: props.dnsPrefix ?? props.name,
      kubernetesVersion: props.kubernetesVersion,
      skuTier,
      identity: { type: 'UserAssigned', identityIds: [this.controlPlaneIdentity.id] },
      privateClusterEnabled: isPrivate,
      privateDnsZoneId,
      privateClusterPublicFqdnEnabled: isPrivate ? false : undefined,
      apiServerAccessProfile: isPrivate ? undefined : { authorizedIpRanges: [...props.authorizedIpRanges!] },
      roleBasedAccessControlEnabled: true,
      azureActiveDirectoryRoleBasedAccessControl: {
        azureRbacEnabled: true,
        tenantId: props.tenantId,
        adminGroupObjectIds: props.adminGroupObjectIds ? [...props.adminGroupObjectIds] : undefined,
      },
      localAccountDisabled: true,
      oidcIssuerEnabled: true,
      workloadIdentityEnabled: true,
      runCommandEnabled: false,
      networkProfile: {
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        networkDataPlane: networkPolicy,
        networkPolicy,
        podCidr,
        serviceCidr,
        dnsServiceIp,
        outboundType,
        loadBalancerSku: 'standard',
      },
      defaultNodePool: {
        name: AKS_DEFAULTS.systemPool.name,
        vmSize: props.systemPoolVmSize ?? AKS_DEFAULTS.systemPool.vmSize,
        vnetSubnetId: props.nodeSubnetId,
        zones: [...zones],
        autoScalingEnabled: true,
        minCount,
        maxCount,
        maxPods: AKS_DEFAULTS.systemPool.maxPods,
        osSku: AKS_DEFAULTS.systemPool.osSku,
        onlyCriticalAddonsEnabled: true,
        hostEncryptionEnabled: props.enableHostEncryption ?? false,
        nodePublicIpEnabled: false,
        temporaryNameForRotation: `${AKS_DEFAULTS.systemPool.name}tmp`,
        upgradeSettings: { maxSurge: '33%' },
        tags,
      },
      automaticUpgradeChannel: upgradeChannel,
      nodeOsUpgradeChannel: nodeOsChannel,
      maintenanceWindowAutoUpgrade: window(autoWindow),
      maintenanceWindowNodeOs: window(nodeOsWindow),
      azurePolicyEnabled: true,
      keyVaultSecretsProvider: { secretRotationEnabled: true, secretRotationInterval: AKS_DEFAULTS.secretRotationInterval },
      // The application routing add-on (managed NGINX ingress): the ingress path of the workloads
      // stacks. No DNS zones here; the workloads stack adds its internal ingress class.
      // @see https://learn.microsoft.com/azure/aks/app-routing
      webAppRouting: { dnsZoneIds: [] },
      omsAgent: { logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId, msiAuthForMonitoringEnabled: true },
      microsoftDefender: props.enableDefender ? { logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId } : undefined,
      diskEncryptionSetId: props.diskEncryptionSetId,
      imageCleanerEnabled: true,
      imageCleanerIntervalHours: AKS_DEFAULTS.imageCleanerIntervalHours,
      tags,
      dependsOn: grants,
    });

    this.clusterName = this.resource.name;
    this.resourceGroupName = this.resource.resourceGroupName;
    this.clusterId = this.resource.id;
    this.host = this.resource.kubeConfig.get(0).host;
    this.clusterCaCertificate = this.resource.kubeConfig.get(0).clusterCaCertificate;
    this.oidcIssuerUrl = this.resource.oidcIssuerUrl;
    this.kubeletIdentity = {
      objectId: this.resource.kubeletIdentity.objectId,
      clientId: this.resource.kubeletIdentity.clientId,
      userAssignedIdentityId: this.resource.kubeletIdentity.userAssignedIdentityId,
    };
    this.nodeResourceGroup = this.resource.nodeResourceGroup;
  }
}

function oneOf(scope: Construct, prop: string, value: string, allowed: readonly string[]): void {
  if (known(value) && !allowed.includes(value)) {
    throw new ValidationError(scope, prop, value, `is not allowed; use one of ${allowed.join(', ')}`);
  }
}

function checkWindow(scope: Construct, prop: string, w: AksMaintenanceWindow): void {
  oneOf(scope, `${prop}.dayOfWeek`, w.dayOfWeek, AKS_WEEK_DAYS);
  if (w.startTime !== undefined && !HH_MM.test(w.startTime)) {
    throw new ValidationError(scope, `${prop}.startTime`, w.startTime, 'is not a time; use HH:MM (24-hour), e.g. "02:00"');
  }
  if (w.utcOffset !== undefined && !UTC_OFFSET.test(w.utcOffset)) {
    throw new ValidationError(scope, `${prop}.utcOffset`, w.utcOffset, 'is not a UTC offset; use +HH:MM or -HH:MM, e.g. "+01:00"');
  }
  const h = w.durationHours;
  const lim = AKS_LIMITS.maintenanceHours;
  if (h !== undefined && known(h) && (!Number.isInteger(h) || h < lim.min || h > lim.max)) {
    throw new ValidationError(scope, `${prop}.durationHours`, h, `is not allowed; use ${lim.min} to ${lim.max} hours`);
  }
}
