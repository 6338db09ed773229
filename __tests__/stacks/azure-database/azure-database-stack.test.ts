import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { Testing } from 'cdktf';
import { keyVaultNameProblem, serverNameProblem } from '../../../modules/azure/postgres-rules';
import { type AzureDatabaseStack, defaultAzureDatabaseNames } from '../../../stacks/azure-database/azure-database-stack';
import { azureDatabaseFamily } from '../../../stacks/azure-database/family';
import type { AzureNetworkOutputs } from '../../../stacks/contracts';
import { familyStack, testContext, testEnvironment } from '../../helpers/environment';
import { validateStack } from '../../helpers/terraform';

const RG = 'rg-test-network';
const SUBNET = (role: string) =>
  `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${RG}/providers/Microsoft.Network/virtualNetworks/vnet-test/subnets/${role}`;
const DNS_ZONE =
  `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${RG}/providers/Microsoft.Network/privateDnsZones/test.postgres.database.azure.com`;

const NETWORK: AzureNetworkOutputs = {
  resourceGroupName: RG,
  location: 'westeurope',
  vnetId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test-network/providers/Microsoft.Network/virtualNetworks/vnet-test',
  vnetName: 'vnet-test',
  subnetIds: { app: SUBNET('app'), data: SUBNET('data'), aks: SUBNET('aks') },
  nsgIds: { app: 'nsg-app', data: 'nsg-data', aks: 'nsg-aks' },
  postgresPrivateDnsZoneId: DNS_ZONE,
};

function stackFor(database: Record<string, any> = {}, network: AzureNetworkOutputs = NETWORK): AzureDatabaseStack {
  const env = testEnvironment({ azure: { database: { enabled: true, ...database } } });
  return familyStack<AzureDatabaseStack>(azureDatabaseFamily, env, { 'azure-network': network });
}

