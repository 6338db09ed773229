import { z } from 'zod';
import {
  AZURE_ZONES,
  DEFAULT_POSTGRES_VERSION,
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
} from '../../azure/postgres-rules';
import { parseCidr } from '../cidr';

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

/** An IPv4 address (`203.0.113.7`) or CIDR block (`203.0.113.0/28`). */
const ipv4AddressOrCidr = z.string().superRefine((v, ctx) => {
  const problem = parseCidr(v.includes('/') ? v : `${v}/32`).error;
  if (problem) {
    ctx.addIssue({
      code: 'custom',
      message: 'is not an IPv4 address or CIDR block (without host bits); use e.g. "203.0.113.7" or "203.0.113.0/28"',
      input: v,
    });
  }
});

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
  principalType: z.enum(['User', 'Group', 'ServicePrincipal']).default('Group'),
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
  version: z.preprocess(numberAsString, ruled(z.string(), postgresVersionProblem)).default(DEFAULT_POSTGRES_VERSION),
  /** Compute SKU `<B|GP|MO>_Standard_<size>`; Burstable (`B_`) allows no HA. @default "GP_Standard_D2ds_v5" */
  skuName: ruled(z.string(), skuProblem).default('GP_Standard_D2ds_v5'),
  /** Storage size in MiB, one of the sizes the service offers (32768 ... 33553408). @default 32768 */
  storageMb: ruled(z.number().int(), storageMbProblem).default(32768),
  /** Grow storage automatically before it fills up. @default true */
  autoGrow: z.boolean().default(true),
  /** `ZoneRedundant`, `SameZone` or `Disabled`. @default ZoneRedundant */
  highAvailability: z.enum(POSTGRES_HA_MODES).default('ZoneRedundant'),
  /** Availability zone of the primary, `1`-`3`. @default - Azure picks one */
  zone: zone.optional(),
  /** Availability zone of the standby (ZoneRedundant only), differs from `zone`. @default - Azure picks one */
  standbyZone: zone.optional(),
  /** Days of point-in-time backups to keep, 7-35. @default 14 */
  backupRetentionDays: ruled(z.number(), backupRetentionProblem).default(14),
  /** Copy backups to the paired region (set once: changing it recreates the server). @default true */
  geoRedundantBackup: z.boolean().default(true),
  /** Server name (global DNS label). @default - `psql-<env>-<6 hex of the subscription and env>` */
  serverName: ruled(z.string(), serverNameProblem).optional(),
  /** The application database created on the server. @default "app" */
  databaseName: ruled(z.string(), databaseNameProblem).default('app'),
  /** Administrator login (password auth); not a reserved name. @default "pgadmin" */
  administratorLogin: ruled(z.string(), administratorLoginProblem).default('pgadmin'),
  /** Bump to generate and apply a new administrator password. @default 1 */
  administratorPasswordVersion: z.number().int().min(1).default(1),
  /** Expiry date (`YYYY-MM-DD`, UTC) set on the Key Vault secret of the password. @default - no expiry */
  administratorPasswordExpiresOn: z.iso
    .date({ message: 'is not a date; use YYYY-MM-DD, e.g. "2027-06-30"' })
    .optional(),
  /** Custom maintenance window (UTC). @default - Sunday 02:00 */
  maintenanceWindow: MaintenanceWindowSchema.prefault({}),
  /** `log_min_duration_statement` in ms: log slower statements (-1 = off, 0 = all). @default 1000 */
  logMinDurationStatementMs: z.number().int().min(-1).max(2147483647).default(1000),
  /** Entra (Azure AD) principals to make PostgreSQL administrators. @default - none */
  entraAdmins: z.array(EntraAdminSchema).default([]),
  /** Name of the Key Vault that keeps the password (global). @default - `kv-<env>-<6 hex of the subscription and env>` */
  keyVaultName: ruled(z.string(), keyVaultNameProblem).optional(),
  /** Terraform `prevent_destroy` on the server and database; set false to tear the environment down. @default true */
  deletionProtection: z.boolean().default(true),
  /** Public IPs/CIDRs allowed through the Key Vault firewall (the deploying runner's egress). @default - none */
  keyVaultAllowedIpRanges: z.array(ipv4AddressOrCidr).default([]),
});

export type AzureDatabaseConfig = z.infer<typeof AzureDatabaseConfigSchema>;

/**
 * Cross-field checks of `azure.database` (called from checks.ts, also on raw input, so every
 * field is read defensively and defaults are applied by hand).
 */
export function checkAzureDatabase(env: any, ctx: import('zod').RefinementCtx): void {
  const db = env?.azure?.database;
  if (db === null || typeof db !== 'object') return;
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
    db.entraAdmins.forEach((admin: any, i: number) => {
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
