import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import type { IConstruct } from 'constructs';
import { isPrivate, parseCidr } from '../core/cidr';
import { ValidationError } from '../core/validation-error';
import { CLOUDWATCH_RETENTION_ALLOWED, isCloudwatchRetention } from './log-retention';
import { ALARM_EMAIL_PATTERN, PostgresAlarms } from './postgres-alarms';
import { type KeyedList, keyedEntries } from './private/ids';
import {
  DEFAULT_RDS_INSTANCE_CLASS,
  DEFAULT_RDS_POSTGRES_VERSION,
  RDS_GP3_STORAGE_GB,
  RDS_MONITORING_INTERVALS,
  type RdsAlarmThresholds,
  backupWindowProblem,
  engineVersionProblem,
  instanceClassProblem,
  maintenanceWindowProblem,
  performanceInsightsRetentionProblem,
  postgresNameProblem,
  postgresParameterFamily,
  rdsIdentifierProblem,
  windowsOverlap,
} from './rds-limits';
import { RDS_PARAMETER_NAME, mergeRdsParameters, rdsApplyMethod, rdsParameterProblem } from './rds-parameters';

/** The port the database listens on. */
export const POSTGRES_PORT = 5432;

/** The log types RDS for PostgreSQL exports to CloudWatch Logs. */
export const POSTGRES_LOG_EXPORTS = ['postgresql', 'upgrade'] as const;

/** Defaults of {@link PostgresDatabase}, exported for the `aws.database` config section. */
export const POSTGRES_DATABASE_DEFAULTS = {
  engineVersion: DEFAULT_RDS_POSTGRES_VERSION,
  instanceClass: DEFAULT_RDS_INSTANCE_CLASS,
  allocatedStorageGb: RDS_GP3_STORAGE_GB.min,
  /** Floor of the default autoscaling ceiling (the default is max(this, 2 x allocatedStorageGb)). */
  minMaxAllocatedStorageGb: 100,
  multiAz: true,
  deletionProtection: true,
  skipFinalSnapshot: false,
  backupRetentionDays: 7,
  backupWindow: '03:00-04:00',
  maintenanceWindow: 'sun:04:30-sun:05:30',
  autoMinorVersionUpgrade: true,
  applyImmediately: false,
  caCertIdentifier: 'rds-ca-rsa2048-g1',
  databaseName: 'app',
  masterUsername: 'postgres',
  enableReadReplica: false,
  enableAlarms: true,
  performanceInsightsRetentionDays: 7,
  monitoringIntervalSeconds: 60,
  logRetentionDays: 365,
  /** Days before a scheduled deletion of the database key happens. */
  keyDeletionWindowDays: 30,
} as const;

/** Limits of {@link PostgresDatabase} beyond those of ./rds-limits. */
export const POSTGRES_DATABASE_LIMITS = {
  /** Automated backup retention in days (0 turns backups off; a read replica needs >= 1). */
  backupRetentionDays: { min: 0, max: 35 },
  /** Longest identifier that still leaves room for the `-replica` suffix (63 - 8). */
  identifierWithReplicaMaxLength: 55,
} as const;

