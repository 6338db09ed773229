import { CosmosdbSqlRoleAssignment } from '@cdktf/provider-azurerm/lib/cosmosdb-sql-role-assignment';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { Testing } from 'cdktf';
import { type AzureDataStack, defaultAzureDataNames } from '../../../stacks/azure-data/azure-data-stack';
import { azureDataFamily } from '../../../stacks/azure-data/family';
import { familyDependencies } from '../../../stacks/family';
import { environmentContext } from '../../../stacks';
import { APPS, azureEnvironment, buildFamily, CONTAINERS, FUNCTIONS, NETWORK, SUBNET } from './azure-sections';

const DATA = {
  enabled: true,
  storage: { containers: ['uploads'], readers: ['functions.hello'], contributors: ['containers.hello'] },
  cosmos: {
    databases: { app: { containers: { items: { partitionKeyPaths: ['/tenantId'], maxThroughput: 1000 } } } },
    readers: ['containers.hello'],
    contributors: ['functions.hello'],
  },
};

function stackFor(data: Record<string, any> = DATA, upstream: Record<string, unknown> = { 'azure-network': NETWORK, 'azure-functions': FUNCTIONS, 'azure-containers': CONTAINERS }): AzureDataStack {
  return buildFamily<AzureDataStack>(azureDataFamily, azureEnvironment({ azure: { ...APPS, data } }), upstream);
}

describe('AzureDataStack', () => {
  const stack = stackFor();
  const out = Testing.synth(stack);
  const json = JSON.parse(out);

  it('configures azurerm with Entra auth for storage data (the account has shared keys off)', () => {
    expect(out).toHaveProviderWithProperties(AzurermProvider, { subscription_id: '00000000-0000-0000-0000-000000000000', storage_use_azuread: true });
  });

  it('puts the accounts in their own resource group', () => {
    expect(out).toHaveResourceWithProperties(ResourceGroup, { name: 'rg-test-data', location: 'westeurope' });
  });

  it('names the accounts after the environment with a stable hash', () => {
    expect(defaultAzureDataNames(environmentContext(azureEnvironment()))).toEqual({ storageAccountName: 'sttest69a33379', cosmosAccountName: 'cosmos-test-69a333' });
    expect(out).toHaveResourceWithProperties(StorageAccount, { name: 'sttest69a33379', account_replication_type: 'ZRS', public_network_access_enabled: false, shared_access_key_enabled: false });
  });

  it('places both private endpoints in the app subnet, each registered in its zone linked to the VNet', () => {
    const endpoints = Object.values<any>(json.resource.azurerm_private_endpoint);
    expect(endpoints.map((e) => [e.subnet_id, e.private_service_connection.subresource_names[0]]).sort()).toEqual([
      [SUBNET('app'), 'Sql'],
      [SUBNET('app'), 'blob'],
    ]);
    expect(out).toHaveResourceWithProperties(PrivateDnsZone, { name: 'privatelink.blob.core.windows.net' });
    expect(out).toHaveResourceWithProperties(PrivateDnsZone, { name: 'privatelink.documents.azure.com' });
    expect(out).toHaveResourceWithProperties(PrivateDnsZoneVirtualNetworkLink, { virtual_network_id: NETWORK.vnetId, registration_enabled: false });
    expect(out).toHaveResourceWithProperties(PrivateEndpoint, { private_dns_zone_group: { name: 'blob', private_dns_zone_ids: [expect.stringMatching(/azurerm_private_dns_zone\.blob-private-dns/)] } });
  });

  it('grants the function app Blob Data Reader and the container app Blob Data Contributor on the account', () => {
    expect(out).toHaveResourceWithProperties(RoleAssignment, { role_definition_name: 'Storage Blob Data Reader', principal_id: 'principal-functions-hello', scope: expect.stringMatching(/azurerm_storage_account\./) });
    expect(out).toHaveResourceWithProperties(RoleAssignment, { role_definition_name: 'Storage Blob Data Contributor', principal_id: 'principal-containers-hello', scope: expect.stringMatching(/azurerm_storage_account\./) });
  });

  it('grants the container app Cosmos Data Reader and the function app Data Contributor on the account', () => {
    expect(out).toHaveResourceWithProperties(CosmosdbSqlRoleAssignment, { principal_id: 'principal-containers-hello', role_definition_id: expect.stringMatching(/0001$/) });
    expect(out).toHaveResourceWithProperties(CosmosdbSqlRoleAssignment, { principal_id: 'principal-functions-hello', role_definition_id: expect.stringMatching(/0002$/) });
  });

  it('publishes the account ids, the blob zone (for the events stack) and the Cosmos endpoint', () => {
    expect(stack.outputs).toMatchObject({ resourceGroupName: expect.any(String), location: 'westeurope' });
    for (const key of ['storageAccountId', 'storageAccountName', 'blobPrivateDnsZoneId', 'cosmosAccountId', 'cosmosEndpoint'] as const) expect(stack.outputs[key]).toEqual(expect.any(String));
  });

  it('needs the apps only when a grant names them', () => {
    const bare = azureEnvironment({ azure: { data: { enabled: true, storage: {} } } });
    expect(familyDependencies(azureDataFamily, bare.section(azureDataFamily.section), bare).map((f) => f.id)).toEqual(['azure-network']);
    const full = azureEnvironment({ azure: { ...APPS, data: DATA } });
    expect(familyDependencies(azureDataFamily, full.section(azureDataFamily.section), full).map((f) => f.id)).toEqual(['azure-network', 'azure-functions', 'azure-containers']);
    const onlyStorage = stackFor({ enabled: true, storage: {} }, { 'azure-network': NETWORK });
    const j = JSON.parse(Testing.synth(onlyStorage));
    expect(j.resource.azurerm_cosmosdb_account).toBeUndefined();
    expect(j.resource.azurerm_role_assignment).toBeUndefined();
  });

  it('refuses a network without the app subnet', () => {
    expect(() => stackFor(DATA, { 'azure-network': { ...NETWORK, subnetIds: { data: SUBNET('data') } }, 'azure-functions': FUNCTIONS, 'azure-containers': CONTAINERS })).toThrow(
      /prop network\.subnetIds \["data"\] has no "app" subnet/,
    );
  });

  it('refuses a grant to an app the functions stack did not publish, naming the ones it did', () => {
    expect(() => stackFor(DATA, { 'azure-network': NETWORK, 'azure-functions': { ...FUNCTIONS, principalIds: { other: 'p' } }, 'azure-containers': CONTAINERS })).toThrow(
      /prop config\.storage\.readers\[0\] "functions\.hello" names no app of azure\.functions; use one of functions\.other/,
    );
  });
});
