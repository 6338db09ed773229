import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { awsPartition } from '../core/regions';
import {
  S3_BUCKET_NAME,
  STATE_DEFAULTS,
  STATE_LIMITS,
  stateKeyAliasArn,
  stateKeyAliasName,
} from './s3-state-backend';
import { suppress } from '../policy/suppressions';

/** Props of {@link StateBackend}. */
export interface StateBackendProps {
  /** Name of the state bucket (S3 naming rules apply). */
  readonly bucketName: string;
  /** Account the bucket and key are created in (12 digits): key policy, log delivery source condition. */
  readonly accountId: string;
  /** Region the bucket and key are created in (the provider's region): names the key's alias ARN. */
  readonly region: string;
  /**
   * Name of the DynamoDB lock table.
   *
   * @default - no table (S3 native lock files only)
   */
  readonly lockTableName?: string;
  /**
   * Days after which noncurrent state versions expire (1-3650).
   *
   * @default 90
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Days after which incomplete multipart uploads are aborted (1-3650).
   *
   * @default 7
   */
  readonly abortIncompleteUploadDays?: number;
  /**
   * Keep Terraform from destroying the buckets and table (`prevent_destroy`, DynamoDB deletion protection).
   *
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * Write S3 server access logs of the state bucket to a log bucket this construct creates.
   *
   * @default true
   */
  readonly enableAccessLogging?: boolean;
  /**
   * Name of the access log bucket.
   *
   * @default - `<bucketName>-access-logs`
   */
  readonly accessLogBucketName?: string;
  /**
   * Days after which access log objects expire (1-3650).
   *
   * @default 365
   */
  readonly accessLogRetentionDays?: number;
}

/** Prefix of the state bucket's access log objects in the log bucket. */
export const STATE_ACCESS_LOG_PREFIX = 'state-bucket/';

/**
 * The S3 bucket, KMS key and (optionally) DynamoDB table that hold, encrypt and lock every other
 * stack's state, plus a bucket for the state bucket's access logs.
 *
 * Hardened as the S3 backend documentation and CIS/cdk-nag rules ask: versioning, SSE-KMS with a
 * rotating customer-managed key, all four public access blocks, `BucketOwnerEnforced`, TLS-only
 * policy, expiry of noncurrent versions, server access logging; the table has a `LockID` string
 * hash key, on-demand billing, point-in-time recovery and SSE with the same key.
 *
 * The bucket policy also refuses state written under any other encryption than SSE-KMS with this
 * key (see {@link StateBackend.encryptionStatements}), so a backend left without `kms_key_id`
 * (which makes Terraform send `AES256`) fails loudly instead of writing state under S3's key.
 *
 * @see https://developer.hashicorp.com/terraform/language/backend/s3
 */
export class StateBackend extends Construct {
  /** The customer-managed key that encrypts the bucket and the table. */
  public readonly key: KmsKey;
  /** ARN of the key's alias, the `kms_key_id` every S3 backend sends. */
  public readonly keyAliasArn: string;
  /** The state bucket. */
  public readonly bucket: S3Bucket;
  /** The lock table, when one was asked for. */
  public readonly lockTable?: DynamodbTable;
  /** The bucket that receives the state bucket's server access logs, when logging is on. */
  public readonly accessLogBucket?: S3Bucket;

