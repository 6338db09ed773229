import { ContainerAppEnvironment } from '@cdktf/provider-azurerm/lib/container-app-environment';
import { ContainerRegistry } from '@cdktf/provider-azurerm/lib/container-registry';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { PrivateDnsARecord } from '@cdktf/provider-azurerm/lib/private-dns-a-record';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Testing } from 'cdktf';
import { type AzureContainersStack, defaultContainerRegistryName } from '../../../stacks/azure-containers/azure-containers-stack';
import { azureContainersFamily } from '../../../stacks/azure-containers/family';
import type { AzureNetworkOutputs } from '../../../stacks/contracts';
import { familyStack, testContext, testEnvironment } from '../../helpers/environment';
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
const SECRET_ID = 'https://kv-test-1466f4.vault.azure.net/secrets/api-token';
const SECRET_RESOURCE_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test-data/providers/Microsoft.KeyVault/vaults/kv-test-1466f4/secrets/api-token';

function stackFor(app: Record<string, any> = {}, section: Record<string, any> = {}, network: AzureNetworkOutputs = NETWORK): AzureContainersStack {
  const env = testEnvironment({ azure: { containers: { enabled: true, ...section, apps: { api: { image: 'api:1.0.0', targetPort: 8080, ...app } } } } });
  return familyStack<AzureContainersStack>(azureContainersFamily, env, { 'azure-network': network });
}

const resources = (json: any, type: string): any[] => Object.values(json.resource[type] ?? {});

