/**
 * What Azure Database for PostgreSQL flexible server (and its Key Vault) accepts.
 *
 * Shared by the `azure.database` config schema and the `PostgresFlexibleServer` construct, so a
 * value is refused with the same words whether it comes from a YAML file or from code. Each
 * check returns a message in the form "is not ...; use ..." (callers prefix the field and value),
 * or `undefined` when the value is allowed. No cdktf import here: the config loader uses it.
 *
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/postgresql_flexible_server
 */

/**
 * PostgreSQL major versions the installed binding (azurerm 4.55.0) accepts for `version`.
 *
 * azurerm 4.55.0 added `18` (postgres API 2025-08-01); older providers stop at `16` or `17`.
 */
export const POSTGRES_VERSIONS = ['11', '12', '13', '14', '15', '16', '17', '18'] as const;

/** A PostgreSQL major version azurerm accepts. */
export type PostgresVersion = (typeof POSTGRES_VERSIONS)[number];

/** The newest major version the binding accepts: the default for new servers. */
export const DEFAULT_POSTGRES_VERSION: PostgresVersion = '18';

/** The only `storage_mb` values azurerm accepts (32 GiB to 32 TiB). */
export const POSTGRES_STORAGE_MB = [
  32768, 65536, 131072, 262144, 524288, 1048576, 2097152, 4193280, 4194304, 8388608, 16777216, 33553408,
] as const;

/** High-availability modes; `Disabled` means no `high_availability` block. */
export const POSTGRES_HA_MODES = ['ZoneRedundant', 'SameZone', 'Disabled'] as const;

/** A high-availability mode. */
export type PostgresHaMode = (typeof POSTGRES_HA_MODES)[number];

/** Availability zones a flexible server (and its standby) can be pinned to. */
export const AZURE_ZONES = ['1', '2', '3'] as const;

/** Logins the service refuses for the administrator (compared case-insensitively). */
export const RESERVED_ADMIN_LOGINS = [
  'azure_superuser',
  'azure_pg_admin',
  'admin',
  'administrator',
  'root',
  'guest',
  'public',
  'postgres',
  'sa',
] as const;

/** Databases that exist on every server, or that the service reserves. */
export const RESERVED_DATABASE_NAMES = ['postgres', 'azure_maintenance', 'azure_sys', 'template0', 'template1'] as const;

/** What `PostgresFlexibleServer` does when a prop is left out. */
export const AZURE_POSTGRES_DEFAULTS = {
  version: DEFAULT_POSTGRES_VERSION,
  skuName: 'GP_Standard_D2ds_v5',
  storageMb: 32768,
  enableAutoGrow: true,
  highAvailability: 'ZoneRedundant',
  backupRetentionDays: 14,
  enableGeoRedundantBackup: true,
  databaseName: 'app',
  administratorLogin: 'pgadmin',
  administratorPasswordVersion: 1,
  logMinDurationStatementMs: 1000,
  enableDeletionProtection: true,
  entraAdminPrincipalType: 'Group',
  keyVaultEnablePublicNetworkAccess: false,
  /** Generated administrator password. */
  passwordLength: 32,
  /** Printable and safe in connection strings and shells: no / " @ ' \ $ ` & or space. */
  passwordSpecials: '!#%*()-_=+[]{}<>:?',
} as const satisfies {
  readonly highAvailability: PostgresHaMode;
  readonly [key: string]: unknown;
};

/** Limits of the numbers and names `PostgresFlexibleServer` (and the `azure.database` schema) accept. */
export const AZURE_POSTGRES_LIMITS = {
  minAdministratorPasswordVersion: 1,
  minBackupRetentionDays: 7,
  maxBackupRetentionDays: 35,
  minServerNameLength: 3,
  maxServerNameLength: 63,
  minKeyVaultNameLength: 3,
  maxKeyVaultNameLength: 24,
} as const;

/** `<tier>_Standard_<size>`: Burstable (`B_`), General Purpose (`GP_`) or Memory Optimized (`MO_`). */
const SKU = /^(B|GP|MO)_Standard_([A-Z][A-Za-z0-9]*(?:_v[0-9]+)?)$/;

