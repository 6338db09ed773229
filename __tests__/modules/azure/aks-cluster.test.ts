import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { TerraformOutput, Testing } from 'cdktf';
import {
  AKS_DEFAULTS,
  AKS_NETWORK_POLICIES,
  AksCluster,
  aksAuthorizedRangeProblem,
  aksNetworkProblem,
  type AksClusterProps,
} from '../../../modules/azure/aks-cluster';

const SUBNET = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/aks';
const BASE: AksClusterProps = {
  name: 'aks-test',
  resourceGroupName: 'rg-test',
  location: 'westeurope',
  nodeSubnetId: SUBNET,
  logAnalyticsWorkspaceId: '/workspaces/log',
};

function synth(patch: Partial<AksClusterProps> = {}): string {
  return Testing.synthScope((scope) => {
    new AksCluster(scope, 'aks', { ...BASE, ...patch });
  });
}

function cluster(out: string): Record<string, any> {
  const parsed = JSON.parse(out) as { resource: Record<string, Record<string, Record<string, any>>> };
  return Object.values(parsed.resource.azurerm_kubernetes_cluster)[0];
}

describe('AksCluster', () => {
  const out = synth();
  const c = cluster(out);

  it('is private, with no public FQDN, on the system private DNS zone', () => {
    expect(c.private_cluster_enabled).toBe(true);
    expect(c.private_cluster_public_fqdn_enabled).toBe(false);
    expect(c.private_dns_zone_id).toBe('System');
    expect(c.api_server_access_profile).toBeUndefined();
  });

  it('uses Entra ID with Azure RBAC and no local accounts', () => {
    expect(c.local_account_disabled).toBe(true);
    expect(c.role_based_access_control_enabled).toBe(true);
    expect(c.azure_active_directory_role_based_access_control).toEqual({ azure_rbac_enabled: true });
  });

  it('turns on the OIDC issuer and workload identity', () => {
    expect(c.oidc_issuer_enabled).toBe(true);
    expect(c.workload_identity_enabled).toBe(true);
  });

  it('runs Azure CNI Overlay with the Cilium data plane and policy', () => {
    expect(c.network_profile).toEqual({
      network_plugin: 'azure',
      network_plugin_mode: 'overlay',
      network_data_plane: 'cilium',
      network_policy: 'cilium',
      pod_cidr: '192.168.0.0/16',
      service_cidr: '172.16.0.0/16',
      dns_service_ip: '172.16.0.10',
      outbound_type: 'loadBalancer',
      load_balancer_sku: 'standard',
    });
  });

  it('uses Azure NPM on the Azure data plane when asked', () => {
    expect(cluster(synth({ networkPolicy: 'azure' })).network_profile).toMatchObject({ network_data_plane: 'azure', network_policy: 'azure' });
    expect(AKS_NETWORK_POLICIES).toEqual(['cilium', 'azure']);
  });

  it('spreads an autoscaled, critical-addons-only system pool over three zones in the node subnet', () => {
    expect(c.default_node_pool).toMatchObject({
      name: 'system',
      vnet_subnet_id: SUBNET,
      zones: ['1', '2', '3'],
      only_critical_addons_enabled: true,
      auto_scaling_enabled: true,
      min_count: 3,
      max_count: 5,
      node_public_ip_enabled: false,
      os_sku: 'AzureLinux',
    });
  });

  it('upgrades automatically inside maintenance windows', () => {
    expect(c.automatic_upgrade_channel).toBe('patch');
    expect(c.node_os_upgrade_channel).toBe('NodeImage');
    expect(c.maintenance_window_auto_upgrade).toEqual({ frequency: 'Weekly', interval: 1, day_of_week: 'Sunday', start_time: '00:00', duration: 4, utc_offset: '+00:00' });
    expect(c.maintenance_window_node_os).toEqual({ frequency: 'Weekly', interval: 1, day_of_week: 'Saturday', start_time: '00:00', duration: 4, utc_offset: '+00:00' });
  });

  it('enables Azure Policy, the Key Vault CSI driver with rotation, Container Insights with Entra auth, image cleaner; run command off', () => {
    expect(c.azure_policy_enabled).toBe(true);
    expect(c.key_vault_secrets_provider).toEqual({ secret_rotation_enabled: true, secret_rotation_interval: '2m' });
    expect(c.oms_agent).toEqual({ log_analytics_workspace_id: '/workspaces/log', msi_auth_for_monitoring_enabled: true });
    expect(c.image_cleaner_enabled).toBe(true);
    expect(c.run_command_enabled).toBe(false);
    expect(c.microsoft_defender).toBeUndefined();
  });

  it('adds Defender and a disk encryption set when asked', () => {
    const d = cluster(synth({ enableDefender: true, diskEncryptionSetId: '/des/1' }));
    expect(d.microsoft_defender).toEqual({ log_analytics_workspace_id: '/workspaces/log' });
    expect(d.disk_encryption_set_id).toBe('/des/1');
  });

  it('gives its control-plane identity Network Contributor on the node subnet before the cluster', () => {
    expect(out).toHaveResourceWithProperties(RoleAssignment, { role_definition_name: 'Network Contributor', scope: SUBNET });
    expect(c.identity.type).toBe('UserAssigned');
    expect(c.depends_on).toHaveLength(1);
  });

  it('grants Private DNS Zone Contributor on a custom private DNS zone', () => {
    expect(synth({ privateDnsZoneId: '/zones/privatelink.westeurope.azmk8s.io' })).toHaveResourceWithProperties(RoleAssignment, {
      role_definition_name: 'Private DNS Zone Contributor',
      scope: '/zones/privatelink.westeurope.azmk8s.io',
    });
  });

  it('allows a public API server only behind authorized ranges', () => {
    const p = cluster(synth({ private: false, authorizedIpRanges: ['203.0.113.0/24'] }));
    expect(p.private_cluster_enabled).toBe(false);
    expect(p.api_server_access_profile).toEqual({ authorized_ip_ranges: ['203.0.113.0/24'] });
  });

  it('exposes host and CA from kube_config, and the OIDC issuer and kubelet identity', () => {
    const json = Testing.synthScope((scope) => {
      const aks = new AksCluster(scope, 'aks', BASE);
      new TerraformOutput(scope, 'host', { value: aks.host, sensitive: true });
      new TerraformOutput(scope, 'ca', { value: aks.clusterCaCertificate, sensitive: true });
      new TerraformOutput(scope, 'oidc', { value: aks.oidcIssuerUrl });
      new TerraformOutput(scope, 'kubelet', { value: aks.kubeletIdentity.objectId });
    });
    const outputs = (JSON.parse(json) as { output: Record<string, { value: string }> }).output;
    expect(outputs.host.value).toMatch(/^\$\{azurerm_kubernetes_cluster\.aks_resource_[0-9A-F]{8}\.kube_config\[0\]\.host\}$/);
    expect(outputs.ca.value).toMatch(/kube_config\[0\]\.cluster_ca_certificate\}$/);
    expect(outputs.oidc.value).toMatch(/\.oidc_issuer_url\}$/);
    expect(outputs.kubelet.value).toMatch(/\.kubelet_identity\[0\]\.object_id\}$/);
  });

  it('exports the defaults the config layer reuses', () => {
    expect(AKS_DEFAULTS.podCidr).toBe('192.168.0.0/16');
    expect(aksAuthorizedRangeProblem('0.0.0.0/0')).toMatch(/never 0.0.0.0\/0/);
    expect(aksNetworkProblem({ podCidr: '10.244.0.0/16', serviceCidr: '10.0.0.0/16', dnsServiceIp: '10.0.0.10' })).toBeUndefined();
  });

  describe('refuses bad input', () => {
    it.each([
      [{ private: false, authorizedIpRanges: ['0.0.0.0/0'] }, /prop authorizedIpRanges\[0\] "0.0.0.0\/0" opens the API server to \(nearly\) the whole internet; .* never 0.0.0.0\/0/],
      [{ private: false, authorizedIpRanges: ['203.0.113.0/24', '0.0.0.0/1'] }, /prop authorizedIpRanges\[1\] "0.0.0.0\/1" opens the API server/],
      [{ private: false }, /prop authorizedIpRanges \(missing\) is required for a public API server/],
      [{ authorizedIpRanges: ['203.0.113.0/24'] }, /prop authorizedIpRanges .* applies to a public API server only/],
      [{ podCidr: '8.8.0.0/16' }, /prop podCidr "8.8.0.0\/16" is not a private range; use a block inside 10.0.0.0\/8, 172.16.0.0\/12, 192.168.0.0\/16 or 100.64.0.0\/10/],
      [{ podCidr: '172.16.0.0/12' }, /prop podCidr "172.16.0.0\/12" overlaps serviceCidr "172.16.0.0\/16"; the pod and service ranges must be distinct/],
      [{ podCidr: '10.0.0.0/16', vnetAddressSpaces: ['10.0.0.0/8'] }, /prop podCidr "10.0.0.0\/16" overlaps the VNet address space "10.0.0.0\/8"/],
      [{ serviceCidr: 'banana' }, /prop serviceCidr "banana" is not an IPv4 CIDR block/],
      [{ dnsServiceIp: '10.0.0.10' }, /prop dnsServiceIp "10.0.0.10" is not a usable address inside serviceCidr "172.16.0.0\/16"/],
      [{ dnsServiceIp: '172.16.0.1' }, /prop dnsServiceIp "172.16.0.1" is not a usable address inside serviceCidr/],
      [{ networkPolicy: 'calico' as never }, /prop networkPolicy "calico" is not allowed; use one of cilium, azure/],
      [{ skuTier: 'Gold' as never }, /prop skuTier "Gold" is not allowed; use one of Free, Standard, Premium/],
      [{ automaticUpgradeChannel: 'node-image' as const, nodeOsUpgradeChannel: 'SecurityPatch' as const }, /prop nodeOsUpgradeChannel "SecurityPatch" must be NodeImage when automaticUpgradeChannel is node-image/],
      [{ autoUpgradeWindow: { dayOfWeek: 'Sunday' as const, durationHours: 2 } }, /prop autoUpgradeWindow.durationHours 2 is not allowed; use 4 to 24 hours/],
      [{ nodeOsUpgradeWindow: { dayOfWeek: 'Funday' as never } }, /prop nodeOsUpgradeWindow.dayOfWeek "Funday" is not allowed; use one of Monday/],
      [{ autoUpgradeWindow: { dayOfWeek: 'Sunday' as const, startTime: '25:00' } }, /prop autoUpgradeWindow.startTime "25:00" is not a time; use HH:MM/],
      [{ zones: ['1', '4'] }, /prop zones \["1","4"\] is not allowed; use distinct zones among "1", "2", "3"/],
      [{ systemPoolMinCount: 6, systemPoolMaxCount: 3 }, /prop systemPoolMinCount .* 1 <= systemPoolMinCount <= systemPoolMaxCount/],
      [{ name: '-aks' }, /prop name "-aks" is not a cluster name/],
    ])('%p', (patch, pattern) => {
      expect(() => synth(patch)).toThrow(pattern);
    });
  });
});

describe('AksCluster add-ons the workloads stacks rely on', () => {
  it('turns on the application routing add-on (the ingress path of the AKS workloads)', () => {
    expect(cluster(synth()).web_app_routing).toEqual({ dns_zone_ids: [] });
  });
});
