import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { KubernetesClusterNodePool } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Testing } from 'cdktf';
import type { AzureAksStack } from '../../../stacks/azure-aks/azure-aks-stack';
import { azureAksFamily } from '../../../stacks/azure-aks/family';
import type { AzureNetworkOutputs } from '../../../stacks/contracts';
import { familyStack, testEnvironment } from '../../helpers/environment';
import { validateStack } from '../../helpers/terraform';

const VNET = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test-network/providers/Microsoft.Network/virtualNetworks/vnet-test';
const SUBNET = (role: string) => `${VNET}/subnets/snet-test-${role}`;
const NETWORK: AzureNetworkOutputs = {
  resourceGroupName: 'rg-test-network',
  location: 'westeurope',
  vnetId: VNET,
  vnetName: 'vnet-test',
  subnetIds: Object.fromEntries(['app', 'data', 'aks', 'apps', 'functions', 'functions-premium'].map((r) => [r, SUBNET(r)])),
  nsgIds: {},
  postgresPrivateDnsZoneId: 'zone-id',
};
const RESERVED = { 'aks-pods': '10.40.0.0/16', 'aks-services': '10.41.0.0/16' };
const ADMINS = '11111111-2222-3333-4444-555555555555';

function stackFor(aks: Record<string, any> = {}, patch: Record<string, any> = {}, network: AzureNetworkOutputs = NETWORK): AzureAksStack {
  const env = testEnvironment({ addressPlan: { reserved: RESERVED }, ...patch, azure: { ...(patch.azure ?? {}), aks: { enabled: true, ...aks } } });
  return familyStack<AzureAksStack>(azureAksFamily, env, { 'azure-network': network });
}

const cluster = (stack: AzureAksStack): any => Object.values<any>(JSON.parse(Testing.synth(stack)).resource.azurerm_kubernetes_cluster)[0];