/**
 * The compute sizes flexible server offers in each tier (`<tier>_Standard_<size>`), as series
 * (`#` stands for the vCPU count) and their vCPU counts: Burstable B-series; General Purpose Dsv3,
 * Ddsv4, Ddsv5, Dadsv5; Memory Optimized Esv3, Edsv4, Edsv5, Eadsv5. Regions offer subsets:
 * `az postgres flexible-server list-skus --location <region>` lists a region's.
 *
 * @see https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-compute
 */
export const POSTGRES_SKU_SERIES: Readonly<Record<'B' | 'GP' | 'MO', readonly (readonly [string, readonly number[]])[]>> = {
  B: [
    ['B#s', [2]],
    ['B#ms', [1, 2, 4, 8, 12, 16, 20]],
  ],
  GP: [
    ['D#s_v3', [2, 4, 8, 16, 32, 48, 64]],
    ['D#ds_v4', [2, 4, 8, 16, 32, 48, 64]],
    ['D#ds_v5', [2, 4, 8, 16, 32, 48, 64, 96]],
    ['D#ads_v5', [2, 4, 8, 16, 32, 48, 64, 96]],
  ],
  MO: [
    ['E#s_v3', [2, 4, 8, 16, 32, 48, 64]],
    ['E#ds_v4', [2, 4, 8, 16, 20, 32, 48, 64]],
    ['E#ds_v5', [2, 4, 8, 16, 20, 32, 48, 64, 96]],
    ['E#ads_v5', [2, 4, 8, 16, 20, 32, 48, 64, 96]],
  ],
};

/** Every size of a tier, e.g. `D2ds_v5`. */
export function postgresSkuSizes(tier: keyof typeof POSTGRES_SKU_SERIES): string[] {
  return POSTGRES_SKU_SERIES[tier].flatMap(([series, vcpus]) => vcpus.map((n) => series.replace('#', String(n))));
}

/** Tier names for messages. */
const SKU_TIERS = { B: 'Burstable', GP: 'General Purpose', MO: 'Memory Optimized' } as const;

/** Whether a SKU is in the Burstable tier (no high availability there). */
export function isBurstableSku(sku: string): boolean {
  return sku.startsWith('B_');
}

/** Checks a PostgreSQL major version. */
export function postgresVersionProblem(version: string): string | undefined {
  return (POSTGRES_VERSIONS as readonly string[]).includes(version)
    ? undefined
    : `is not a PostgreSQL major version azurerm 4.55 accepts; use one of ${POSTGRES_VERSIONS.join(', ')}`;
}

/** Checks a compute SKU name such as `GP_Standard_D2ds_v5`: its form, then its size against the tier's {@link POSTGRES_SKU_SERIES}. */
export function skuProblem(sku: string): string | undefined {
  const m = SKU.exec(sku);
  if (!m) {
    return 'is not a flexible server SKU; use <tier>_Standard_<size> with tier B (Burstable), GP (General Purpose) or MO (Memory Optimized), e.g. "GP_Standard_D2ds_v5" or "B_Standard_B1ms"';
  }
  const tier = m[1] as keyof typeof POSTGRES_SKU_SERIES;
  if (postgresSkuSizes(tier).includes(m[2]!)) return undefined;
  const series = POSTGRES_SKU_SERIES[tier].map(([s, vcpus]) => s.replace('#', vcpus.length > 1 ? `{${vcpus.join(',')}}` : String(vcpus[0])));
  return `is not a ${SKU_TIERS[tier]} size flexible server offers; use ${tier}_Standard_<size> with size ${series.join(', ')} ({...}: one of the vCPU counts)`;
}

/** Checks a storage size in MiB against the enumerated sizes. */
export function storageMbProblem(mb: number): string | undefined {
  return (POSTGRES_STORAGE_MB as readonly number[]).includes(mb)
    ? undefined
    : `is not a storage size flexible server offers; use one of ${POSTGRES_STORAGE_MB.join(', ')} (MiB)`;
}

