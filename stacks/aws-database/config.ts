import { z } from 'zod';
import { defineSection, type ParsedEnvironment, problemContext, type ReportProblem } from '../../modules/core/config/section';
import { awsNetworkSection } from '../aws-network/config';
import type { EnvironmentCore } from '../environment/config';
import {
  DEFAULT_RDS_ALARM_THRESHOLDS as ALARM,
  RDS_CA_CERTIFICATES,
  RDS_GP3_STORAGE_GB,
  RDS_MONITORING_INTERVALS,
  backupWindowProblem,
  engineVersionProblem,
  instanceClassProblem,
  maintenanceWindowProblem,
  performanceInsightsRetentionProblem,
  postgresMajor,
  postgresNameProblem,
  rdsIdentifierProblem,
  windowsOverlap,
} from '../../modules/aws/rds-limits';
import { RDS_PARAMETER_NAME, mergeRdsParameters, rdsParameterProblem } from '../../modules/aws/rds-parameters';
import { POSTGRES_DATABASE_DEFAULTS, POSTGRES_DATABASE_LIMITS } from '../../modules/aws/postgres-database';
import { CLOUDWATCH_RETENTION_DAYS } from '../../modules/aws/log-retention';
import { isPrivate, parseCidr } from '../../modules/core/cidr';
import { ipv4Cidr } from '../../modules/core/config/primitives';

/** A string field checked by one of the rds-limits functions. */
function checked(problem: (v: string) => string | undefined) {
  return z.string().superRefine((v, ctx) => {
    const message = problem(v);
    if (message) ctx.addIssue({ code: 'custom', input: v, message });
  });
}

const GIB = 1024 ** 3;

const ReadReplicaSchema = z.strictObject({
  /** Create a read replica of the primary in the same region (`<identifier>-replica`). */
  enabled: z.boolean().default(false),
  /** Instance class of the replica. @default - the primary's class */
  instanceClass: checked(instanceClassProblem).optional(),
});

const AlarmsSchema = z.strictObject({
  /** Create the CloudWatch alarms and their SNS topic. */
  enabled: z.boolean().default(true),
  /** Alarm when average CPU stays above this percentage for 15 minutes. @default 80 */
  cpuPercent: z.number().min(1).max(100).default(ALARM.cpuPercent),
  /** Alarm when free storage falls below this many bytes. @default 5 GiB */
  freeStorageBytes: z.number().int().min(1).default(ALARM.freeStorageBytes),
  /** Alarm when freeable memory falls below this many bytes. @default 256 MiB */
  freeableMemoryBytes: z.number().int().min(1).default(ALARM.freeableMemoryBytes),
  /** Alarm when open connections exceed this number (size it below `max_connections`). @default 400 */
  connections: z.number().int().min(1).default(ALARM.connections),
  /** Alarm when the read replica lags the primary by more than this many seconds. @default 300 */
  replicaLagSeconds: z.number().int().min(1).default(ALARM.replicaLagSeconds),
  /** E-mail addresses subscribed to the alarm topic (each must confirm). @default - none */
  emails: z.array(z.email({ message: 'is not an e-mail address; use e.g. "oncall@example.com"' })).default([]),
});

const parameterValue = z.union([z.string(), z.number()]).transform((v) => String(v));

/**
 * `aws.database`: the RDS for PostgreSQL primary of the `<env>-aws-database` stack, the source of
 * the AWS-to-GCP DMS replication link.
 */