describe('AzureContainersStack', () => {
  const stack = stackFor();
  const synthesized = Testing.synth(stack);
  const json = JSON.parse(synthesized);

  it('configures azurerm for the subscription, without the storage data-plane option only the functions stack needs', () => {
    expect(synthesized).toHaveProviderWithProperties(AzurermProvider, { subscription_id: '00000000-0000-0000-0000-000000000000', features: [{}] });
    expect(Object.values<any>(json.provider.azurerm)[0]).not.toHaveProperty('storage_use_azuread');
  });

  it('puts everything in its own resource group, logs in a workspace with local auth off', () => {
    expect(synthesized).toHaveResourceWithProperties(ResourceGroup, { name: 'rg-test-containers', location: 'westeurope' });
    expect(synthesized).toHaveResourceWithProperties(LogAnalyticsWorkspace, { name: 'log-test-containers', retention_in_days: 90, local_authentication_enabled: false });
  });

  it('creates a Premium registry: no admin user, no anonymous pull, no public access, zone redundant, private endpoint in app', () => {
    expect(defaultContainerRegistryName(testContext())).toBe('crtest1466f41b');
    expect(synthesized).toHaveResourceWithProperties(ContainerRegistry, {
      name: 'crtest1466f41b',
      sku: 'Premium',
      admin_enabled: false,
      anonymous_pull_enabled: false,
      public_network_access_enabled: false,
      zone_redundancy_enabled: true,
      export_policy_enabled: false,
      retention_policy_in_days: 7,
    });
    expect(synthesized).toHaveResourceWithProperties(PrivateEndpoint, {
      subnet_id: SUBNET('app'),
      private_service_connection: expect.objectContaining({ subresource_names: ['registry'] }),
      private_dns_zone_group: expect.objectContaining({ private_dns_zone_ids: [expect.stringMatching(/^\$\{azurerm_private_dns_zone\./)] }),
    });
    expect(synthesized).toHaveResourceWithProperties(PrivateDnsZone, { name: 'privatelink.azurecr.io' });
  });

  it('follows azurerm\'s argument rules for the registry: Premium-only arguments only on Premium', () => {
    // @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/container_registry#zone_redundancy_enabled
    const basic = JSON.parse(Testing.synth(stackFor({}, { registry: { sku: 'Basic' } })));
    const registry = resources(basic, 'azurerm_container_registry')[0];
    expect(registry).toMatchObject({ sku: 'Basic', admin_enabled: false, public_network_access_enabled: true });
    for (const premiumOnly of ['zone_redundancy_enabled', 'retention_policy_in_days', 'export_policy_enabled', 'network_rule_bypass_option']) {
      expect(registry).not.toHaveProperty(premiumOnly);
    }
    expect(basic.resource.azurerm_private_endpoint).toBeUndefined();
  });

  it('runs an internal, zone-redundant environment with workload profiles in the delegated apps subnet', () => {
    expect(synthesized).toHaveResourceWithProperties(ContainerAppEnvironment, {
      name: 'cae-test',
      infrastructure_subnet_id: SUBNET('apps'),
      internal_load_balancer_enabled: true,
      zone_redundancy_enabled: true,
      logs_destination: 'log-analytics',
      workload_profile: [{ name: 'Consumption', workload_profile_type: 'Consumption' }],
    });
    const custom = Testing.synth(stackFor({}, { environment: { zoneRedundant: false, workloadProfiles: { general: { type: 'D4' } } } }));
    expect(custom).toHaveResourceWithProperties(ContainerAppEnvironment, {
      zone_redundancy_enabled: false,
      workload_profile: [
        { name: 'Consumption', workload_profile_type: 'Consumption' },
        { name: 'general', workload_profile_type: 'D4', minimum_count: 1, maximum_count: 3 },
      ],
    });
  });

  it('resolves the internal environment\'s apps inside the VNet: a zone named after its domain, * to its static IP', () => {
    const zone = resources(json, 'azurerm_private_dns_zone').find((z) => z.name !== 'privatelink.azurecr.io');
    expect(zone.name).toMatch(/^\$\{azurerm_container_app_environment\..+\.default_domain\}$/);
    expect(synthesized).toHaveResourceWithProperties(PrivateDnsARecord, {
      name: '*',
      records: [expect.stringMatching(/^\$\{azurerm_container_app_environment\..+\.static_ip_address\}$/)],
    });
    const external = JSON.parse(Testing.synth(stackFor({}, { environment: { internal: false } })));
    expect(resources(external, 'azurerm_container_app_environment')[0].internal_load_balancer_enabled).toBe(false);
    expect(external.resource.azurerm_private_dns_a_record).toBeUndefined();
  });

  it('runs the app from the registry with its own identity, AcrPull granted first, private ingress, HTTPS only', () => {
    const app = resources(json, 'azurerm_container_app')[0];
    expect(app).toMatchObject({
      name: 'api',
      revision_mode: 'Single',
      workload_profile_name: 'Consumption',
      identity: { type: 'UserAssigned' },
      ingress: { target_port: 8080, external_enabled: false, allow_insecure_connections: false, transport: 'auto' },
      template: { min_replicas: 1, max_replicas: 10, http_scale_rule: [{ name: 'http-concurrency', concurrent_requests: '50' }] },
    });
    expect(app.template.container[0]).toMatchObject({ image: '${azurerm_container_registry.registry_resource_F0E50CA5.login_server}/api:1.0.0', cpu: 0.5, memory: '1Gi' });
    // @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/container_app#identity-1 : the registry identity must be one of the app's identities.
    expect(app.identity.identity_ids).toEqual([app.registry[0].identity]);
    expect(synthesized).toHaveResourceWithProperties(RoleAssignment, { role_definition_name: 'AcrPull' });
    expect(app.depends_on).toEqual([expect.stringMatching(/^azurerm_role_assignment\..*acr-pull/)]);
  });

  it('probes the app (TCP by default, HTTP with healthCheckPath) and keeps a full image reference as given', () => {
    const app = resources(json, 'azurerm_container_app')[0];
    expect(app.template.container[0].liveness_probe).toEqual([expect.objectContaining({ transport: 'TCP', port: 8080 })]);
    expect(app.template.container[0].readiness_probe).toEqual([expect.objectContaining({ transport: 'TCP', port: 8080 })]);
    const http = resources(JSON.parse(Testing.synth(stackFor({ healthCheckPath: '/healthz', image: 'mcr.microsoft.com/k8se/quickstart:1.0' }))), 'azurerm_container_app')[0];
    expect(http.template.container[0]).toMatchObject({
      image: 'mcr.microsoft.com/k8se/quickstart:1.0',
      liveness_probe: [expect.objectContaining({ transport: 'HTTP', path: '/healthz' })],
    });
  });

  it('passes every app field: public ingress, traffic split, replicas, env and Key Vault secrets by reference', () => {
    const app = resources(
      JSON.parse(
        Testing.synth(
          stackFor({
            cpu: 1,
            memory: '2Gi',
            minReplicas: 0,
            maxReplicas: 4,
            httpConcurrentRequests: 20,
            public: true,
            transport: 'http2',
            revisionMode: 'Multiple',
            trafficWeights: [
              { latestRevision: true, percentage: 90 },
              { revisionSuffix: 'v1', percentage: 10 },
            ],
            env: { LOG_LEVEL: 'debug' },
            keyVaultSecrets: { API_TOKEN: { secretId: SECRET_ID, resourceId: SECRET_RESOURCE_ID } },
          }),
        ),
      ),
      'azurerm_container_app',
    )[0];
    expect(app).toMatchObject({
      revision_mode: 'Multiple',
      ingress: {
        external_enabled: true,
        transport: 'http2',
        traffic_weight: [
          { latest_revision: true, percentage: 90 },
          { revision_suffix: 'v1', percentage: 10 },
        ],
      },
      template: { min_replicas: 0, max_replicas: 4, http_scale_rule: [{ concurrent_requests: '20' }] },
      secret: [expect.objectContaining({ name: 'api-token', key_vault_secret_id: SECRET_ID })],
    });
    expect(app.template.container[0]).toMatchObject({ cpu: 1, memory: '2Gi' });
    expect(app.template.container[0].env).toEqual([
      { name: 'LOG_LEVEL', value: 'debug' },
      { name: 'API_TOKEN', secret_name: 'api-token' },
    ]);
    // A Key Vault-backed secret has a key_vault_secret_id and an identity, never a value.
    expect(app.secret[0]).not.toHaveProperty('value');
  });

  it('follows azurerm\'s argument rules for the environment and the app', () => {
    // @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/container_app_environment#internal_load_balancer_enabled
    // internal_load_balancer_enabled needs infrastructure_subnet_id; the Consumption profile must be named Consumption.
    const environment = resources(json, 'azurerm_container_app_environment')[0];
    expect(environment.infrastructure_subnet_id).toBe(SUBNET('apps'));
    expect(environment.workload_profile).toContainEqual({ name: 'Consumption', workload_profile_type: 'Consumption' });
    // logs_destination log-analytics requires log_analytics_workspace_id.
    expect(environment.log_analytics_workspace_id).toMatch(/^\$\{azurerm_log_analytics_workspace\./);
    // @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/container_app#workload_profile_name
    // An app on a dedicated profile names one of the environment's profiles.
    const dedicated = JSON.parse(Testing.synth(stackFor({ workloadProfile: 'general', cpu: 2, memory: '8Gi' }, { environment: { workloadProfiles: { general: { type: 'E4' } } } })));
    expect(resources(dedicated, 'azurerm_container_app')[0].workload_profile_name).toBe('general');
    expect(resources(dedicated, 'azurerm_container_app_environment')[0].workload_profile.map((p: any) => p.name)).toEqual(['Consumption', 'general']);
  });

  it('prefixes a repository of the registry (with or without a namespace) with its login server', () => {
    const app = resources(JSON.parse(Testing.synth(stackFor({ image: 'team/api:2.0.0' }))), 'azurerm_container_app')[0];
    expect(app.template.container[0].image).toMatch(/^\$\{azurerm_container_registry\..+\.login_server\}\/team\/api:2\.0\.0$/);
  });

  it('publishes the registry, environment and apps', () => {
    expect(Object.keys(stack.outputs.appIds)).toEqual(['api']);
    expect(Object.keys(json.output).sort()).toEqual(
      ['app_fqdns', 'environment_default_domain', 'environment_id', 'environment_static_ip', 'principal_ids', 'registry_id', 'registry_login_server', 'resource_group_name'].sort(),
    );
  });

  it('refuses a network without the apps subnet', () => {
    const { apps: _, ...subnetIds } = NETWORK.subnetIds;
    expect(() => stackFor({}, {}, { ...NETWORK, subnetIds })).toThrow(
      'test-azure-containers: prop network.subnetIds ["app","data","aks","functions","functions-premium"] has no "apps" subnet; the Container Apps stack needs the apps subnet of the Azure network stack',
    );
  });

  it('is not checkable offline: the mirror has no azurerm provider', () => {
    expect(validateStack(stack).status).toBe('not checkable');
  });
});