/** Checks a backup retention in days. */
export function backupRetentionProblem(days: number): string | undefined {
  const { minBackupRetentionDays: min, maxBackupRetentionDays: max } = AZURE_POSTGRES_LIMITS;
  return Number.isInteger(days) && days >= min && days <= max
    ? undefined
    : `is not an allowed backup retention; use a whole number of days from ${min} to ${max}`;
}

/** Checks that high availability is not asked of a Burstable SKU. */
export function haProblem(mode: PostgresHaMode, sku: string): string | undefined {
  return mode !== 'Disabled' && isBurstableSku(sku)
    ? `is not available on the Burstable SKU "${sku}"; use highAvailability: Disabled, or a GP_ or MO_ SKU`
    : undefined;
}

/**
 * Checks a flexible server name: 3-63 lowercase letters, digits and hyphens, no hyphen at either end.
 * The name is also a DNS label under `postgres.database.azure.com`, so it must be globally unique.
 */
export function serverNameProblem(name: string): string | undefined {
  const { minServerNameLength: min, maxServerNameLength: max } = AZURE_POSTGRES_LIMITS;
  const rule = `use ${min}-${max} lowercase letters, digits and "-", starting and ending with a letter or digit`;
  if (name.length < min || name.length > max) return `is not a valid server name (${name.length} characters); ${rule}`;
  if (!/^[a-z0-9-]+$/.test(name)) return `is not a valid server name (only lowercase letters, digits and "-" are allowed); ${rule}`;
  if (name.startsWith('-') || name.endsWith('-')) return `is not a valid server name (it starts or ends with "-"); ${rule}`;
  return undefined;
}

/**
 * Checks a Key Vault name: 3-24 letters, digits and hyphens, starting with a letter, ending with a
 * letter or digit, no `--`. Key Vault names are global and, with purge protection, stay reserved
 * for the soft-delete period after the vault is deleted.
 */
export function keyVaultNameProblem(name: string): string | undefined {
  const { minKeyVaultNameLength: min, maxKeyVaultNameLength: max } = AZURE_POSTGRES_LIMITS;
  const rule = `use ${min}-${max} letters, digits and "-", starting with a letter, ending with a letter or digit, without "--"`;
  if (name.length < min || name.length > max) return `is not a valid Key Vault name (${name.length} characters); ${rule}`;
  if (!/^[A-Za-z0-9-]+$/.test(name)) return `is not a valid Key Vault name (only letters, digits and "-" are allowed); ${rule}`;
  if (!/^[A-Za-z]/.test(name)) return `is not a valid Key Vault name (it does not start with a letter); ${rule}`;
  if (name.endsWith('-')) return `is not a valid Key Vault name (it ends with "-"); ${rule}`;
  if (name.includes('--')) return `is not a valid Key Vault name (it contains "--"); ${rule}`;
  return undefined;
}

/** Checks the administrator login: a PostgreSQL role name the service does not reserve. */
export function administratorLoginProblem(login: string): string | undefined {
  const lower = login.toLowerCase();
  if ((RESERVED_ADMIN_LOGINS as readonly string[]).includes(lower)) {
    return `is a reserved login; use another name (not ${RESERVED_ADMIN_LOGINS.join(', ')}, and not starting with "pg_"), e.g. "pgadmin"`;
  }
  if (lower.startsWith('pg_')) return 'is not allowed: logins starting with "pg_" are reserved; use another name, e.g. "pgadmin"';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(login)) {
    return 'is not a valid login; use 1-63 lowercase letters, digits and "_", starting with a letter or "_"';
  }
  return undefined;
}

/** Checks the application database name: a plain lowercase PostgreSQL identifier. */
export function databaseNameProblem(name: string): string | undefined {
  if ((RESERVED_DATABASE_NAMES as readonly string[]).includes(name)) {
    return `is a reserved database; use another name (not ${RESERVED_DATABASE_NAMES.join(', ')})`;
  }
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    return 'is not a valid database name; use 1-63 lowercase letters, digits and "_", starting with a letter or "_"';
  }
  return undefined;
}