/** Props of {@link PostgresDatabase}. */
export interface PostgresDatabaseProps {
  /** RDS DB identifier of the primary; also the prefix of every other name (key alias, topic, alarms). */
  readonly identifier: string;
  /** VPC the security group is created in. */
  readonly vpcId: string;
  /** DB subnet group the instances are placed in (the isolated database subnets). */
  readonly dbSubnetGroupName: string;
  /**
   * RDS for PostgreSQL 17 minor version.
   *
   * @default "17.6"
   */
  readonly engineVersion?: string;
  /**
   * Instance class of the primary.
   *
   * @default "db.m7g.large"
   */
  readonly instanceClass?: string;
  /**
   * Initial gp3 storage, GiB (20-65536).
   *
   * @default 20
   */
  readonly allocatedStorageGb?: number;
  /**
   * Storage autoscaling ceiling, GiB; must be above `allocatedStorageGb`.
   *
   * @default - max(100, 2 x allocatedStorageGb)
   */
  readonly maxAllocatedStorageGb?: number;
  /**
   * Keep a synchronous standby in a second availability zone.
   *
   * @default true
   */
  readonly multiAz?: boolean;
  /**
   * Refuse API deletion of the instances.
   *
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Delete without the final snapshot `<identifier>-final`.
   *
   * @default false
   */
  readonly skipFinalSnapshot?: boolean;
  /**
   * Days of automated backups (0-35; 0 turns them off, which a read replica does not allow).
   *
   * @default 7
   */
  readonly backupRetentionDays?: number;
  /**
   * Daily backup window, `hh24:mi-hh24:mi` UTC.
   *
   * @default "03:00-04:00"
   */
  readonly backupWindow?: string;
  /**
   * Weekly maintenance window, `ddd:hh24:mi-ddd:hh24:mi` UTC; must not overlap the backup window.
   *
   * @default "sun:04:30-sun:05:30"
   */
  readonly maintenanceWindow?: string;
  /**
   * Let RDS apply minor upgrades in the maintenance window. Terraform then ignores drift of
   * `engine_version`, so an upgraded instance is not planned for a downgrade.
   *
   * @default true
   */
  readonly autoMinorVersionUpgrade?: boolean;
  /**
   * Apply modifications immediately rather than in the maintenance window.
   *
   * @default false
   */
  readonly applyImmediately?: boolean;
  /**
   * CA of the server certificate.
   *
   * @default "rds-ca-rsa2048-g1"
   */
  readonly caCertIdentifier?: string;
  /**
   * Database created with the instance.
   *
   * @default "app"
   */
  readonly databaseName?: string;
  /**
   * Master user name. Its password is generated and rotated by RDS in Secrets Manager, never in state.
   *
   * @default "postgres"
   */
  readonly masterUsername?: string;
  /**
   * Security groups admitted on 5432: literal ids, or ids keyed by a stable name when they are
   * tokens. Each rule is keyed by the id (or name), so removing one renames no other.
   *
   * @default - none
   */
  readonly allowedSecurityGroupIds?: KeyedList;
  /**
   * Private CIDR blocks admitted on 5432, each rule keyed by its block.
   *
   * @default - none
   */
  readonly allowedCidrs?: KeyedList;
  /**
   * Parameter values merged over DEFAULT_RDS_POSTGRES_PARAMETERS (TLS only, logical replication, logging).
   *
   * @default - the defaults only
   */
  readonly parameters?: Record<string, string>;
  /**
   * Create a same-region read replica `<identifier>-replica`.
   *
   * @default false
   */
  readonly enableReadReplica?: boolean;
  /**
   * Instance class of the read replica.
   *
   * @default - the primary's class
   */
  readonly replicaInstanceClass?: string;
  /**
   * Create CloudWatch alarms and their encrypted SNS topic.
   *
   * @default true
   */
  readonly enableAlarms?: boolean;
  /**
   * Alarm thresholds; missing ones take DEFAULT_RDS_ALARM_THRESHOLDS.
   *
   * @default DEFAULT_RDS_ALARM_THRESHOLDS
   */
  readonly alarmThresholds?: Partial<RdsAlarmThresholds>;
  /**
   * E-mail addresses subscribed to the alarm topic, each subscription keyed by its address.
   *
   * @default - none
   */
  readonly alarmEmails?: KeyedList;
  /**
   * Performance Insights retention: 7, a multiple of 31 up to 713, or 731 days.
   *
   * @default 7
   */
  readonly performanceInsightsRetentionDays?: number;
  /**
   * Enhanced Monitoring interval, seconds (0, 1, 5, 10, 15, 30 or 60; 0 turns it off).
   *
   * @default 60
   */
  readonly monitoringIntervalSeconds?: number;
  /**
   * Retention of the exported log groups, days (a CloudWatch Logs value).
   *
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * Tags merged onto every taggable resource.
   *
   * @default - none beyond the provider's default tags
   */
  readonly tags?: Record<string, string>;
}

