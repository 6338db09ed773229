import { z } from 'zod';
import {
  AZURE_ZONES,
  AZURE_POSTGRES_DEFAULTS,
  POSTGRES_HA_MODES,
  administratorLoginProblem,
  backupRetentionProblem,
  databaseNameProblem,
  haProblem,
  keyVaultNameProblem,
  postgresVersionProblem,
  serverNameProblem,
  skuProblem,
  storageMbProblem,
} from '../../modules/azure/postgres-rules';
import { keyVaultIpRuleProblem } from '../../modules/azure/key-vault';
import { defineSection, problemContext, type ReportProblem } from '../../modules/core/config/section';

/** A schema that also runs one of the shared rules of modules/azure/postgres-rules.ts. */
function ruled<T extends z.ZodType>(schema: T, problem: (value: z.output<T>) => string | undefined) {
  return schema.superRefine((value, ctx) => {
    const message = problem(value as z.output<T>);
    if (message) ctx.addIssue({ code: 'custom', message, input: value });
  });
}

/** YAML reads `16` and `1` as numbers; versions and zones are strings to azurerm. */
const numberAsString = (v: unknown) => (typeof v === 'number' ? String(v) : v);

const zone = z.preprocess(numberAsString, z.enum(AZURE_ZONES));


const MaintenanceWindowSchema = z.strictObject({
  /** Day of the week the window starts on, 0 = Sunday ... 6 = Saturday (UTC). @default 0 */
  dayOfWeek: z.number().int().min(0).max(6).default(0),
  /** Hour the window starts at, 0-23 (UTC). @default 2 */
  startHour: z.number().int().min(0).max(23).default(2),
  /** Minute the window starts at, 0-59. @default 0 */
  startMinute: z.number().int().min(0).max(59).default(0),
});

const EntraAdminSchema = z.strictObject({
  /** Object id (GUID) of the Entra user, group or service principal. */
  objectId: z.guid({ message: 'is not an Entra object id; use the GUID of the user, group or service principal' }),
  /** Its display name (user principal name, group or application name) as PostgreSQL will show it. */
  principalName: z.string().min(1).max(128),
  /** `User`, `Group` or `ServicePrincipal`. @default Group */
  principalType: z.enum(['User', 'Group', 'ServicePrincipal']).default(AZURE_POSTGRES_DEFAULTS.entraAdminPrincipalType),
});

/**
 * `azure.database`: the PostgreSQL flexible server of the `<env>-azure-database` stack.
 *
 * Secure defaults: private (delegated subnet, no public access), zone-redundant HA, auto-grow,
 * geo-redundant backups, TLS required, Entra and password auth with the generated password kept
 * in a Key Vault and passed to the server write-only.
 */
