import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration, type S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { suppress } from '../policy/suppressions';
import { ValidationError } from '../core/validation-error';
import { AwsContext, CustomerKey } from './private/customer-key';
import { denyInsecureTransport } from './private/deny-insecure-transport';

/** Storage classes a lifecycle rule may move objects to. @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html */
export const DATA_BUCKET_STORAGE_CLASSES = ['STANDARD_IA', 'INTELLIGENT_TIERING', 'GLACIER_IR', 'GLACIER', 'DEEP_ARCHIVE'] as const;
export type DataBucketStorageClass = (typeof DATA_BUCKET_STORAGE_CLASSES)[number];

/** Object Lock retention modes. @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html */
export const OBJECT_LOCK_MODES = ['GOVERNANCE', 'COMPLIANCE'] as const;

/** Defaults of {@link DataBucket}. */
export const DATA_BUCKET_DEFAULTS = {
  /** Days after which an incomplete multipart upload is aborted. */
  abortIncompleteUploadDays: 7,
  /** Days a noncurrent version is kept. */
  noncurrentExpirationDays: 90,
  /** Days the access logs are kept. */
  accessLogExpiryDays: 365,
  forceDestroy: false,
} as const;

/** Limits of {@link DataBucket}. */
export const DATA_BUCKET_LIMITS = {
  days: { min: 1, max: 36500 },
  objectLockDays: { min: 1, max: 36500 },
  /** Bucket name prefix: `bucketPrefix` may be at most 37 characters (the provider adds 26). */
  namePrefixLength: 37,
} as const;

/** One lifecycle rule of a data bucket. */
export interface DataBucketLifecycleRule {
  /** Rule id (unique in the bucket). */
  readonly id: string;
  /** Key prefix the rule applies to. @default - every object */
  readonly prefix?: string;
  /** Moves of current versions to cheaper storage classes, by age in days. @default - none */
  readonly transitions?: readonly { readonly days: number; readonly storageClass: DataBucketStorageClass }[];
  /** Days after which current versions expire (become noncurrent). @default - never */
  readonly expirationDays?: number;
  /** Days after which noncurrent versions are deleted. @default - kept */
  readonly noncurrentExpirationDays?: number;
  /** Days after which incomplete multipart uploads are aborted. @default - not aborted by this rule */
  readonly abortIncompleteUploadDays?: number;
}

/** A problem of one lifecycle rule: the field (inside the rule), the value and what is allowed. */
export interface LifecycleRuleProblem {
  readonly field: string;
  readonly value: unknown;
  readonly message: string;
}

/**
 * Checks one lifecycle rule: day counts in range, transitions in increasing order and each before
 * the expiry (a transition on or after the expiry day would never happen, and S3 rejects it).
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-configuration-examples.html
 */
export function lifecycleRuleProblems(rule: DataBucketLifecycleRule): LifecycleRuleProblem[] {
  const problems: LifecycleRuleProblem[] = [];
  const { min, max } = DATA_BUCKET_LIMITS.days;
  const days = (field: string, v: number | undefined) => {
    if (v !== undefined && (!Number.isInteger(v) || v < min || v > max)) problems.push({ field, value: v, message: `is not allowed; use a whole number of days from ${min} to ${max}` });
  };
  days('expirationDays', rule.expirationDays);
  days('noncurrentExpirationDays', rule.noncurrentExpirationDays);
  days('abortIncompleteUploadDays', rule.abortIncompleteUploadDays);
  (rule.transitions ?? []).forEach((t, i) => {
    days(`transitions[${i}].days`, t.days);
    if (!(DATA_BUCKET_STORAGE_CLASSES as readonly string[]).includes(t.storageClass)) {
      problems.push({ field: `transitions[${i}].storageClass`, value: t.storageClass, message: `is not a lifecycle storage class; use one of ${DATA_BUCKET_STORAGE_CLASSES.join(', ')}` });
    }
    if (rule.expirationDays !== undefined && t.days >= rule.expirationDays) {
      problems.push({ field: `transitions[${i}].days`, value: t.days, message: `is not before expirationDays (${rule.expirationDays}); a transition must come before the expiry, use fewer days or drop the transition` });
    }
    const prev = rule.transitions?.[i - 1];
    if (prev && t.days <= prev.days) {
      problems.push({ field: `transitions[${i}].days`, value: t.days, message: `is not after the previous transition (${prev.days} days); list transitions in increasing days` });
    }
  });
  return problems;
}

