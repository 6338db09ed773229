import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { TerraformOutput, Token } from 'cdktf';
import type { Construct } from 'constructs';
import { AksCluster, type AksClusterProps } from '../../modules/azure/aks-cluster';
import { AksNodePool } from '../../modules/azure/aks-node-pool';
import { LogAnalyticsWorkspace } from '../../modules/azure/log-analytics-workspace';
import { ValidationError } from '../../modules/core/validation-error';
import type { AzureAksOutputs, AzureNetworkOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { azurermProvider } from '../private/azurerm-provider';
import { azureTags } from '../private/providers';
import type { AzureAksConfig } from './config';

/** Props of {@link AzureAksStack}. */
export interface AzureAksStackProps extends EnvironmentStackProps {
  /** The `azure.aks` section. */
  readonly config: AzureAksConfig;
  /** Outputs of `<env>-azure-network`: the `aks` node subnet. */
  readonly network: AzureNetworkOutputs;
  /** The overlay ranges, resolved from the section or the address plan's reserved `aks-pods` / `aks-services`. */
  readonly overlay: { readonly podCidr: string; readonly serviceCidr: string; readonly dnsServiceIp: string };
  /** Every other range of the address plan (VNets of all clouds, reserved ranges): the overlay must not overlap them. */
  readonly addressPlan: readonly string[];
  /** Egress path of the nodes when the section does not set one. */
  readonly defaultOutboundType: NonNullable<AksClusterProps['outboundType']>;
}

/**
 * `<env>-azure-aks`: the environment's AKS cluster (private, Entra ID + Azure RBAC, Azure CNI
 * Overlay, Cilium) in the network's `aks` subnet, its user node pools and the Log Analytics
 * workspace of Container Insights. Publishes what a workloads stack needs to reach the cluster.
 */
export class AzureAksStack extends EnvironmentStack {
  public readonly outputs: AzureAksOutputs;
  public readonly cluster: AksCluster;
  /** User node pools, keyed by name. */
  public readonly nodePools: Readonly<Record<string, AksNodePool>>;

  constructor(scope: Construct, name: string, props: AzureAksStackProps) {
    super(scope, name, props);
    const { environment: env, config, network, overlay } = props;
    const nodeSubnetId = network.subnetIds.aks;
    if (nodeSubnetId === undefined && !Token.isUnresolved(network.subnetIds)) {
      throw new ValidationError(this, 'network.subnetIds', Object.keys(network.subnetIds), 'has no "aks" subnet; the cluster needs the node subnet of the Azure network stack');
    }

    azurermProvider(this, env);
    const tags = azureTags(env);
    const location = network.location;
    const rg = new ResourceGroup(this, 'resource-group', { name: config.resourceGroupName ?? `rg-${env.name}-aks`, location, tags });
    const workspace = new LogAnalyticsWorkspace(this, 'logs', {
      name: `log-${env.name}-aks`,
      resourceGroupName: rg.name,
      location,
      retentionDays: config.logRetentionDays,
      tags,
    });

    this.cluster = new AksCluster(this, 'cluster', {
      name: config.name ?? `aks-${env.name}`,
      resourceGroupName: rg.name,
      location,
      nodeSubnetId: nodeSubnetId!,
      logAnalyticsWorkspaceId: workspace.workspaceId,
      tenantId: config.tenantId,
      adminGroupObjectIds: config.adminGroupObjectIds.length > 0 ? config.adminGroupObjectIds : undefined,
      kubernetesVersion: config.kubernetesVersion,
      skuTier: config.skuTier,
      private: config.private,
      authorizedIpRanges: config.private ? undefined : config.authorizedIpRanges,
      podCidr: overlay.podCidr,
      serviceCidr: overlay.serviceCidr,
      dnsServiceIp: overlay.dnsServiceIp,
      vnetAddressSpaces: props.addressPlan,
      networkPolicy: config.networkPolicy,
      outboundType: config.outboundType ?? props.defaultOutboundType,
      automaticUpgradeChannel: config.automaticUpgradeChannel,
      nodeOsUpgradeChannel: config.nodeOsUpgradeChannel,
      autoUpgradeWindow: config.autoUpgradeWindow,
      nodeOsUpgradeWindow: config.nodeOsUpgradeWindow,
      systemPoolVmSize: config.systemPoolVmSize,
      systemPoolMinCount: config.systemPoolMinCount,
      systemPoolMaxCount: config.systemPoolMaxCount,
      zones: config.zones,
      enableDefender: config.enableDefender,
      tags,
    });

    const pools: Record<string, AksNodePool> = {};
    for (const poolName of Object.keys(config.nodePools).sort()) {
      const pool = config.nodePools[poolName]!;
      pools[poolName] = new AksNodePool(this, `pool-${poolName}`, {
        clusterId: this.cluster.clusterId,
        name: poolName,
        vnetSubnetId: nodeSubnetId!,
        vmSize: pool.vmSize,
        minCount: pool.minCount,
        maxCount: pool.maxCount,
        zones: pool.zones ?? config.zones,
        labels: pool.labels,
        taints: pool.taints,
        maxPods: pool.maxPods,
        orchestratorVersion: pool.orchestratorVersion,
        tags,
      });
    }
    this.nodePools = pools;

    this.outputs = {
      clusterName: this.cluster.clusterName,
      resourceGroupName: this.cluster.resourceGroupName,
      clusterId: this.cluster.clusterId,
      host: this.cluster.host,
      clusterCaCertificate: this.cluster.clusterCaCertificate,
      oidcIssuerUrl: this.cluster.oidcIssuerUrl,
      kubeletIdentity: this.cluster.kubeletIdentity,
    };
    new TerraformOutput(this, 'cluster_name', { value: this.outputs.clusterName });
    new TerraformOutput(this, 'resource_group_name', { value: this.outputs.resourceGroupName });
    new TerraformOutput(this, 'cluster_id', { value: this.outputs.clusterId });
    new TerraformOutput(this, 'oidc_issuer_url', { value: this.outputs.oidcIssuerUrl, description: 'For workload identity federated credentials' });
    new TerraformOutput(this, 'kubelet_identity_object_id', {
      value: this.outputs.kubeletIdentity.objectId,
      description: 'Grant AcrPull on a registry to this principal',
    });
    new TerraformOutput(this, 'node_resource_group', { value: this.cluster.nodeResourceGroup });
  }
}
