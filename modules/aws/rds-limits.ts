import { CLOUDWATCH_RETENTION_DAYS } from './log-retention';

/**
 * What RDS for PostgreSQL accepts: engine versions, instance classes, names, windows and ranges.
 *
 * Pure functions shared by the `aws.database` config section and the {@link PostgresDatabase}
 * construct. Each check returns `undefined` when the value is fine, else the message part of an
 * error ("is not ...; use ..."), which the caller prefixes with the field or prop and the value.
 */

/**
 * RDS for PostgreSQL 17 minor versions that new instances can be created on.
 *
 * 17.1-17.4 reached the end of standard support on 2026-05-31 and can no longer be created.
 * Refresh with `aws rds describe-db-engine-versions --engine postgres --query "DBEngineVersions[].EngineVersion"`.
 *
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-versions.html
 */
export const RDS_POSTGRES_VERSIONS: readonly string[] = ['17.5', '17.6', '17.7', '17.8', '17.9', '17.10'];

/** The engine version new databases get when none is configured. */
export const DEFAULT_RDS_POSTGRES_VERSION = '17.6';

/** The instance class new databases get when none is configured (Graviton, general purpose). */
export const DEFAULT_RDS_INSTANCE_CLASS = 'db.m7g.large';

const T = ['micro', 'small', 'medium', 'large', 'xlarge', '2xlarge'];
const UP_TO_16 = ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'];
const UP_TO_24 = [...UP_TO_16, '24xlarge'];
const UP_TO_32 = [...UP_TO_24, '32xlarge'];
const UP_TO_48 = [...UP_TO_32, '48xlarge'];

/**
 * Instance class families RDS for PostgreSQL offers for single-AZ and Multi-AZ instances, with their sizes.
 *
 * Region availability still varies; `aws rds describe-orderable-db-instance-options --engine postgres`
 * is the authority.
 *
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.SupportAurora.html
 */
export const RDS_POSTGRES_INSTANCE_FAMILIES: Readonly<Record<string, readonly string[]>> = {
  t3: T,
  t4g: T,
  m5: UP_TO_24,
  m5d: UP_TO_24,
  m6g: UP_TO_16,
  m6gd: UP_TO_16,
  m6i: UP_TO_32,
  m6id: UP_TO_32,
  m6idn: UP_TO_32,
  m6in: UP_TO_32,
  m7g: UP_TO_16,
  m7i: UP_TO_48,
  m8g: UP_TO_48,
  r5: UP_TO_24,
  r5b: UP_TO_24,
  r5d: UP_TO_24,
  r6g: UP_TO_16,
  r6gd: UP_TO_16,
  r6i: UP_TO_32,
  r6id: UP_TO_32,
  r6idn: UP_TO_32,
  r6in: UP_TO_32,
  r7g: UP_TO_16,
  r7i: UP_TO_48,
  r8g: UP_TO_48,
  x2g: UP_TO_16,
  x2idn: ['16xlarge', '24xlarge', '32xlarge'],
  x2iedn: ['xlarge', '2xlarge', '4xlarge', '8xlarge', '16xlarge', '24xlarge', '32xlarge'],
  x2iezn: ['2xlarge', '4xlarge', '6xlarge', '8xlarge', '12xlarge'],
};

/** Smallest and largest gp3 storage RDS for PostgreSQL allows, in GiB. */
export const RDS_GP3_STORAGE_GB = { min: 20, max: 65536 } as const;

/** Enhanced Monitoring intervals RDS accepts, in seconds (0 turns it off). */
export const RDS_MONITORING_INTERVALS = [0, 1, 5, 10, 15, 30, 60] as const;

/**
 * Retention periods CloudWatch Logs accepts, in days.
 *
 * @deprecated use CLOUDWATCH_RETENTION_DAYS from ./log-retention (the one list)
 */
export const LOG_RETENTION_DAYS = CLOUDWATCH_RETENTION_DAYS;

/** RDS CA certificates an instance can use (all still valid after the 2024 rotation). */
export const RDS_CA_CERTIFICATES = ['rds-ca-rsa2048-g1', 'rds-ca-rsa4096-g1', 'rds-ca-ecc384-g1'] as const;

