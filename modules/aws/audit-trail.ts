import { Cloudtrail, type CloudtrailAdvancedEventSelector } from '@cdktf/provider-aws/lib/cloudtrail';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA as S3BucketServerSideEncryptionConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { suppress } from '../policy/suppressions';
import { ValidationError } from '../core/validation-error';
import { CLOUDWATCH_RETENTION_ALLOWED, isCloudwatchRetention } from './log-retention';
import { AwsContext, CustomerKey } from './private/customer-key';
import { denyInsecureTransport } from './private/deny-insecure-transport';

/** Defaults of {@link AuditTrail}. */
export const AUDIT_TRAIL_DEFAULTS = {
  /** Object Lock (governance mode) retention of every log object, in days. */
  retentionDays: 365,
  /** Retention of the CloudTrail log group, in days. */
  logRetentionDays: 365,
  /** Days server access logs of the audit bucket are kept. */
  accessLogRetentionDays: 365,
  /** Record S3 object-level (data) events. */
  enableS3DataEvents: false,
  /** Record Lambda invoke (data) events. */
  enableLambdaDataEvents: false,
  /** Let AWS Config deliver snapshots and history to the audit bucket. */
  enableConfigDelivery: true,
} as const;

/** Limits of {@link AuditTrail}. */
export const AUDIT_TRAIL_LIMITS = {
  /** S3 Object Lock default retention in days (the API allows up to 100 years). */
  retentionDays: { min: 1, max: 36500 },
  /** The trail name prefixes the bucket names (`<name>-access-logs-`: 37 characters at most). */
  name: /^[a-z0-9][a-z0-9-]{1,22}[a-z0-9]$/,
} as const;

/**
 * Compliance frameworks that set a minimum audit log retention, with the minimum for the archive
 * (Object Lock retention) and for the immediately searchable copy (the log group).
 *
 * PCI DSS v4.0 requirement 10.5.1: keep audit log history at least 12 months, the last three
 * months immediately available for analysis.
 */
export const AUDIT_RETENTION_MINIMUMS: Readonly<Record<string, { readonly retentionDays: number; readonly logRetentionDays: number; readonly source: string }>> = {
  'pci-dss': { retentionDays: 365, logRetentionDays: 90, source: 'PCI DSS v4.0 10.5.1: 12 months, 3 months immediately available' },
};

/** Returns what is wrong with an archive retention for the claimed frameworks, or `undefined`. */
export function auditRetentionProblem(field: 'retentionDays' | 'logRetentionDays', days: number, frameworks: readonly string[]): string | undefined {
  for (const framework of frameworks) {
    const minimum = AUDIT_RETENTION_MINIMUMS[framework];
    if (minimum && days < minimum[field]) {
      return `is below the ${minimum[field]} days ${framework} requires (${minimum.source}); use ${minimum[field]} or more, or drop ${framework} from complianceFrameworks`;
    }
  }
  return undefined;
}

/** Props of {@link AuditTrail}. */
export interface AuditTrailProps {
  /** Trail name, lower-case letters, digits and `-` (3-24); prefixes the bucket names and the log group. */
  readonly name: string;
  /** Object Lock (governance mode) retention of each log object, in days. @default 365 */
  readonly retentionDays?: number;
  /** Retention of the CloudTrail log group (a CloudWatch Logs retention value). @default 365 */
  readonly logRetentionDays?: number;
  /** Days server access logs of the audit bucket are kept. @default 365 */
  readonly accessLogRetentionDays?: number;
  /** Record S3 object-level (data) events of every bucket. @default false */
  readonly enableS3DataEvents?: boolean;
  /** Record Lambda invoke (data) events of every function. @default false */
  readonly enableLambdaDataEvents?: boolean;
  /** Let AWS Config deliver to the audit bucket (bucket and key policy statements). @default true */
  readonly enableConfigDelivery?: boolean;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * The account's audit trail: a multi-region CloudTrail trail of management events (and optionally
 * S3 and Lambda data events) with log file validation, encrypted with its own customer key whose
 * policy admits CloudTrail only for this trail, delivered to a dedicated bucket (versioned, Object
 * Lock in governance mode, access-logged, TLS-only, private) and to an encrypted log group.
 *
 * The bucket also takes AWS Config deliveries (`AWSLogs/<account>/Config/`) unless turned off.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
 * @see https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html
 */