/**
 * An RDS for PostgreSQL 17 primary, hardened and ready to be the source of DMS change capture.
 *
 * - A customer-managed KMS key with rotation encrypts storage, Performance Insights, the
 *   RDS-managed master secret, the alarm topic and the log groups.
 * - Private: in the given DB subnet group, not publicly accessible, behind its own security group
 *   that admits 5432 from the configured groups and CIDRs only.
 * - No password in code or state: `manage_master_user_password` (RDS generates and rotates the
 *   secret) plus IAM database authentication.
 * - Multi-AZ, deletion protection, a deterministic final snapshot, automated backups.
 * - Parameter group (`postgres17`) with TLS enforced and logical replication on.
 * - PostgreSQL and upgrade logs in pre-created, encrypted log groups with retention; Performance
 *   Insights; Enhanced Monitoring; CloudWatch alarms; an optional read replica.
 *
 * @see https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/db_instance
 */
export class PostgresDatabase extends Construct {
  /** The customer-managed key of everything this construct encrypts. */
  public readonly key: KmsKey;
  /** The security group of the instances (5432 from allowed sources only). */
  public readonly securityGroup: SecurityGroup;
  /** The DB parameter group of the primary and the replica. */
  public readonly parameterGroup: DbParameterGroup;
  /** The primary instance. */
  public readonly instance: DbInstance;
  /** The read replica, when enabled. */
  public readonly replica?: DbInstance;
  /** The Enhanced Monitoring role, when monitoring is on. */
  public readonly monitoringRole?: IamRole;
  /** Alarms and their topic, when enabled. */
  public readonly alarms?: PostgresAlarms;
  /** The pre-created log groups, keyed by `<role>-<log type>` such as `primary-postgresql`. */
  public readonly logGroups: Record<string, CloudwatchLogGroup> = {};
  /** The final parameter values the group holds. */
  public readonly parameters: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: PostgresDatabaseProps) {
    super(scope, id);
    const p = resolveProps(props);
    const sourceGroups = keyedEntries(this, 'allowedSecurityGroupIds', p.allowedSecurityGroupIds);
    const sourceCidrs = keyedEntries(this, 'allowedCidrs', p.allowedCidrs);
    validate(this, p, sourceCidrs);
    keyedEntries(this, 'alarmEmails', props.alarmEmails).forEach(([, email], i) => {
      if (!Token.isUnresolved(email) && !ALARM_EMAIL_PATTERN.test(email)) {
        throw new ValidationError(this, `alarmEmails[${i}]`, email, 'is not an e-mail address; use e.g. "ops@example.com"');
      }
    });
    const tags = props.tags ?? {};
    this.parameters = p.parameters;

    const account = new DataAwsCallerIdentity(this, 'account');
    const partition = new DataAwsPartition(this, 'partition');
    const region = new DataAwsRegion(this, 'region');
    const replicaIdentifier = `${p.identifier}-replica`;

    // Key policy: the account administers the key (RDS and Secrets Manager use it through the
    // caller's grants); CloudWatch Logs may use it only for this database's log groups; CloudWatch
    // alarms may use it to publish to the encrypted topic.
    const keyPolicy = new DataAwsIamPolicyDocument(this, 'key-policy', {
      statement: [
        {
          sid: 'EnableAccountAdministration',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: [`arn:${partition.partition}:iam::${account.accountId}:root`] }],
          actions: ['kms:*'],
          resources: ['*'],
        },
        {
          sid: 'AllowCloudWatchLogsForThisDatabase',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: [`logs.${region.name}.amazonaws.com`] }],
          actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
          resources: ['*'],
          condition: [
            {
              test: 'ArnLike',
              variable: 'kms:EncryptionContext:aws:logs:arn',
              values: [
                `arn:${partition.partition}:logs:${region.name}:${account.accountId}:log-group:/aws/rds/instance/${p.identifier}/*`,
                `arn:${partition.partition}:logs:${region.name}:${account.accountId}:log-group:/aws/rds/instance/${replicaIdentifier}/*`,
              ],
            },
          ],
        },
        // Only this database's alarms (named `<identifier>-*`, the replica's included) of this account.
        // @see https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
        {
          sid: 'AllowCloudWatchAlarmsToUseTheTopicKey',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'],
          condition: [
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: [account.accountId] },
            {
              test: 'ArnLike',
              variable: 'aws:SourceArn',
              values: [`arn:${partition.partition}:cloudwatch:${region.name}:${account.accountId}:alarm:${p.identifier}-*`],
            },
          ],
        },
      ],
    });
    this.key = new KmsKey(this, 'key', {
      description: `Encrypts RDS PostgreSQL ${p.identifier}: storage, Performance Insights, master secret, logs, alarm topic`,
      enableKeyRotation: true,
      deletionWindowInDays: POSTGRES_DATABASE_DEFAULTS.keyDeletionWindowDays,
      policy: keyPolicy.json,
      tags,
    });
    new KmsAlias(this, 'key-alias', { name: `alias/rds/${p.identifier}`, targetKeyId: this.key.keyId });

    this.securityGroup = new SecurityGroup(this, 'security-group', {
      // A prefix, not a name: create_before_destroy needs the replacement to have another name.
      namePrefix: `${p.identifier}-postgres-`,
      description: `RDS PostgreSQL ${p.identifier}: 5432 from allowed security groups and CIDRs only`,
      vpcId: props.vpcId,
      tags: { ...tags, Name: `${p.identifier}-postgres` },
      lifecycle: { createBeforeDestroy: true },
    });
    for (const [key, sourceGroup] of sourceGroups) {
      new VpcSecurityGroupIngressRule(this, `ingress-sg-${key}`, {
        securityGroupId: this.securityGroup.id,
        description: `PostgreSQL from security group ${sourceGroup}`,
        ipProtocol: 'tcp',
        fromPort: POSTGRES_PORT,
        toPort: POSTGRES_PORT,
        referencedSecurityGroupId: sourceGroup,
        tags,
      });
    }
    for (const [key, cidr] of sourceCidrs) {
      new VpcSecurityGroupIngressRule(this, `ingress-cidr-${key}`, {
        securityGroupId: this.securityGroup.id,
        description: `PostgreSQL from ${cidr}`,
        ipProtocol: 'tcp',
        fromPort: POSTGRES_PORT,
        toPort: POSTGRES_PORT,
        cidrIpv4: cidr,
        tags,
      });
    }

    const family = postgresParameterFamily(p.engineVersion);
    this.parameterGroup = new DbParameterGroup(this, 'parameter-group', {
      namePrefix: `${p.identifier}-${family}-`,
      family,
      description: `RDS PostgreSQL ${p.identifier}: TLS only, logical replication for DMS, logging`,
      parameter: Object.entries(p.parameters)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, value]) => ({ name, value, applyMethod: rdsApplyMethod(name) })),
      tags,
      lifecycle: { createBeforeDestroy: true },
    });

    if (p.monitoringIntervalSeconds > 0) {
      const trust = new DataAwsIamPolicyDocument(this, 'monitoring-trust', {
        statement: [
          {
            effect: 'Allow',
            principals: [{ type: 'Service', identifiers: ['monitoring.rds.amazonaws.com'] }],
            actions: ['sts:AssumeRole'],
            // Confused deputy: only Enhanced Monitoring of this database (and its replica) in this account.
            // @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.Enabling.html
            condition: [
              { test: 'StringEquals', variable: 'aws:SourceAccount', values: [account.accountId] },
              {
                test: 'ArnLike',
                variable: 'aws:SourceArn',
                values: [`arn:${partition.partition}:rds:${region.name}:${account.accountId}:db:${p.identifier}*`],
              },
            ],
          },
        ],
      });
      this.monitoringRole = new IamRole(this, 'monitoring-role', {
        namePrefix: 'rds-monitoring-',
        description: `Enhanced Monitoring of RDS PostgreSQL ${p.identifier}`,
        assumeRolePolicy: trust.json,
        tags,
      });
      new IamRolePolicyAttachment(this, 'monitoring-policy', {
        role: this.monitoringRole.name,
        policyArn: `arn:${partition.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`,
      });
    }

    const logGroupsOf = (role: 'primary' | 'replica', identifier: string): CloudwatchLogGroup[] =>
      POSTGRES_LOG_EXPORTS.map((type) => {
        const group = new CloudwatchLogGroup(this, `${role}-log-${type}`, {
          name: `/aws/rds/instance/${identifier}/${type}`,
          retentionInDays: p.logRetentionDays,
          kmsKeyId: this.key.arn,
          tags,
        });
        this.logGroups[`${role}-${type}`] = group;
        return group;
      });

    // Settings the primary and the replica share.
    const shared = {
      storageType: 'gp3',
      storageEncrypted: true,
      kmsKeyId: this.key.arn,
      maxAllocatedStorage: p.maxAllocatedStorageGb,
      publiclyAccessible: false,
      vpcSecurityGroupIds: [this.securityGroup.id],
      parameterGroupName: this.parameterGroup.name,
      port: POSTGRES_PORT,
      caCertIdentifier: p.caCertIdentifier,
      iamDatabaseAuthenticationEnabled: true,
      deletionProtection: p.deletionProtection,
      copyTagsToSnapshot: true,
      autoMinorVersionUpgrade: p.autoMinorVersionUpgrade,
      allowMajorVersionUpgrade: false,
      applyImmediately: p.applyImmediately,
      maintenanceWindow: p.maintenanceWindow,
      enabledCloudwatchLogsExports: [...POSTGRES_LOG_EXPORTS],
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: this.key.arn,
      performanceInsightsRetentionPeriod: p.performanceInsightsRetentionDays,
      monitoringInterval: p.monitoringIntervalSeconds,
      ...(this.monitoringRole ? { monitoringRoleArn: this.monitoringRole.arn } : {}),
      tags,
    };

    this.instance = new DbInstance(this, 'primary', {
      ...shared,
      identifier: p.identifier,
      engine: 'postgres',
      engineVersion: p.engineVersion,
      instanceClass: p.instanceClass,
      allocatedStorage: p.allocatedStorageGb,
      dbSubnetGroupName: props.dbSubnetGroupName,
      dbName: p.databaseName,
      username: p.masterUsername,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: this.key.arn,
      multiAz: p.multiAz,
      backupRetentionPeriod: p.backupRetentionDays,
      backupWindow: p.backupWindow,
      deleteAutomatedBackups: false,
      skipFinalSnapshot: p.skipFinalSnapshot,
      finalSnapshotIdentifier: `${p.identifier}-final`,
      dependsOn: logGroupsOf('primary', p.identifier),
      ...(p.autoMinorVersionUpgrade ? { lifecycle: { ignoreChanges: ['engine_version'] } } : {}),
    });

    if (p.enableReadReplica) {
      this.replica = new DbInstance(this, 'replica', {
        ...shared,
        identifier: replicaIdentifier,
        replicateSourceDb: this.instance.identifier,
        instanceClass: p.replicaInstanceClass,
        multiAz: false,
        backupRetentionPeriod: 0,
        // RDS takes no final snapshot of a read replica; the primary's snapshot covers the data.
        skipFinalSnapshot: true,
        dependsOn: logGroupsOf('replica', replicaIdentifier),
      });
    }

    if (p.enableAlarms) {
      this.alarms = new PostgresAlarms(this, 'alarms', {
        instanceIdentifier: p.identifier,
        ...(this.replica ? { replicaIdentifier } : {}),
        kmsKeyArn: this.key.arn,
        accountId: account.accountId,
        partition: partition.partition,
        region: region.name,
        thresholds: props.alarmThresholds ?? {},
        emails: props.alarmEmails ?? [],
        tags,
      });
    }
  }

  /** `host:port` of the primary. */
  public get endpoint(): string {
    return this.instance.endpoint;
  }

  /** Host name of the primary. */
  public get address(): string {
    return this.instance.address;
  }

  /** Port of the primary. */
  public get port(): number {
    return this.instance.port;
  }

  /** ARN of the Secrets Manager secret RDS manages for the master user. */
  public get secretArn(): string {
    return this.instance.masterUserSecret.get(0).secretArn;
  }
}

