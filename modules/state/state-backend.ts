import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Token } from 'cdktf';
import { Construct } from 'constructs';

/** Props of {@link StateBackend}. */
export interface StateBackendProps {
  /** Name of the state bucket (S3 naming rules apply). */
  readonly bucketName: string;
  /**
   * Name of the DynamoDB lock table.
   *
   * @default - no table (S3 native lock files only)
   */
  readonly lockTableName?: string;
  /**
   * Days after which noncurrent state versions expire.
   *
   * @default 90
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Days after which incomplete multipart uploads are aborted.
   *
   * @default 7
   */
  readonly abortIncompleteUploadDays?: number;
  /**
   * Keep Terraform from destroying the bucket and table (`prevent_destroy`, DynamoDB deletion protection).
   *
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/**
 * The S3 bucket and DynamoDB table that hold and lock every other stack's state.
 *
 * Hardened as the S3 backend documentation and CIS/cdk-nag rules ask: versioning, SSE-KMS with a
 * rotating customer-managed key, all four public access blocks, `BucketOwnerEnforced`, a
 * policy that denies requests without TLS, expiry of noncurrent versions; the table has a
 * `LockID` string hash key, on-demand billing, point-in-time recovery and SSE with the same key.
 *
 * @see https://developer.hashicorp.com/terraform/language/backend/s3
 */
export class StateBackend extends Construct {
  /** The customer-managed key that encrypts the bucket and the table. */
  public readonly key: KmsKey;
  /** The state bucket. */
  public readonly bucket: S3Bucket;
  /** The lock table, when one was asked for. */
  public readonly lockTable?: DynamodbTable;

  constructor(scope: Construct, id: string, props: StateBackendProps) {
    super(scope, id);
    const expiryDays = props.noncurrentVersionExpirationDays ?? 90;
    const abortDays = props.abortIncompleteUploadDays ?? 7;
    const preventDestroy = props.preventDestroy ?? true;
    if (!Token.isUnresolved(expiryDays) && (!Number.isInteger(expiryDays) || expiryDays < 1)) {
      throw new Error(
        `StateBackend: noncurrentVersionExpirationDays ${expiryDays} is not allowed; use a whole number of days >= 1`,
      );
    }
    if (!Token.isUnresolved(abortDays) && (!Number.isInteger(abortDays) || abortDays < 1)) {
      throw new Error(`StateBackend: abortIncompleteUploadDays ${abortDays} is not allowed; use a whole number of days >= 1`);
    }

    this.key = new KmsKey(this, 'key', {
      description: `Encrypts Terraform state in s3://${props.bucketName}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
    });
    new KmsAlias(this, 'key-alias', { name: `alias/${props.bucketName}`, targetKeyId: this.key.keyId });

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
    const tlsOnly = new DataAwsIamPolicyDocument(this, 'tls-only', {
      statement: [
        {
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          actions: ['s3:*'],
          principals: [{ type: '*', identifiers: ['*'] }],
          resources: [this.bucket.arn, `${this.bucket.arn}/*`],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
        {
          sid: 'DenyOutdatedTls',
          effect: 'Deny',
          actions: ['s3:*'],
          principals: [{ type: '*', identifiers: ['*'] }],
          resources: [this.bucket.arn, `${this.bucket.arn}/*`],
          condition: [{ test: 'NumericLessThan', variable: 's3:TlsVersion', values: ['1.2'] }],
        },
      ],
    });
    new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: tlsOnly.json,
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
}
