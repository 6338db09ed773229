import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DmsCertificate } from '@cdktf/provider-aws/lib/dms-certificate';
import { DmsEndpoint } from '@cdktf/provider-aws/lib/dms-endpoint';
import { DmsReplicationInstance } from '@cdktf/provider-aws/lib/dms-replication-instance';
import { DmsReplicationSubnetGroup } from '@cdktf/provider-aws/lib/dms-replication-subnet-group';
import { DmsReplicationTask } from '@cdktf/provider-aws/lib/dms-replication-task';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Fn, type ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { CLOUDWATCH_RETENTION_ALLOWED, isCloudwatchRetention } from '../aws/log-retention';
import { ValidationError } from '../core/validation-error';
import { EphemeralResource } from '../core/ephemeral-resource';
import { buildTableMappings, buildTaskSettings } from './private/task-settings';
import { jsonencode } from '../core/jsonencode';

/** PostgreSQL port on both sides. */
const POSTGRES_PORT = 5432;

/**
 * Smallest DMS engine version the construct accepts: PostgreSQL 17 as source needs 3.6.1 (as
 * target 3.5.4).
 *
 * @see https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Introduction.Sources.html
 */
export const DMS_MIN_ENGINE_VERSION = '3.6.1';

/** @deprecated use {@link DMS_MIN_ENGINE_VERSION} */
export const MIN_DMS_ENGINE_VERSION = DMS_MIN_ENGINE_VERSION;

/** Defaults of {@link DmsReplication}, exported for the `dr.dms` config section. */
export const DMS_REPLICATION_DEFAULTS = {
  instanceClass: 'dms.r6i.large',
  allocatedStorageGb: 100,
  engineVersion: DMS_MIN_ENGINE_VERSION,
  schemas: ['public'],
  heartbeatTable: { schema: 'dr', table: 'heartbeat' },
  heartbeatFrequencyMinutes: 1,
  lobMaxSizeKb: 1024,
  rpoTargetSeconds: 60,
  logRetentionDays: 90,
  startReplicationTask: true,
  /** Days a deleted endpoint secret can be restored. */
  secretRecoveryWindowDays: 7,
  /** Days before a scheduled key deletion happens. */
  keyDeletionWindowDays: 30,
  /** The RDS user DMS reads as: its own role, never the master user (see docs/dr-runbook.md). */
  sourceUserName: 'dms_source',
  /** Length of the source user's generated password. */
  sourcePasswordLength: 32,
  /** `secret_string_wo_version` of both endpoint secrets: raise it to write a new value. */
  secretVersion: 1,
} as const;

/**
 * Characters left out of the generated source password: `; . : +` (refused in DMS endpoint
 * passwords), quotes, backslash, `@ / $ & \`` and space (break SQL literals, URLs and shells).
 */
export const DMS_PASSWORD_EXCLUDED_CHARACTERS = ';.:+\'"\\@/$&`';

/**
 * Replication instance classes DMS offers (`dms.<family>.<size>`) for the current-generation
 * families; the previous-generation T2, C4 and R4 are left out. Availability still varies by
 * region: `aws dms describe-orderable-replication-instances` lists a region's.
 *
 * @see https://docs.aws.amazon.com/dms/latest/userguide/CHAP_ReplicationInstance.Types.html
 */
export const DMS_INSTANCE_CLASSES: Readonly<Record<string, readonly string[]>> = {
  t3: ['micro', 'small', 'medium', 'large'],
  c5: ['large', 'xlarge', '2xlarge', '4xlarge', '9xlarge', '12xlarge', '18xlarge', '24xlarge'],
  c6i: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge', '32xlarge'],
  c7i: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge', '48xlarge'],
  r5: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge'],
  r6i: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge', '32xlarge'],
  r7i: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge', '48xlarge'],
};

/**
 * Checks a replication instance class against {@link DMS_INSTANCE_CLASSES}: a message "is not ...;
 * use ..." naming the allowed families (or the family's sizes), or `undefined` when it is offered.
 */