describe('AzureAksStack', () => {
  const stack = stackFor({ adminGroupObjectIds: [ADMINS] });
  const synthesized = Testing.synth(stack);
  const json = JSON.parse(synthesized);
  const aks = Object.values<any>(json.resource.azurerm_kubernetes_cluster)[0];

  it('puts the cluster in its own resource group with a Container Insights workspace, local auth off', () => {
    expect(synthesized).toHaveResourceWithProperties(ResourceGroup, { name: 'rg-test-aks', location: 'westeurope' });
    expect(synthesized).toHaveResourceWithProperties(LogAnalyticsWorkspace, { name: 'log-test-aks', local_authentication_enabled: false });
    expect(aks.oms_agent).toEqual({ log_analytics_workspace_id: expect.stringMatching(/^\$\{azurerm_log_analytics_workspace\./), msi_auth_for_monitoring_enabled: true });
  });

  it('keeps the API server private by default, with no public FQDN', () => {
    expect(aks).toMatchObject({ name: 'aks-test', private_cluster_enabled: true, private_dns_zone_id: 'System', private_cluster_public_fqdn_enabled: false });
    expect(aks).not.toHaveProperty('api_server_access_profile');
  });

  it('uses Entra ID with Azure RBAC, the admin groups of the file, and no local accounts', () => {
    expect(aks).toMatchObject({
      local_account_disabled: true,
      role_based_access_control_enabled: true,
      azure_active_directory_role_based_access_control: { azure_rbac_enabled: true, admin_group_object_ids: [ADMINS] },
    });
  });

  it('turns on the OIDC issuer and workload identity, Azure Policy, Key Vault CSI with rotation; run command off', () => {
    expect(aks).toMatchObject({
      oidc_issuer_enabled: true,
      workload_identity_enabled: true,
      azure_policy_enabled: true,
      key_vault_secrets_provider: { secret_rotation_enabled: true, secret_rotation_interval: '2m' },
      run_command_enabled: false,
    });
  });

  it('uses Azure CNI Overlay with Cilium, the node subnet aks and the overlay ranges reserved in the address plan', () => {
    expect(aks.network_profile).toMatchObject({
      network_plugin: 'azure',
      network_plugin_mode: 'overlay',
      network_data_plane: 'cilium',
      network_policy: 'cilium',
      pod_cidr: '10.40.0.0/16',
      service_cidr: '10.41.0.0/16',
      dns_service_ip: '10.41.0.10',
      // The network stack's NAT gateway is on the aks subnet.
      outbound_type: 'userAssignedNATGateway',
    });
    expect(aks.default_node_pool.vnet_subnet_id).toBe(SUBNET('aks'));
    expect(synthesized).toHaveResourceWithProperties(RoleAssignment, { scope: SUBNET('aks'), role_definition_name: 'Network Contributor' });
  });

  it('follows azurerm\'s argument rules for the network profile and API access', () => {
    // @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/kubernetes_cluster#network_data_plane
    // network_data_plane cilium needs network_policy cilium; overlay mode needs the azure plugin and a pod_cidr.
    expect(aks.network_profile.network_policy).toBe(aks.network_profile.network_data_plane);
    const azureNpm = cluster(stackFor({ networkPolicy: 'azure' })).network_profile;
    expect(azureNpm).toMatchObject({ network_data_plane: 'azure', network_policy: 'azure', network_plugin: 'azure', network_plugin_mode: 'overlay' });
    // workload_identity_enabled needs oidc_issuer_enabled; local_account_disabled needs managed Entra integration.
    expect(aks.oidc_issuer_enabled).toBe(true);
    expect(aks.azure_active_directory_role_based_access_control).toBeDefined();
    // authorized_ip_ranges and private clusters exclude each other; private_dns_zone_id is for private clusters only.
    const open = cluster(stackFor({ private: false, authorizedIpRanges: ['203.0.113.0/24'] }));
    expect(open).toMatchObject({ private_cluster_enabled: false, api_server_access_profile: { authorized_ip_ranges: ['203.0.113.0/24'] } });
    expect(open).not.toHaveProperty('private_dns_zone_id');
    // userAssignedNATGateway needs a bring-your-own subnet (vnet_subnet_id) with the NAT gateway.
    expect(aks.default_node_pool.vnet_subnet_id).toBeDefined();
    // node_os_upgrade_channel must be NodeImage with the node-image upgrade channel.
    expect(cluster(stackFor({ automaticUpgradeChannel: 'node-image' }))).toMatchObject({ automatic_upgrade_channel: 'node-image', node_os_upgrade_channel: 'NodeImage' });
  });

  it('falls back to a load balancer for egress when the network has no NAT gateway', () => {
    const noNat = cluster(stackFor({}, { azure: { network: { natGateway: { enabled: false } } } }));
    expect(noNat.network_profile.outbound_type).toBe('loadBalancer');
    expect(cluster(stackFor({ outboundType: 'userDefinedRouting' })).network_profile.outbound_type).toBe('userDefinedRouting');
  });

  it('takes overlay ranges set in the section over the reserved ones', () => {
    expect(cluster(stackFor({ podCidr: '10.50.0.0/16', serviceCidr: '10.51.0.0/16' })).network_profile).toMatchObject({
      pod_cidr: '10.50.0.0/16',
      service_cidr: '10.51.0.0/16',
      dns_service_ip: '10.51.0.10',
    });
  });

  it('spreads the system pool over three zones, critical add-ons only, no public node IPs', () => {
    expect(aks.default_node_pool).toMatchObject({
      name: 'system',
      zones: ['1', '2', '3'],
      only_critical_addons_enabled: true,
      auto_scaling_enabled: true,
      min_count: 3,
      max_count: 5,
      node_public_ip_enabled: false,
      vm_size: 'Standard_D4ds_v5',
    });
  });

  it('upgrades automatically inside weekly maintenance windows', () => {
    expect(aks).toMatchObject({
      automatic_upgrade_channel: 'patch',
      node_os_upgrade_channel: 'NodeImage',
      maintenance_window_auto_upgrade: { frequency: 'Weekly', interval: 1, day_of_week: 'Sunday', start_time: '00:00', duration: 4, utc_offset: '+00:00' },
      maintenance_window_node_os: { frequency: 'Weekly', day_of_week: 'Saturday', duration: 4 },
    });
    const custom = cluster(stackFor({ autoUpgradeWindow: { dayOfWeek: 'Tuesday', startTime: '02:30', durationHours: 6, utcOffset: '+01:00' } }));
    expect(custom.maintenance_window_auto_upgrade).toMatchObject({ day_of_week: 'Tuesday', start_time: '02:30', duration: 6, utc_offset: '+01:00' });
  });

  it('adds user node pools keyed by name, autoscaled, with labels and taints', () => {
    const pools = JSON.parse(
      Testing.synth(
        stackFor({
          nodePools: {
            work: { minCount: 0, maxCount: 4, labels: { pool: 'work' }, taints: ['pool=work:NoSchedule'], zones: ['1', '2'] },
            batch: { vmSize: 'Standard_E8ds_v5' },
          },
        }),
      ),
    ).resource.azurerm_kubernetes_cluster_node_pool;
    expect(Object.keys(pools)).toEqual([expect.stringMatching(/^pool-batch_resource_/), expect.stringMatching(/^pool-work_resource_/)]);
    const work = Object.values<any>(pools).find((p) => p.name === 'work');
    expect(work).toMatchObject({
      mode: 'User',
      vnet_subnet_id: SUBNET('aks'),
      auto_scaling_enabled: true,
      min_count: 0,
      max_count: 4,
      node_labels: { pool: 'work' },
      node_taints: ['pool=work:NoSchedule'],
      zones: ['1', '2'],
      node_public_ip_enabled: false,
    });
    expect(Object.values<any>(pools).find((p) => p.name === 'batch')).toMatchObject({ vm_size: 'Standard_E8ds_v5', zones: ['1', '2', '3'] });
    expect(json.resource.azurerm_kubernetes_cluster_node_pool).toBeUndefined();
    expect(Testing.synth(stackFor({ nodePools: { work: {} } }))).toHaveResourceWithProperties(KubernetesClusterNodePool, { name: 'work', vm_size: 'Standard_D4ds_v5' });
  });

  it('passes the remaining fields: name, resource group, version, tier, tenant, Defender, log retention, system pool', () => {
    const custom = JSON.parse(
      Testing.synth(
        stackFor({
          name: 'aks-main',
          resourceGroupName: 'rg-k8s',
          kubernetesVersion: 1.33,
          skuTier: 'Premium',
          tenantId: '99999999-8888-7777-6666-555555555555',
          enableDefender: true,
          logRetentionDays: 30,
          systemPoolVmSize: 'Standard_D8ds_v5',
          systemPoolMinCount: 4,
          systemPoolMaxCount: 6,
        }),
      ),
    );
    const c = Object.values<any>(custom.resource.azurerm_kubernetes_cluster)[0];
    expect(c).toMatchObject({
      name: 'aks-main',
      kubernetes_version: '1.33',
      sku_tier: 'Premium',
      azure_active_directory_role_based_access_control: { tenant_id: '99999999-8888-7777-6666-555555555555' },
      microsoft_defender: { log_analytics_workspace_id: expect.any(String) },
      default_node_pool: { vm_size: 'Standard_D8ds_v5', min_count: 4, max_count: 6 },
    });
    expect(Object.values<any>(custom.resource.azurerm_resource_group)[0].name).toBe('rg-k8s');
    expect(Object.values<any>(custom.resource.azurerm_log_analytics_workspace)[0].retention_in_days).toBe(30);
  });

  it('publishes what the workloads stack needs: cluster name, resource group, host, CA certificate, OIDC issuer, kubelet identity', () => {
    expect(Object.keys(stack.outputs).sort()).toEqual(
      ['clusterCaCertificate', 'clusterId', 'clusterName', 'host', 'kubeletIdentity', 'oidcIssuerUrl', 'resourceGroupName'].sort(),
    );
    expect(Object.keys(stack.outputs.kubeletIdentity).sort()).toEqual(['clientId', 'objectId', 'userAssignedIdentityId']);
    expect(Object.keys(json.output).sort()).toEqual(
      ['cluster_id', 'cluster_name', 'kubelet_identity_object_id', 'node_resource_group', 'oidc_issuer_url', 'resource_group_name'].sort(),
    );
    // host and the CA certificate come from kube_config (sensitive): published to stacks, not as plain outputs here.
    expect(JSON.stringify(json.output)).not.toMatch(/kube_config/);
  });

  it('refuses, at synth, a value only the construct checks, naming the construct prop', () => {
    expect(() => stackFor({ autoUpgradeWindow: { startTime: '25:00' } })).toThrow(
      'test-azure-aks/cluster: prop autoUpgradeWindow.startTime "25:00" is not a time; use HH:MM (24-hour), e.g. "02:00"',
    );
  });

  it('refuses a network without the aks subnet', () => {
    const { aks: _, ...subnetIds } = NETWORK.subnetIds;
    expect(() => stackFor({}, {}, { ...NETWORK, subnetIds })).toThrow(
      'test-azure-aks: prop network.subnetIds ["app","data","apps","functions","functions-premium"] has no "aks" subnet; the cluster needs the node subnet of the Azure network stack',
    );
  });

  it('is not checkable offline: the mirror has no azurerm provider', () => {
    expect(validateStack(stack).status).toBe('not checkable');
    expect(synthesized).toHaveResource(KubernetesCluster);
  });
});