export class AuditTrail extends Construct {
  public readonly trail: Cloudtrail;
  public readonly bucket: S3Bucket;
  public readonly accessLogBucket: S3Bucket;
  public readonly logGroup: CloudwatchLogGroup;
  /** The audit key (trail, bucket, log group, Config deliveries). */
  public readonly key: CustomerKey;
  public readonly kmsKeyArn: string;
  public readonly trailArn: string;
  public readonly bucketName: string;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const d = AUDIT_TRAIL_DEFAULTS;
    const retentionDays = props.retentionDays ?? d.retentionDays;
    const logRetentionDays = props.logRetentionDays ?? d.logRetentionDays;
    const accessLogRetentionDays = props.accessLogRetentionDays ?? d.accessLogRetentionDays;
    if (!Token.isUnresolved(props.name) && !AUDIT_TRAIL_LIMITS.name.test(props.name)) {
      throw new ValidationError(this, 'name', props.name, 'is not a trail name; use 3 to 24 lower-case letters, digits and "-", starting and ending with a letter or digit');
    }
    const { min, max } = AUDIT_TRAIL_LIMITS.retentionDays;
    if (!Token.isUnresolved(retentionDays) && (!Number.isInteger(retentionDays) || retentionDays < min || retentionDays > max)) {
      throw new ValidationError(this, 'retentionDays', retentionDays, `is not an Object Lock retention; use a whole number of days from ${min} to ${max}`);
    }
    if (!Token.isUnresolved(logRetentionDays) && !isCloudwatchRetention(logRetentionDays)) {
      throw new ValidationError(this, 'logRetentionDays', logRetentionDays, `is not a CloudWatch Logs retention; ${CLOUDWATCH_RETENTION_ALLOWED}`);
    }
    if (!Token.isUnresolved(accessLogRetentionDays) && (!Number.isInteger(accessLogRetentionDays) || accessLogRetentionDays < 1)) {
      throw new ValidationError(this, 'accessLogRetentionDays', accessLogRetentionDays, 'is not a number of days; use a whole number of 1 or more');
    }

