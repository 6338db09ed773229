import { z } from 'zod';
import {
  CLOUD_SQL_AVAILABILITY_TYPES,
  CLOUD_SQL_DEFAULTS,
  CLOUD_SQL_EDITIONS,
  CLOUD_SQL_LIMITS,
  CLOUD_SQL_POSTGRES_VERSIONS,
  CLOUD_SQL_SSL_MODES,
  CLOUD_SQL_UPDATE_TRACKS,
  type CloudSqlAvailabilityType,
  type CloudSqlEdition,
  type CloudSqlSslMode,
  cloudSqlInstanceNameProblem,
  cloudSqlTierProblem,
  defaultCloudSqlFlags,
  defaultCloudSqlTier,
  postgresMajor,
  postgresNameProblem,
  sizedMaxConnections,
  transactionLogRetentionProblem,
} from '../../modules/gcp/cloud-sql-rules';
import { defineSection, type ParsedEnvironment, type ReportProblem } from '../../modules/core/config/section';
import type { EnvironmentCore } from '../environment/config';
import { gcpNetworkSection } from '../gcp-network/config';

/** A string field checked by one of the Cloud SQL rules. */
function ruled(problem: (v: string) => string | undefined) {
  return z.string().superRefine((v, ctx) => {
    const message = problem(v);
    if (message) ctx.addIssue({ code: 'custom', input: v, message });
  });
}

const flagValue = z
  .union([z.string(), z.number(), z.boolean()])
  .transform((v) => (typeof v === 'boolean' ? (v ? 'on' : 'off') : String(v)));

const BackupSchema = z.strictObject({
  /** Automated daily backups. Default true (required for PITR and for REGIONAL). */
  enabled: z.boolean().default(CLOUD_SQL_DEFAULTS.enableBackups),
  /** Start of the daily backup window, `HH:MM` UTC. Default `03:00`. */
  startTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'is not a time of day; use HH:MM in 24-hour UTC, e.g. "03:00"' })
    .default(CLOUD_SQL_DEFAULTS.backupStartTime),
  /** Point-in-time recovery (write-ahead logs kept for `transactionLogRetentionDays`). Default true. */
  pointInTimeRecovery: z.boolean().default(CLOUD_SQL_DEFAULTS.enablePointInTimeRecovery),
  /** How many automated backups to keep, 1-365. Default 14. */
  retainedBackups: z.number().int().min(1).max(CLOUD_SQL_LIMITS.maxRetainedBackups).default(CLOUD_SQL_DEFAULTS.retainedBackups),
  /** Days of transaction logs kept for PITR: 1-7 on ENTERPRISE, 1-35 on ENTERPRISE_PLUS; at most retainedBackups. Default 7. */
  transactionLogRetentionDays: z.number().int().min(1).max(CLOUD_SQL_LIMITS.maxLogDaysEnterprisePlus).default(CLOUD_SQL_DEFAULTS.transactionLogRetentionDays),
});

const MaintenanceWindowSchema = z.strictObject({
  /** Day of the week, 1 (Monday) to 7 (Sunday). Default 7. */
  day: z.number().int().min(1).max(7).default(CLOUD_SQL_DEFAULTS.maintenanceDay),
  /** Hour of the day, 0-23 UTC. Default 4. */
  hour: z.number().int().min(0).max(23).default(CLOUD_SQL_DEFAULTS.maintenanceHour),
  /** `canary`, `stable` or `week5` (when updates arrive). Default `stable`. */
  updateTrack: z.enum(CLOUD_SQL_UPDATE_TRACKS).default(CLOUD_SQL_DEFAULTS.maintenanceUpdateTrack),
});

const FLAG_NAME = /^[a-z][a-z0-9_.]*$/;

const serviceAccountEmail = z
  .string()
  .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z][a-z0-9-]{4,28}[a-z0-9]\.iam\.gserviceaccount\.com$/, {
    message: 'is not a user-managed service account email; use "<account>@<project>.iam.gserviceaccount.com"',
  });

/**
 * `gcp.database`: the Cloud SQL for PostgreSQL instance of the `<env>-gcp-database` stack, the
 * standby of the AWS-to-GCP DR link. Private IP only, TLS only, deletion-protected, with backups
 * and point-in-time recovery.
 */