export const AzureDatabaseConfigSchema = z.strictObject({
  /** Create the `<env>-azure-database` stack (needs `azure.network`). @default false */
  enabled: z.boolean().default(false),
  /** PostgreSQL major version, `11` to `18`. @default "18" (the newest azurerm 4.55 accepts) */
  version: z.preprocess(numberAsString, ruled(z.string(), postgresVersionProblem)).default(AZURE_POSTGRES_DEFAULTS.version),
  /** Compute SKU `<B|GP|MO>_Standard_<size>`; Burstable (`B_`) allows no HA. @default "GP_Standard_D2ds_v5" */
  skuName: ruled(z.string(), skuProblem).default(AZURE_POSTGRES_DEFAULTS.skuName),
  /** Storage size in MiB, one of the sizes the service offers (32768 ... 33553408). @default 32768 */
  storageMb: ruled(z.number().int(), storageMbProblem).default(AZURE_POSTGRES_DEFAULTS.storageMb),
  /** Grow storage automatically before it fills up. @default true */
  autoGrow: z.boolean().default(AZURE_POSTGRES_DEFAULTS.enableAutoGrow),
  /** `ZoneRedundant`, `SameZone` or `Disabled`. @default ZoneRedundant */
  highAvailability: z.enum(POSTGRES_HA_MODES).default(AZURE_POSTGRES_DEFAULTS.highAvailability),
  /** Availability zone of the primary, `1`-`3`. @default - Azure picks one */
  zone: zone.optional(),
  /** Availability zone of the standby (ZoneRedundant only), differs from `zone`. @default - Azure picks one */
  standbyZone: zone.optional(),
  /** Days of point-in-time backups to keep, 7-35. @default 14 */
  backupRetentionDays: ruled(z.number(), backupRetentionProblem).default(AZURE_POSTGRES_DEFAULTS.backupRetentionDays),
  /** Copy backups to the paired region (set once: changing it recreates the server). @default true */
  geoRedundantBackup: z.boolean().default(AZURE_POSTGRES_DEFAULTS.enableGeoRedundantBackup),
  /** Server name (global DNS label). @default - `psql-<env>-<6 hex of the subscription and env>` */
  serverName: ruled(z.string(), serverNameProblem).optional(),
  /** The application database created on the server. @default "app" */
  databaseName: ruled(z.string(), databaseNameProblem).default(AZURE_POSTGRES_DEFAULTS.databaseName),
  /** Administrator login (password auth); not a reserved name. @default "pgadmin" */
  administratorLogin: ruled(z.string(), administratorLoginProblem).default(AZURE_POSTGRES_DEFAULTS.administratorLogin),
  /** Bump to generate and apply a new administrator password. @default 1 */
  administratorPasswordVersion: z.number().int().min(1).default(AZURE_POSTGRES_DEFAULTS.administratorPasswordVersion),
  /** Expiry date (`YYYY-MM-DD`, UTC) set on the Key Vault secret of the password. @default - no expiry */
  administratorPasswordExpiresOn: z.iso
    .date({ message: 'is not a date; use YYYY-MM-DD, e.g. "2027-06-30"' })
    .optional(),
  /** Custom maintenance window (UTC). @default - Sunday 02:00 */
  maintenanceWindow: MaintenanceWindowSchema.prefault({}),
  /** `log_min_duration_statement` in ms: log slower statements (-1 = off, 0 = all). @default 1000 */
  logMinDurationStatementMs: z.number().int().min(-1).max(2147483647).default(AZURE_POSTGRES_DEFAULTS.logMinDurationStatementMs),
  /** Entra (Azure AD) principals to make PostgreSQL administrators. @default - none */
  entraAdmins: z.array(EntraAdminSchema).default([]),
  /** Name of the Key Vault that keeps the password (global). @default - `kv-<env>-<6 hex of the subscription and env>` */
  keyVaultName: ruled(z.string(), keyVaultNameProblem).optional(),
  /** Terraform `prevent_destroy` on the server and database; set false to tear the environment down. @default true */
  deletionProtection: z.boolean().default(AZURE_POSTGRES_DEFAULTS.enableDeletionProtection),
  /**
   * Public IPs/CIDRs (/24 or narrower) allowed through the Key Vault firewall: the deploying
   * runner's egress. Listing any opens the vault's public endpoint (behind that firewall); never
   * any-address or private ranges. @default - none: the vault is reached through its private endpoint only
   */
  keyVaultAllowedIpRanges: z.array(ruled(z.string(), keyVaultIpRuleProblem)).default([]),
});

export type AzureDatabaseConfig = z.infer<typeof AzureDatabaseConfigSchema>;

/** Checks across the fields of `azure.database`. */
export function checkAzureDatabase(db: AzureDatabaseConfig, _env: unknown, report: ReportProblem): void {
  const ctx = problemContext(report);
  const path = (field: string) => ['azure', 'database', field];
  const sku = typeof db.skuName === 'string' ? db.skuName : 'GP_Standard_D2ds_v5';
  const ha = (POSTGRES_HA_MODES as readonly unknown[]).includes(db.highAvailability) ? db.highAvailability : 'ZoneRedundant';
  const haMessage = haProblem(ha, sku);
  if (haMessage) ctx.addIssue({ code: 'custom', path: path('highAvailability'), input: ha, message: haMessage });
  const standby = db.standbyZone === undefined ? undefined : String(db.standbyZone);
  if (standby !== undefined && ha !== 'ZoneRedundant') {
    ctx.addIssue({
      code: 'custom',
      path: path('standbyZone'),
      input: db.standbyZone,
      message: `is not used with highAvailability ${ha}; remove it, or use highAvailability: ZoneRedundant`,
    });
  } else if (standby !== undefined && db.zone !== undefined && standby === String(db.zone)) {
    ctx.addIssue({
      code: 'custom',
      path: path('standbyZone'),
      input: db.standbyZone,
      message: `is not a different zone from zone ${String(db.zone)}; use another of 1, 2, 3 for a zone-redundant standby`,
    });
  }
  if (Array.isArray(db.entraAdmins)) {
    const seen = new Set<string>();
    db.entraAdmins.forEach((admin, i) => {
      const id = typeof admin?.objectId === 'string' ? admin.objectId.toLowerCase() : undefined;
      if (id === undefined) return;
      if (seen.has(id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['azure', 'database', 'entraAdmins', i, 'objectId'],
          input: admin.objectId,
          message: 'is not unique; list each Entra principal once',
        });
      }
      seen.add(id);
    });
  }
}

/** `azure.database`, owned by the `azure-database` stack family. */
export const azureDatabaseSection = defineSection({
  path: 'azure.database',
  schema: AzureDatabaseConfigSchema,
  optional: true,
  check: checkAzureDatabase,
});