describe('AzureDatabaseStack', () => {
  it('configures azurerm for the environment subscription, and the random provider', () => {
    const json = Testing.synth(stackFor());
    expect(json).toHaveProviderWithProperties(AzurermProvider, {
      subscription_id: '00000000-0000-0000-0000-000000000000',
      features: [{}],
    });
    expect(json).toHaveProvider(RandomProvider);
  });

  it('puts the server in the network stack resource group, location, data subnet and private DNS zone', () => {
    expect(Testing.synth(stackFor())).toHaveResourceWithProperties(PostgresqlFlexibleServer, {
      resource_group_name: RG,
      location: 'westeurope',
      delegated_subnet_id: SUBNET('data'),
      private_dns_zone_id: DNS_ZONE,
      public_network_access_enabled: false,
    });
  });

  it('passes every config field to the server', () => {
    const json = Testing.synth(
      stackFor({
        version: 15,
        skuName: 'GP_Standard_D4ds_v5',
        storageMb: 65536,
        autoGrow: false,
        highAvailability: 'ZoneRedundant',
        zone: 1,
        standbyZone: 3,
        backupRetentionDays: 30,
        geoRedundantBackup: false,
        serverName: 'psql-orders',
        administratorLogin: 'orders_admin',
        maintenanceWindow: { dayOfWeek: 3, startHour: 4, startMinute: 15 },
      }),
    );
    expect(json).toHaveResourceWithProperties(PostgresqlFlexibleServer, {
      name: 'psql-orders',
      version: '15',
      sku_name: 'GP_Standard_D4ds_v5',
      storage_mb: 65536,
      auto_grow_enabled: false,
      zone: '1',
      high_availability: { mode: 'ZoneRedundant', standby_availability_zone: '3' },
      backup_retention_days: 30,
      geo_redundant_backup_enabled: false,
      administrator_login: 'orders_admin',
      maintenance_window: { day_of_week: 3, start_hour: 4, start_minute: 15 },
    });
  });

  it('passes the password, logging, Entra, Key Vault and protection fields to their resources', () => {
    const json = JSON.parse(
      Testing.synth(
        stackFor({
          administratorPasswordVersion: 4,
          administratorPasswordExpiresOn: '2027-01-31',
          logMinDurationStatementMs: 500,
          entraAdmins: [{ objectId: '11111111-2222-3333-4444-555555555555', principalName: 'dbas', principalType: 'User' }],
          keyVaultAllowedIpRanges: ['203.0.113.7'],
          deletionProtection: false,
        }),
      ),
    );
    const one = (type: string) => Object.values<any>(json.resource[type]);
    expect(json.resource.random_password).toBeUndefined();
    expect(Object.keys(json.ephemeral.random_password)).toHaveLength(1);
    expect(one('azurerm_postgresql_flexible_server')[0]).toMatchObject({
      administrator_password_wo_version: 4,
      lifecycle: { prevent_destroy: false },
    });
    expect(one('azurerm_key_vault_secret')[0]).toMatchObject({ value_wo_version: 4, expiration_date: '2027-01-31T00:00:00Z' });
    expect(one('azurerm_postgresql_flexible_server_configuration')).toContainEqual(
      expect.objectContaining({ name: 'log_min_duration_statement', value: '500' }),
    );
    expect(one('azurerm_postgresql_flexible_server_active_directory_administrator')).toEqual([
      expect.objectContaining({ object_id: '11111111-2222-3333-4444-555555555555', principal_name: 'dbas', principal_type: 'User' }),
    ]);
    expect(one('azurerm_key_vault')[0].network_acls.ip_rules).toEqual(['203.0.113.7']);
  });

  it('keeps the server secure with nothing configured but enabled', () => {
    expect(Testing.synth(stackFor())).toHaveResourceWithProperties(PostgresqlFlexibleServer, {
      version: '18',
      high_availability: { mode: 'ZoneRedundant' },
      geo_redundant_backup_enabled: true,
      backup_retention_days: 14,
      auto_grow_enabled: true,
      public_network_access_enabled: false,
      lifecycle: { prevent_destroy: true, ignore_changes: ['zone', 'high_availability[0].standby_availability_zone'] },
    });
  });

  it('names the server and vault from the environment, stable, valid and distinct per subscription', () => {
    // sha256("<subscription id>/<env name>"), first 6 hex digits
    const names = defaultAzureDatabaseNames(testContext());
    expect(names).toEqual({ serverName: 'psql-test-1466f4', keyVaultName: 'kv-test-1466f4' });
    expect(serverNameProblem(names.serverName)).toBeUndefined();
    expect(keyVaultNameProblem(names.keyVaultName)).toBeUndefined();
    // The longest environment name (12 characters) still gives a valid Key Vault name.
    const long = defaultAzureDatabaseNames(testContext({}, 'abcdefghijkl'));
    expect(long.keyVaultName).toBe('kv-abcdefghijkl-bd3ed9');
    expect(keyVaultNameProblem(long.keyVaultName)).toBeUndefined();
    const other = defaultAzureDatabaseNames(testContext({ azure: { subscriptionId: '11111111-1111-1111-1111-111111111111' } }));
    expect(other.serverName).toBe('psql-test-cb8eed');

    const json = Testing.synth(stackFor());
    expect(json).toHaveResourceWithProperties(PostgresqlFlexibleServer, { name: 'psql-test-1466f4' });
    expect(json).toHaveResourceWithProperties(KeyVault, { name: 'kv-test-1466f4' });
    expect(Testing.synth(stackFor({ keyVaultName: 'kv-orders' }))).toHaveResourceWithProperties(KeyVault, { name: 'kv-orders' });
  });

  it('reaches the Key Vault through a private endpoint in the app subnet (the data subnet is delegated), public access off', () => {
    const json = Testing.synth(stackFor());
    expect(json).toHaveResourceWithProperties(PrivateEndpoint, {
      subnet_id: SUBNET('app'),
      private_service_connection: expect.objectContaining({ subresource_names: ['vault'], is_manual_connection: false }),
    });
    expect(json).toHaveResourceWithProperties(KeyVault, { public_network_access_enabled: false });
    const open = Testing.synth(stackFor({ keyVaultAllowedIpRanges: ['203.0.113.7'] }));
    expect(open).toHaveResourceWithProperties(KeyVault, {
      public_network_access_enabled: true,
      network_acls: expect.objectContaining({ default_action: 'Deny', ip_rules: ['203.0.113.7'] }),
    });
  });

  it('publishes the server id, FQDN, database name and versionless secret id', () => {
    const stack = stackFor({ databaseName: 'orders' });
    expect(stack.outputs.databaseName).toBe('orders');
    const json = JSON.parse(Testing.synth(stack));
    expect(json.output).toEqual({
      'server-id': expect.objectContaining({ value: '${azurerm_postgresql_flexible_server.postgres_server_20CD2676.id}' }),
      'server-fqdn': expect.objectContaining({ value: '${azurerm_postgresql_flexible_server.postgres_server_20CD2676.fqdn}' }),
      'database-name': expect.objectContaining({ value: 'orders' }),
      'administrator-login': expect.objectContaining({ value: 'pgadmin' }),
      'administrator-password-secret-id': expect.objectContaining({
        value: '${azurerm_key_vault_secret.postgres_administrator-password-secret_D3884418.versionless_id}',
      }),
      'key-vault-id': expect.objectContaining({ value: '${azurerm_key_vault.postgres_key-vault_resource_7F7A6805.id}' }),
    });
  });

  it('outputs no password and puts none in plain text in the stack', () => {
    const json = JSON.parse(Testing.synth(stackFor()));
    expect(JSON.stringify(json.output)).not.toMatch(/random_password/);
    const server = Object.values<any>(json.resource.azurerm_postgresql_flexible_server)[0];
    expect(server).not.toHaveProperty('administrator_password');
    expect(server.administrator_password_wo).toMatch(/^\$\{ephemeral\.random_password\.[^}]+\.result\}$/);
    const secret = Object.values<any>(json.resource.azurerm_key_vault_secret)[0];
    expect(secret).not.toHaveProperty('value');
    expect(secret.value_wo).toBe(server.administrator_password_wo);
  });

  it('refuses a network without a data subnet', () => {
    expect(() => stackFor({}, { ...NETWORK, subnetIds: { app: SUBNET('app') } })).toThrow(
      'test-azure-database: prop network.subnetIds ["app"] has no "data" subnet; the server needs the delegated data subnet of the Azure network stack',
    );
  });

  it('is not checkable offline: the mirror has no azurerm or random provider', () => {
    const result = validateStack(stackFor());
    expect(result.status).toBe('not checkable');
  });
});
