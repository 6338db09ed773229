import { ApplicationInsights } from '@cdktf/provider-azurerm/lib/application-insights';
import { FunctionAppFlexConsumption } from '@cdktf/provider-azurerm/lib/function-app-flex-consumption';
import { LinuxFunctionApp } from '@cdktf/provider-azurerm/lib/linux-function-app';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { ServicePlan } from '@cdktf/provider-azurerm/lib/service-plan';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { Testing } from 'cdktf';
import type { AzureFunctionsStack } from '../../../stacks/azure-functions/azure-functions-stack';
import { defaultFunctionAppNames } from '../../../stacks/azure-functions/azure-functions-stack';
import { azureFunctionsFamily } from '../../../stacks/azure-functions/family';
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
const SECRET_ID = 'https://kv-test-1466f4.vault.azure.net/secrets/db-password';
const SECRET_RESOURCE_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test-data/providers/Microsoft.KeyVault/vaults/kv-test-1466f4/secrets/db-password';

function stackFor(app: Record<string, any> = {}, section: Record<string, any> = {}, network: AzureNetworkOutputs = NETWORK): AzureFunctionsStack {
  const env = testEnvironment({
    azure: { functions: { enabled: true, ...section, apps: { hello: { codeFolder: 'apps/azure-function', ...app } } } },
  });
  return familyStack<AzureFunctionsStack>(azureFunctionsFamily, env, { 'azure-network': network });
}

const resources = (json: any, type: string): any[] => Object.values(json.resource[type] ?? {});

