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
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import { StateBackend, type StateBackendProps } from '../../../modules/state/state-backend';
import { validateStack } from '../../helpers/terraform';

const BASE: StateBackendProps = {
  bucketName: 'acme-tfstate',
  accountId: '123456789012',
  region: 'eu-west-1',
  lockTableName: 'acme-locks',
};

function synth(props: Partial<StateBackendProps> = {}): string {
  return Testing.synthScope((scope) => {
    new StateBackend(scope, 'state', { ...BASE, ...props });
  });
}

type Parsed = { resource: Record<string, Record<string, any>>; data: Record<string, Record<string, any>> };

/** The resources of one type, keyed by Terraform name. */
function resources(json: string, type: string): Record<string, any> {
  return (JSON.parse(json) as Parsed).resource[type] ?? {};
}

/** The policy document data source whose name starts with `prefix`. */
function policyDocument(json: string, prefix: string): any {
  const docs = (JSON.parse(json) as Parsed).data.aws_iam_policy_document;
  const name = Object.keys(docs).find((n) => n.startsWith(prefix));
  if (!name) throw new Error(`no policy document ${prefix}* in ${Object.keys(docs).join(', ')}`);
  return docs[name];
}

function statement(doc: any, sid: string): any {
  const found = doc.statement.find((s: any) => s.sid === sid);
  if (!found) throw new Error(`no statement ${sid}`);
  return found;
}

