import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { SqlDatabase } from '@cdktf/provider-google/lib/sql-database';
import { SqlDatabaseInstance } from '@cdktf/provider-google/lib/sql-database-instance';
import { SqlUser } from '@cdktf/provider-google/lib/sql-user';
import { Fn, Op, Token } from 'cdktf';
import { Construct } from 'constructs';
import {
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
  postgresNameProblem,
  transactionLogRetentionProblem,
} from './cloud-sql-rules';
import { CloudSqlUserSecret } from './cloud-sql-user-secret';

/** Props of {@link CloudSqlPostgres}. */
export interface CloudSqlPostgresProps {
  /** Cloud SQL instance id (lowercase letters, digits, `-`; starts with a letter; <= 98). */
  readonly instanceName: string;
  /** Region of the instance and of the password secret's replica. */
  readonly region: string;
  /** Self link of the VPC network the instance takes its private IP from. */
  readonly privateNetwork: string;
  /** Name of the private-services-access range the private IP is allocated in. */
  readonly allocatedIpRange: string;
  /**
   * Id of the `servicenetworking.googleapis.com` connection. The instance gets a precondition
   * on it, so a plan fails early (and the reference orders the stacks) if it is missing.
   * @default - no precondition
   */
  readonly serviceNetworkingConnectionId?: string;
  /** `POSTGRES_14` to `POSTGRES_17`. @default 'POSTGRES_17' */
  readonly databaseVersion?: string;
  /** Cloud SQL edition. @default 'ENTERPRISE' */
  readonly edition?: CloudSqlEdition;
  /** Machine type, valid for the edition. @default - `db-custom-2-7680` (ENTERPRISE) or `db-perf-optimized-N-2` (ENTERPRISE_PLUS) */
  readonly tier?: string;
  /** `REGIONAL` (HA) or `ZONAL`. @default 'REGIONAL' */
  readonly availabilityType?: CloudSqlAvailabilityType;
  /** Initial SSD size in GB (>= 10). @default 20 */
  readonly diskSizeGb?: number;
  /** Ceiling of automatic disk growth in GB; 0 = unlimited, else >= diskSizeGb. @default 0 */
  readonly diskAutoresizeLimitGb?: number;
  /** Automated daily backups. @default true */
  readonly enableBackups?: boolean;
  /** Start of the backup window, `HH:MM` UTC. @default '03:00' */
  readonly backupStartTime?: string;
  /** Point-in-time recovery. @default true */
  readonly enablePointInTimeRecovery?: boolean;
  /** Automated backups kept (1-365). @default 14 */
  readonly retainedBackups?: number;
  /** Days of transaction logs kept (1-7 ENTERPRISE, 1-35 ENTERPRISE_PLUS; <= retainedBackups). @default 7 */
  readonly transactionLogRetentionDays?: number;
  /** Maintenance day, 1 (Monday) to 7 (Sunday). @default 7 */
  readonly maintenanceDay?: number;
  /** Maintenance hour, 0-23 UTC. @default 4 */
  readonly maintenanceHour?: number;
  /** Maintenance update track: `canary`, `stable` or `week5`. @default 'stable' */
  readonly maintenanceUpdateTrack?: string;
  /** Deletion protection at the Terraform and the Cloud SQL API level (and on the secret). @default true */
  readonly deletionProtection?: boolean;
  /** Flags merged over the secure defaults of `defaultCloudSqlFlags`. @default {} */
  readonly databaseFlags?: Record<string, string>;
  /** `ENCRYPTED_ONLY` or `TRUSTED_CLIENT_CERTIFICATE_REQUIRED`. @default 'ENCRYPTED_ONLY' */
  readonly sslMode?: CloudSqlSslMode;
  /** Query Insights. @default true */
  readonly enableQueryInsights?: boolean;
  /** Application database. @default 'app' */
  readonly databaseName?: string;
  /** Built-in application user (password generated, kept in Secret Manager). @default 'app' */
  readonly userName?: string;
  /** Service-account emails that get IAM database users. @default [] */
  readonly iamServiceAccounts?: string[];
  /** Labels of the instance (`user_labels`) and the secret. @default {} */
  readonly labels?: Record<string, string>;
}