/** Props of {@link DataBucket}. */
export interface DataBucketProps {
  /** Bucket name prefix (lower-case letters, digits, -; at most 37); S3 adds a unique suffix. */
  readonly namePrefix: string;
  /** Lifecycle rules; each is keyed by its id. @default - one rule aborting incomplete uploads after 7 days and deleting noncurrent versions after 90 */
  readonly lifecycleRules?: readonly DataBucketLifecycleRule[];
  /** Object Lock default retention (WORM); can only be chosen when the bucket is created. @default - no Object Lock */
  readonly objectLock?: { readonly mode: (typeof OBJECT_LOCK_MODES)[number]; readonly days: number };
  /** Days the access logs are kept. @default 365 */
  readonly accessLogExpiryDays?: number;
  /** Let CloudFront distributions of this account decrypt with the bucket's key (see `grantCloudFrontRead`). @default false */
  readonly cloudFrontReads?: boolean;
  /** Let `terraform destroy` delete a bucket that still holds objects. @default false */
  readonly forceDestroy?: boolean;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * An S3 bucket for application data: versioned, encrypted with its own rotating customer key and the
 * S3 bucket key, all four public access blocks, ACLs disabled (bucket owner enforced), TLS-only
 * policy, lifecycle rules, optional Object Lock, and server access logs to a log bucket made beside it.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
 */
export class DataBucket extends Construct {
  public readonly bucket: S3Bucket;
  public readonly bucketName: string;
  public readonly bucketArn: string;
  /** Regional domain name (for a CloudFront origin). */
  public readonly regionalDomainName: string;
  public readonly kmsKeyArn: string;
  public readonly logBucketName: string;
  private readonly cloudFrontReads: boolean;
  private readonly policyDocument: DataAwsIamPolicyDocument;
  private readonly statements: DataAwsIamPolicyDocumentStatement[];

  constructor(scope: Construct, id: string, props: DataBucketProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.namePrefix) && !/^[a-z0-9][a-z0-9-]{0,36}$/.test(props.namePrefix)) {
      throw new ValidationError(this, 'namePrefix', props.namePrefix, `is not a bucket name prefix; use lower-case letters, digits and -, at most ${DATA_BUCKET_LIMITS.namePrefixLength} characters`);
    }
    const rules = props.lifecycleRules ?? [{ id: 'default', abortIncompleteUploadDays: DATA_BUCKET_DEFAULTS.abortIncompleteUploadDays, noncurrentExpirationDays: DATA_BUCKET_DEFAULTS.noncurrentExpirationDays }];
    const ids = new Set<string>();
    rules.forEach((rule, i) => {
      if (!/^[A-Za-z0-9._-]{1,255}$/.test(rule.id) || ids.has(rule.id)) {
        throw new ValidationError(this, `lifecycleRules[${i}].id`, rule.id, 'is not a unique rule id; use letters, digits, . _ - and give each rule its own id');
      }
      ids.add(rule.id);
      const [problem] = lifecycleRuleProblems(rule);
      if (problem) throw new ValidationError(this, `lifecycleRules[${i}].${problem.field}`, problem.value, problem.message);
    });
    if (props.objectLock) {
      const { mode, days } = props.objectLock;
      if (!(OBJECT_LOCK_MODES as readonly string[]).includes(mode)) {
        throw new ValidationError(this, 'objectLock.mode', mode, `is not an Object Lock mode; use ${OBJECT_LOCK_MODES.join(' or ')}`);
      }
      const lim = DATA_BUCKET_LIMITS.objectLockDays;
      if (!Number.isInteger(days) || days < lim.min || days > lim.max) {
        throw new ValidationError(this, 'objectLock.days', days, `is not allowed; use a whole number of days from ${lim.min} to ${lim.max}`);
      }
    }
    const tags = props.tags ?? {};
    const forceDestroy = props.forceDestroy ?? DATA_BUCKET_DEFAULTS.forceDestroy;
    const aws = new AwsContext(this, 'context');

    this.cloudFrontReads = props.cloudFrontReads ?? false;
    const key = new CustomerKey(this, 'key', {
      description: `Encrypts the S3 bucket ${props.namePrefix}*`,
      alias: `s3/${props.namePrefix}`,
      extraStatements: this.cloudFrontReads
        ? [
            {
              sid: 'AllowCloudFrontOfThisAccountToDecrypt',
              effect: 'Allow',
              principals: [{ type: 'Service', identifiers: ['cloudfront.amazonaws.com'] }],
              actions: ['kms:Decrypt'],
              resources: ['*'],
              condition: [{ test: 'ArnLike', variable: 'AWS:SourceArn', values: [`arn:${aws.partition}:cloudfront::${aws.accountId}:distribution/*`] }],
            },
          ]
        : undefined,
      tags,
    });
    this.kmsKeyArn = key.arn;

