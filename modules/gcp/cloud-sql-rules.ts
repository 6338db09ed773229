/**
 * Pure rules of Cloud SQL for PostgreSQL, shared by the `gcp.database` config checks and the
 * `CloudSqlPostgres` construct's prop checks.
 *
 * Every `...Problem` function returns `undefined` when the value is allowed, else a message in
 * the project's form "is not ...; use ..." (the caller prefixes the field and the value). No
 * provider binding is imported here, so config code can use it cheaply.
 */

import type { IConstruct } from 'constructs';
import { ValidationError } from '../core/validation-error';

/** PostgreSQL majors Cloud SQL offers that this project supports. */
export const CLOUD_SQL_POSTGRES_VERSIONS = ['POSTGRES_14', 'POSTGRES_15', 'POSTGRES_16', 'POSTGRES_17'] as const;
export type CloudSqlPostgresVersion = (typeof CLOUD_SQL_POSTGRES_VERSIONS)[number];

/** Cloud SQL editions. */
export const CLOUD_SQL_EDITIONS = ['ENTERPRISE', 'ENTERPRISE_PLUS'] as const;
export type CloudSqlEdition = (typeof CLOUD_SQL_EDITIONS)[number];

/** `REGIONAL` (HA: a standby in a second zone) or `ZONAL`. */
export const CLOUD_SQL_AVAILABILITY_TYPES = ['REGIONAL', 'ZONAL'] as const;
export type CloudSqlAvailabilityType = (typeof CLOUD_SQL_AVAILABILITY_TYPES)[number];

/**
 * SSL modes this project allows. `ALLOW_UNENCRYPTED_AND_ENCRYPTED` is never allowed.
 * `TRUSTED_CLIENT_CERTIFICATE_REQUIRED` breaks the DR link: DMS verifies the server CA only.
 */