/**
 * Cloud SQL for PostgreSQL on a private IP, with an application database and user.
 *
 * Secure by default: no public IP (`ipv4_enabled = false`), TLS required (`ssl_mode =
 * ENCRYPTED_ONLY`, the mode AWS DMS can use: it verifies the server CA and presents no client
 * certificate), deletion protection at both levels, backups kept on delete, daily backups with
 * point-in-time recovery, IAM database authentication and logical decoding on, connection and
 * lock logging, Query Insights without client addresses. The user's password is generated and
 * kept in Secret Manager, never in the synthesized configuration or an output.
 *
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance
 * @see https://cloud.google.com/sql/docs/postgres/private-ip
 */
export class CloudSqlPostgres extends Construct {
  /** The instance. */
  public readonly instance: SqlDatabaseInstance;
  /** The application database. */
  public readonly database: SqlDatabase;
  /** The application user and its password secret. */
  public readonly credentials: CloudSqlUserSecret;
  /** IAM database users keyed by service-account email. */
  public readonly iamUsers: Record<string, SqlUser> = {};
  /** Instance id. */
  public readonly instanceName: string;
  /** `<project>:<region>:<instance>`, for the Cloud SQL connectors. */
  public readonly connectionName: string;
  /** The instance's private IP address. */
  public readonly privateIpAddress: string;
  /** Application database name. */
  public readonly databaseName: string;
  /** Application user name. */
  public readonly userName: string;
  /** Full resource id of the password secret, `projects/<project>/secrets/<id>`. */
  public readonly secretId: string;
  /** PEM of the server CA (public; the provider marks it sensitive, so it is unmarked here). */
  public readonly serverCaCert: string;
  /** The flags the instance gets, after merging. */
  public readonly databaseFlags: Record<string, string>;

