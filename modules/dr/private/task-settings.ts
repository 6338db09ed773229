/**
 * The DMS replication task's settings and table mappings, as typed objects.
 *
 * Built here, serialized with `JSON.stringify` by the construct. The settings never carry
 * `Logging.CloudWatchLogGroup` / `CloudWatchLogStream`: DMS sets them itself and refuses them on
 * create (terraform-provider-aws #21512).
 *
 * @see https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TaskSettings.html
 */

/** `TargetMetadata`: how changes are written to Cloud SQL. */
export interface TargetMetadataSettings {
  readonly TargetSchema: string;
  readonly SupportLobs: boolean;
  readonly FullLobMode: boolean;
  readonly LimitedSizeLobMode: boolean;
  /** Largest LOB, in KB. */
  readonly LobMaxSize: number;
  readonly LobChunkSize: number;
  /** Off: needs a PK on every table and no PK-plus-unique targets; transactional apply is safer. */
  readonly BatchApplyEnabled: boolean;
  readonly ParallelLoadThreads: number;
}

/** `FullLoadSettings`: the initial copy into a pre-created schema. */
export interface FullLoadSettings {
  /** `DO_NOTHING`: the standby schema is created beforehand (without FKs, triggers disabled). */
  readonly TargetTablePrepMode: 'DO_NOTHING' | 'TRUNCATE_BEFORE_LOAD' | 'DROP_AND_CREATE';
  readonly CreatePkAfterFullLoad: boolean;
  readonly StopTaskCachedChangesApplied: boolean;
  readonly StopTaskCachedChangesNotApplied: boolean;
  readonly MaxFullLoadSubTasks: number;
  readonly TransactionConsistencyTimeout: number;
  readonly CommitRate: number;
}

/** One logging component and its severity. */
export interface LogComponent {
  readonly Id: 'SOURCE_CAPTURE' | 'SOURCE_UNLOAD' | 'TARGET_APPLY' | 'TARGET_LOAD' | 'TASK_MANAGER' | 'VALIDATOR_EXT';
  readonly Severity: 'LOGGER_SEVERITY_DEFAULT' | 'LOGGER_SEVERITY_INFO' | 'LOGGER_SEVERITY_WARNING' | 'LOGGER_SEVERITY_ERROR';
}

/** `Logging`: on, to the pre-created `dms-tasks-<instance id>` group (no group or stream keys). */
export interface LoggingSettings {
  readonly EnableLogging: boolean;
  readonly LogComponents: readonly LogComponent[];
}

/** `ErrorBehavior`: survive Cloud SQL maintenance and VPN flaps. */
export interface ErrorBehaviorSettings {
  /** -1: retry recoverable errors forever (a maintenance restart of the target is recoverable). */
  readonly RecoverableErrorCount: number;
  readonly RecoverableErrorInterval: number;
  readonly RecoverableErrorThrottling: boolean;
  readonly RecoverableErrorThrottlingMax: number;
  readonly ApplyErrorDeletePolicy: 'IGNORE_RECORD' | 'LOG_ERROR' | 'SUSPEND_TABLE' | 'STOP_TASK';
  readonly ApplyErrorInsertPolicy: 'IGNORE_RECORD' | 'LOG_ERROR' | 'SUSPEND_TABLE' | 'STOP_TASK' | 'INSERT_RECORD';
  readonly ApplyErrorUpdatePolicy: 'IGNORE_RECORD' | 'LOG_ERROR' | 'SUSPEND_TABLE' | 'STOP_TASK' | 'UPDATE_RECORD';
  readonly DataErrorPolicy: 'IGNORE_RECORD' | 'LOG_ERROR' | 'SUSPEND_TABLE' | 'STOP_TASK';
  readonly TableErrorPolicy: 'SUSPEND_TABLE' | 'STOP_TASK';
  readonly FullLoadIgnoreConflicts: boolean;
}

/** `ValidationSettings`: row-level comparison of source and target. */
export interface ValidationSettings {
  readonly EnableValidation: boolean;
  readonly ValidationMode: 'ROW_LEVEL';
  readonly ThreadCount: number;
  readonly HandleCollationDiff: boolean;
  readonly FailureMaxCount: number;
  readonly TableFailureMaxCount: number;
  readonly RecordFailureDelayLimitInMinutes: number;
  readonly ValidationQueryCdcDelaySeconds: number;
}

/** `ChangeProcessingTuning`: commit often enough for a sub-minute RPO. */
export interface ChangeProcessingTuningSettings {
  readonly BatchApplyTimeoutMin: number;
  readonly BatchApplyTimeoutMax: number;
  readonly MinTransactionSize: number;
  readonly CommitTimeout: number;
  readonly MemoryLimitTotal: number;
  readonly MemoryKeepTime: number;
  readonly StatementCacheSize: number;
}

/** The task settings document. */
export interface ReplicationTaskSettings {
  readonly TargetMetadata: TargetMetadataSettings;
  readonly FullLoadSettings: FullLoadSettings;
  readonly Logging: LoggingSettings;
  readonly ErrorBehavior: ErrorBehaviorSettings;
  readonly ValidationSettings: ValidationSettings;
  readonly ChangeProcessingTuning: ChangeProcessingTuningSettings;
}