export const AwsDatabaseConfigSchema = z.strictObject({
  /** Create the `<env>-aws-database` stack (needs `aws.network`). @default false */
  enabled: z.boolean().default(false),
  /** RDS DB identifier of the primary. @default "<env>-postgres" */
  identifier: checked(rdsIdentifierProblem).optional(),
  /** RDS for PostgreSQL 17 minor version (see modules/aws/rds-limits.ts). @default "17.6" */
  engineVersion: checked(engineVersionProblem).default(POSTGRES_DATABASE_DEFAULTS.engineVersion),
  /** Instance class, `db.<family>.<size>`. @default "db.m7g.large" (Graviton) */
  instanceClass: checked(instanceClassProblem).default(POSTGRES_DATABASE_DEFAULTS.instanceClass),
  /** Initial gp3 storage in GiB (20-65536). @default 20 */
  allocatedStorageGb: z.number().int().min(RDS_GP3_STORAGE_GB.min).max(RDS_GP3_STORAGE_GB.max).default(POSTGRES_DATABASE_DEFAULTS.allocatedStorageGb),
  /** Storage autoscaling ceiling in GiB, above `allocatedStorageGb`. @default - max(100, 2 x allocatedStorageGb) */
  maxAllocatedStorageGb: z.number().int().min(RDS_GP3_STORAGE_GB.min + 1).max(RDS_GP3_STORAGE_GB.max).optional(),
  /** Run a synchronous standby in a second availability zone. @default true */
  multiAz: z.boolean().default(POSTGRES_DATABASE_DEFAULTS.multiAz),
  /** Refuse API deletion of the instance (and replica). @default true */
  deletionProtection: z.boolean().default(POSTGRES_DATABASE_DEFAULTS.deletionProtection),
  /** Delete without a final snapshot `<identifier>-final`. @default false */
  skipFinalSnapshot: z.boolean().default(POSTGRES_DATABASE_DEFAULTS.skipFinalSnapshot),
  /** Days of automated backups / point-in-time recovery (0 turns backups off; a read replica needs 1-35). @default 7 */
  backupRetentionDays: z.number().int().min(POSTGRES_DATABASE_LIMITS.backupRetentionDays.min).max(POSTGRES_DATABASE_LIMITS.backupRetentionDays.max).default(POSTGRES_DATABASE_DEFAULTS.backupRetentionDays),
  /** Daily backup window, `hh24:mi-hh24:mi` UTC, >= 30 minutes. @default "03:00-04:00" */
  backupWindow: checked(backupWindowProblem).default(POSTGRES_DATABASE_DEFAULTS.backupWindow),
  /** Weekly maintenance window, `ddd:hh24:mi-ddd:hh24:mi` UTC, not overlapping the backup window. @default "sun:04:30-sun:05:30" */
  maintenanceWindow: checked(maintenanceWindowProblem).default(POSTGRES_DATABASE_DEFAULTS.maintenanceWindow),
  /** Let RDS apply minor engine upgrades in the maintenance window. @default true */
  autoMinorVersionUpgrade: z.boolean().default(POSTGRES_DATABASE_DEFAULTS.autoMinorVersionUpgrade),
  /** Apply changes now instead of in the next maintenance window. @default false */
  applyImmediately: z.boolean().default(POSTGRES_DATABASE_DEFAULTS.applyImmediately),
  /** CA of the server certificate. @default "rds-ca-rsa2048-g1" */
  caCertIdentifier: z.enum(RDS_CA_CERTIFICATES).default(POSTGRES_DATABASE_DEFAULTS.caCertIdentifier),
  /** Database created with the instance. @default "app" */
  databaseName: checked(postgresNameProblem).default(POSTGRES_DATABASE_DEFAULTS.databaseName),
  /** Master user name; RDS generates and rotates its password in Secrets Manager. @default "postgres" */
  masterUsername: checked(postgresNameProblem).default(POSTGRES_DATABASE_DEFAULTS.masterUsername),
  /** Security groups allowed to connect on 5432 (e.g. application or DMS groups). @default [] */
  allowedSecurityGroupIds: z
    .array(z.string().regex(/^sg-[0-9a-f]{8,17}$/, { message: 'is not a security group id; use "sg-" and 8 or 17 hex digits' }))
    .default([]),
  /** Private CIDR blocks allowed to connect on 5432. @default [] */
  allowedCidrs: z.array(ipv4Cidr).default([]),
  /** Parameter group values merged over the defaults (modules/aws/rds-parameters.ts). @default {} */
  parameters: z
    .record(z.string(), parameterValue)
    .default({})
    .superRefine((params, ctx) => {
      for (const [name, value] of Object.entries(params)) {
        if (!RDS_PARAMETER_NAME.test(name)) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            input: name,
            message: 'is not a PostgreSQL parameter name; use lowercase words joined by "_" or ".", e.g. "log_min_duration_statement"',
          });
          continue;
        }
        const message = rdsParameterProblem(name, value);
        if (message) ctx.addIssue({ code: 'custom', path: [name], input: value, message });
      }
    }),
  /** A same-region read replica. @default { enabled: false } */
  readReplica: ReadReplicaSchema.prefault({}),
  /** CloudWatch alarms (to an encrypted SNS topic). */
  alarms: AlarmsSchema.prefault({}),
  /** Performance Insights retention: 7, a multiple of 31 up to 713, or 731 days. @default 7 */
  performanceInsightsRetentionDays: z
    .number()
    .int()
    .superRefine((v, ctx) => {
      const message = performanceInsightsRetentionProblem(v);
      if (message) ctx.addIssue({ code: 'custom', input: v, message });
    })
    .default(POSTGRES_DATABASE_DEFAULTS.performanceInsightsRetentionDays),
  /** Enhanced Monitoring interval in seconds (0 turns it off). @default 60 */
  monitoringIntervalSeconds: z.literal(RDS_MONITORING_INTERVALS).default(POSTGRES_DATABASE_DEFAULTS.monitoringIntervalSeconds),
  /** Retention of the PostgreSQL and upgrade log groups, in days. @default 365 */
  logRetentionDays: z.literal(CLOUDWATCH_RETENTION_DAYS).default(POSTGRES_DATABASE_DEFAULTS.logRetentionDays),
});

export type AwsDatabaseConfig = z.infer<typeof AwsDatabaseConfigSchema>;


/**
 * The final DB parameter group values of the environment's RDS primary: the defaults of
 * modules/aws/rds-parameters.ts with `aws.database.parameters` on top (the DR link checks them).
 */
export function effectiveRdsParameters(db: Pick<AwsDatabaseConfig, 'parameters'>): Record<string, string> {
  const overrides = Object.entries(db.parameters ?? {}).map(([k, v]) => [k, String(v)]);
  return mergeRdsParameters(Object.fromEntries(overrides));
}