export function dmsInstanceClassProblem(instanceClass: string): string | undefined {
  const [prefix, family, size, ...rest] = instanceClass.split('.');
  const sizes = family !== undefined ? DMS_INSTANCE_CLASSES[family] : undefined;
  if (prefix !== 'dms' || !sizes || size === undefined || rest.length > 0) {
    const families = Object.keys(DMS_INSTANCE_CLASSES).join(', ');
    return `is not a DMS replication instance class; use "dms.<family>.<size>" with family ${families}, e.g. "${DMS_REPLICATION_DEFAULTS.instanceClass}"`;
  }
  if (!sizes.includes(size)) {
    return `is not a size DMS offers for dms.${family}; use dms.${family}.<size> with size ${sizes.join(', ')}`;
  }
  return undefined;
}

/** DMS engine version format: `major.minor.patch`. */
export const DMS_ENGINE_VERSION_PATTERN = /^\d+\.\d+\.\d+$/;

/** Compares dotted version strings numerically: negative when `a < b`, 0 when equal, positive when `a > b`. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The RDS source of the replication. */
export interface DmsSourceDatabase {
  /** Host name of the RDS instance (the writer). */
  readonly address: string;
  readonly port: number;
  /** Database replicated. */
  readonly databaseName: string;
  /** Security group of the RDS instance (gets an ingress rule from DMS). */
  readonly securityGroupId: string;
  /**
   * The RDS role DMS reads as. Its secret (`<prefix>/dms/source`) is made here with a generated
   * password; the role itself is created once with SQL (docs/dr-runbook.md). Never the master user.
   *
   * @default 'dms_source'
   */
  readonly userName?: string;
  /** PEM of the RDS CA bundle DMS verifies the server with. */
  readonly caCertificatePem: string;
}

/** The Cloud SQL target of the replication. */
export interface DmsTargetDatabase {
  /** Private IP of the Cloud SQL instance (reached over the VPN). */
  readonly privateIp: string;
  /** Range the private IP is allocated from (private services access). */
  readonly cidr: string;
  /** Database written to. */
  readonly databaseName: string;
  /** User DMS writes as. */
  readonly userName: string;
  /**
   * That user's password (a sensitive token from `<env>-gcp-dr-vpn`; never a literal). Written to
   * the target secret through the write-only `secret_string_wo`, so that resource stores no copy.
   */
  readonly password: string;
  /**
   * `secret_string_wo_version` of the target secret: a write-only value is only sent when this
   * changes, so raise it after the password changes (docs/dr-runbook.md).
   *
   * @default 1
   */
  readonly secretVersion?: number;
  /** PEM of Cloud SQL's server CA. */
  readonly caCertificatePem: string;
}