    const tags = props.tags ?? {};
    const name = props.name;
    const config = props.enableConfigDelivery ?? d.enableConfigDelivery;
    const aws = new AwsContext(this, 'context');
    // Built from its parts rather than read from the trail: the key and bucket policies must exist before the trail.
    const trailArn = aws.arn('cloudtrail', `trail/${name}`);
    this.trailArn = trailArn;
    const logGroupName = `/aws/cloudtrail/${name}`;
    const fromThisTrail = [
      { test: 'StringEquals', variable: 'aws:SourceArn', values: [trailArn] },
      { test: 'StringEquals', variable: 'aws:SourceAccount', values: [aws.accountId] },
    ];
    const anyTrail = `arn:${aws.partition}:cloudtrail:*:${aws.accountId}:trail/*`;
    const fromThisAccount = [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [aws.accountId] }];

    const keyStatements: DataAwsIamPolicyDocumentStatement[] = [
      {
        sid: 'AllowCloudTrailToEncryptForThisTrail',
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }],
        actions: ['kms:GenerateDataKey*'],
        resources: ['*'],
        condition: [
          ...fromThisTrail,
          { test: 'StringLike', variable: 'kms:EncryptionContext:aws:cloudtrail:arn', values: [anyTrail] },
        ],
      },
      {
        sid: 'AllowCloudTrailToDescribeTheKey',
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }],
        actions: ['kms:DescribeKey'],
        resources: ['*'],
        condition: fromThisTrail,
      },
      {
        sid: 'AllowAccountPrincipalsToReadTheLogs',
        effect: 'Allow',
        principals: [{ type: 'AWS', identifiers: ['*'] }],
        actions: ['kms:Decrypt', 'kms:ReEncryptFrom'],
        resources: ['*'],
        condition: [
          { test: 'StringEquals', variable: 'kms:CallerAccount', values: [aws.accountId] },
          { test: 'StringLike', variable: 'kms:EncryptionContext:aws:cloudtrail:arn', values: [anyTrail] },
        ],
      },
    ];
    if (config) {
      keyStatements.push({
        sid: 'AllowConfigDeliveryOfThisAccount',
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: ['config.amazonaws.com'] }],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        condition: fromThisAccount,
      });
    }
    this.key = new CustomerKey(this, 'key', {
      description: `Encrypts the audit trail ${name}: trail, bucket, log group${config ? ', AWS Config deliveries' : ''}`,
      alias: `audit/${name}`,
      logGroupNames: [logGroupName],
      extraStatements: keyStatements,
      tags,
    });
    this.kmsKeyArn = this.key.arn;

    // Server access logs of the audit bucket: S3 log delivery writes only to SSE-S3 buckets.
    this.accessLogBucket = this.secureBucket('access-logs', `${name}-access-logs-`, tags, { sseAlgorithm: 'AES256' });
    suppress(this.accessLogBucket, 'AWS-S3-2', 'S3 server access log delivery supports only SSE-S3 (AES256) on the target bucket, not SSE-KMS');
    suppress(this.accessLogBucket, 'AWS-S3-7', 'this bucket is the access log target of the audit bucket; logging it to itself would loop');
    new S3BucketLifecycleConfiguration(this, 'access-logs-lifecycle', {
      bucket: this.accessLogBucket.id,
      rule: [
        {
          id: 'expire',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          expiration: [{ days: accessLogRetentionDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
    const accessLogsPolicy = new DataAwsIamPolicyDocument(this, 'access-logs-policy-document', {
      statement: [
        {
          sid: 'AllowS3ServerAccessLogsOfThisAccount',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['logging.s3.amazonaws.com'] }],
          actions: ['s3:PutObject'],
          resources: [`${this.accessLogBucket.arn}/*`],
          condition: fromThisAccount,
        },
        tlsOnly(this.accessLogBucket),
      ],
    });
    new S3BucketPolicy(this, 'access-logs-policy', { bucket: this.accessLogBucket.id, policy: accessLogsPolicy.json });

    // The audit bucket: Object Lock must be enabled when the bucket is created.
    this.bucket = this.secureBucket('bucket', `${name}-logs-`, tags, { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.key.arn }, true);
    this.bucketName = this.bucket.bucket;
    new S3BucketObjectLockConfigurationA(this, 'object-lock', {
      bucket: this.bucket.id,
      rule: { defaultRetention: { mode: 'GOVERNANCE', days: retentionDays } },
    });
    new S3BucketLoggingA(this, 'access-logging', { bucket: this.bucket.id, targetBucket: this.accessLogBucket.id, targetPrefix: 'audit-bucket/' });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire-noncurrent-after-retention',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: retentionDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
    const objects = `${this.bucket.arn}/AWSLogs/${aws.accountId}/*`;
    const bucketStatements: DataAwsIamPolicyDocumentStatement[] = [
      {
        sid: 'AllowCloudTrailAclCheck',
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }],
        actions: ['s3:GetBucketAcl'],
        resources: [this.bucket.arn],
        condition: fromThisTrail,
      },
      {
        sid: 'AllowCloudTrailWrite',
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }],
        actions: ['s3:PutObject'],
        resources: [objects],
        condition: [...fromThisTrail, { test: 'StringEquals', variable: 's3:x-amz-acl', values: ['bucket-owner-full-control'] }],
      },
    ];
    if (config) {
      bucketStatements.push(
        {
          sid: 'AllowConfigBucketCheck',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['config.amazonaws.com'] }],
          actions: ['s3:GetBucketAcl', 's3:ListBucket'],
          resources: [this.bucket.arn],
          condition: fromThisAccount,
        },
        {
          sid: 'AllowConfigWrite',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['config.amazonaws.com'] }],
          actions: ['s3:PutObject'],
          resources: [`${this.bucket.arn}/AWSLogs/${aws.accountId}/Config/*`],
          condition: [...fromThisAccount, { test: 'StringEquals', variable: 's3:x-amz-acl', values: ['bucket-owner-full-control'] }],
        },
      );
    }
    bucketStatements.push(tlsOnly(this.bucket));
    const bucketPolicyDocument = new DataAwsIamPolicyDocument(this, 'bucket-policy-document', { statement: bucketStatements });
    const bucketPolicy = new S3BucketPolicy(this, 'bucket-policy', { bucket: this.bucket.id, policy: bucketPolicyDocument.json });

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', { name: logGroupName, retentionInDays: logRetentionDays, kmsKeyId: this.key.arn, tags });
    const assume = new DataAwsIamPolicyDocument(this, 'logs-role-trust', {
      statement: [
        {
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }],
          actions: ['sts:AssumeRole'],
          condition: fromThisAccount,
        },
      ],
    });
    const role = new IamRole(this, 'logs-role', { namePrefix: `${name}-trail-logs-`, assumeRolePolicy: assume.json, tags });
    const write = new DataAwsIamPolicyDocument(this, 'logs-role-policy-document', {
      statement: [
        {
          effect: 'Allow',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [`${this.logGroup.arn}:log-stream:*`],
        },
      ],
    });
    const rolePolicy = new IamRolePolicy(this, 'logs-role-policy', { role: role.id, name: 'write-trail-log-group', policy: write.json });

    const selectors: CloudtrailAdvancedEventSelector[] = [
      { name: 'Management events', fieldSelector: [{ field: 'eventCategory', equalTo: ['Management'] }] },
    ];
    if (props.enableS3DataEvents ?? d.enableS3DataEvents) {
      selectors.push({
        name: 'S3 data events',
        fieldSelector: [
          { field: 'eventCategory', equalTo: ['Data'] },
          { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
        ],
      });
    }
    if (props.enableLambdaDataEvents ?? d.enableLambdaDataEvents) {
      selectors.push({
        name: 'Lambda data events',
        fieldSelector: [
          { field: 'eventCategory', equalTo: ['Data'] },
          { field: 'resources.type', equalTo: ['AWS::Lambda::Function'] },
        ],
      });
    }
    this.trail = new Cloudtrail(this, 'trail', {
      name,
      s3BucketName: this.bucket.id,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: this.key.arn,
      cloudWatchLogsGroupArn: `${this.logGroup.arn}:*`,
      cloudWatchLogsRoleArn: role.arn,
      advancedEventSelector: selectors,
      tags,
      dependsOn: [bucketPolicy, rolePolicy, this.key.key],
    });
  }

  /** A private, versioned, owner-enforced bucket with default encryption. */
  private secureBucket(
    id: string,
    prefix: string,
    tags: Record<string, string>,
    encryption: { sseAlgorithm: string; kmsMasterKeyId?: string },
    objectLock = false,
  ): S3Bucket {
    const bucket = new S3Bucket(this, id, { bucketPrefix: prefix, forceDestroy: false, objectLockEnabled: objectLock || undefined, tags });
    new S3BucketVersioningA(this, `${id}-versioning`, { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketPublicAccessBlock(this, `${id}-public-access`, {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, `${id}-ownership`, { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new S3BucketServerSideEncryptionConfiguration(this, `${id}-encryption`, {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: encryption, bucketKeyEnabled: encryption.sseAlgorithm === 'aws:kms' }],
    });
    return bucket;
  }
}

/** A bucket policy statement denying every request made without TLS. */
function tlsOnly(bucket: S3Bucket): DataAwsIamPolicyDocumentStatement {
  return denyInsecureTransport(['s3:*'], [bucket.arn, `${bucket.arn}/*`]);
}
