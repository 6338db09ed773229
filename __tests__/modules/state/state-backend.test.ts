import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Testing } from 'cdktf';
import { StateBackend, type StateBackendProps } from '../../../modules/state/state-backend';

function synth(props: Partial<StateBackendProps> = {}): string {
  return Testing.synthScope((scope) => {
    new StateBackend(scope, 'state', { bucketName: 'acme-tfstate', lockTableName: 'acme-locks', ...props });
  });
}

describe('StateBackend', () => {
  const json = synth();

  it('versions the bucket', () => {
    expect(json).toHaveResourceWithProperties(S3BucketVersioningA, {
      versioning_configuration: { status: 'Enabled' },
    });
  });

  it('encrypts the bucket by default with a rotating customer-managed KMS key', () => {
    expect(json).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
    expect(json).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [
        {
          apply_server_side_encryption_by_default: {
            sse_algorithm: 'aws:kms',
            kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.state_key_.*\.arn\}$/),
          },
          bucket_key_enabled: true,
        },
      ],
    });
  });

  it('blocks all four kinds of public access and enforces bucket-owner ownership', () => {
    expect(json).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(json).toHaveResourceWithProperties(S3BucketOwnershipControls, {
      rule: { object_ownership: 'BucketOwnerEnforced' },
    });
  });

  it('denies requests without TLS', () => {
    expect(json).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: expect.arrayContaining([
        expect.objectContaining({
          effect: 'Deny',
          actions: ['s3:*'],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        }),
      ]),
    });
    expect(json).toHaveResourceWithProperties(S3BucketPolicy, {
      policy: expect.stringMatching(/data\.aws_iam_policy_document\.state_tls-only_.*\.json/),
    });
  });

  it('expires noncurrent versions after the configured days and keeps the bucket from being destroyed', () => {
    expect(synth({ noncurrentVersionExpirationDays: 30 })).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [
        expect.objectContaining({
          status: 'Enabled',
          noncurrent_version_expiration: [{ noncurrent_days: 30 }],
          abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
        }),
      ],
    });
    expect(json).toHaveResourceWithProperties(S3Bucket, {
      bucket: 'acme-tfstate',
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
    });
  });

  it('creates the lock table with a LockID string key, on-demand, PITR and SSE', () => {
    expect(json).toHaveResourceWithProperties(DynamodbTable, {
      name: 'acme-locks',
      hash_key: 'LockID',
      attribute: [{ name: 'LockID', type: 'S' }],
      billing_mode: 'PAY_PER_REQUEST',
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true, kms_key_arn: expect.stringMatching(/aws_kms_key/) },
      deletion_protection_enabled: true,
    });
  });

  it('creates no lock table when none is named', () => {
    expect(synth({ lockTableName: undefined })).not.toHaveResource(DynamodbTable);
  });

  it.each([0, -1, 1.5])('rejects noncurrentVersionExpirationDays %p', (days) => {
    expect(() => synth({ noncurrentVersionExpirationDays: days })).toThrow(
      new RegExp(`noncurrentVersionExpirationDays ${days} is not allowed; use a whole number of days >= 1`),
    );
  });
});