export const GcpDatabaseConfigSchema = z.strictObject({
  /** Create the `<env>-gcp-database` stack. Default false. */
  enabled: z.boolean().default(false),
  /** Cloud SQL instance id. Default `<env>-postgres`. Not reusable for about a week after deletion. */
  instanceName: ruled(cloudSqlInstanceNameProblem).optional(),
  /** `POSTGRES_14` to `POSTGRES_17`; match the AWS source's major for the DR link. Default `POSTGRES_17`. */
  databaseVersion: z.enum(CLOUD_SQL_POSTGRES_VERSIONS).default(CLOUD_SQL_DEFAULTS.databaseVersion),
  /** `ENTERPRISE` or `ENTERPRISE_PLUS` (decides the allowed tiers and log retention). Default `ENTERPRISE`. */
  edition: z.enum(CLOUD_SQL_EDITIONS).default(CLOUD_SQL_DEFAULTS.edition),
  /** Machine type, checked against the edition. Default `db-custom-2-7680` (ENTERPRISE) or `db-perf-optimized-N-2` (ENTERPRISE_PLUS). */
  tier: z
    .string()
    .regex(/^db-[A-Za-z0-9-]+$/, {
      message: 'is not a Cloud SQL machine type; use e.g. "db-custom-2-7680" or "db-perf-optimized-N-2"',
    })
    .optional(),
  /** `REGIONAL` (HA standby in a second zone) or `ZONAL`. Default `REGIONAL`. */
  availabilityType: z.enum(CLOUD_SQL_AVAILABILITY_TYPES).default(CLOUD_SQL_DEFAULTS.availabilityType),
  /** Initial SSD size in GB, at least 10. Default 20. */
  diskSizeGb: z.number().int().min(CLOUD_SQL_LIMITS.minDiskGb).max(CLOUD_SQL_LIMITS.maxDiskGb).default(CLOUD_SQL_DEFAULTS.diskSizeGb),
  /** Ceiling of automatic disk growth in GB: 0 = unlimited, else at least diskSizeGb. Default 0. */
  diskAutoresizeLimitGb: z.number().int().min(0).max(CLOUD_SQL_LIMITS.maxDiskGb).default(CLOUD_SQL_DEFAULTS.diskAutoresizeLimitGb),
  /** Automated backups and point-in-time recovery. */
  backup: BackupSchema.prefault({}),
  /** Weekly maintenance window. Default Sunday 04:00 UTC, stable track. */
  maintenanceWindow: MaintenanceWindowSchema.prefault({}),
  /** Deletion protection at both the Terraform and the Cloud SQL API level. Default true. */
  deletionProtection: z.boolean().default(CLOUD_SQL_DEFAULTS.deletionProtection),
  /** Application database created on the instance. Default `app`. */
  databaseName: ruled(postgresNameProblem).default(CLOUD_SQL_DEFAULTS.databaseName),
  /** Built-in application user; its generated password is kept in Secret Manager. Default `app`. */
  userName: ruled(postgresNameProblem).default(CLOUD_SQL_DEFAULTS.userName),
  /** Service accounts that log in with IAM database authentication (no password). Default none. */
  iamServiceAccounts: z.array(serviceAccountEmail).default([]),
  /** Extra database flags, merged over the defaults (see docs/gcp-database.md). Default none. */
  flags: z
    .record(z.string(), flagValue)
    .superRefine((flags, ctx) => {
      for (const name of Object.keys(flags)) {
        if (!FLAG_NAME.test(name)) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            input: name,
            message: 'is not a PostgreSQL flag name; use lowercase letters, digits, "_" and "."',
          });
        }
      }
    })
    .default({}),
  /** `ENCRYPTED_ONLY` (TLS required, server CA verified by clients) or `TRUSTED_CLIENT_CERTIFICATE_REQUIRED`. Default `ENCRYPTED_ONLY`. */
  sslMode: z.enum(CLOUD_SQL_SSL_MODES).default(CLOUD_SQL_DEFAULTS.sslMode),
  /** Query Insights (query plans and statistics, without client addresses). Default true. */
  queryInsights: z.boolean().default(CLOUD_SQL_DEFAULTS.enableQueryInsights),
});

export type GcpDatabaseConfig = z.infer<typeof GcpDatabaseConfigSchema>;

/** The Cloud SQL instance id of an environment: `gcp.database.instanceName`, else `<env>-postgres`. */
export function cloudSqlInstanceName(envName: string, db: Pick<GcpDatabaseConfig, 'instanceName'>): string {
  return db.instanceName ?? `${envName}-postgres`;
}

/** The machine type of an environment's instance: `gcp.database.tier`, else the edition's default. */
export function cloudSqlTier(db: Pick<GcpDatabaseConfig, 'tier' | 'edition'>): string {
  return db.tier ?? defaultCloudSqlTier(db.edition);
}

/** The PostgreSQL major of an environment's Cloud SQL instance, e.g. 17 (the DR link matches RDS to it). */
export function cloudSqlMajor(db: Pick<GcpDatabaseConfig, 'databaseVersion'>): number {
  return postgresMajor(db.databaseVersion);
}

/** The instance's `ssl_mode` (the DR link's DMS endpoint uses `verify-ca` against the server CA). */
export function cloudSqlSslMode(db: Pick<GcpDatabaseConfig, 'sslMode'>): CloudSqlSslMode {
  return db.sslMode;
}

/** `max_connections` of the instance: `flags.max_connections` if set, else sized from the tier. */
export function cloudSqlMaxConnections(db: Pick<GcpDatabaseConfig, 'tier' | 'edition' | 'flags'>): number {
  const set = db.flags?.max_connections;
  return set !== undefined ? Number(set) : sizedMaxConnections(cloudSqlTier(db));
}