export const CLOUD_SQL_SSL_MODES = ['ENCRYPTED_ONLY', 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED'] as const;
export type CloudSqlSslMode = (typeof CLOUD_SQL_SSL_MODES)[number];

/** Maintenance update tracks. */
export const CLOUD_SQL_UPDATE_TRACKS = ['canary', 'stable', 'week5'] as const;

/** vCPU counts of the Enterprise Plus `db-perf-optimized-N-<vcpus>` machine types. */
export const PERF_OPTIMIZED_VCPUS = [2, 4, 8, 16, 32, 48, 64, 80, 96, 128] as const;

/** Memory per vCPU of the `db-perf-optimized-N-*` machine types, in MB. */
const PERF_OPTIMIZED_MB_PER_VCPU = 8 * 1024;

/** Shared-core machine types: Enterprise edition, zonal only, no SLA. */
export const SHARED_CORE_TIERS: Readonly<Record<string, number>> = { 'db-f1-micro': 614, 'db-g1-small': 1741 };

/** Limits of the `gcp.database` numbers (also the schema's bounds). */
export const CLOUD_SQL_LIMITS = {
  minDiskGb: 10,
  maxDiskGb: 65536,
  minRetainedBackups: 1,
  maxRetainedBackups: 365,
  minLogDays: 1,
  /** 1 = Monday ... 7 = Sunday. */
  minMaintenanceDay: 1,
  maxMaintenanceDay: 7,
  minMaintenanceHour: 0,
  maxMaintenanceHour: 23,
  maxLogDaysEnterprise: 7,
  maxLogDaysEnterprisePlus: 35,
  maxInstanceNameLength: 98,
} as const;

/** What `CloudSqlPostgres` does when a prop is left out (the tier depends on the edition: `defaultCloudSqlTier`). */
export const CLOUD_SQL_DEFAULTS = {
  databaseVersion: 'POSTGRES_17',
  edition: 'ENTERPRISE',
  availabilityType: 'REGIONAL',
  diskSizeGb: 20,
  /** 0 = no ceiling. */
  diskAutoresizeLimitGb: 0,
  enableBackups: true,
  backupStartTime: '03:00',
  enablePointInTimeRecovery: true,
  retainedBackups: 14,
  transactionLogRetentionDays: 7,
  maintenanceDay: 7,
  maintenanceHour: 4,
  maintenanceUpdateTrack: 'stable',
  deletionProtection: true,
  sslMode: 'ENCRYPTED_ONLY',
  enableQueryInsights: true,
  queryStringLength: 1024,
  databaseName: 'app',
  userName: 'app',
} as const satisfies {
  readonly databaseVersion: (typeof CLOUD_SQL_POSTGRES_VERSIONS)[number];
  readonly edition: CloudSqlEdition;
  readonly availabilityType: CloudSqlAvailabilityType;
  readonly sslMode: CloudSqlSslMode;
  readonly [key: string]: unknown;
};

/** The default machine type of an edition: 2 vCPUs with 7.5 GB (Enterprise) or 16 GB (Enterprise Plus). */
export function defaultCloudSqlTier(edition: CloudSqlEdition): string {
  return edition === 'ENTERPRISE_PLUS' ? 'db-perf-optimized-N-2' : 'db-custom-2-7680';
}

/** What a machine type name says about the machine. */
export interface CloudSqlTierShape {
  readonly kind: 'custom' | 'perf-optimized' | 'shared-core';
  /** vCPUs (0 for shared core). */
  readonly vcpus: number;
  /** Memory in MB. */
  readonly memoryMb: number;
}

/** Parses `db-custom-<cpu>-<mb>`, `db-perf-optimized-N-<cpu>` or a shared-core name; `undefined` otherwise. */
export function parseCloudSqlTier(tier: string): CloudSqlTierShape | undefined {
  const shared = SHARED_CORE_TIERS[tier];
  if (shared !== undefined) return { kind: 'shared-core', vcpus: 0, memoryMb: shared };
  const custom = /^db-custom-(\d{1,3})-(\d{3,7})$/.exec(tier);
  if (custom) return { kind: 'custom', vcpus: Number(custom[1]), memoryMb: Number(custom[2]) };
  const perf = /^db-perf-optimized-N-(\d{1,3})$/.exec(tier);
  if (perf) {
    const vcpus = Number(perf[1]);
    return { kind: 'perf-optimized', vcpus, memoryMb: vcpus * PERF_OPTIMIZED_MB_PER_VCPU };
  }
  return undefined;
}

/**
 * Whether a machine type suits an edition and availability type.
 *
 * The rule: Enterprise Plus takes only `db-perf-optimized-N-<2|4|8|16|32|48|64|80|96|128>`.
 * Enterprise takes `db-custom-<cpu>-<mb>` with cpu 1 or an even number 2-96, and memory a
 * multiple of 256 MB, at least 3840 MB and 0.9-6.5 GB per vCPU; or the shared-core
 * `db-f1-micro` / `db-g1-small`, which have no SLA and are allowed only with `ZONAL`.
 *
 * @see https://cloud.google.com/sql/docs/postgres/instance-settings
 */
export function cloudSqlTierProblem(
  tier: string,
  edition: CloudSqlEdition,
  availabilityType: CloudSqlAvailabilityType
): string | undefined {
  const shape = parseCloudSqlTier(tier);
  const plusHint = `use db-perf-optimized-N-<vcpus> with vcpus one of ${PERF_OPTIMIZED_VCPUS.join(
    ', '
  )}, e.g. "db-perf-optimized-N-2"`;
  const customHint =
    'use db-custom-<vcpus>-<memory MB> (vcpus 1 or even 2-96; memory a multiple of 256, >= 3840 and 0.9-6.5 GB per vCPU), e.g. "db-custom-2-7680"';
  if (edition === 'ENTERPRISE_PLUS') {
    if (shape?.kind !== 'perf-optimized') {
      return `is not a machine type of edition ENTERPRISE_PLUS; ${plusHint}, or set edition: ENTERPRISE`;
    }
    if (!(PERF_OPTIMIZED_VCPUS as readonly number[]).includes(shape.vcpus)) {
      return `is not an offered db-perf-optimized-N size; ${plusHint}`;
    }
    return undefined;
  }
  if (!shape) return `is not a Cloud SQL for PostgreSQL machine type of edition ENTERPRISE; ${customHint}`;
  if (shape.kind === 'perf-optimized') {
    return `is not a machine type of edition ENTERPRISE; set edition: ENTERPRISE_PLUS, or ${customHint}`;
  }
  if (shape.kind === 'shared-core') {
    return availabilityType === 'ZONAL'
      ? undefined
      : 'is not allowed with availabilityType REGIONAL (shared-core machines have no SLA and no HA); use a db-custom-<vcpus>-<memory MB> tier, e.g. "db-custom-1-3840", or availabilityType: ZONAL';
  }
  const { vcpus, memoryMb } = shape;
  if (!(vcpus === 1 || (vcpus >= 2 && vcpus <= 96 && vcpus % 2 === 0))) {
    return `is not a valid custom machine: ${vcpus} vCPUs; ${customHint}`;
  }
  if (memoryMb % 256 !== 0 || memoryMb < 3840) {
    return `is not a valid custom machine: ${memoryMb} MB must be a multiple of 256 and at least 3840; ${customHint}`;
  }
  const low = Math.ceil((vcpus * 0.9 * 1024) / 256) * 256;
  const high = Math.floor((vcpus * 6.5 * 1024) / 256) * 256;
  if (memoryMb < low || memoryMb > high) {
    return `is not a valid custom machine: ${vcpus} vCPUs take ${Math.max(
      low,
      3840
    )}-${high} MB of memory; ${customHint}`;
  }
  return undefined;
}

const INSTANCE_NAME = /^[a-z](?:[a-z0-9-]*[a-z0-9])?$/;

/**
 * Cloud SQL instance ids: lowercase letters, digits and hyphens, starting with a letter, at most
 * 98 characters (this project also refuses a trailing hyphen).
 *
 * @see https://cloud.google.com/sql/docs/postgres/admin-api/rest/v1/instances
 */
export function cloudSqlInstanceNameProblem(name: string): string | undefined {
  if (!INSTANCE_NAME.test(name) || name.length > CLOUD_SQL_LIMITS.maxInstanceNameLength) {
    return 'is not a valid Cloud SQL instance name; use 1-98 lowercase letters, digits and "-", starting with a letter and not ending with "-"';
  }
  return undefined;
}

const PG_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const RESERVED_NAMES = ['postgres', 'template0', 'template1', 'cloudsqladmin', 'cloudsqlsuperuser', 'cloudsqlagent'];

/** Database and user names: a plain lower-case PostgreSQL identifier that Cloud SQL does not reserve. */
export function postgresNameProblem(name: string): string | undefined {
  if (!PG_IDENTIFIER.test(name)) {
    return 'is not a plain PostgreSQL identifier; use 1-63 lowercase letters, digits and "_", not starting with a digit';
  }
  if (RESERVED_NAMES.includes(name) || name.startsWith('pg_') || name.startsWith('cloudsql')) {
    return `is reserved by PostgreSQL or Cloud SQL; use another name (not ${RESERVED_NAMES.join(
      ', '
    )}, pg_* or cloudsql*)`;
  }
  return undefined;
}

/** Transaction-log (PITR) retention: 1-7 days on Enterprise, 1-35 on Enterprise Plus. */
export function transactionLogRetentionProblem(days: number, edition: CloudSqlEdition): string | undefined {
  const max =
    edition === 'ENTERPRISE_PLUS' ? CLOUD_SQL_LIMITS.maxLogDaysEnterprisePlus : CLOUD_SQL_LIMITS.maxLogDaysEnterprise;
  const min = CLOUD_SQL_LIMITS.minLogDays;
  if (!Number.isInteger(days) || days < min || days > max) {
    return edition === 'ENTERPRISE_PLUS'
      ? `is not allowed for edition ENTERPRISE_PLUS; use ${min}-${max} days`
      : `is not allowed for edition ENTERPRISE; use ${min}-${max} days, or edition: ENTERPRISE_PLUS for up to ${CLOUD_SQL_LIMITS.maxLogDaysEnterprisePlus}`;
  }
  return undefined;
}

/**
 * The `max_connections` this project sets: Cloud SQL's default for the machine's memory, plus
 * 20 connections of headroom for the DR link (DMS full-load subtasks, CDC apply, validation).
 *
 * @see https://cloud.google.com/sql/docs/postgres/flags#postgres-m (max_connections defaults)
 */
export function sizedMaxConnections(tier: string): number {
  const shape = parseCloudSqlTier(tier) ?? parseCloudSqlTier(defaultCloudSqlTier('ENTERPRISE'))!;
  return cloudSqlDefaultMaxConnections(shape) + 20;
}

/** Cloud SQL's own `max_connections` default for a machine (by its memory). */
function cloudSqlDefaultMaxConnections(shape: CloudSqlTierShape): number {
  if (shape.kind === 'shared-core') return shape.memoryMb < 1024 ? 25 : 50;
  const memoryGb = shape.memoryMb / 1024;
  // [memory below (GB), default]: 3.75-6 GB -> 100, 6-7.5 -> 200, 7.5-15 -> 400, ..., >= 120 -> 1000
  const steps: [number, number][] = [
    [6, 100],
    [7.5, 200],
    [15, 400],
    [30, 500],
    [60, 600],
    [120, 800],
  ];
  return steps.find(([below]) => memoryGb < below)?.[1] ?? 1000;
}

/**
 * The flags every instance gets before the environment's own `flags` are merged over them.
 *
 * - `cloudsql.iam_authentication`: IAM database users (no password) can log in.
 * - `cloudsql.logical_decoding`, `cloudsql.enable_pglogical`: failback readiness, so DMS can
 *   later read changes from this instance back to AWS (both need a restart when changed).
 * - `log_connections`, `log_disconnections`, `log_lock_waits`, `log_temp_files = 0`: audit and
 *   tuning signals (CIS GCP 6.2.x; checkov CKV_GCP_51/52/56).
 * - `log_min_duration_statement = -1`: no statement text in logs (CIS 6.2.7, CKV_GCP_57);
 *   Query Insights shows slow queries instead.
 * - `max_connections`: sized from the machine type ({@link sizedMaxConnections}).
 */
export function defaultCloudSqlFlags(tier: string): Record<string, string> {
  return {
    'cloudsql.enable_pglogical': 'on',
    'cloudsql.iam_authentication': 'on',
    'cloudsql.logical_decoding': 'on',
    log_connections: 'on',
    log_disconnections: 'on',
    log_lock_waits: 'on',
    log_min_duration_statement: '-1',
    log_temp_files: '0',
    max_connections: String(sizedMaxConnections(tier)),
  };
}

/**
 * `POSTGRES_17` -> 17.
 *
 * @param scope the construct (or config path) the version belongs to, named in the error
 */
export function postgresMajor(databaseVersion: string, scope: IConstruct | string = 'postgresMajor'): number {
  const m = /^POSTGRES_(\d+)/.exec(databaseVersion);
  if (!m) {
    throw new ValidationError(
      scope,
      'databaseVersion',
      databaseVersion,
      `is not a PostgreSQL version; use one of ${CLOUD_SQL_POSTGRES_VERSIONS.join(', ')}`
    );
  }
  return Number(m[1]);
}