describe('StateBackend', () => {
  const json = synth();

  it('versions the bucket', () => {
    expect(json).toHaveResourceWithProperties(S3BucketVersioningA, {
      bucket: expect.stringMatching(/^\$\{aws_s3_bucket\.state_bucket_.*\.id\}$/),
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

  it('keeps the alias name the state backends derive (alias/<bucket>)', () => {
    expect(json).toHaveResourceWithProperties(KmsAlias, { name: 'alias/acme-tfstate' });
    expect(synth({ bucketName: 'acme.tfstate' })).toHaveResourceWithProperties(KmsAlias, { name: 'alias/acme-tfstate' });
  });

  it('writes out the key policy with the account root only and no service principal', () => {
    const doc = policyDocument(json, 'state_key-policy');
    expect(doc.statement).toEqual([
      {
        sid: 'EnableIamPolicies',
        effect: 'Allow',
        actions: ['kms:*'],
        principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::123456789012:root'] }],
        resources: ['*'],
      },
    ]);
    expect(json).toHaveResourceWithProperties(KmsKey, {
      policy: expect.stringMatching(/data\.aws_iam_policy_document\.state_key-policy_.*\.json/),
    });
  });

  it('blocks all four kinds of public access and enforces bucket-owner ownership', () => {
    expect(json).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      bucket: expect.stringMatching(/aws_s3_bucket\.state_bucket_/),
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(json).toHaveResourceWithProperties(S3BucketOwnershipControls, {
      bucket: expect.stringMatching(/aws_s3_bucket\.state_bucket_/),
      rule: { object_ownership: 'BucketOwnerEnforced' },
    });
  });

  it('denies requests without TLS or with TLS older than 1.2', () => {
    const doc = policyDocument(json, 'state_policy-document');
    expect(statement(doc, 'DenyInsecureTransport')).toMatchObject({
      effect: 'Deny',
      actions: ['s3:*'],
      condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    });
    expect(statement(doc, 'DenyOutdatedTls')).toMatchObject({
      effect: 'Deny',
      condition: [{ test: 'NumericLessThan', variable: 's3:TlsVersion', values: ['1.2'] }],
    });
    expect(json).toHaveResourceWithProperties(S3BucketPolicy, {
      bucket: expect.stringMatching(/aws_s3_bucket\.state_bucket_/),
      policy: expect.stringMatching(/data\.aws_iam_policy_document\.state_policy-document_.*\.json/),
    });
  });

  describe('bucket policy on state encryption', () => {
    const doc = policyDocument(json, 'state_policy-document');
    const objects = [expect.stringMatching(/^\$\{aws_s3_bucket\.state_bucket_.*\.arn\}\/\*$/)];

    it('denies state written under any algorithm but SSE-KMS (AES256 included)', () => {
      expect(statement(doc, 'DenyStateWritesNotSseKms')).toEqual({
        sid: 'DenyStateWritesNotSseKms',
        effect: 'Deny',
        actions: ['s3:PutObject'],
        principals: [{ type: '*', identifiers: ['*'] }],
        resources: objects,
        condition: [{ test: 'StringNotEqualsIfExists', variable: 's3:x-amz-server-side-encryption', values: ['aws:kms'] }],
      });
    });

    it('denies state written with another key than the state key (key ARN or the alias ARN the backends send)', () => {
      expect(statement(doc, 'DenyStateWritesWithOtherKey')).toEqual({
        sid: 'DenyStateWritesWithOtherKey',
        effect: 'Deny',
        actions: ['s3:PutObject'],
        principals: [{ type: '*', identifiers: ['*'] }],
        resources: objects,
        condition: [
          {
            test: 'StringNotEqualsIfExists',
            variable: 's3:x-amz-server-side-encryption-aws-kms-key-id',
            values: [
              expect.stringMatching(/^\$\{aws_kms_key\.state_key_.*\.arn\}$/),
              'arn:aws:kms:eu-west-1:123456789012:alias/acme-tfstate',
            ],
          },
        ],
      });
    });

    it('denies aws:kms without a key id (the AWS managed aws/s3 key) and SSE-C', () => {
      expect(statement(doc, 'DenyStateWritesWithAwsManagedKey')).toMatchObject({
        effect: 'Deny',
        actions: ['s3:PutObject'],
        resources: objects,
        condition: [
          { test: 'StringEquals', variable: 's3:x-amz-server-side-encryption', values: ['aws:kms'] },
          { test: 'Null', variable: 's3:x-amz-server-side-encryption-aws-kms-key-id', values: ['true'] },
        ],
      });
      expect(statement(doc, 'DenyStateWritesWithCustomerKey')).toMatchObject({
        effect: 'Deny',
        actions: ['s3:PutObject'],
        resources: objects,
        condition: [{ test: 'Null', variable: 's3:x-amz-server-side-encryption-customer-algorithm', values: ['false'] }],
      });
    });
  });

  describe('access logging', () => {
    const logBucket = expect.stringMatching(/^\$\{aws_s3_bucket\.state_access-logs_bucket_.*\.id\}$/);

    it('logs state bucket access to a separate log bucket, on by default', () => {
      expect(json).toHaveResourceWithProperties(S3Bucket, {
        bucket: 'acme-tfstate-access-logs',
        force_destroy: false,
        lifecycle: { prevent_destroy: true },
      });
      expect(json).toHaveResourceWithProperties(S3BucketLoggingA, {
        bucket: expect.stringMatching(/^\$\{aws_s3_bucket\.state_bucket_.*\.id\}$/),
        target_bucket: logBucket,
        target_prefix: 'state-bucket/',
        target_object_key_format: { partitioned_prefix: { partition_date_source: 'EventTime' } },
      });
    });

    it('hardens the log bucket: versioning, SSE-S3, public access blocked, bucket-owner ownership', () => {
      expect(json).toHaveResourceWithProperties(S3BucketVersioningA, {
        bucket: logBucket,
        versioning_configuration: { status: 'Enabled' },
      });
      expect(json).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
        bucket: logBucket,
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
      });
      expect(json).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
        bucket: logBucket,
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      expect(json).toHaveResourceWithProperties(S3BucketOwnershipControls, {
        bucket: logBucket,
        rule: { object_ownership: 'BucketOwnerEnforced' },
      });
    });

    it('lets only the logging service write, only for this bucket and account, and only over TLS', () => {
      const doc = policyDocument(json, 'state_access-logs_policy-document');
      expect(statement(doc, 'AllowStateBucketAccessLogs')).toEqual({
        sid: 'AllowStateBucketAccessLogs',
        effect: 'Allow',
        actions: ['s3:PutObject'],
        principals: [{ type: 'Service', identifiers: ['logging.s3.amazonaws.com'] }],
        resources: [expect.stringMatching(/^\$\{aws_s3_bucket\.state_access-logs_bucket_.*\.arn\}\/state-bucket\/\*$/)],
        condition: [
          { test: 'ArnLike', variable: 'aws:SourceArn', values: [expect.stringMatching(/^\$\{aws_s3_bucket\.state_bucket_.*\.arn\}$/)] },
          { test: 'StringEquals', variable: 'aws:SourceAccount', values: ['123456789012'] },
        ],
      });
      expect(statement(doc, 'DenyInsecureTransport')).toMatchObject({ effect: 'Deny', actions: ['s3:*'] });
      expect(statement(doc, 'DenyOutdatedTls')).toMatchObject({ effect: 'Deny', actions: ['s3:*'] });
      expect(json).toHaveResourceWithProperties(S3BucketPolicy, {
        bucket: logBucket,
        policy: expect.stringMatching(/data\.aws_iam_policy_document\.state_access-logs_policy-document_.*\.json/),
      });
    });

    it('expires logs after the retention days (365 by default)', () => {
      expect(json).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
        bucket: logBucket,
        rule: [expect.objectContaining({ status: 'Enabled', expiration: [{ days: 365 }] })],
      });
      expect(synth({ accessLogRetentionDays: 30 })).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
        bucket: logBucket,
        rule: [expect.objectContaining({ expiration: [{ days: 30 }] })],
      });
    });

    it('takes the log bucket name from accessLogBucketName', () => {
      expect(synth({ accessLogBucketName: 'acme-logs' })).toHaveResourceWithProperties(S3Bucket, { bucket: 'acme-logs' });
    });

    it('creates no log bucket and no logging when turned off', () => {
      const off = synth({ enableAccessLogging: false });
      expect(off).not.toHaveResource(S3BucketLoggingA);
      expect(Object.values(resources(off, 'aws_s3_bucket')).map((b) => b.bucket)).toEqual(['acme-tfstate']);
    });
  });

  it('expires noncurrent versions after the configured days and keeps the bucket from being destroyed', () => {
    expect(json).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      bucket: expect.stringMatching(/aws_s3_bucket\.state_bucket_/),
      rule: [
        expect.objectContaining({
          status: 'Enabled',
          noncurrent_version_expiration: [{ noncurrent_days: 90 }],
          abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
        }),
      ],
    });
    expect(synth({ noncurrentVersionExpirationDays: 30 })).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [expect.objectContaining({ noncurrent_version_expiration: [{ noncurrent_days: 30 }] })],
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

  it.each<[string, Partial<StateBackendProps>, RegExp]>([
    ['noncurrentVersionExpirationDays 0', { noncurrentVersionExpirationDays: 0 }, /prop noncurrentVersionExpirationDays 0 is not allowed; use a whole number of days from 1 to 3650/],
    ['noncurrentVersionExpirationDays 1.5', { noncurrentVersionExpirationDays: 1.5 }, /prop noncurrentVersionExpirationDays 1.5 is not allowed; use a whole number of days from 1 to 3650/],
    ['noncurrentVersionExpirationDays 3651', { noncurrentVersionExpirationDays: 3651 }, /prop noncurrentVersionExpirationDays 3651 is not allowed; use a whole number of days from 1 to 3650/],
    ['abortIncompleteUploadDays -1', { abortIncompleteUploadDays: -1 }, /prop abortIncompleteUploadDays -1 is not allowed; use a whole number of days from 1 to 3650/],
    ['accessLogRetentionDays 0', { accessLogRetentionDays: 0 }, /prop accessLogRetentionDays 0 is not allowed; use a whole number of days from 1 to 3650/],
    ['a bad bucket name', { bucketName: 'Acme_State' }, /prop bucketName "Acme_State" is not a valid S3 bucket name; use 3-63 lower-case letters/],
    ['a bad account id', { accountId: '12345' }, /prop accountId "12345" is not an AWS account id; use 12 digits/],
    ['a bad region', { region: 'Ireland' }, /prop region "Ireland" is not an AWS region; use a region code such as "eu-west-1"/],
    ['a bad log bucket name', { accessLogBucketName: 'Logs!' }, /prop accessLogBucketName "Logs!" is not a valid S3 bucket name/],
    [
      'a state bucket name too long for the default log bucket name',
      { bucketName: 'a'.repeat(60) },
      /prop accessLogBucketName \(default <bucketName>-access-logs\) "a+-access-logs" is not a valid S3 bucket name.*set accessLogBucketName when bucketName is longer than 51 characters/,
    ],
    ['the state bucket as its own log bucket', { accessLogBucketName: 'acme-tfstate' }, /prop accessLogBucketName "acme-tfstate" is the state bucket itself/],
  ])('rejects %s', (_name, patch, pattern) => {
    expect(() => synth(patch)).toThrow(pattern);
  });

  it('accepts a long state bucket name when logging is off', () => {
    expect(() => synth({ bucketName: 'a'.repeat(60), enableAccessLogging: false })).not.toThrow();
  });

  it('passes terraform validate with the AWS provider from the mirror, logging and lock table included', () => {
    const stack = new TerraformStack(Testing.app(), 'test-state-backend');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new StateBackend(stack, 'state', BASE);
    const result = validateStack(stack);
    expect(result).toMatchObject({ status: 'valid' });
  });
});