/**
 * Every database flag the instance gets: the secure defaults (IAM authentication, logical
 * decoding for failback, connection and lock logging, sized `max_connections`), with the
 * environment's `gcp.database.flags` merged over them. Keys sorted, values strings.
 */
export function effectiveCloudSqlFlags(db: Pick<GcpDatabaseConfig, 'tier' | 'edition' | 'flags'>): Record<string, string> {
  const own = Object.entries(db.flags ?? {}).map(([k, v]) => [k, flagValue.parse(v)] as const);
  const merged: Record<string, string> = { ...defaultCloudSqlFlags(cloudSqlTier(db)), ...Object.fromEntries(own) };
  return Object.fromEntries(
    Object.keys(merged)
      .sort()
      .map((k) => [k, merged[k]!])
  );
}

const PATH = ['gcp', 'database'] as const;

/**
 * Checks of this section that need more than one field (called from checks.ts, also on raw,
 * partly invalid input): the tier against the edition and availability type, the log retention
 * against the edition and backup count, the autoresize limit against the disk size, backups
 * needed by PITR and HA, the instance id length with the project id, and the DR link's needs.
 */
export function checkGcpDatabase(db: GcpDatabaseConfig, env: ParsedEnvironment<EnvironmentCore>, report: ReportProblem): void {
  const add = (path: readonly (string | number)[], input: unknown, message: string) => report([...PATH, ...path], input, message);
  const edition: CloudSqlEdition = db.edition === 'ENTERPRISE_PLUS' ? 'ENTERPRISE_PLUS' : 'ENTERPRISE';
  const availability: CloudSqlAvailabilityType = db.availabilityType === 'ZONAL' ? 'ZONAL' : 'REGIONAL';

  if (typeof db.tier === 'string' && /^db-[A-Za-z0-9-]+$/.test(db.tier)) {
    const problem = cloudSqlTierProblem(db.tier, edition, availability);
    if (problem) add(['tier'], db.tier, problem);
  }

  const disk = typeof db.diskSizeGb === 'number' ? db.diskSizeGb : 20;
  const limit = db.diskAutoresizeLimitGb;
  if (typeof limit === 'number' && limit !== 0 && limit >= 0 && limit < disk) {
    add(['diskAutoresizeLimitGb'], limit, `is below diskSizeGb (${disk}); use 0 (unlimited) or at least ${disk}`);
  }

  const backup: Partial<GcpDatabaseConfig['backup']> = db.backup ?? {};
  const backupsOn = backup.enabled !== false;
  const logDays = backup.transactionLogRetentionDays;
  if (
    typeof logDays === 'number' &&
    Number.isInteger(logDays) &&
    logDays >= 1 &&
    logDays <= CLOUD_SQL_LIMITS.maxLogDaysEnterprisePlus
  ) {
    const problem = transactionLogRetentionProblem(logDays, edition);
    if (problem) add(['backup', 'transactionLogRetentionDays'], logDays, problem);
    const rb = backup.retainedBackups;
    const kept =
      rb === undefined
        ? 14
        : Number.isInteger(rb) && rb >= 1 && rb <= CLOUD_SQL_LIMITS.maxRetainedBackups
        ? rb
        : undefined;
    if (!problem && kept !== undefined && logDays > kept) {
      add(
        ['backup', 'transactionLogRetentionDays'],
        logDays,
        `is more than backup.retainedBackups (${kept}); Cloud SQL needs retainedBackups >= transactionLogRetentionDays, so use at most ${kept} or keep more backups`
      );
    }
  }
  if (!backupsOn && backup.pointInTimeRecovery !== false) {
    add(
      ['backup', 'pointInTimeRecovery'],
      true,
      'is not possible with backup.enabled false; enable backups, or set pointInTimeRecovery: false'
    );
  }
  if (!backupsOn && availability === 'REGIONAL') {
    add(
      ['backup', 'enabled'],
      false,
      'is not allowed with availabilityType REGIONAL (HA needs automated backups); use true, or availabilityType: ZONAL'
    );
  }

  const projectId = env.core.gcp.projectId;
  const name = cloudSqlInstanceName(env.core.name, db);
  if (
    typeof projectId === 'string' &&
    name &&
    projectId.length + 1 + name.length > CLOUD_SQL_LIMITS.maxInstanceNameLength
  ) {
    add(
      ['instanceName'],
      name,
      `is too long for project "${projectId}": "<project>:<instance>" must be at most ${
        CLOUD_SQL_LIMITS.maxInstanceNameLength
      } characters; use at most ${CLOUD_SQL_LIMITS.maxInstanceNameLength - 1 - projectId.length}`
    );
  }

  if (db.enabled === true && env.get(gcpNetworkSection)?.enabled === false) {
    add(
      ['enabled'],
      true,
      'is not possible with gcp.network.enabled false: the instance takes its private IP from that network; enable the network or set enabled: false'
    );
  }
}

/** `gcp.database`, owned by the `gcp-database` stack family. */
export const gcpDatabaseSection = defineSection({
  path: 'gcp.database',
  schema: GcpDatabaseConfigSchema,
  optional: true,
  check: checkGcpDatabase,
});