/** The PostgreSQL major version of the environment's RDS primary (17). */
export function rdsEngineMajor(db: Pick<AwsDatabaseConfig, 'engineVersion'>): number {
  return postgresMajor(db.engineVersion);
}

/** The RDS DB identifier of the environment's primary: `aws.database.identifier`, else `<env>-postgres`. */
export function rdsIdentifier(envName: string, db: Pick<AwsDatabaseConfig, 'identifier'>): string {
  return db.identifier ?? `${envName}-postgres`;
}

/** The storage autoscaling ceiling: `maxAllocatedStorageGb`, else max(100, 2 x allocated). */
export function rdsMaxAllocatedStorageGb(db: Pick<AwsDatabaseConfig, 'allocatedStorageGb' | 'maxAllocatedStorageGb'>): number {
  return db.maxAllocatedStorageGb ?? Math.min(RDS_GP3_STORAGE_GB.max, Math.max(100, 2 * db.allocatedStorageGb));
}

const REPLICA_SUFFIX = '-replica';

/** Checks across the fields of `aws.database` (the DR link's own needs are checked by the `dr` section). */
export function checkAwsDatabase(db: AwsDatabaseConfig, env: ParsedEnvironment<EnvironmentCore>, report: ReportProblem): void {
  const ctx = problemContext(report);
  const at = (field: string, ...rest: string[]) => ['aws', 'database', field, ...rest];
  const allocated = typeof db.allocatedStorageGb === 'number' ? db.allocatedStorageGb : RDS_GP3_STORAGE_GB.min;

  if (typeof db.maxAllocatedStorageGb === 'number' && db.maxAllocatedStorageGb <= allocated) {
    ctx.addIssue({
      code: 'custom',
      path: at('maxAllocatedStorageGb'),
      input: db.maxAllocatedStorageGb,
      message: `is not above allocatedStorageGb (${allocated}); use a larger ceiling for storage autoscaling, e.g. ${Math.max(100, 2 * allocated)}`,
    });
  }

  const replica = db.readReplica?.enabled === true;
  const retention = db.backupRetentionDays ?? 7;
  if (replica && retention === 0) {
    ctx.addIssue({
      code: 'custom',
      path: at('backupRetentionDays'),
      input: retention,
      message: 'turns automated backups off, but readReplica.enabled needs them on the source; use 1-35 days',
    });
  }

  const identifier = rdsIdentifier(env.core.name, db);
  if (replica && typeof identifier === 'string' && identifier.length + REPLICA_SUFFIX.length > 63) {
    ctx.addIssue({
      code: 'custom',
      path: at('identifier'),
      input: identifier,
      message: `is too long for a read replica named "<identifier>${REPLICA_SUFFIX}"; use at most ${63 - REPLICA_SUFFIX.length} characters`,
    });
  }

  const backupWindow = typeof db.backupWindow === 'string' ? db.backupWindow : '03:00-04:00';
  const maintenanceWindow = typeof db.maintenanceWindow === 'string' ? db.maintenanceWindow : 'sun:04:30-sun:05:30';
  if (windowsOverlap(backupWindow, maintenanceWindow)) {
    ctx.addIssue({
      code: 'custom',
      path: at('maintenanceWindow'),
      input: maintenanceWindow,
      message: `overlaps the daily backupWindow "${backupWindow}"; RDS needs them apart, use a maintenance window outside it`,
    });
  }

  for (const [i, cidr] of (Array.isArray(db.allowedCidrs) ? db.allowedCidrs : []).entries()) {
    if (typeof cidr !== 'string' || parseCidr(cidr).error) continue;
    if (!isPrivate(cidr)) {
      ctx.addIssue({
        code: 'custom',
        path: [...at('allowedCidrs'), i],
        input: cidr,
        message: 'is not a private range; the database is private, admit only RFC 1918 / RFC 6598 ranges (VPC, VPN peers)',
      });
    }
  }

  const freeStorage = db.alarms?.freeStorageBytes;
  if (db.alarms?.enabled !== false && typeof freeStorage === 'number' && freeStorage >= allocated * GIB) {
    ctx.addIssue({
      code: 'custom',
      path: at('alarms', 'freeStorageBytes'),
      input: freeStorage,
      message: `is not below the allocated storage (${allocated} GiB = ${allocated * GIB} bytes), so the alarm would always fire; use a smaller threshold`,
    });
  }

  if (db.enabled === true && env.get(awsNetworkSection)?.enabled === false) {
    ctx.addIssue({
      code: 'custom',
      path: at('enabled'),
      input: true,
      message: 'needs the AWS network (the database subnets); set aws.network.enabled: true or aws.database.enabled: false',
    });
  }
}

/** `aws.database`, owned by the `aws-database` stack family. */
export const awsDatabaseSection = defineSection({
  path: 'aws.database',
  schema: AwsDatabaseConfigSchema,
  optional: true,
  check: checkAwsDatabase,
});