/** Props with every default filled in. */
interface ResolvedProps {
  readonly identifier: string;
  readonly engineVersion: string;
  readonly instanceClass: string;
  readonly replicaInstanceClass: string;
  readonly allocatedStorageGb: number;
  readonly maxAllocatedStorageGb: number;
  readonly multiAz: boolean;
  readonly deletionProtection: boolean;
  readonly skipFinalSnapshot: boolean;
  readonly backupRetentionDays: number;
  readonly backupWindow: string;
  readonly maintenanceWindow: string;
  readonly autoMinorVersionUpgrade: boolean;
  readonly applyImmediately: boolean;
  readonly caCertIdentifier: string;
  readonly databaseName: string;
  readonly masterUsername: string;
  readonly allowedSecurityGroupIds: KeyedList;
  readonly allowedCidrs: KeyedList;
  readonly parameters: Readonly<Record<string, string>>;
  readonly enableReadReplica: boolean;
  readonly enableAlarms: boolean;
  readonly performanceInsightsRetentionDays: number;
  readonly monitoringIntervalSeconds: number;
  readonly logRetentionDays: number;
}

function resolveProps(props: PostgresDatabaseProps): ResolvedProps {
  const d = POSTGRES_DATABASE_DEFAULTS;
  const instanceClass = props.instanceClass ?? d.instanceClass;
  const allocatedStorageGb = props.allocatedStorageGb ?? d.allocatedStorageGb;
  return {
    identifier: props.identifier,
    engineVersion: props.engineVersion ?? d.engineVersion,
    instanceClass,
    replicaInstanceClass: props.replicaInstanceClass ?? instanceClass,
    allocatedStorageGb,
    maxAllocatedStorageGb:
      props.maxAllocatedStorageGb ??
      Math.min(RDS_GP3_STORAGE_GB.max, Math.max(d.minMaxAllocatedStorageGb, 2 * allocatedStorageGb)),
    multiAz: props.multiAz ?? d.multiAz,
    deletionProtection: props.deletionProtection ?? d.deletionProtection,
    skipFinalSnapshot: props.skipFinalSnapshot ?? d.skipFinalSnapshot,
    backupRetentionDays: props.backupRetentionDays ?? d.backupRetentionDays,
    backupWindow: props.backupWindow ?? d.backupWindow,
    maintenanceWindow: props.maintenanceWindow ?? d.maintenanceWindow,
    autoMinorVersionUpgrade: props.autoMinorVersionUpgrade ?? d.autoMinorVersionUpgrade,
    applyImmediately: props.applyImmediately ?? d.applyImmediately,
    caCertIdentifier: props.caCertIdentifier ?? d.caCertIdentifier,
    databaseName: props.databaseName ?? d.databaseName,
    masterUsername: props.masterUsername ?? d.masterUsername,
    allowedSecurityGroupIds: props.allowedSecurityGroupIds ?? [],
    allowedCidrs: props.allowedCidrs ?? [],
    parameters: mergeRdsParameters(props.parameters),
    enableReadReplica: props.enableReadReplica ?? d.enableReadReplica,
    enableAlarms: props.enableAlarms ?? d.enableAlarms,
    performanceInsightsRetentionDays: props.performanceInsightsRetentionDays ?? d.performanceInsightsRetentionDays,
    monitoringIntervalSeconds: props.monitoringIntervalSeconds ?? d.monitoringIntervalSeconds,
    logRetentionDays: props.logRetentionDays ?? d.logRetentionDays,
  };
}

