import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { SqlDatabase } from '@cdktf/provider-google/lib/sql-database';
import { SqlDatabaseInstance } from '@cdktf/provider-google/lib/sql-database-instance';
import { SqlUser } from '@cdktf/provider-google/lib/sql-user';
import { Fn, Op, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import {
  CLOUD_SQL_DEFAULTS,
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
import { CloudSqlUser } from './cloud-sql-user';

/** The construct id part of an IAM database user: the account name of its email. */
function iamUserKey(email: string): string {
  return email.split('@')[0]!.replace(/[^a-z0-9-]/g, '-');
}

const SERVICE_ACCOUNT_EMAIL = /^[^@\s]+@[a-z0-9-]+\.iam\.gserviceaccount\.com$/;

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
  public readonly credentials: CloudSqlUser;
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
    const D = CLOUD_SQL_DEFAULTS;
    const L = CLOUD_SQL_LIMITS;
    const edition = props.edition ?? D.edition;
    const availabilityType = props.availabilityType ?? D.availabilityType;
    const tier = props.tier ?? defaultCloudSqlTier(edition);
    const databaseVersion = props.databaseVersion ?? D.databaseVersion;
    const diskSizeGb = props.diskSizeGb ?? D.diskSizeGb;
    const diskAutoresizeLimitGb = props.diskAutoresizeLimitGb ?? D.diskAutoresizeLimitGb;
    const enableBackups = props.enableBackups ?? D.enableBackups;
    const enablePitr = props.enablePointInTimeRecovery ?? D.enablePointInTimeRecovery;
    const retainedBackups = props.retainedBackups ?? D.retainedBackups;
    const logDays = props.transactionLogRetentionDays ?? D.transactionLogRetentionDays;
    const maintenanceDay = props.maintenanceDay ?? D.maintenanceDay;
    const maintenanceHour = props.maintenanceHour ?? D.maintenanceHour;
    const updateTrack = props.maintenanceUpdateTrack ?? D.maintenanceUpdateTrack;
    const backupStartTime = props.backupStartTime ?? D.backupStartTime;
    const sslMode = props.sslMode ?? D.sslMode;
    const deletionProtection = props.deletionProtection ?? D.deletionProtection;
    this.databaseName = props.databaseName ?? D.databaseName;
    this.userName = props.userName ?? D.userName;

    const problems: [string, unknown, string | undefined][] = [
      ['instanceName', props.instanceName, cloudSqlInstanceNameProblem(props.instanceName)],
      ['tier', tier, cloudSqlTierProblem(tier, edition, availabilityType)],
      ['transactionLogRetentionDays', logDays, transactionLogRetentionProblem(logDays, edition)],
      ['databaseName', this.databaseName, postgresNameProblem(this.databaseName)],
    ];
    for (const [prop, value, problem] of problems) {
      if (problem && !Token.isUnresolved(value)) throw new ValidationError(this, prop, value, problem);
    }
    if (!(CLOUD_SQL_POSTGRES_VERSIONS as readonly string[]).includes(databaseVersion)) {
      throw new ValidationError(
        this,
        'databaseVersion',
        databaseVersion,
        `is not supported; use one of ${CLOUD_SQL_POSTGRES_VERSIONS.join(', ')}`
      );
    }
    if (!Number.isInteger(diskSizeGb) || diskSizeGb < L.minDiskGb || diskSizeGb > L.maxDiskGb) {
      throw new ValidationError(
        this,
        'diskSizeGb',
        diskSizeGb,
        `is out of range; use ${L.minDiskGb}-${L.maxDiskGb} GB`
      );
    }
    if (diskAutoresizeLimitGb !== 0 && (diskAutoresizeLimitGb < diskSizeGb || diskAutoresizeLimitGb > L.maxDiskGb)) {
      throw new ValidationError(
        this,
        'diskAutoresizeLimitGb',
        diskAutoresizeLimitGb,
        `is below diskSizeGb (${diskSizeGb}) or above ${L.maxDiskGb}; use 0 (unlimited) or ${diskSizeGb}-${L.maxDiskGb}`
      );
    }
    if (
      !Number.isInteger(retainedBackups) ||
      retainedBackups < L.minRetainedBackups ||
      retainedBackups > L.maxRetainedBackups
    ) {
      throw new ValidationError(
        this,
        'retainedBackups',
        retainedBackups,
        `is out of range; use ${L.minRetainedBackups}-${L.maxRetainedBackups}`
      );
    }
    if (logDays > retainedBackups) {
      throw new ValidationError(
        this,
        'transactionLogRetentionDays',
        logDays,
        `is more than retainedBackups (${retainedBackups}); use at most ${retainedBackups}`
      );
    }
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(backupStartTime)) {
      throw new ValidationError(
        this,
        'backupStartTime',
        backupStartTime,
        'is not a time of day; use HH:MM in 24-hour UTC, e.g. "03:00"'
      );
    }
    if (enablePitr && !enableBackups) {
      throw new ValidationError(
        this,
        'enablePointInTimeRecovery',
        enablePitr,
        'needs enableBackups; enable backups or set enablePointInTimeRecovery: false'
      );
    }
    if (availabilityType === 'REGIONAL' && !enableBackups) {
      throw new ValidationError(
        this,
        'enableBackups',
        enableBackups,
        'must be true with availabilityType REGIONAL (HA needs backups); use true or availabilityType ZONAL'
      );
    }
    if (
      !Number.isInteger(maintenanceDay) ||
      maintenanceDay < L.minMaintenanceDay ||
      maintenanceDay > L.maxMaintenanceDay
    ) {
      throw new ValidationError(
        this,
        'maintenanceDay',
        maintenanceDay,
        'is out of range; use 1 (Monday) to 7 (Sunday)'
      );
    }
    if (
      !Number.isInteger(maintenanceHour) ||
      maintenanceHour < L.minMaintenanceHour ||
      maintenanceHour > L.maxMaintenanceHour
    ) {
      throw new ValidationError(this, 'maintenanceHour', maintenanceHour, 'is out of range; use 0-23 (UTC)');
    }
    if (!(CLOUD_SQL_UPDATE_TRACKS as readonly string[]).includes(updateTrack)) {
      throw new ValidationError(
        this,
        'maintenanceUpdateTrack',
        updateTrack,
        `is not an update track; use one of ${CLOUD_SQL_UPDATE_TRACKS.join(', ')}`
      );
    }
    if (!(CLOUD_SQL_SSL_MODES as readonly string[]).includes(sslMode)) {
      throw new ValidationError(
        this,
        'sslMode',
        sslMode,
        `is not allowed; use one of ${CLOUD_SQL_SSL_MODES.join(', ')} (unencrypted connections are never allowed)`
      );
    }
    const iamServiceAccounts = props.iamServiceAccounts ?? [];
    const seenAccounts = new Map<string, string>();
    iamServiceAccounts.forEach((email, i) => {
      if (Token.isUnresolved(email)) return;
      if (!SERVICE_ACCOUNT_EMAIL.test(email)) {
        throw new ValidationError(
          this,
          `iamServiceAccounts[${i}]`,
          email,
          'is not a service account email; use "<account>@<project>.iam.gserviceaccount.com"'
        );
      }
      const account = iamUserKey(email);
      const other = seenAccounts.get(account);
      if (other !== undefined) {
        throw new ValidationError(
          this,
          `iamServiceAccounts[${i}]`,
          email,
          `has the same account name as ${JSON.stringify(other)}; give each IAM database user a distinct account name`
        );
      }
      seenAccounts.set(account, email);
    });

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
          queryInsightsEnabled: props.enableQueryInsights ?? D.enableQueryInsights,
          queryStringLength: D.queryStringLength,
          recordApplicationTags: true,
          recordClientAddress: false,
        },
        databaseFlags: flagNames.map((name) => ({ name, value: this.databaseFlags[name]! })),
      },
    });

    this.database = new SqlDatabase(this, 'database', { instance: this.instance.name, name: this.databaseName });

    // Construct id 'app-user' (and its children's ids) keep the Terraform addresses stable.
    this.credentials = new CloudSqlUser(this, 'app-user', {
      instanceName: this.instance.name,
      userName: this.userName,
      secret: {
        secretId: Token.isUnresolved(props.instanceName)
          ? `${this.userName}-db-password`
          : `${props.instanceName}-${this.userName}-password`,
        region: props.region,
        labels: props.labels,
        deletionProtection,
        dependsOn: [secretManager],
      },
    });

    // Keyed by the account part of the email (the entry's value), so removing one account leaves
    // the others' addresses alone.
    for (const email of iamServiceAccounts) {
      this.iamUsers[email] = new SqlUser(this, `iam-${iamUserKey(email)}`, {
        instance: this.instance.name,
        // Cloud SQL names an IAM service-account user by its email without ".gserviceaccount.com".
        name: email.replace(/\.gserviceaccount\.com$/, ''),
        type: 'CLOUD_IAM_SERVICE_ACCOUNT',
      });
    }

    this.instanceName = this.instance.name;
    this.connectionName = this.instance.connectionName;
    this.privateIpAddress = this.instance.privateIpAddress;
    this.secretId = this.credentials.secretResourceId!;
    this.serverCaCert = Fn.nonsensitive(this.instance.serverCaCert.get(0).cert) as string;
  }
}