/** Props of {@link DmsReplication}. */
export interface DmsReplicationProps {
  /** Prefix of every resource name, e.g. `prod-dr`. */
  readonly namePrefix: string;
  readonly accountId: string;
  readonly region: string;
  /** AWS partition. @default 'aws' */
  readonly partition?: string;
  readonly vpcId: string;
  /** Private subnets of at least two AZs. */
  readonly subnetIds: string[];
  /** Security group of the Secrets Manager interface endpoint. */
  readonly secretsManagerEndpointSecurityGroupId: string;
  /** Regional DNS name of the Secrets Manager interface endpoint (`secretsManagerEndpointOverride`). */
  readonly secretsManagerEndpointDnsName: string;
  readonly source: DmsSourceDatabase;
  readonly target: DmsTargetDatabase;
  /** Replication instance class. @default 'dms.r6i.large' */
  readonly instanceClass?: string;
  /** Instance storage in GB. @default 100 */
  readonly allocatedStorageGb?: number;
  /** Pinned engine version (>= {@link DMS_MIN_ENGINE_VERSION} for PostgreSQL 17). @default '3.6.1' */
  readonly engineVersion?: string;
  /** Schemas whose every table is replicated. @default ['public'] */
  readonly schemas?: string[];
  /** Heartbeat table replicated for lag measurement. @default dr.heartbeat */
  readonly heartbeatTable?: { readonly schema: string; readonly table: string };
  /** DMS WAL heartbeat on the source, in minutes. @default 1 */
  readonly heartbeatFrequencyMinutes?: number;
  /** Largest LOB in KB (limited LOB mode). @default 1024 */
  readonly lobMaxSizeKb?: number;
  /** RPO target in seconds (tunes the commit timeout). @default 60 */
  readonly rpoTargetSeconds?: number;
  /** Task log retention in days. @default 90 */
  readonly logRetentionDays?: number;
  /** Whether Terraform keeps the task running (false in `failed-over` mode). @default true */
  readonly startReplicationTask?: boolean;
  /** Resources DMS must wait for (the account roles' policy attachments). @default [] */
  readonly dependsOn?: ITerraformDependable[];
  /** Tags merged onto every taggable resource. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * AWS DMS change data capture from RDS for PostgreSQL into Cloud SQL over the private VPN.
 *
 * A Multi-AZ, private, KMS-encrypted replication instance with a pinned engine; endpoints that
 * read credentials from Secrets Manager through an access role and verify TLS on both sides; a
 * full-load-and-CDC task whose settings are a typed object; the task log group made up front.
 *
 * DMS reads RDS as its own role (`dms_source`, created once with SQL: docs/dr-runbook.md), whose
 * password Secrets Manager generates in an ephemeral block; both endpoint secrets are written
 * through the write-only `secret_string_wo`, so no password sits in this construct's state
 * (docs/secrets.md). Needs Terraform >= 1.11 and `cdktf synth` as JSON (not `--hcl`).
 *
 * @see https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.PostgreSQL.html
 */
export class DmsReplication extends Construct {
  public readonly key: KmsKey;
  public readonly securityGroup: SecurityGroup;
  public readonly subnetGroup: DmsReplicationSubnetGroup;
  public readonly instance: DmsReplicationInstance;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly sourceEndpoint: DmsEndpoint;
  public readonly targetEndpoint: DmsEndpoint;
  public readonly task: DmsReplicationTask;
  /** The RDS CA bundle DMS verifies the source with. */
  public readonly sourceCertificate: DmsCertificate;
  /** Cloud SQL's server CA DMS verifies the target with. */
  public readonly targetCertificate: DmsCertificate;
  /** Replication instance identifier (CloudWatch dimension `ReplicationInstanceIdentifier`). */
  public readonly instanceId: string;
  /** Task resource id: the last segment of the task ARN (dimension `ReplicationTaskIdentifier`). */
  public readonly taskResourceId: string;
  /** The source endpoint's secret (`username`, `password`, `host`, `port`): DMS's own RDS role. */
  public readonly sourceSecret: SecretsmanagerSecret;
  /** The target endpoint's secret (the Cloud SQL user DMS writes as). */
  public readonly targetSecret: SecretsmanagerSecret;
  /** The RDS role DMS reads as (created once with SQL: docs/dr-runbook.md). */
  public readonly sourceUserName: string;

