/**
 * The DB parameter group values of the RDS for PostgreSQL primary.
 *
 * Pure data and functions (no constructs), shared by the `aws.database` config section, the
 * {@link PostgresDatabase} construct and the DR link, which checks the source prerequisites at synth.
 */

/**
 * Parameters every instance gets unless overridden.
 *
 * - TLS only (`rds.force_ssl`, TLS 1.2 or later).
 * - Logical decoding for the DMS change-data-capture link to GCP: `rds.logical_replication = 1`
 *   sets `wal_level = logical`; slots and WAL senders for DMS tasks and spare consumers;
 *   `wal_sender_timeout` of 60 s (DMS fails on 1-9999 ms and stalls with long timeouts).
 * - Logging for audits and slow-query reviews. Not `log_statement = ddl`: it would write the
 *   passwords of `CREATE/ALTER ROLE ... PASSWORD` statements to CloudWatch Logs.
 *
 * @see https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.PostgreSQL.html
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.FeatureSupport.LogicalReplication.html
 */
export const DEFAULT_RDS_POSTGRES_PARAMETERS: Readonly<Record<string, string>> = {
  'rds.force_ssl': '1',
  ssl_min_protocol_version: 'TLSv1.2',
  'rds.logical_replication': '1',
  max_replication_slots: '10',
  max_wal_senders: '10',
  wal_sender_timeout: '60000',
  log_min_duration_statement: '1000',
  log_connections: '1',
  log_disconnections: '1',
  log_lock_waits: '1',
  log_temp_files: '10240',
  log_autovacuum_min_duration: '10000',
};

/**
 * Static parameters: RDS applies them only at the next reboot, and rejects `apply_method = "immediate"`.
 *
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithParamGroups.html
 */
export const STATIC_RDS_POSTGRES_PARAMETERS: readonly string[] = [
  'rds.logical_replication',
  'max_replication_slots',
  'max_wal_senders',
  'max_worker_processes',
  'max_logical_replication_workers',
  'max_connections',
  'max_locks_per_transaction',
  'max_prepared_transactions',
  'shared_buffers',
  'shared_preload_libraries',
  'track_commit_timestamp',
  'wal_buffers',
];

/** `pending-reboot` for static parameters, `immediate` for the rest. */
export function rdsApplyMethod(name: string): 'pending-reboot' | 'immediate' {
  return STATIC_RDS_POSTGRES_PARAMETERS.includes(name) ? 'pending-reboot' : 'immediate';
}

/** The final parameter values: the defaults with `overrides` on top. */
export function mergeRdsParameters(overrides: Readonly<Record<string, string>> = {}): Record<string, string> {
  return { ...DEFAULT_RDS_POSTGRES_PARAMETERS, ...overrides };
}

/** Parameter names: lowercase words joined by `_` or `.` (`rds.force_ssl`, `log_min_duration_statement`). */
export const RDS_PARAMETER_NAME = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;

/**
 * Checks one parameter value against the guardrails of this project.
 *
 * TLS enforcement may not be turned off; `wal_sender_timeout` must suit DMS.
 */
export function rdsParameterProblem(name: string, value: string): string | undefined {
  if (name === 'rds.force_ssl' && value !== '1') {
    return 'may not turn off TLS enforcement; remove the override or set "1" (connections without TLS are refused)';
  }
  if (name === 'wal_sender_timeout') {
    const ms = Number(value);
    if (!Number.isInteger(ms) || ms < 0 || (ms > 0 && ms < 10000)) {
      return 'is not usable for DMS change capture; use 0 (no timeout) or 10000 ms or more (60000 recommended)';
    }
  }
  if ((name === 'max_replication_slots' || name === 'max_wal_senders') && !(Number(value) >= 1)) {
    return 'leaves no room for logical replication; use a whole number >= 1 (DMS needs one per task, e.g. 10)';
  }
  return undefined;
}