  constructor(scope: Construct, id: string, props: StateBackendProps) {
    super(scope, id);
    const expiryDays = props.noncurrentVersionExpirationDays ?? STATE_DEFAULTS.noncurrentVersionExpirationDays;
    const abortDays = props.abortIncompleteUploadDays ?? STATE_DEFAULTS.abortIncompleteUploadDays;
    const logDays = props.accessLogRetentionDays ?? STATE_DEFAULTS.accessLogRetentionDays;
    const preventDestroy = props.preventDestroy ?? true;
    const logging = props.enableAccessLogging ?? true;
    const logBucketName = props.accessLogBucketName ?? `${props.bucketName}-access-logs`;
    this.validate(props, { expiryDays, abortDays, logDays, logging, logBucketName });

    const partition = awsPartition(props.region);
    const root = `arn:${partition}:iam::${props.accountId}:root`;
    const keyPolicy = new DataAwsIamPolicyDocument(this, 'key-policy', {
      statement: [
        {
          // The default key policy, written out: the account's IAM policies decide who may use
          // the key. No service principal is granted: S3 and DynamoDB use the key on behalf of
          // the caller, and access logs are written under SSE-S3 (see the log bucket below).
          sid: 'EnableIamPolicies',
          effect: 'Allow',
          actions: ['kms:*'],
          principals: [{ type: 'AWS', identifiers: [root] }],
          resources: ['*'],
        },
      ],
    });
    this.key = new KmsKey(this, 'key', {
      description: `Encrypts Terraform state in s3://${props.bucketName}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: keyPolicy.json,
    });
    new KmsAlias(this, 'key-alias', { name: stateKeyAliasName(props.bucketName), targetKeyId: this.key.keyId });
    this.keyAliasArn = stateKeyAliasArn({ bucket: props.bucketName, region: props.region, accountId: props.accountId });

    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucketName,
      forceDestroy: false,
      lifecycle: { preventDestroy },
    });
    new S3BucketVersioningA(this, 'versioning', {
      bucket: this.bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.key.arn },
          bucketKeyEnabled: true,
        },
      ],
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, 'public-access', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', {
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    const policy = new DataAwsIamPolicyDocument(this, 'policy-document', {
      statement: [...tlsOnlyStatements(this.bucket.arn), ...this.encryptionStatements()],
    });
    new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: policy.json,
      dependsOn: [publicAccess],
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire-noncurrent-state-versions',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: expiryDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: abortDays }],
        },
      ],
    });

    if (logging) {
      this.accessLogBucket = this.accessLogs(props.accountId, logBucketName, logDays, preventDestroy);
    }

    if (props.lockTableName) {
      this.lockTable = new DynamodbTable(this, 'lock-table', {
        name: props.lockTableName,
        hashKey: 'LockID',
        attribute: [{ name: 'LockID', type: 'S' }],
        billingMode: 'PAY_PER_REQUEST',
        pointInTimeRecovery: { enabled: true },
        serverSideEncryption: { enabled: true, kmsKeyArn: this.key.arn },
        deletionProtectionEnabled: preventDestroy,
        lifecycle: { preventDestroy },
      });
    }
  }

  /**
   * Deny statements that keep every object written to the state bucket under SSE-KMS with the state key.
   *
   * - `DenyStateWritesNotSseKms`: a PutObject that asks for another algorithm (`AES256`, which
   *   Terraform sends when `kms_key_id` is unset, or `aws:kms:dsse`).
   * - `DenyStateWritesWithOtherKey`: a PutObject naming another key. Both the key ARN and the
   *   alias ARN the backends send are allowed: S3 compares the header's value as sent, and AWS
   *   documents the key-ARN form for this condition key.
   * - `DenyStateWritesWithAwsManagedKey`: `aws:kms` without a key id, which S3 would encrypt
   *   with the AWS managed `aws/s3` key.
   * - `DenyStateWritesWithCustomerKey`: SSE-C, which would lock the state to one client's key.
   *
   * The first two use the `IfExists` operators: a request without the header (a PutObject
   * relying on the bucket default, which is this key, or the UploadPart requests of a multipart
   * upload, which carry no SSE header and are authorized as `s3:PutObject`) is not denied.
   *
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/specifying-kms-encryption.html
   * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html#amazons3-policy-keys
   */
  private encryptionStatements() {
    const objects = [`${this.bucket.arn}/*`];
    const anyone = [{ type: '*', identifiers: ['*'] }];
    return [
      {
        sid: 'DenyStateWritesNotSseKms',
        effect: 'Deny',
        actions: ['s3:PutObject'],
        principals: anyone,
        resources: objects,
        condition: [{ test: 'StringNotEqualsIfExists', variable: 's3:x-amz-server-side-encryption', values: ['aws:kms'] }],
      },
      {
        sid: 'DenyStateWritesWithOtherKey',
        effect: 'Deny',
        actions: ['s3:PutObject'],
        principals: anyone,
        resources: objects,
        condition: [
          {
            test: 'StringNotEqualsIfExists',
            variable: 's3:x-amz-server-side-encryption-aws-kms-key-id',
            values: [this.key.arn, this.keyAliasArn],
          },
        ],
      },
      {
        sid: 'DenyStateWritesWithAwsManagedKey',
        effect: 'Deny',
        actions: ['s3:PutObject'],
        principals: anyone,
        resources: objects,
        condition: [
          { test: 'StringEquals', variable: 's3:x-amz-server-side-encryption', values: ['aws:kms'] },
          { test: 'Null', variable: 's3:x-amz-server-side-encryption-aws-kms-key-id', values: ['true'] },
        ],
      },
      {
        sid: 'DenyStateWritesWithCustomerKey',
        effect: 'Deny',
        actions: ['s3:PutObject'],
        principals: anyone,
        resources: objects,
        condition: [{ test: 'Null', variable: 's3:x-amz-server-side-encryption-customer-algorithm', values: ['false'] }],
      },
    ];
  }

  /**
   * The log bucket and the state bucket's server access logging into it.
   *
   * The log bucket is encrypted with SSE-S3 (`AES256`): S3 server access log delivery supports
   * no other default encryption on the target bucket (SSE-KMS is not supported). It grants the
   * logging service through its bucket policy (ACL grants do not work under
   * `BucketOwnerEnforced`), only for logs of this state bucket from this account.
   *
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshooting-server-access-logging.html
   */
  private accessLogs(accountId: string, name: string, retentionDays: number, preventDestroy: boolean): S3Bucket {
    const scope = new Construct(this, 'access-logs');
    const bucket = new S3Bucket(scope, 'bucket', {
      bucket: name,
      forceDestroy: false,
      lifecycle: { preventDestroy },
    });
    suppress(bucket, 'AWS-S3-2', 'S3 server access log delivery writes only to buckets encrypted with SSE-S3 (AES256), not SSE-KMS');
    new S3BucketVersioningA(scope, 'versioning', {
      bucket: bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(scope, 'encryption', {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    const publicAccess = new S3BucketPublicAccessBlock(scope, 'public-access', {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const ownership = new S3BucketOwnershipControls(scope, 'ownership', {
      bucket: bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    const document = new DataAwsIamPolicyDocument(scope, 'policy-document', {
      statement: [
        {
          sid: 'AllowStateBucketAccessLogs',
          effect: 'Allow',
          actions: ['s3:PutObject'],
          principals: [{ type: 'Service', identifiers: ['logging.s3.amazonaws.com'] }],
          resources: [`${bucket.arn}/${STATE_ACCESS_LOG_PREFIX}*`],
          condition: [
            { test: 'ArnLike', variable: 'aws:SourceArn', values: [this.bucket.arn] },
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: [accountId] },
          ],
        },
        ...tlsOnlyStatements(bucket.arn),
      ],
    });
    const policy = new S3BucketPolicy(scope, 'policy', {
      bucket: bucket.id,
      policy: document.json,
      dependsOn: [publicAccess],
    });
    new S3BucketLifecycleConfiguration(scope, 'lifecycle', {
      bucket: bucket.id,
      rule: [
        {
          id: 'expire-access-logs',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          expiration: [{ days: retentionDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: 1 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: STATE_DEFAULTS.abortIncompleteUploadDays }],
        },
      ],
    });
    new S3BucketLoggingA(this, 'access-logging', {
      bucket: this.bucket.id,
      targetBucket: bucket.id,
      targetPrefix: STATE_ACCESS_LOG_PREFIX,
      targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: 'EventTime' } },
      dependsOn: [policy, ownership],
    });
    return bucket;
  }

  private validate(
    props: StateBackendProps,
    v: { expiryDays: number; abortDays: number; logDays: number; logging: boolean; logBucketName: string },
  ): void {
    const known = (x: unknown): x is string => typeof x === 'string' && !Token.isUnresolved(x);
    if (known(props.bucketName) && !S3_BUCKET_NAME.test(props.bucketName)) {
      throw new ValidationError(this, 'bucketName', props.bucketName, 'is not a valid S3 bucket name; use 3-63 lower-case letters, digits, "." and "-"');
    }
    if (known(props.accountId) && !/^\d{12}$/.test(props.accountId)) {
      throw new ValidationError(this, 'accountId', props.accountId, 'is not an AWS account id; use 12 digits');
    }
    if (known(props.region) && !/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(props.region)) {
      throw new ValidationError(this, 'region', props.region, 'is not an AWS region; use a region code such as "eu-west-1"');
    }
    const days: [string, number][] = [
      ['noncurrentVersionExpirationDays', v.expiryDays],
      ['abortIncompleteUploadDays', v.abortDays],
      ['accessLogRetentionDays', v.logDays],
    ];
    for (const [prop, value] of days) {
      const { min, max } = STATE_LIMITS[prop as keyof typeof STATE_LIMITS];
      if (!Token.isUnresolved(value) && (!Number.isInteger(value) || value < min || value > max)) {
        throw new ValidationError(this, prop, value, `is not allowed; use a whole number of days from ${min} to ${max}`);
      }
    }
    if (v.logging && known(v.logBucketName) && known(props.bucketName)) {
      if (!S3_BUCKET_NAME.test(v.logBucketName)) {
        const prop = props.accessLogBucketName === undefined ? 'accessLogBucketName (default <bucketName>-access-logs)' : 'accessLogBucketName';
        throw new ValidationError(this, prop, v.logBucketName, 'is not a valid S3 bucket name; use 3-63 lower-case letters, digits, "." and "-" (set accessLogBucketName when bucketName is longer than 51 characters)');
      }
      if (v.logBucketName === props.bucketName) {
        throw new ValidationError(this, 'accessLogBucketName', v.logBucketName, 'is the state bucket itself; a bucket must not receive its own access logs');
      }
    }
  }
}

/** Deny statements for requests without TLS or with TLS older than 1.2. */
function tlsOnlyStatements(bucketArn: string) {
  const anyone = [{ type: '*', identifiers: ['*'] }];
  const resources = [bucketArn, `${bucketArn}/*`];
  return [
    {
      sid: 'DenyInsecureTransport',
      effect: 'Deny',
      actions: ['s3:*'],
      principals: anyone,
      resources,
      condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    },
    {
      sid: 'DenyOutdatedTls',
      effect: 'Deny',
      actions: ['s3:*'],
      principals: anyone,
      resources,
      condition: [{ test: 'NumericLessThan', variable: 's3:TlsVersion', values: ['1.2'] }],
    },
  ];
}