  constructor(scope: Construct, id: string, props: CloudSqlPostgresProps) {
    super(scope, id);
    const edition = props.edition ?? 'ENTERPRISE';
    const availabilityType = props.availabilityType ?? 'REGIONAL';
    const tier = props.tier ?? defaultCloudSqlTier(edition);
    const databaseVersion = props.databaseVersion ?? 'POSTGRES_17';
    const diskSizeGb = props.diskSizeGb ?? 20;
    const diskAutoresizeLimitGb = props.diskAutoresizeLimitGb ?? 0;
    const enableBackups = props.enableBackups ?? true;
    const enablePitr = props.enablePointInTimeRecovery ?? true;
    const retainedBackups = props.retainedBackups ?? 14;
    const logDays = props.transactionLogRetentionDays ?? 7;
    const maintenanceDay = props.maintenanceDay ?? 7;
    const maintenanceHour = props.maintenanceHour ?? 4;
    const updateTrack = props.maintenanceUpdateTrack ?? 'stable';
    const backupStartTime = props.backupStartTime ?? '03:00';
    const sslMode = props.sslMode ?? 'ENCRYPTED_ONLY';
    const deletionProtection = props.deletionProtection ?? true;
    this.databaseName = props.databaseName ?? 'app';
    this.userName = props.userName ?? 'app';

    const fail = (prop: string, value: unknown, message: string): never => {
      throw new Error(`${this.node.path}: ${prop} ${JSON.stringify(value)} ${message}`);
    };
    const check = (prop: string, value: unknown, problem: string | undefined) => {
      if (problem && !Token.isUnresolved(value)) fail(prop, value, problem);
    };
    check('instanceName', props.instanceName, cloudSqlInstanceNameProblem(props.instanceName));
    if (!(CLOUD_SQL_POSTGRES_VERSIONS as readonly string[]).includes(databaseVersion)) {
      fail(
        'databaseVersion',
        databaseVersion,
        `is not supported; use one of ${CLOUD_SQL_POSTGRES_VERSIONS.join(', ')}`
      );
    }
    check('tier', tier, cloudSqlTierProblem(tier, edition, availabilityType));
    if (
      !Number.isInteger(diskSizeGb) ||
      diskSizeGb < CLOUD_SQL_LIMITS.minDiskGb ||
      diskSizeGb > CLOUD_SQL_LIMITS.maxDiskGb
    ) {
      fail(
        'diskSizeGb',
        diskSizeGb,
        `is out of range; use ${CLOUD_SQL_LIMITS.minDiskGb}-${CLOUD_SQL_LIMITS.maxDiskGb} GB`
      );
    }
    if (
      diskAutoresizeLimitGb !== 0 &&
      (diskAutoresizeLimitGb < diskSizeGb || diskAutoresizeLimitGb > CLOUD_SQL_LIMITS.maxDiskGb)
    ) {
      fail(
        'diskAutoresizeLimitGb',
        diskAutoresizeLimitGb,
        `is below diskSizeGb (${diskSizeGb}) or above ${CLOUD_SQL_LIMITS.maxDiskGb}; use 0 (unlimited) or ${diskSizeGb}-${CLOUD_SQL_LIMITS.maxDiskGb}`
      );
    }
    if (
      !Number.isInteger(retainedBackups) ||
      retainedBackups < 1 ||
      retainedBackups > CLOUD_SQL_LIMITS.maxRetainedBackups
    ) {
      fail('retainedBackups', retainedBackups, `is out of range; use 1-${CLOUD_SQL_LIMITS.maxRetainedBackups}`);
    }
    check('transactionLogRetentionDays', logDays, transactionLogRetentionProblem(logDays, edition));
    if (logDays > retainedBackups) {
      fail(
        'transactionLogRetentionDays',
        logDays,
        `is more than retainedBackups (${retainedBackups}); use at most ${retainedBackups}`
      );
    }
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(backupStartTime)) {
      fail('backupStartTime', backupStartTime, 'is not a time of day; use HH:MM in 24-hour UTC, e.g. "03:00"');
    }
    if (enablePitr && !enableBackups) {
      fail(
        'enablePointInTimeRecovery',
        enablePitr,
        'needs enableBackups; enable backups or set enablePointInTimeRecovery: false'
      );
    }
    if (availabilityType === 'REGIONAL' && !enableBackups) {
      fail(
        'enableBackups',
        enableBackups,
        'must be true with availabilityType REGIONAL (HA needs backups); use true or availabilityType ZONAL'
      );
    }
    if (!Number.isInteger(maintenanceDay) || maintenanceDay < 1 || maintenanceDay > 7) {
      fail('maintenanceDay', maintenanceDay, 'is out of range; use 1 (Monday) to 7 (Sunday)');
    }
    if (!Number.isInteger(maintenanceHour) || maintenanceHour < 0 || maintenanceHour > 23) {
      fail('maintenanceHour', maintenanceHour, 'is out of range; use 0-23 (UTC)');
    }
    if (!(CLOUD_SQL_UPDATE_TRACKS as readonly string[]).includes(updateTrack)) {
      fail(
        'maintenanceUpdateTrack',
        updateTrack,
        `is not an update track; use one of ${CLOUD_SQL_UPDATE_TRACKS.join(', ')}`
      );
    }
    if (!(CLOUD_SQL_SSL_MODES as readonly string[]).includes(sslMode)) {
      fail(
        'sslMode',
        sslMode,
        `is not allowed; use one of ${CLOUD_SQL_SSL_MODES.join(', ')} (unencrypted connections are never allowed)`
      );
    }
    check('databaseName', this.databaseName, postgresNameProblem(this.databaseName));

    this.databaseFlags = { ...defaultCloudSqlFlags(tier), ...props.databaseFlags };
    const flagNames = Object.keys(this.databaseFlags).sort();

