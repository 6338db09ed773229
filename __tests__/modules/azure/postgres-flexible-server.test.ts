import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { KeyVault as AzurermKeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { PostgresqlFlexibleServerActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-active-directory-administrator';
import { PostgresqlFlexibleServerConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration';
import { PostgresqlFlexibleServerDatabase } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-database';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { TerraformVariable, Testing } from 'cdktf';
import {
  PostgresFlexibleServer,
  type PostgresFlexibleServerProps,
} from '../../../modules/azure/postgres-flexible-server';

const SUBNET_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test/providers/Microsoft.Network/virtualNetworks/vnet-test/subnets/data';
const DNS_ZONE_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test/providers/Microsoft.Network/privateDnsZones/test.postgres.database.azure.com';

const APP_SUBNET_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test/providers/Microsoft.Network/virtualNetworks/vnet-test/subnets/app';
const VNET_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test/providers/Microsoft.Network/virtualNetworks/vnet-test';

const BASE: PostgresFlexibleServerProps = {
  name: 'psql-test',
  keyVaultName: 'kv-test',
  keyVaultPrivateEndpointSubnetId: APP_SUBNET_ID,
  keyVaultVirtualNetworkId: VNET_ID,
  resourceGroupName: 'rg-test',
  location: 'westeurope',
  delegatedSubnetId: SUBNET_ID,
  privateDnsZoneId: DNS_ZONE_ID,
  tags: { Environment: 'test' },
};

function synth(patch: Partial<PostgresFlexibleServerProps> = {}): string {
  return Testing.synthScope((scope) => {
    new PostgresFlexibleServer(scope, 'postgres', { ...BASE, ...patch });
  });
}

/** Every resource of one type in synthesized JSON. */
function resources(json: string, type: string): Record<string, any>[] {
  return Object.values(JSON.parse(json).resource?.[type] ?? {});
}

function server(json: string): Record<string, any> {
  const all = resources(json, 'azurerm_postgresql_flexible_server');
  expect(all).toHaveLength(1);
  return all[0]!;
}

const PASSWORD_REF = /^\$\{ephemeral\.random_password\.[A-Za-z0-9_-]+\.result\}$/;
const TENANT_REF = /^\$\{data\.azurerm_client_config\.[A-Za-z0-9_-]+\.tenant_id\}$/;

describe('PostgresFlexibleServer', () => {
  describe('network', () => {
    it('puts the server in the delegated subnet with the private DNS zone, public access off', () => {
      expect(synth()).toHaveResourceWithProperties(PostgresqlFlexibleServer, {
        name: 'psql-test',
        resource_group_name: 'rg-test',
        location: 'westeurope',
        delegated_subnet_id: SUBNET_ID,
        private_dns_zone_id: DNS_ZONE_ID,
        public_network_access_enabled: false,
      });
    });
  });

  describe('compute, version and storage', () => {
    it('defaults to PostgreSQL 18 on GP_Standard_D2ds_v5 with 32 GiB that grows automatically', () => {
      expect(synth()).toHaveResourceWithProperties(PostgresqlFlexibleServer, {
        version: '18',
        sku_name: 'GP_Standard_D2ds_v5',
        storage_mb: 32768,
        auto_grow_enabled: true,
      });
    });

    it('takes version, SKU, storage and auto-grow from props', () => {
      const json = synth({ version: '16', skuName: 'MO_Standard_E4ds_v5', storageMb: 262144, enableAutoGrow: false });
      expect(json).toHaveResourceWithProperties(PostgresqlFlexibleServer, {
        version: '16',
        sku_name: 'MO_Standard_E4ds_v5',
        storage_mb: 262144,
        auto_grow_enabled: false,
      });
    });
  });

  describe('high availability', () => {
    it('is zone-redundant by default', () => {
      expect(server(synth()).high_availability).toEqual({ mode: 'ZoneRedundant' });
    });

    it('pins the primary and standby zones when given', () => {
      const s = server(synth({ zone: '1', standbyZone: '2' }));
      expect(s.zone).toBe('1');
      expect(s.high_availability).toEqual({ mode: 'ZoneRedundant', standby_availability_zone: '2' });
    });

    it('supports same-zone HA, and no HA block when Disabled', () => {
      expect(server(synth({ highAvailability: 'SameZone' })).high_availability).toEqual({ mode: 'SameZone' });
      expect(server(synth({ highAvailability: 'Disabled', skuName: 'B_Standard_B1ms' })).high_availability).toBeUndefined();
    });

    it('ignores the zone swaps an HA failover causes', () => {
      expect(server(synth()).lifecycle.ignore_changes).toEqual(['zone', 'high_availability[0].standby_availability_zone']);
    });
  });

  describe('backups and maintenance', () => {
    it('keeps 14 days of geo-redundant backups by default', () => {
      expect(synth()).toHaveResourceWithProperties(PostgresqlFlexibleServer, {
        backup_retention_days: 14,
        geo_redundant_backup_enabled: true,
      });
    });

    it('takes retention and geo-redundancy from props', () => {
      expect(synth({ backupRetentionDays: 35, enableGeoRedundantBackup: false })).toHaveResourceWithProperties(
        PostgresqlFlexibleServer,
        { backup_retention_days: 35, geo_redundant_backup_enabled: false },
      );
    });

    it('sets the maintenance window when given, and leaves it system-managed otherwise', () => {
      expect(server(synth()).maintenance_window).toBeUndefined();
      expect(synth({ maintenanceWindow: { dayOfWeek: 6, startHour: 3, startMinute: 30 } })).toHaveResourceWithProperties(
        PostgresqlFlexibleServer,
        { maintenance_window: { day_of_week: 6, start_hour: 3, start_minute: 30 } },
      );
    });

    it('protects the server and database from deletion by default, and not when turned off', () => {
      const on = synth();
      expect(server(on).lifecycle.prevent_destroy).toBe(true);
      expect(resources(on, 'azurerm_postgresql_flexible_server_database')[0]!.lifecycle).toEqual({ prevent_destroy: true });
      const off = synth({ enableDeletionProtection: false });
      expect(server(off).lifecycle.prevent_destroy).toBe(false);
      expect(resources(off, 'azurerm_postgresql_flexible_server_database')[0]!.lifecycle).toEqual({ prevent_destroy: false });
    });
  });

  describe('authentication', () => {
    it('enables Entra and password auth in the caller tenant', () => {
      const json = synth();
      expect(json).toHaveDataSource(DataAzurermClientConfig);
      const auth = server(json).authentication;
      expect(auth).toMatchObject({ active_directory_auth_enabled: true, password_auth_enabled: true });
      expect(auth.tenant_id).toMatch(TENANT_REF);
    });

    it('logs in as pgadmin by default, or the given login', () => {
      expect(server(synth()).administrator_login).toBe('pgadmin');
      expect(server(synth({ administratorLogin: 'dbowner' })).administrator_login).toBe('dbowner');
    });

    it('creates one Entra administrator per principal, none by default', () => {
      expect(resources(synth(), 'azurerm_postgresql_flexible_server_active_directory_administrator')).toHaveLength(0);
      const json = synth({
        entraAdmins: [
          { objectId: '11111111-2222-3333-4444-555555555555', principalName: 'db-admins' },
          { objectId: '66666666-7777-8888-9999-000000000000', principalName: 'deployer', principalType: 'ServicePrincipal' },
        ],
      });
      const admins = resources(json, 'azurerm_postgresql_flexible_server_active_directory_administrator');
      expect(admins).toHaveLength(2);
      expect(json).toHaveResourceWithProperties(PostgresqlFlexibleServerActiveDirectoryAdministrator, {
        object_id: '11111111-2222-3333-4444-555555555555',
        principal_name: 'db-admins',
        principal_type: 'Group',
        resource_group_name: 'rg-test',
        server_name: '${azurerm_postgresql_flexible_server.postgres_server_20CD2676.name}',
      });
      expect(json).toHaveResourceWithProperties(PostgresqlFlexibleServerActiveDirectoryAdministrator, {
        object_id: '66666666-7777-8888-9999-000000000000',
        principal_type: 'ServicePrincipal',
      });
      for (const admin of admins) expect(admin.tenant_id).toMatch(TENANT_REF);
    });
  });

  describe('administrator password', () => {
    it('generates it with an ephemeral random_password: in no plan or state', () => {
      const parsed = JSON.parse(synth());
      expect(parsed.resource.random_password).toBeUndefined();
      expect(Object.values(parsed.ephemeral.random_password)).toEqual([
        { length: 32, min_lower: 2, min_upper: 2, min_numeric: 2, min_special: 2, override_special: '!#%*()-_=+[]{}<>:?' },
      ]);
    });

    it('sends it to the server write-only, never as administrator_password', () => {
      const s = server(synth({ administratorPasswordVersion: 2 }));
      expect(s.administrator_password_wo).toMatch(PASSWORD_REF);
      expect(s.administrator_password_wo_version).toBe(2);
      expect(s).not.toHaveProperty('administrator_password');
    });

    it('stores it in the Key Vault write-only, as a secret with a content type', () => {
      const json = synth({ administratorPasswordVersion: 2 });
      const secrets = resources(json, 'azurerm_key_vault_secret');
      expect(secrets).toHaveLength(1);
      const secret = secrets[0]!;
      expect(secret.value_wo).toMatch(PASSWORD_REF);
      expect(secret.value_wo).toBe(server(json).administrator_password_wo);
      expect(secret.value_wo_version).toBe(2);
      expect(secret).not.toHaveProperty('value');
      expect(secret).toMatchObject({
        name: 'postgres-administrator-password',
        key_vault_id: '${azurerm_key_vault.postgres_key-vault_resource_7F7A6805.id}',
        content_type: 'text/plain; postgres administrator password',
      });
      expect(secret.expiration_date).toBeUndefined();
    });

    it('sets the secret expiry when given', () => {
      expect(synth({ administratorPasswordExpiresOn: '2027-06-30' })).toHaveResourceWithProperties(KeyVaultSecret, {
        expiration_date: '2027-06-30T00:00:00Z',
      });
    });

    it('writes the secret only after the deployer holds Key Vault Secrets Officer on the vault', () => {
      const json = synth();
      expect(json).toHaveResourceWithProperties(RoleAssignment, {
        scope: '${azurerm_key_vault.postgres_key-vault_resource_7F7A6805.id}',
        role_definition_name: 'Key Vault Secrets Officer',
        principal_id: '${data.azurerm_client_config.postgres_client_AA7BECA8.object_id}',
      });
      expect(resources(json, 'azurerm_key_vault_secret')[0]!.depends_on).toEqual([
        'azurerm_role_assignment.postgres_key-vault_secrets-officer_2F80EB34',
      ]);
    });

    it('puts no plain-text password anywhere in the synthesized JSON', () => {
      const json = synth({ entraAdmins: [{ objectId: '11111111-2222-3333-4444-555555555555', principalName: 'x' }] });
      const offenders: string[] = [];
      const walk = (node: unknown, path: string) => {
        if (Array.isArray(node)) node.forEach((v, i) => walk(v, `${path}[${i}]`));
        else if (node !== null && typeof node === 'object') {
          for (const [k, v] of Object.entries(node)) {
            const secretish = /password|secret|^value(_wo)?$/i.test(k) && !/_version$|_id$|^name$/.test(k);
            if (secretish && typeof v === 'string' && !PASSWORD_REF.test(v)) offenders.push(`${path}.${k}`);
            walk(v, `${path}.${k}`);
          }
        }
      };
      const parsed = JSON.parse(json);
      walk(parsed.resource, 'resource');
      // Server parameters have a `value` too: only on/off and numbers there.
      const parameterValues = resources(json, 'azurerm_postgresql_flexible_server_configuration').map((c) => c.value);
      expect(offenders.filter((o) => !o.includes('azurerm_postgresql_flexible_server_configuration'))).toEqual([]);
      for (const v of parameterValues) expect(v).toMatch(/^(on|off|-?\d+)$/);
      expect(parsed.resource.random_password).toBeUndefined();
      expect(JSON.stringify(parsed.ephemeral)).not.toMatch(/"result"/);
    });
  });

  describe('Key Vault', () => {
    it('uses RBAC, purge protection, 90-day soft delete, no public access and a deny-by-default firewall', () => {
      expect(synth()).toHaveResourceWithProperties(AzurermKeyVault, {
        name: 'kv-test',
        resource_group_name: 'rg-test',
        location: 'westeurope',
        sku_name: 'standard',
        rbac_authorization_enabled: true,
        purge_protection_enabled: true,
        soft_delete_retention_days: 90,
        public_network_access_enabled: false,
        network_acls: { default_action: 'Deny', bypass: 'None', ip_rules: [] },
        tenant_id: '${data.azurerm_client_config.postgres_client_AA7BECA8.tenant_id}',
      });
    });

    it('puts the vault private endpoint in the given subnet, registered in privatelink.vaultcore.azure.net', () => {
      const json = synth();
      expect(json).toHaveResourceWithProperties(PrivateEndpoint, {
        subnet_id: APP_SUBNET_ID,
        private_service_connection: expect.objectContaining({ subresource_names: ['vault'], is_manual_connection: false }),
      });
      expect(json).toHaveResourceWithProperties(PrivateDnsZone, { name: 'privatelink.vaultcore.azure.net' });
      expect(json).toHaveResourceWithProperties(PrivateDnsZoneVirtualNetworkLink, { virtual_network_id: VNET_ID });
    });

    it('lets the listed public ranges through the firewall of an opted-in public endpoint, writing single addresses without /32', () => {
      expect(
        synth({ keyVaultEnablePublicNetworkAccess: true, keyVaultAllowedIpRanges: ['203.0.113.7/32', '198.51.100.0/28'] }),
      ).toHaveResourceWithProperties(AzurermKeyVault, {
        public_network_access_enabled: true,
        network_acls: { default_action: 'Deny', bypass: 'None', ip_rules: ['203.0.113.7', '198.51.100.0/28'] },
      });
    });
  });

  describe('server parameters', () => {
    it.each([
      ['require_secure_transport', 'on'],
      ['log_connections', 'on'],
      ['log_disconnections', 'on'],
      ['log_checkpoints', 'on'],
      ['log_min_duration_statement', '1000'],
      ['connection_throttle.enable', 'on'],
    ])('sets %s = %s', (name, value) => {
      expect(synth()).toHaveResourceWithProperties(PostgresqlFlexibleServerConfiguration, {
        server_id: '${azurerm_postgresql_flexible_server.postgres_server_20CD2676.id}',
        name,
        value,
      });
    });

    it('sets exactly those six parameters, with the slow-statement threshold from props', () => {
      const json = synth({ logMinDurationStatementMs: 250 });
      expect(resources(json, 'azurerm_postgresql_flexible_server_configuration')).toHaveLength(6);
      expect(json).toHaveResourceWithProperties(PostgresqlFlexibleServerConfiguration, {
        name: 'log_min_duration_statement',
        value: '250',
      });
    });
  });

  describe('application database', () => {
    it('creates "app" in UTF8 with en_US.utf8 collation, or the given name', () => {
      expect(synth()).toHaveResourceWithProperties(PostgresqlFlexibleServerDatabase, {
        name: 'app',
        charset: 'UTF8',
        collation: 'en_US.utf8',
        server_id: '${azurerm_postgresql_flexible_server.postgres_server_20CD2676.id}',
      });
      expect(synth({ databaseName: 'orders' })).toHaveResourceWithProperties(PostgresqlFlexibleServerDatabase, { name: 'orders' });
    });
  });

  it('tags the server, the Key Vault and the secret', () => {
    const json = synth();
    expect(server(json).tags).toEqual({ Environment: 'test' });
    expect(resources(json, 'azurerm_key_vault')[0]!.tags).toEqual({ Environment: 'test' });
    expect(resources(json, 'azurerm_key_vault_secret')[0]!.tags).toEqual({
      Environment: 'test',
      'postgres-server': 'psql-test',
      'postgres-login': 'pgadmin',
    });
  });

  describe('prop validation', () => {
    it.each<[string, Partial<PostgresFlexibleServerProps>, RegExp]>([
      ['name', { name: 'PSQL' }, /prop name "PSQL" is not a valid server name .*use 3-63 lowercase letters/],
      ['name', { name: 'psql-' }, /prop name "psql-" is not a valid server name \(it starts or ends with "-"\)/],
      ['keyVaultName', { keyVaultName: 'kv--x' }, /postgres\/key-vault: prop name "kv--x" is not a valid Key Vault name \(it contains "--"\)/],
      ['version', { version: '10' }, /prop version "10" is not a PostgreSQL major version .*use one of 11, .*18/],
      ['skuName', { skuName: 'Standard_B1ms' }, /prop skuName "Standard_B1ms" is not a flexible server SKU/],
      ['storageMb', { storageMb: 50000 }, /prop storageMb 50000 is not a storage size .*use one of 32768/],
      ['backupRetentionDays', { backupRetentionDays: 40 }, /prop backupRetentionDays 40 is not an allowed backup retention; .*7 to 35/],
      ['highAvailability', { skuName: 'B_Standard_B2s' }, /prop highAvailability "ZoneRedundant" is not available on the Burstable SKU "B_Standard_B2s"/],
      ['administratorLogin', { administratorLogin: 'root' }, /prop administratorLogin "root" is a reserved login/],
      ['databaseName', { databaseName: 'template1' }, /prop databaseName "template1" is a reserved database/],
      ['zone', { zone: '4' }, /prop zone "4" is not an availability zone; use "1", "2" or "3"/],
      ['standbyZone', { highAvailability: 'SameZone', standbyZone: '2' }, /prop standbyZone "2" is not used with highAvailability SameZone/],
      ['standbyZone', { zone: '2', standbyZone: '2' }, /prop standbyZone "2" is the same zone as "zone"/],
      ['administratorPasswordVersion', { administratorPasswordVersion: 0 }, /prop administratorPasswordVersion 0 is not allowed/],
      ['administratorPasswordExpiresOn', { administratorPasswordExpiresOn: 'soon' }, /prop administratorPasswordExpiresOn "soon" is not a date; use YYYY-MM-DD/],
      [
        'keyVaultAllowedIpRanges',
        { keyVaultAllowedIpRanges: ['203.0.113.7'] },
        /postgres\/key-vault: prop allowedIpRanges \["203\.0\.113\.7"\] apply only to the public endpoint, which is off; .*enablePublicNetworkAccess: true/,
      ],
      [
        'keyVaultVirtualNetworkId',
        { keyVaultVirtualNetworkId: undefined },
        /postgres\/key-vault: prop virtualNetworkId \(missing\) is needed to link the new privatelink\.vaultcore\.azure\.net zone/,
      ],
    ])('refuses a bad %s, quoting the prop, the value and the fix', (_prop, patch, message) => {
      expect(() => synth(patch)).toThrow(message);
    });

    it('skips checks of values only known at apply time', () => {
      expect(() =>
        Testing.synthScope((scope) => {
          const text = (name: string) => new TerraformVariable(scope, name, { type: 'string' }).stringValue;
          const num = (name: string) => new TerraformVariable(scope, name, { type: 'number' }).numberValue;
          new PostgresFlexibleServer(scope, 'postgres', {
            ...BASE,
            name: text('name'),
            keyVaultName: text('kv'),
            version: text('version'),
            skuName: text('sku'),
            storageMb: num('storage'),
            backupRetentionDays: num('retention'),
            administratorLogin: text('login'),
          });
        }),
      ).not.toThrow();
    });
  });

  it('keeps every other address when a middle Entra administrator is removed', () => {
    const addresses = (json: string) =>
      Object.entries(JSON.parse(json).resource as Record<string, object>).flatMap(([type, byId]) =>
        Object.keys(byId).map((id) => `${type}.${id}`),
      );
    const admin = (objectId: string) => ({ objectId, principalName: `n-${objectId}` });
    const a = admin('11111111-1111-1111-1111-111111111111');
    const b = admin('22222222-2222-2222-2222-222222222222');
    const c = admin('33333333-3333-3333-3333-333333333333');
    const before = addresses(synth({ entraAdmins: [a, b, c] }));
    const after = addresses(synth({ entraAdmins: [a, c] }));
    expect(before.filter((x) => !after.includes(x))).toEqual([
      expect.stringMatching(/^azurerm_postgresql_flexible_server_active_directory_administrator\.postgres_entra-admin-22222222-2222-2222-2222-222222222222_[0-9A-F]{8}$/),
    ]);
    expect(after.filter((x) => !before.includes(x))).toEqual([]);
  });

  it('keeps every address when a middle Key Vault allowed range is removed', () => {
    const addresses = (json: string) =>
      Object.entries(JSON.parse(json).resource as Record<string, object>).flatMap(([type, byId]) =>
        Object.keys(byId).map((id) => `${type}.${id}`),
      );
    const open = { keyVaultEnablePublicNetworkAccess: true };
    const full = synth({ ...open, keyVaultAllowedIpRanges: ['203.0.113.7', '198.51.100.0/28', '192.0.2.9'] });
    const reduced = synth({ ...open, keyVaultAllowedIpRanges: ['203.0.113.7', '192.0.2.9'] });
    expect(addresses(reduced)).toEqual(addresses(full));
  });
});