describe('AzureFunctionsStack', () => {
  const stack = stackFor();
  const synthesized = Testing.synth(stack);
  const json = JSON.parse(synthesized);

  it('configures azurerm with Entra auth to storage data planes (the Flex storage has shared keys off)', () => {
    // @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs#storage_use_azuread
    expect(synthesized).toHaveProviderWithProperties(AzurermProvider, {
      subscription_id: '00000000-0000-0000-0000-000000000000',
      features: [{}],
      storage_use_azuread: true,
    });
  });

  it('puts the apps in their own resource group with one Log Analytics workspace, local auth off', () => {
    expect(synthesized).toHaveResourceWithProperties(ResourceGroup, { name: 'rg-test-functions', location: 'westeurope' });
    expect(synthesized).toHaveResourceWithProperties(LogAnalyticsWorkspace, {
      name: 'log-test-functions',
      retention_in_days: 90,
      local_authentication_enabled: false,
    });
    expect(synthesized).toHaveResourceWithProperties(ApplicationInsights, {
      name: 'appi-func-test-hello-44fdb2',
      local_authentication_disabled: true,
      workspace_id: expect.stringMatching(/^\$\{azurerm_log_analytics_workspace\..+\.id\}$/),
    });
  });

  it('runs a Flex Consumption Python 3.12 app integrated into the functions subnet, private and HTTPS only', () => {
    expect(synthesized).toHaveResourceWithProperties(ServicePlan, { sku_name: 'FC1', os_type: 'Linux' });
    expect(synthesized).toHaveResourceWithProperties(FunctionAppFlexConsumption, {
      name: 'func-test-hello-44fdb2',
      runtime_name: 'python',
      runtime_version: '3.12',
      instance_memory_in_mb: 2048,
      maximum_instance_count: 100,
      virtual_network_subnet_id: SUBNET('functions'),
      public_network_access_enabled: false,
      https_only: true,
      webdeploy_publish_basic_authentication_enabled: false,
      site_config: expect.objectContaining({ minimum_tls_version: '1.2', scm_minimum_tls_version: '1.2', remote_debugging_enabled: false }),
    });
    expect(json.resource.azurerm_linux_function_app).toBeUndefined();
  });

  it('gives the app an identity-only storage account: HTTPS, TLS 1.2, no public blobs, no shared key, firewall deny', () => {
    expect(synthesized).toHaveResourceWithProperties(StorageAccount, {
      name: 'sttest44fdb2f9',
      https_traffic_only_enabled: true,
      min_tls_version: 'TLS1_2',
      allow_nested_items_to_be_public: false,
      shared_access_key_enabled: false,
      network_rules: expect.objectContaining({ default_action: 'Deny', virtual_network_subnet_ids: [SUBNET('functions')], ip_rules: [] }),
    });
  });

  it('names the app and its storage from the subscription, environment and key: stable, valid and distinct per subscription', () => {
    expect(defaultFunctionAppNames(testContext(), 'hello')).toEqual({ name: 'func-test-hello-44fdb2', storageAccountName: 'sttest44fdb2f9' });
    const other = defaultFunctionAppNames(testContext({ azure: { subscriptionId: '11111111-1111-1111-1111-111111111111' } }), 'hello');
    expect(other.storageAccountName).toBe('sttest576824ad');
    // The longest environment name (12) still gives a storage account name of at most 24 characters.
    expect(defaultFunctionAppNames(testContext({}, 'abcdefghijkl'), 'hello').storageAccountName).toMatch(/^stabcdefghijkl[0-9a-f]{8}$/);
    const named = Testing.synth(stackFor({ name: 'func-orders', storageAccountName: 'storders01' }));
    expect(named).toHaveResourceWithProperties(FunctionAppFlexConsumption, { name: 'func-orders' });
    expect(named).toHaveResourceWithProperties(StorageAccount, { name: 'storders01' });
  });

  it('reaches a private app through a private endpoint in the app subnet, registered in a zone linked to the VNet', () => {
    expect(synthesized).toHaveResourceWithProperties(PrivateEndpoint, {
      subnet_id: SUBNET('app'),
      private_service_connection: expect.objectContaining({ subresource_names: ['sites'], is_manual_connection: false }),
      private_dns_zone_group: expect.objectContaining({ private_dns_zone_ids: [expect.stringMatching(/^\$\{azurerm_private_dns_zone\./)] }),
    });
    expect(synthesized).toHaveResourceWithProperties(PrivateDnsZone, { name: 'privatelink.azurewebsites.net' });
    expect(synthesized).toHaveResourceWithProperties(PrivateDnsZoneVirtualNetworkLink, { virtual_network_id: VNET, registration_enabled: false });
  });

  it('opens an app to the internet only when public: true, then with no private endpoint or zone', () => {
    const open = JSON.parse(Testing.synth(stackFor({ public: true })));
    expect(resources(open, 'azurerm_function_app_flex_consumption')[0].public_network_access_enabled).toBe(true);
    expect(open.resource.azurerm_private_endpoint).toBeUndefined();
    expect(open.resource.azurerm_private_dns_zone).toBeUndefined();
  });

  it('runs an Elastic Premium app in the functions-premium subnet, FTPS disabled, settings from Key Vault', () => {
    const premium = Testing.synth(
      stackFor({
        plan: 'premium',
        premiumSku: 'EP2',
        pythonVersion: '3.13',
        maximumInstances: 30,
        keyVaultSecrets: { DB_PASSWORD: { secretId: SECRET_ID, resourceId: SECRET_RESOURCE_ID } },
      }),
    );
    expect(premium).toHaveResourceWithProperties(ServicePlan, { sku_name: 'EP2', maximum_elastic_worker_count: 30 });
    expect(premium).toHaveResourceWithProperties(LinuxFunctionApp, {
      virtual_network_subnet_id: SUBNET('functions-premium'),
      public_network_access_enabled: false,
      https_only: true,
      ftp_publish_basic_authentication_enabled: false,
      app_settings: expect.objectContaining({ DB_PASSWORD: `@Microsoft.KeyVault(SecretUri=${SECRET_ID})` }),
      site_config: expect.objectContaining({ ftps_state: 'Disabled', application_stack: { python_version: '3.13' } }),
    });
    expect(premium).toHaveResourceWithProperties(StorageAccount, {
      network_rules: expect.objectContaining({ virtual_network_subnet_ids: [SUBNET('functions-premium')] }),
    });
  });

  it('follows azurerm\'s argument rules: a user-assigned storage identity names its id; a Key Vault reference identity is one of the app identities', () => {
    // @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/function_app_flex_consumption#storage_user_assigned_identity_id
    const flex = resources(json, 'azurerm_function_app_flex_consumption')[0];
    expect(flex.storage_authentication_type).toBe('UserAssignedIdentity');
    expect(flex.storage_user_assigned_identity_id).toMatch(/^\$\{azurerm_user_assigned_identity\..+\.id\}$/);
    expect(flex.identity.identity_ids).toEqual([flex.storage_user_assigned_identity_id]);
    expect(flex).not.toHaveProperty('storage_access_key');
    // @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/linux_function_app#key_vault_reference_identity_id
    const premium = resources(JSON.parse(Testing.synth(stackFor({ plan: 'premium' }))), 'azurerm_linux_function_app')[0];
    expect(premium.identity.identity_ids).toContain(premium.key_vault_reference_identity_id);
    // storage_account_access_key and storage_uses_managed_identity conflict: only the key (a reference) is set.
    expect(premium.storage_account_access_key).toMatch(/^\$\{azurerm_storage_account\..+\.primary_access_key\}$/);
    expect(premium).not.toHaveProperty('storage_uses_managed_identity');
  });

  it('passes the section\'s resource group and log retention, and keys resources by app name (removing one renames no other)', () => {
    const two = JSON.parse(
      Testing.synth(
        familyStack(
          azureFunctionsFamily,
          testEnvironment({
            azure: {
              functions: {
                enabled: true,
                resourceGroupName: 'rg-apps',
                logRetentionDays: 30,
                apps: { alpha: { codeFolder: 'apps/azure-function' }, zulu: { codeFolder: 'apps/azure-function' } },
              },
            },
          }),
          { 'azure-network': NETWORK },
        ),
      ),
    );
    expect(resources(two, 'azurerm_resource_group')[0].name).toBe('rg-apps');
    expect(resources(two, 'azurerm_log_analytics_workspace')[0].retention_in_days).toBe(30);
    const ids = Object.keys(two.resource.azurerm_function_app_flex_consumption);
    expect(ids).toEqual([expect.stringMatching(/^app-alpha_app_/), expect.stringMatching(/^app-zulu_app_/)]);
  });

  it('publishes the app ids, host names and principal ids by app key', () => {
    expect(Object.keys(stack.outputs.appIds)).toEqual(['hello']);
    expect(Object.keys(json.output).sort()).toEqual(
      ['app_ids', 'default_hostnames', 'log_analytics_workspace_id', 'package_sha256', 'principal_ids', 'resource_group_name'].sort(),
    );
  });

  it('refuses a network without the functions subnet', () => {
    const { functions: _, ...subnetIds } = NETWORK.subnetIds;
    expect(() => stackFor({}, {}, { ...NETWORK, subnetIds })).toThrow(
      'test-azure-functions: prop network.subnetIds ["app","data","aks","apps","functions-premium"] has no "functions" subnet; the function apps need the functions subnet of the Azure network stack',
    );
  });

  it('is not checkable offline: the mirror has no azurerm provider', () => {
    expect(validateStack(stack).status).toBe('not checkable');
  });
});