    // disable_on_destroy false: other stacks of the project may use the same APIs.
    const sqlAdmin = new ProjectService(this, 'sqladmin', {
      service: 'sqladmin.googleapis.com',
      disableOnDestroy: false,
    });
    const secretManager = new ProjectService(this, 'secretmanager', {
      service: 'secretmanager.googleapis.com',
      disableOnDestroy: false,
    });

    const connectionId = props.serviceNetworkingConnectionId;
    this.instance = new SqlDatabaseInstance(this, 'instance', {
      name: props.instanceName,
      region: props.region,
      databaseVersion,
      deletionProtection,
      dependsOn: [sqlAdmin],
      // The network stack owns the service networking connection; a resource of another stack
      // cannot be a depends_on target, so reference its id: the stack dependency orders the
      // deploys and the precondition stops a plan against a network without the connection.
      lifecycle:
        connectionId === undefined
          ? undefined
          : {
              precondition: [
                {
                  condition: Op.gte(Fn.lengthOf(connectionId), 1),
                  errorMessage:
                    'The private services access connection of the network is missing; deploy the network stack first.',
                },
              ],
            },
      settings: {
        edition,
        tier,
        availabilityType,
        diskType: 'PD_SSD',
        diskSize: diskSizeGb,
        diskAutoresize: true,
        diskAutoresizeLimit: diskAutoresizeLimitGb,
        deletionProtectionEnabled: deletionProtection,
        retainBackupsOnDelete: true,
        userLabels: props.labels ?? {},
        ipConfiguration: {
          ipv4Enabled: false,
          privateNetwork: props.privateNetwork,
          allocatedIpRange: props.allocatedIpRange,
          sslMode,
        },
        backupConfiguration: {
          enabled: enableBackups,
          startTime: backupStartTime,
          pointInTimeRecoveryEnabled: enablePitr,
          // Only meaningful with PITR; the API refuses it otherwise.
          transactionLogRetentionDays: enablePitr ? logDays : undefined,
          backupRetentionSettings: { retainedBackups, retentionUnit: 'COUNT' },
        },
        maintenanceWindow: { day: maintenanceDay, hour: maintenanceHour, updateTrack },
        insightsConfig: {
          queryInsightsEnabled: props.enableQueryInsights ?? true,
          queryStringLength: 1024,
          recordApplicationTags: true,
          recordClientAddress: false,
        },
        databaseFlags: flagNames.map((name) => ({ name, value: this.databaseFlags[name]! })),
      },
    });

    this.database = new SqlDatabase(this, 'database', { instance: this.instance.name, name: this.databaseName });

    this.credentials = new CloudSqlUserSecret(this, 'app-user', {
      instanceName: this.instance.name,
      userName: this.userName,
      secretId: Token.isUnresolved(props.instanceName)
        ? `${this.userName}-db-password`
        : `${props.instanceName}-${this.userName}-password`,
      region: props.region,
      labels: props.labels,
      deletionProtection,
      secretDependsOn: [secretManager],
    });

    for (const email of props.iamServiceAccounts ?? []) {
      if (!Token.isUnresolved(email) && !/^[^@\s]+@[a-z0-9-]+\.iam\.gserviceaccount\.com$/.test(email)) {
        fail(
          'iamServiceAccounts',
          email,
          'is not a service account email; use "<account>@<project>.iam.gserviceaccount.com"'
        );
      }
      const key = email.split('@')[0]!.replace(/[^a-z0-9-]/g, '-');
      this.iamUsers[email] = new SqlUser(this, `iam-${key}`, {
        instance: this.instance.name,
        // Cloud SQL names an IAM service-account user by its email without ".gserviceaccount.com".
        name: email.replace(/\.gserviceaccount\.com$/, ''),
        type: 'CLOUD_IAM_SERVICE_ACCOUNT',
      });
    }

    this.instanceName = this.instance.name;
    this.connectionName = this.instance.connectionName;
    this.privateIpAddress = this.instance.privateIpAddress;
    this.secretId = this.credentials.secretResourceId;
    this.serverCaCert = Fn.nonsensitive(this.instance.serverCaCert.get(0).cert) as string;
  }
}