/** `"17.6"` -> 17. */
export function postgresMajor(version: string): number {
  return Number.parseInt(version.split('.')[0]!, 10);
}

/** The DB parameter group family of an engine version: `"17.6"` -> `"postgres17"`. */
export function postgresParameterFamily(version: string): string {
  return `postgres${postgresMajor(version)}`;
}

/** Checks an engine version against {@link RDS_POSTGRES_VERSIONS}. */
export function engineVersionProblem(version: string): string | undefined {
  if (RDS_POSTGRES_VERSIONS.includes(version)) return undefined;
  return `is not an RDS for PostgreSQL 17 version new instances can use; use one of ${RDS_POSTGRES_VERSIONS.join(', ')}`;
}

/** Checks an instance class against {@link RDS_POSTGRES_INSTANCE_FAMILIES}. */
export function instanceClassProblem(instanceClass: string): string | undefined {
  const families = Object.keys(RDS_POSTGRES_INSTANCE_FAMILIES);
  const m = /^db\.([a-z0-9]+)\.([a-z0-9]+)$/.exec(instanceClass);
  const family = m?.[1];
  const sizes = family !== undefined ? RDS_POSTGRES_INSTANCE_FAMILIES[family] : undefined;
  if (!m || !sizes) {
    return `is not an RDS for PostgreSQL instance class; use "db.<family>.<size>" with a family of ${families.join(', ')} (e.g. "${DEFAULT_RDS_INSTANCE_CLASS}", "db.t4g.medium")`;
  }
  if (!sizes.includes(m[2]!)) {
    return `is not a size of the db.${family} family; use one of ${sizes.map((s) => `db.${family}.${s}`).join(', ')}`;
  }
  return undefined;
}

/**
 * Checks an RDS DB identifier: 1-63 letters, digits and hyphens, starting with a letter, no trailing
 * hyphen and no two hyphens in a row.
 *
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
 */
export function rdsIdentifierProblem(identifier: string): string | undefined {
  const rule = 'use 1-63 letters, digits and hyphens, starting with a letter, with no trailing hyphen and no "--"';
  if (identifier.length < 1 || identifier.length > 63) return `is ${identifier.length} characters long; ${rule}`;
  if (!/^[A-Za-z]/.test(identifier)) return `does not start with a letter; ${rule}`;
  if (!/^[A-Za-z0-9-]+$/.test(identifier)) return `has characters other than letters, digits and hyphens; ${rule}`;
  if (identifier.endsWith('-')) return `ends with a hyphen; ${rule}`;
  if (identifier.includes('--')) return `has two hyphens in a row; ${rule}`;
  return undefined;
}

/**
 * Checks a PostgreSQL identifier used as database or master user name: 1-63 letters, digits and
 * underscores, starting with a letter, not a name RDS reserves.
 */
export function postgresNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(name)) {
    return 'is not a valid PostgreSQL name; use 1-63 letters, digits and underscores, starting with a letter';
  }
  if (['rdsadmin', 'rdsrepladmin', 'rds_superuser', 'template0', 'template1'].includes(name.toLowerCase())) {
    return 'is reserved by RDS; use another name';
  }
  return undefined;
}

/** Checks a Performance Insights retention: 7 days, or a multiple of 31 up to 731. */
export function performanceInsightsRetentionProblem(days: number): string | undefined {
  if (days === 7 || days === 731 || (Number.isInteger(days) && days % 31 === 0 && days >= 31 && days <= 713)) {
    return undefined;
  }
  return 'is not a Performance Insights retention period; use 7 (free tier), a multiple of 31 from 31 to 713 (months), or 731';
}

const HHMM = '([01]\\d|2[0-3]):([0-5]\\d)';
const DAY = '(mon|tue|wed|thu|fri|sat|sun)';
const BACKUP_WINDOW = new RegExp(`^${HHMM}-${HHMM}$`);
const MAINTENANCE_WINDOW = new RegExp(`^${DAY}:${HHMM}-${DAY}:${HHMM}$`);
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY_MINUTES = 24 * 60;
const WEEK_MINUTES = 7 * DAY_MINUTES;