/** Throws on the first prop RDS would reject or that breaks a guardrail; unresolved tokens pass. */
function validate(scope: IConstruct, p: ResolvedProps, cidrs: readonly [string, string][]): void {
  const fail = (prop: string, value: unknown, problem: string): never => {
    throw new ValidationError(scope, prop, value, problem);
  };
  const known = (v: unknown): boolean => !Token.isUnresolved(v);
  const stringChecks: [string, string, (v: string) => string | undefined][] = [
    ['identifier', p.identifier, rdsIdentifierProblem],
    ['engineVersion', p.engineVersion, engineVersionProblem],
    ['instanceClass', p.instanceClass, instanceClassProblem],
    ['replicaInstanceClass', p.replicaInstanceClass, instanceClassProblem],
    ['backupWindow', p.backupWindow, backupWindowProblem],
    ['maintenanceWindow', p.maintenanceWindow, maintenanceWindowProblem],
    ['databaseName', p.databaseName, postgresNameProblem],
    ['masterUsername', p.masterUsername, postgresNameProblem],
  ];
  for (const [prop, value, check] of stringChecks) {
    const problem = known(value) ? check(value) : undefined;
    if (problem) fail(prop, value, problem);
  }
  const maxWithReplica = POSTGRES_DATABASE_LIMITS.identifierWithReplicaMaxLength;
  if (p.enableReadReplica && known(p.identifier) && p.identifier.length > maxWithReplica) {
    fail('identifier', p.identifier, `is too long for a read replica named "<identifier>-replica"; use at most ${maxWithReplica} characters`);
  }
  const { min, max } = RDS_GP3_STORAGE_GB;
  const inRange = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;
  if (known(p.allocatedStorageGb) && !inRange(p.allocatedStorageGb, min, max)) {
    fail('allocatedStorageGb', p.allocatedStorageGb, `is not allowed for gp3 PostgreSQL storage; use a whole number of GiB from ${min} to ${max}`);
  }
  if (known(p.allocatedStorageGb) && known(p.maxAllocatedStorageGb) && !(p.maxAllocatedStorageGb > p.allocatedStorageGb && p.maxAllocatedStorageGb <= max)) {
    fail('maxAllocatedStorageGb', p.maxAllocatedStorageGb, `is not above allocatedStorageGb (${p.allocatedStorageGb}) and at most ${max}; use a larger autoscaling ceiling`);
  }
  const backups = POSTGRES_DATABASE_LIMITS.backupRetentionDays;
  if (known(p.backupRetentionDays) && !inRange(p.backupRetentionDays, backups.min, backups.max)) {
    fail('backupRetentionDays', p.backupRetentionDays, `is not allowed; use ${backups.min}-${backups.max} days (1-${backups.max} with a read replica)`);
  }
  if (p.enableReadReplica && p.backupRetentionDays === 0) {
    fail('backupRetentionDays', 0, 'turns automated backups off, but enableReadReplica needs them; use 1-35 days');
  }
  if (known(p.backupWindow) && known(p.maintenanceWindow) && windowsOverlap(p.backupWindow, p.maintenanceWindow)) {
    fail('maintenanceWindow', p.maintenanceWindow, `overlaps backupWindow "${p.backupWindow}"; use a maintenance window outside the backup window`);
  }
  if (known(p.performanceInsightsRetentionDays)) {
    const problem = performanceInsightsRetentionProblem(p.performanceInsightsRetentionDays);
    if (problem) fail('performanceInsightsRetentionDays', p.performanceInsightsRetentionDays, problem);
  }
  if (known(p.monitoringIntervalSeconds) && !(RDS_MONITORING_INTERVALS as readonly number[]).includes(p.monitoringIntervalSeconds)) {
    fail('monitoringIntervalSeconds', p.monitoringIntervalSeconds, `is not allowed; use one of ${RDS_MONITORING_INTERVALS.join(', ')}`);
  }
  if (known(p.logRetentionDays) && !isCloudwatchRetention(p.logRetentionDays)) {
    fail('logRetentionDays', p.logRetentionDays, `is not a CloudWatch Logs retention; ${CLOUDWATCH_RETENTION_ALLOWED}`);
  }
  for (const [, cidr] of cidrs) {
    if (!known(cidr)) continue;
    const error = parseCidr(cidr).error;
    if (error) fail('allowedCidrs', cidr, error);
    if (!isPrivate(cidr)) fail('allowedCidrs', cidr, 'is not a private range; admit only RFC 1918 / RFC 6598 ranges to the database');
  }
  for (const [name, value] of Object.entries(p.parameters)) {
    if (!RDS_PARAMETER_NAME.test(name)) fail('parameters', name, 'is not a PostgreSQL parameter name; use lowercase words joined by "_" or "."');
    const problem = known(value) ? rdsParameterProblem(name, value) : undefined;
    if (problem) fail(`parameters["${name}"]`, value, problem);
  }
}