/** Inputs of {@link buildTaskSettings}. */
export interface TaskSettingsInput {
  /** Largest LOB replicated, in KB. */
  readonly lobMaxSizeKb: number;
  /** RPO target in seconds (bounds the commit timeout). */
  readonly rpoTargetSeconds: number;
}

/** The task settings of the DR replication task. */
export function buildTaskSettings(input: TaskSettingsInput): ReplicationTaskSettings {
  return {
    TargetMetadata: {
      TargetSchema: '',
      SupportLobs: true,
      FullLobMode: false,
      LimitedSizeLobMode: true,
      LobMaxSize: input.lobMaxSizeKb,
      LobChunkSize: 0,
      BatchApplyEnabled: false,
      ParallelLoadThreads: 0,
    },
    FullLoadSettings: {
      TargetTablePrepMode: 'DO_NOTHING',
      CreatePkAfterFullLoad: false,
      StopTaskCachedChangesApplied: false,
      StopTaskCachedChangesNotApplied: false,
      MaxFullLoadSubTasks: 8,
      TransactionConsistencyTimeout: 600,
      CommitRate: 10000,
    },
    Logging: {
      EnableLogging: true,
      LogComponents: [
        { Id: 'SOURCE_CAPTURE', Severity: 'LOGGER_SEVERITY_DEFAULT' },
        { Id: 'SOURCE_UNLOAD', Severity: 'LOGGER_SEVERITY_DEFAULT' },
        { Id: 'TARGET_APPLY', Severity: 'LOGGER_SEVERITY_DEFAULT' },
        { Id: 'TARGET_LOAD', Severity: 'LOGGER_SEVERITY_DEFAULT' },
        { Id: 'TASK_MANAGER', Severity: 'LOGGER_SEVERITY_DEFAULT' },
        { Id: 'VALIDATOR_EXT', Severity: 'LOGGER_SEVERITY_DEFAULT' },
      ],
    },
    ErrorBehavior: {
      RecoverableErrorCount: -1,
      RecoverableErrorInterval: 5,
      RecoverableErrorThrottling: true,
      RecoverableErrorThrottlingMax: 300,
      ApplyErrorDeletePolicy: 'LOG_ERROR',
      ApplyErrorInsertPolicy: 'LOG_ERROR',
      ApplyErrorUpdatePolicy: 'LOG_ERROR',
      DataErrorPolicy: 'LOG_ERROR',
      TableErrorPolicy: 'SUSPEND_TABLE',
      FullLoadIgnoreConflicts: true,
    },
    ValidationSettings: {
      EnableValidation: true,
      ValidationMode: 'ROW_LEVEL',
      ThreadCount: 5,
      HandleCollationDiff: true,
      FailureMaxCount: 10000,
      TableFailureMaxCount: 1000,
      RecordFailureDelayLimitInMinutes: 5,
      ValidationQueryCdcDelaySeconds: 0,
    },
    ChangeProcessingTuning: {
      BatchApplyTimeoutMin: 1,
      BatchApplyTimeoutMax: 30,
      MinTransactionSize: 1000,
      CommitTimeout: Math.max(1, Math.min(30, Math.floor(input.rpoTargetSeconds / 4))),
      MemoryLimitTotal: 1024,
      MemoryKeepTime: 60,
      StatementCacheSize: 50,
    },
  };
}

/** One selection rule of the table mappings. */
export interface SelectionRule {
  readonly 'rule-type': 'selection';
  readonly 'rule-id': string;
  readonly 'rule-name': string;
  readonly 'object-locator': { readonly 'schema-name': string; readonly 'table-name': string };
  readonly 'rule-action': 'include' | 'exclude';
  readonly filters: readonly never[];
}

/** The table mappings document. */
export interface TableMappings {
  readonly rules: readonly SelectionRule[];
}

/** Inputs of {@link buildTableMappings}. */
export interface TableMappingsInput {
  /** Schemas whose every table is replicated. */
  readonly schemas: readonly string[];
  /** The heartbeat table (always included). */
  readonly heartbeatTable: { readonly schema: string; readonly table: string };
}

/** Includes every table of each schema, plus the heartbeat table. */
export function buildTableMappings(input: TableMappingsInput): TableMappings {
  const rules: SelectionRule[] = input.schemas.map((schema, i) => ({
    'rule-type': 'selection',
    'rule-id': String(i + 1),
    'rule-name': `include-${schema}`,
    'object-locator': { 'schema-name': schema, 'table-name': '%' },
    'rule-action': 'include',
    filters: [],
  }));
  const hb = input.heartbeatTable;
  if (!input.schemas.includes(hb.schema)) {
    rules.push({
      'rule-type': 'selection',
      'rule-id': String(rules.length + 1),
      'rule-name': 'include-heartbeat',
      'object-locator': { 'schema-name': hb.schema, 'table-name': hb.table },
      'rule-action': 'include',
      filters: [],
    });
  }
  return { rules };
}
