import * as fs from 'node:fs';
import { azureDatabaseSection } from '../../../stacks/azure-database/config';
import { environmentProblems, parseEnvironmentText as parseEnvironment, testEnvironment } from '../../helpers/environment';

const FILE = 'config/test.yaml';

/** Problems of an environment file whose `azure.database` is `database`, as the loader prints them. */
function problemsOf(database: Record<string, any>): string[] {
  return environmentProblems({ azure: { database } });
}

describe('azure.database config', () => {
  it('parses from nothing, disabled, with secure defaults', () => {
    const db = testEnvironment().section(azureDatabaseSection);
    expect(db).toEqual({
      enabled: false,
      version: '18',
      skuName: 'GP_Standard_D2ds_v5',
      storageMb: 32768,
      autoGrow: true,
      highAvailability: 'ZoneRedundant',
      backupRetentionDays: 14,
      geoRedundantBackup: true,
      databaseName: 'app',
      administratorLogin: 'pgadmin',
      administratorPasswordVersion: 1,
      maintenanceWindow: { dayOfWeek: 0, startHour: 2, startMinute: 0 },
      logMinDurationStatementMs: 1000,
      entraAdmins: [],
      deletionProtection: true,
      keyVaultAllowedIpRanges: [],
    });
  });

  it('accepts a full section, reading YAML numbers as version and zone strings', () => {
    const db = testEnvironment({
      azure: {
        database: {
          enabled: true,
          version: 16,
          skuName: 'MO_Standard_E4ds_v5',
          storageMb: 131072,
          highAvailability: 'ZoneRedundant',
          zone: 1,
          standbyZone: '2',
          backupRetentionDays: 35,
          serverName: 'psql-prod-main',
          keyVaultName: 'kv-prod-main',
          administratorPasswordExpiresOn: '2027-06-30',
          entraAdmins: [{ objectId: '11111111-2222-3333-4444-555555555555', principalName: 'db-admins' }],
          keyVaultAllowedIpRanges: ['203.0.113.7', '198.51.100.0/28'],
        },
      },
    }).section(azureDatabaseSection);
    expect(db.version).toBe('16');
    expect(db.zone).toBe('1');
    expect(db.standbyZone).toBe('2');
    expect(db.entraAdmins).toEqual([
      { objectId: '11111111-2222-3333-4444-555555555555', principalName: 'db-admins', principalType: 'Group' },
    ]);
  });

  it('accepts every version azurerm 4.55 accepts', () => {
    for (const version of ['11', '12', '13', '14', '15', '16', '17', '18']) expect(problemsOf({ version })).toEqual([]);
  });

  it.each([
    ['version', { version: '10' }, /azure\.database\.version "10" is not a PostgreSQL major version .*use one of 11, 12, 13, 14, 15, 16, 17, 18/],
    ['version', { version: 19 }, /azure\.database\.version "19" is not a PostgreSQL major version .*use one of 11, .*18/],
    ['skuName', { skuName: 'Standard_D2s_v3' }, /azure\.database\.skuName "Standard_D2s_v3" is not a flexible server SKU; use <tier>_Standard_<size> with tier B .*GP .*MO/],
    ['skuName', { skuName: 'GP_Basic_D2' }, /azure\.database\.skuName "GP_Basic_D2" is not a flexible server SKU/],
    ['storageMb', { storageMb: 100000 }, /azure\.database\.storageMb 100000 is not a storage size .*use one of 32768, 65536, .*33553408 \(MiB\)/],
    ['storageMb', { storageMb: 4096 }, /azure\.database\.storageMb 4096 is not a storage size/],
    ['backupRetentionDays', { backupRetentionDays: 6 }, /azure\.database\.backupRetentionDays 6 is not an allowed backup retention; use a whole number of days from 7 to 35/],
    ['backupRetentionDays', { backupRetentionDays: 36 }, /azure\.database\.backupRetentionDays 36 is not an allowed backup retention; .*7 to 35/],
    ['serverName (too short)', { serverName: 'pg' }, /azure\.database\.serverName "pg" is not a valid server name \(2 characters\); use 3-63 lowercase letters, digits and "-"/],
    ['serverName (too long)', { serverName: 'p'.repeat(64) }, /azure\.database\.serverName "p{64}" is not a valid server name \(64 characters\); use 3-63/],
    ['serverName (characters)', { serverName: 'PSQL_prod' }, /azure\.database\.serverName "PSQL_prod" is not a valid server name \(only lowercase letters, digits and "-" are allowed\)/],
    ['serverName (leading hyphen)', { serverName: '-psql-prod' }, /azure\.database\.serverName "-psql-prod" is not a valid server name \(it starts or ends with "-"\); use .*starting and ending with a letter or digit/],
    ['serverName (trailing hyphen)', { serverName: 'psql-prod-' }, /azure\.database\.serverName "psql-prod-" is not a valid server name \(it starts or ends with "-"\)/],
    ['keyVaultName (too long)', { keyVaultName: 'kv-' + 'a'.repeat(22) }, /azure\.database\.keyVaultName "kv-a+" is not a valid Key Vault name \(25 characters\); use 3-24 letters, digits and "-"/],
    ['keyVaultName (digit first)', { keyVaultName: '1kv-prod' }, /azure\.database\.keyVaultName "1kv-prod" is not a valid Key Vault name \(it does not start with a letter\); use .*starting with a letter/],
    ['keyVaultName (double hyphen)', { keyVaultName: 'kv--prod' }, /azure\.database\.keyVaultName "kv--prod" is not a valid Key Vault name \(it contains "--"\); use .*without "--"/],
    ['keyVaultName (characters)', { keyVaultName: 'kv_prod' }, /azure\.database\.keyVaultName "kv_prod" is not a valid Key Vault name \(only letters, digits and "-" are allowed\)/],
    ['keyVaultName (trailing hyphen)', { keyVaultName: 'kv-prod-' }, /azure\.database\.keyVaultName "kv-prod-" is not a valid Key Vault name \(it ends with "-"\)/],
    ['administratorLogin (reserved)', { administratorLogin: 'azure_superuser' }, /azure\.database\.administratorLogin "azure_superuser" is a reserved login; use another name \(not azure_superuser, azure_pg_admin, admin, administrator, root, guest, public/],
    ['administratorLogin (reserved, any case)', { administratorLogin: 'Admin' }, /azure\.database\.administratorLogin "Admin" is a reserved login/],
    ['administratorLogin (pg_)', { administratorLogin: 'pg_owner' }, /azure\.database\.administratorLogin "pg_owner" is not allowed: logins starting with "pg_" are reserved/],
    ['databaseName (reserved)', { databaseName: 'postgres' }, /azure\.database\.databaseName "postgres" is a reserved database; use another name/],
    ['highAvailability', { highAvailability: 'Regional' }, /azure\.database\.highAvailability "Regional" is not allowed; allowed values: "ZoneRedundant", "SameZone", "Disabled"/],
    ['zone', { zone: 4 }, /azure\.database\.zone "4" is not allowed; allowed values: "1", "2", "3"/],
    ['keyVaultAllowedIpRanges', { keyVaultAllowedIpRanges: ['10.0.0.1/24'] }, /^config\/test\.yaml: azure\.database\.keyVaultAllowedIpRanges\[0\] "10\.0\.0\.1\/24" has host bits set; the network address is 10\.0\.0\.0\/24; use a public IPv4 address \("203\.0\.113\.7"\) or a public block of \/24 or narrower \("203\.0\.113\.0\/28"\)$/],
    ['entraAdmins', { entraAdmins: [{ objectId: 'not-a-guid', principalName: 'x' }] }, /azure\.database\.entraAdmins\[0\]\.objectId "not-a-guid" is not an Entra object id/],
    ['administratorPasswordExpiresOn', { administratorPasswordExpiresOn: '30/06/2027' }, /azure\.database\.administratorPasswordExpiresOn "30\/06\/2027" is not a date; use YYYY-MM-DD/],
  ])('refuses a bad %s, naming the field and what is allowed', (_field, database, message) => {
    const problems = problemsOf(database);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${FILE.replace('.', '\\.')}: `));
    expect(problems[0]).toMatch(message);
  });

  it('refuses high availability on a Burstable SKU, by default and when asked for', () => {
    for (const highAvailability of [undefined, 'ZoneRedundant', 'SameZone']) {
      const problems = problemsOf({ skuName: 'B_Standard_B1ms', ...(highAvailability ? { highAvailability } : {}) });
      expect(problems).toEqual([
        `${FILE}: azure.database.highAvailability "${highAvailability ?? 'ZoneRedundant'}" is not available on the Burstable SKU "B_Standard_B1ms"; use highAvailability: Disabled, or a GP_ or MO_ SKU`,
      ]);
    }
    expect(problemsOf({ skuName: 'B_Standard_B1ms', highAvailability: 'Disabled' })).toEqual([]);
  });

  it('reports a Burstable HA problem together with an unrelated field problem', () => {
    const problems = problemsOf({ skuName: 'B_Standard_B2s', storageMb: 1 });
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/azure\.database\.highAvailability "ZoneRedundant" is not available on the Burstable SKU/);
    expect(problems.join('\n')).toMatch(/azure\.database\.storageMb 1 is not a storage size/);
  });

  it('refuses a standby zone without zone-redundant HA, or equal to the primary zone', () => {
    expect(problemsOf({ highAvailability: 'SameZone', standbyZone: '2' })).toEqual([
      `${FILE}: azure.database.standbyZone "2" is not used with highAvailability SameZone; remove it, or use highAvailability: ZoneRedundant`,
    ]);
    expect(problemsOf({ zone: '1', standbyZone: 1 })).toEqual([
      `${FILE}: azure.database.standbyZone "1" is not a different zone from zone 1; use another of 1, 2, 3 for a zone-redundant standby`,
    ]);
  });

  it('refuses the same Entra principal twice', () => {
    const admin = { objectId: '11111111-2222-3333-4444-555555555555', principalName: 'db-admins' };
    const upper = admin.objectId.toUpperCase();
    expect(problemsOf({ entraAdmins: [admin, { ...admin, objectId: upper }] })).toEqual([
      `${FILE}: azure.database.entraAdmins[1].objectId "${upper}" is not unique; list each Entra principal once`,
    ]);
  });

  it('refuses unknown fields, listing the allowed ones', () => {
    expect(problemsOf({ publicAccess: true })[0]).toMatch(
      /azure\.database\.publicAccess is not a known field; allowed fields here: enabled, version, skuName, storageMb, .*keyVaultName/,
    );
  });

  describe('shipped environments', () => {
    const load = (env: string) => {
      const { config, problems } = parseEnvironment(`config/${env}.yaml`, fs.readFileSync(`config/${env}.yaml`, 'utf8'));
      expect(problems).toEqual([]);
      return config!.section(azureDatabaseSection);
    };

    it('prod: enabled, zone-redundant General Purpose with geo-redundant backups', () => {
      const db = load('prod');
      expect(db.enabled).toBe(true);
      expect(db.highAvailability).toBe('ZoneRedundant');
      expect(db.skuName).toMatch(/^GP_/);
      expect(db.geoRedundantBackup).toBe(true);
    });

    it('staging: enabled', () => {
      expect(load('staging').enabled).toBe(true);
    });

    it('dev: enabled, Burstable B1ms without HA or geo-redundant backups', () => {
      const db = load('dev');
      expect(db).toMatchObject({
        enabled: true,
        skuName: 'B_Standard_B1ms',
        highAvailability: 'Disabled',
        geoRedundantBackup: false,
      });
    });
  });
});