/** A window as its start and length in minutes (start from Monday 00:00 UTC for weekly windows). */
interface Window {
  readonly start: number;
  readonly length: number;
}

function parseBackupWindow(w: string): Window | undefined {
  const m = BACKUP_WINDOW.exec(w);
  if (!m) return undefined;
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  return { start, length: (end - start + DAY_MINUTES) % DAY_MINUTES };
}

function parseMaintenanceWindow(w: string): Window | undefined {
  const m = MAINTENANCE_WINDOW.exec(w.toLowerCase());
  if (!m) return undefined;
  const start = DAYS.indexOf(m[1]!) * DAY_MINUTES + Number(m[2]) * 60 + Number(m[3]);
  const end = DAYS.indexOf(m[4]!) * DAY_MINUTES + Number(m[5]) * 60 + Number(m[6]);
  return { start, length: (end - start + WEEK_MINUTES) % WEEK_MINUTES };
}

/** Checks a daily backup window `hh24:mi-hh24:mi` (UTC, at least 30 minutes). */
export function backupWindowProblem(w: string): string | undefined {
  const parsed = parseBackupWindow(w);
  if (!parsed) return 'is not a backup window; use "hh24:mi-hh24:mi" in UTC, e.g. "03:00-04:00"';
  if (parsed.length < 30) return 'is shorter than 30 minutes; RDS needs a backup window of at least 30 minutes';
  return undefined;
}

/** Checks a weekly maintenance window `ddd:hh24:mi-ddd:hh24:mi` (UTC, at least 30 minutes). */
export function maintenanceWindowProblem(w: string): string | undefined {
  const parsed = parseMaintenanceWindow(w);
  if (!parsed) {
    return 'is not a maintenance window; use "ddd:hh24:mi-ddd:hh24:mi" in UTC with ddd one of mon..sun, e.g. "sun:04:30-sun:05:30"';
  }
  if (parsed.length < 30) return 'is shorter than 30 minutes; RDS needs a maintenance window of at least 30 minutes';
  return undefined;
}

function overlapOnCircle(a: Window, b: Window, circle: number): boolean {
  // a starts inside b, or b starts inside a (both taken modulo the week)
  const aInB = (a.start - b.start + circle) % circle < b.length;
  const bInA = (b.start - a.start + circle) % circle < a.length;
  return aInB || bInA;
}

/**
 * Whether a daily backup window and a weekly maintenance window overlap (RDS rejects that).
 *
 * @returns false when either window is malformed (its own check reports that)
 */
export function windowsOverlap(backupWindow: string, maintenanceWindow: string): boolean {
  const backup = parseBackupWindow(backupWindow);
  const maintenance = parseMaintenanceWindow(maintenanceWindow);
  if (!backup || !maintenance) return false;
  for (let day = 0; day < 7; day++) {
    const daily = { start: day * DAY_MINUTES + backup.start, length: backup.length };
    if (overlapOnCircle(daily, maintenance, WEEK_MINUTES)) return true;
  }
  return false;
}

/** Thresholds of the CloudWatch alarms on the instance and its replica. */
export interface RdsAlarmThresholds {
  /** Average CPU, percent. */
  readonly cpuPercent: number;
  /** Minimum free storage, bytes. */
  readonly freeStorageBytes: number;
  /** Minimum freeable memory, bytes. */
  readonly freeableMemoryBytes: number;
  /** Maximum open connections. */
  readonly connections: number;
  /** Maximum replica lag, seconds. */
  readonly replicaLagSeconds: number;
}

/** Alarm thresholds used when none are configured. */
export const DEFAULT_RDS_ALARM_THRESHOLDS: RdsAlarmThresholds = {
  cpuPercent: 80,
  freeStorageBytes: 5 * 1024 ** 3,
  freeableMemoryBytes: 256 * 1024 ** 2,
  connections: 400,
  replicaLagSeconds: 300,
};