  constructor(scope: Construct, id: string, props: DmsReplicationProps) {
    super(scope, id);
    const d = DMS_REPLICATION_DEFAULTS;
    const engineVersion = props.engineVersion ?? d.engineVersion;
    const heartbeatFrequency = props.heartbeatFrequencyMinutes ?? d.heartbeatFrequencyMinutes;
    const logRetentionDays = props.logRetentionDays ?? d.logRetentionDays;
    if (
      !Token.isUnresolved(engineVersion) &&
      (!DMS_ENGINE_VERSION_PATTERN.test(engineVersion) || compareVersions(engineVersion, DMS_MIN_ENGINE_VERSION) < 0)
    ) {
      throw new ValidationError(
        this,
        'engineVersion',
        engineVersion,
        `is too old for PostgreSQL 17 or not "major.minor.patch"; use "${DMS_MIN_ENGINE_VERSION}" or later`,
      );
    }
    const instanceClass = props.instanceClass ?? d.instanceClass;
    const classProblem = Token.isUnresolved(instanceClass) ? undefined : dmsInstanceClassProblem(instanceClass);
    if (classProblem) throw new ValidationError(this, 'instanceClass', instanceClass, classProblem);
    if (props.subnetIds.length < 2 && !props.subnetIds.some((s) => Token.isUnresolved(s))) {
      throw new ValidationError(
        this,
        'subnetIds',
        props.subnetIds,
        `has ${props.subnetIds.length} subnet(s); a Multi-AZ instance needs subnets in at least 2 AZs`,
      );
    }
    if (!Token.isUnresolved(heartbeatFrequency) && (!Number.isInteger(heartbeatFrequency) || heartbeatFrequency < 1)) {
      throw new ValidationError(
        this,
        'heartbeatFrequencyMinutes',
        heartbeatFrequency,
        'is not allowed; use a whole number of minutes >= 1',
      );
    }
    const sourceUser = props.source.userName;
    if (sourceUser !== undefined && !Token.isUnresolved(sourceUser) && !/^[a-z_][a-z0-9_]{0,62}$/.test(sourceUser)) {
      throw new ValidationError(
        this,
        'source.userName',
        sourceUser,
        'is not a plain PostgreSQL role name; use 1-63 lowercase letters, digits and "_", starting with a letter or "_"',
      );
    }
    if (sourceUser !== undefined && !Token.isUnresolved(sourceUser) && (sourceUser === 'postgres' || sourceUser.startsWith('rds'))) {
      throw new ValidationError(this, 'source.userName', sourceUser, 'is the master or an RDS-reserved role; DMS reads as its own role, e.g. "dms_source"');
    }
    const secretVersion = props.target.secretVersion;
    if (secretVersion !== undefined && !Token.isUnresolved(secretVersion) && (!Number.isInteger(secretVersion) || secretVersion < 1)) {
      throw new ValidationError(this, 'target.secretVersion', secretVersion, 'is not allowed; use a whole number >= 1 (raise it to write a new password)');
    }
    // The task settings and table mappings are serialised here (JSON.stringify): a token inside
    // would come out as an unescaped placeholder, so these values must be literals.
    const literals: [string, unknown][] = [
      ['lobMaxSizeKb', props.lobMaxSizeKb],
      ['rpoTargetSeconds', props.rpoTargetSeconds],
      ['schemas', props.schemas],
      ['heartbeatTable', props.heartbeatTable],
    ];
    for (const [prop, value] of literals) {
      if (value !== undefined && Token.isUnresolved(JSON.stringify(value))) {
        throw new ValidationError(this, prop, value, 'is a token; the task settings and table mappings need literal values');
      }
    }
    if (!Token.isUnresolved(logRetentionDays) && !isCloudwatchRetention(logRetentionDays)) {
      throw new ValidationError(this, 'logRetentionDays', logRetentionDays, `is not a CloudWatch Logs retention; ${CLOUDWATCH_RETENTION_ALLOWED}`);
    }
    const partition = props.partition ?? 'aws';
    const tags = props.tags ?? {};
    const prefix = props.namePrefix;
    const named = (name: string) => ({ ...tags, Name: `${prefix}-${name}` });
    this.instanceId = `${prefix}-dms`;
    const logGroupName = `dms-tasks-${this.instanceId}`;
    const accountRoot = `arn:${partition}:iam::${props.accountId}:root`;

    // One customer-managed key for the instance, endpoints, secrets, task logs and alerts. Every
    // service-principal statement is limited to this account's resources (confused deputy).
    const keyPolicy = new DataAwsIamPolicyDocument(this, 'key-policy', {
      statement: [
        { sid: 'Account', effect: 'Allow', principals: [{ type: 'AWS', identifiers: [accountRoot] }], actions: ['kms:*'], resources: ['*'] },
        // CloudWatch Logs is scoped by the encryption context (the log group ARN), the condition
        // AWS documents for log-group keys.
        // @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/logs/encrypt-log-data-kms.html
        {
          sid: 'TaskLogs',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: [`logs.${props.region}.amazonaws.com`] }],
          actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
          resources: ['*'],
          condition: [
            {
              test: 'ArnEquals',
              variable: 'kms:EncryptionContext:aws:logs:arn',
              values: [`arn:${partition}:logs:${props.region}:${props.accountId}:log-group:${logGroupName}`],
            },
          ],
        },
        // CloudWatch alarms of this link publish to the encrypted SNS topic.
        // @see https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
        {
          sid: 'AlarmPublishers',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'],
          condition: [
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: [props.accountId] },
            {
              test: 'ArnLike',
              variable: 'aws:SourceArn',
              values: [`arn:${partition}:cloudwatch:${props.region}:${props.accountId}:alarm:${prefix}-*`],
            },
          ],
        },
        // DMS event subscriptions publish to the same topic; limited to this account.
        // Documented exception: no aws:SourceArn here. The ARN DMS presents when its event delivery
        // makes SNS call KMS is not documented, and a wrong guess drops every failure event silently;
        // aws:SourceAccount is the confused-deputy guard (verify with a DMS test event at go-live).
        // @see https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Events.html
        {
          sid: 'DmsEventPublishers',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['dms.amazonaws.com'] }],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'],
          condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [props.accountId] }],
        },
      ],
    });
    this.key = new KmsKey(this, 'key', {
      description: `${prefix}: DMS replication instance, endpoints, secrets, logs and alerts`,
      enableKeyRotation: true,
      deletionWindowInDays: d.keyDeletionWindowDays,
      policy: keyPolicy.json,
      tags: named('dms'),
    });
    new KmsAlias(this, 'key-alias', { name: `alias/${prefix}-dms`, targetKeyId: this.key.keyId });

    // Network: DMS reaches RDS and Cloud SQL on 5432 and Secrets Manager on 443, nothing else.
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${prefix}-dms`,
      description: 'DMS replication instance of the DR link',
      vpcId: props.vpcId,
      tags: named('dms'),
    });
    const egress = (
      rid: string,
      description: string,
      port: number,
      to: { cidrIpv4?: string; referencedSecurityGroupId?: string },
    ) =>
      new VpcSecurityGroupEgressRule(this, rid, {
        securityGroupId: this.securityGroup.id,
        description,
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        ...to,
        tags: named(rid),
      });
    egress('egress-rds', 'PostgreSQL to the RDS source', POSTGRES_PORT, {
      referencedSecurityGroupId: props.source.securityGroupId,
    });
    egress('egress-cloud-sql', 'PostgreSQL to Cloud SQL over the VPN', POSTGRES_PORT, { cidrIpv4: props.target.cidr });
    egress('egress-secrets-manager', 'HTTPS to the Secrets Manager endpoint', 443, {
      referencedSecurityGroupId: props.secretsManagerEndpointSecurityGroupId,
    });
    new VpcSecurityGroupIngressRule(this, 'rds-ingress', {
      securityGroupId: props.source.securityGroupId,
      description: 'PostgreSQL from the DMS replication instance of the DR link',
      ipProtocol: 'tcp',
      fromPort: POSTGRES_PORT,
      toPort: POSTGRES_PORT,
      referencedSecurityGroupId: this.securityGroup.id,
      tags: named('rds-from-dms'),
    });

    const roleDeps = props.dependsOn ?? [];
    this.subnetGroup = new DmsReplicationSubnetGroup(this, 'subnet-group', {
      replicationSubnetGroupId: `${prefix}-dms`,
      replicationSubnetGroupDescription: 'Private subnets of the DR link replication instance',
      subnetIds: props.subnetIds,
      tags: named('dms'),
      dependsOn: roleDeps,
    });

    // Created before the instance, with retention and KMS: DMS would otherwise make it without either.
    this.logGroup = new CloudwatchLogGroup(this, 'task-logs', {
      name: logGroupName,
      retentionInDays: logRetentionDays,
      kmsKeyId: this.key.arn,
      tags: named('dms-task-logs'),
    });

    this.instance = new DmsReplicationInstance(this, 'instance', {
      replicationInstanceId: this.instanceId,
      replicationInstanceClass: instanceClass,
      allocatedStorage: props.allocatedStorageGb ?? d.allocatedStorageGb,
      engineVersion,
      autoMinorVersionUpgrade: false,
      allowMajorVersionUpgrade: false,
      multiAz: true,
      publiclyAccessible: false,
      kmsKeyArn: this.key.arn,
      replicationSubnetGroupId: this.subnetGroup.replicationSubnetGroupId,
      vpcSecurityGroupIds: [this.securityGroup.id],
      tags: named('dms'),
      dependsOn: [...roleDeps, this.logGroup],
    });

    // Credentials: two secrets, read by DMS through an access role; no password field on an endpoint.
    // Both values go through the write-only `secret_string_wo` (Terraform >= 1.11), so the secret
    // versions keep no copy in state. The source password is DMS's own (never the RDS master's):
    // generated by Secrets Manager in an ephemeral block, it is in neither plan nor state.
    // @see https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/ephemeral-resources/secretsmanager_random_password
    // @see https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/secretsmanager_secret_version#secret_string_wo
    const sourcePassword = new EphemeralResource(this, 'source-password', {
      type: 'aws_secretsmanager_random_password',
      config: {
        password_length: d.sourcePasswordLength,
        exclude_characters: DMS_PASSWORD_EXCLUDED_CHARACTERS,
        require_each_included_type: true,
      },
    });
    this.sourceUserName = props.source.userName ?? d.sourceUserName;
    this.sourceSecret = this.secret('source-secret', `${prefix}/dms/source`, `DMS source endpoint (RDS): the ${this.sourceUserName} role`, d.secretVersion, {
      username: this.sourceUserName,
      password: sourcePassword.getStringAttribute('random_password'),
      host: props.source.address,
      port: props.source.port,
    });
    this.targetSecret = this.secret(
      'target-secret',
      `${prefix}/dms/target`,
      'DMS target endpoint (Cloud SQL)',
      props.target.secretVersion ?? d.secretVersion,
      {
        username: props.target.userName,
        password: props.target.password,
        host: props.target.privateIp,
        port: POSTGRES_PORT,
      },
    );
    const sourceSecret = this.sourceSecret;
    const targetSecret = this.targetSecret;
    // The regional principal, as the DMS guide for Secrets Manager access roles shows, limited to
    // this account's DMS resources (confused deputy).
    // @see https://docs.aws.amazon.com/dms/latest/userguide/security_iam_secretsmanager.html
    // @see https://docs.aws.amazon.com/dms/latest/userguide/cross-service-confused-deputy-prevention.html
    const accessTrust = new DataAwsIamPolicyDocument(this, 'secrets-access-trust', {
      statement: [
        {
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: [`dms.${props.region}.amazonaws.com`] }],
          actions: ['sts:AssumeRole'],
          condition: [
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: [props.accountId] },
            { test: 'ArnLike', variable: 'aws:SourceArn', values: [`arn:${partition}:dms:${props.region}:${props.accountId}:*`] },
          ],
        },
      ],
    });
    const accessRole = new IamRole(this, 'secrets-access-role', {
      name: `${prefix}-dms-secrets`,
      description: 'DMS reads the DR link endpoint secrets',
      assumeRolePolicy: accessTrust.json,
      tags: named('dms-secrets'),
    });
    const accessPolicy = new IamRolePolicy(this, 'secrets-access-policy', {
      role: accessRole.name,
      name: 'read-endpoint-secrets',
      policy: new DataAwsIamPolicyDocument(this, 'secrets-access-document', {
        statement: [
          {
            effect: 'Allow',
            actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
            resources: [sourceSecret.arn, targetSecret.arn],
          },
          { effect: 'Allow', actions: ['kms:Decrypt', 'kms:DescribeKey'], resources: [this.key.arn] },
        ],
      }).json,
    });

    const rdsCa = (this.sourceCertificate = new DmsCertificate(this, 'rds-ca', {
      certificateId: `${prefix}-rds-ca`,
      certificatePem: props.source.caCertificatePem,
      tags: named('rds-ca'),
    }));
    const cloudSqlCa = (this.targetCertificate = new DmsCertificate(this, 'cloud-sql-ca', {
      certificateId: `${prefix}-cloud-sql-ca`,
      certificatePem: props.target.caCertificatePem,
      tags: named('cloud-sql-ca'),
    }));
    // A private replication instance cannot reach the public Secrets Manager endpoint.
    const override = `secretsManagerEndpointOverride=${props.secretsManagerEndpointDnsName}`;

    this.sourceEndpoint = new DmsEndpoint(this, 'source', {
      endpointId: `${prefix}-rds-source`,
      endpointType: 'source',
      engineName: 'postgres',
      databaseName: props.source.databaseName,
      sslMode: 'verify-full',
      certificateArn: rdsCa.certificateArn,
      secretsManagerArn: sourceSecret.arn,
      secretsManagerAccessRoleArn: accessRole.arn,
      kmsKeyArn: this.key.arn,
      extraConnectionAttributes: override,
      // Endpoint edits stop and resume the running task instead of failing.
      pauseReplicationTasks: true,
      postgresSettings: {
        heartbeatEnable: true,
        heartbeatFrequency,
        // Migrations run on both sides; DMS must not add its DDL audit table and event trigger.
        captureDdls: false,
        failTasksOnLobTruncation: true,
        pluginName: 'test_decoding',
      },
      tags: named('rds-source'),
      dependsOn: [accessPolicy],
    });
    this.targetEndpoint = new DmsEndpoint(this, 'target', {
      endpointId: `${prefix}-cloud-sql-target`,
      endpointType: 'target',
      engineName: 'postgres',
      databaseName: props.target.databaseName,
      // verify-ca: Cloud SQL's certificate names the instance, not its private IP.
      sslMode: 'verify-ca',
      certificateArn: cloudSqlCa.certificateArn,
      secretsManagerArn: targetSecret.arn,
      secretsManagerAccessRoleArn: accessRole.arn,
      kmsKeyArn: this.key.arn,
      extraConnectionAttributes: override,
      pauseReplicationTasks: true,
      // Explicit, so the provider's hidden defaults do not show as drift (#47884).
      postgresSettings: { executeTimeout: 60, maxFileSize: 32768 },
      tags: named('cloud-sql-target'),
      dependsOn: [accessPolicy],
    });

    const settings = buildTaskSettings({
      lobMaxSizeKb: props.lobMaxSizeKb ?? d.lobMaxSizeKb,
      rpoTargetSeconds: props.rpoTargetSeconds ?? d.rpoTargetSeconds,
    });
    const mappings = buildTableMappings({
      schemas: props.schemas ?? [...d.schemas],
      heartbeatTable: props.heartbeatTable ?? d.heartbeatTable,
    });
    this.task = new DmsReplicationTask(this, 'task', {
      replicationTaskId: `${prefix}-rds-to-cloud-sql`,
      migrationType: 'full-load-and-cdc',
      replicationInstanceArn: this.instance.replicationInstanceArn,
      sourceEndpointArn: this.sourceEndpoint.endpointArn,
      targetEndpointArn: this.targetEndpoint.endpointArn,
      tableMappings: JSON.stringify(mappings),
      replicationTaskSettings: JSON.stringify(settings),
      startReplicationTask: props.startReplicationTask ?? d.startReplicationTask,
      tags: named('rds-to-cloud-sql'),
      dependsOn: [this.logGroup],
      lifecycle: {
        // DMS returns the settings with every default filled in (and its log group keys added), so
        // the JSON never equals what was sent and every plan would show a change (#19883, #31136).
        // Settings changes are applied deliberately: see docs/dr.md ("Changing task settings").
        ignoreChanges: ['replication_task_settings'],
      },
    });
    this.taskResourceId = Fn.element(Fn.split(':', this.task.replicationTaskArn), 6);
  }

  private secret(id: string, name: string, description: string, version: number, value: Record<string, unknown>): SecretsmanagerSecret {
    const secret = new SecretsmanagerSecret(this, id, {
      name,
      description,
      kmsKeyId: this.key.arn,
      recoveryWindowInDays: DMS_REPLICATION_DEFAULTS.secretRecoveryWindowDays,
    });
    new SecretsmanagerSecretVersion(this, `${id}-value`, {
      secretId: secret.id,
      secretStringWo: jsonencode(value),
      secretStringWoVersion: version,
    });
    return secret;
  }
}