    // Server access logs: the target bucket must use SSE-S3 (SSE-KMS targets are not supported).
    // @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
    const logs = new S3Bucket(this, 'access-logs', { bucketPrefix: `${props.namePrefix.slice(0, 30)}-logs-`, forceDestroy, tags });
    this.logBucketName = logs.bucket;
    suppress(logs, 'AWS-S3-2', 'S3 server access log delivery supports only SSE-S3 (AES256) on the target bucket');
    suppress(logs, 'AWS-S3-7', 'this is the access log bucket; logging its own access would log the log deliveries');
    this.secureBasics(logs, 'access-logs', { sseAlgorithm: 'AES256' });
    new S3BucketLifecycleConfiguration(this, 'access-logs-lifecycle', {
      bucket: logs.id,
      rule: [{ id: 'expire', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days: props.accessLogExpiryDays ?? DATA_BUCKET_DEFAULTS.accessLogExpiryDays }], abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }] }],
    });

    const bucket = new S3Bucket(this, 'bucket', { bucketPrefix: `${props.namePrefix}-`, forceDestroy, objectLockEnabled: props.objectLock ? true : undefined, tags });
    this.bucket = bucket;
    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
    this.regionalDomainName = bucket.bucketRegionalDomainName;
    this.secureBasics(bucket, 'bucket', { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.arn });
    new S3BucketLoggingA(this, 'logging', { bucket: bucket.id, targetBucket: logs.id, targetPrefix: `${props.namePrefix}/` });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', { bucket: bucket.id, rule: rules.map(toLifecycleRule) });
    if (props.objectLock) {
      new S3BucketObjectLockConfigurationA(this, 'object-lock', {
        bucket: bucket.id,
        objectLockEnabled: 'Enabled',
        rule: { defaultRetention: { mode: props.objectLock.mode, days: props.objectLock.days } },
      });
    }

    const logPolicy = new DataAwsIamPolicyDocument(this, 'access-logs-policy-document', {
      statement: [
        {
          sid: 'S3ServerAccessLogsFromThisBucket',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['logging.s3.amazonaws.com'] }],
          actions: ['s3:PutObject'],
          resources: [`${logs.arn}/*`],
          condition: [
            { test: 'ArnLike', variable: 'aws:SourceArn', values: [bucket.arn] },
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: [aws.accountId] },
          ],
        },
        tlsOnly(logs.arn),
      ],
    });
    new S3BucketPolicy(this, 'access-logs-policy', { bucket: logs.id, policy: logPolicy.json });
    this.statements = [tlsOnly(bucket.arn)];
    this.policyDocument = new DataAwsIamPolicyDocument(this, 'policy-document', { statement: this.statements });
    new S3BucketPolicy(this, 'policy', { bucket: bucket.id, policy: this.policyDocument.json });
  }

  /**
   * Lets one CloudFront distribution read objects through Origin Access Control (the bucket stays
   * private: only that distribution of this account, signed with SigV4, may `s3:GetObject`), and
   * lets CloudFront decrypt them with the bucket's key.
   *
   * @see https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html
   */
  public grantCloudFrontRead(distributionArn: string): void {
    if (!this.cloudFrontReads) {
      throw new ValidationError(this, 'cloudFrontReads', false, 'must be true for a CloudFront distribution to read the bucket (its key must let CloudFront decrypt)');
    }
    const fromDistribution = [{ test: 'StringEquals', variable: 'AWS:SourceArn', values: [distributionArn] }];
    this.statements.push({
      sid: `CloudFrontRead${this.statements.length}`,
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['cloudfront.amazonaws.com'] }],
      actions: ['s3:GetObject'],
      resources: [`${this.bucketArn}/*`],
      condition: fromDistribution,
    });
    this.policyDocument.putStatement(this.statements);
  }

  private secureBasics(bucket: S3Bucket, prefix: string, sse: { sseAlgorithm: string; kmsMasterKeyId?: string }): void {
    new S3BucketVersioningA(this, `${prefix}-versioning`, { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketPublicAccessBlock(this, `${prefix}-public-access`, {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, `${prefix}-ownership`, { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new S3BucketServerSideEncryptionConfigurationA(this, `${prefix}-encryption`, {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: sse, bucketKeyEnabled: sse.kmsMasterKeyId !== undefined }],
    });
  }
}

function tlsOnly(arn: string) {
  return denyInsecureTransport(['s3:*'], [arn, `${arn}/*`]);
}

function toLifecycleRule(rule: DataBucketLifecycleRule): S3BucketLifecycleConfigurationRule {
  return {
    id: rule.id,
    status: 'Enabled',
    filter: [{ prefix: rule.prefix ?? '' }],
    transition: rule.transitions?.map((t) => ({ days: t.days, storageClass: t.storageClass })),
    expiration: rule.expirationDays !== undefined ? [{ days: rule.expirationDays }] : undefined,
    noncurrentVersionExpiration: rule.noncurrentExpirationDays !== undefined ? [{ noncurrentDays: rule.noncurrentExpirationDays }] : undefined,
    abortIncompleteMultipartUpload: rule.abortIncompleteUploadDays !== undefined ? [{ daysAfterInitiation: rule.abortIncompleteUploadDays }] : undefined,
  };
}
