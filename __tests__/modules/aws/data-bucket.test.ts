import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Testing } from 'cdktf';
import { DataBucket, type DataBucketProps, lifecycleRuleProblems } from '../../../modules/aws/data-bucket';
import { ValidationError } from '../../../modules/core/validation-error';

function synth(props: Partial<DataBucketProps> = {}): string {
  return Testing.synthScope((scope) => new DataBucket(scope, 'data', { namePrefix: 'test-api-data', ...props }));
}

function resources(json: string, type: string): Record<string, any>[] {
  return Object.values(JSON.parse(json).resource[type] ?? {});
}

function policies(json: string): Record<string, any>[] {
  return Object.values(JSON.parse(json).data.aws_iam_policy_document);
}

describe('DataBucket', () => {
  const json = synth();

  it('versions the data bucket and the log bucket', () => {
    const v = resources(json, 'aws_s3_bucket_versioning');
    expect(v).toHaveLength(2);
    for (const r of v) expect(r.versioning_configuration).toEqual({ status: 'Enabled' });
    expect(json).toHaveResourceWithProperties(S3BucketVersioningA, { versioning_configuration: { status: 'Enabled' } });
  });

  it('encrypts the data with its own rotating customer key and the S3 bucket key', () => {
    expect(json).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
    expect(json).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: expect.stringContaining('aws_kms_key') }, bucket_key_enabled: true }],
    });
  });

  it('blocks all four kinds of public access on both buckets', () => {
    const blocks = resources(json, 'aws_s3_bucket_public_access_block');
    expect(blocks).toHaveLength(2);
    for (const b of blocks) {
      expect(b).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    }
    expect(json).toHaveResource(S3BucketPublicAccessBlock);
  });

  it('disables ACLs (bucket owner enforced) on both buckets', () => {
    const own = resources(json, 'aws_s3_bucket_ownership_controls');
    expect(own.map((o) => o.rule.object_ownership)).toEqual(['BucketOwnerEnforced', 'BucketOwnerEnforced']);
    expect(json).toHaveResource(S3BucketOwnershipControls);
  });

  it('denies requests without TLS on both buckets', () => {
    const deny = policies(json).flatMap((p) => p.statement.filter((s: any) => s.sid === 'DenyInsecureTransport'));
    expect(deny.map((s) => s.resources[0])).toEqual([expect.stringContaining('data_access-logs'), expect.stringContaining('data_bucket')]);
    for (const s of deny) expect(s).toMatchObject({ effect: 'Deny', actions: ['s3:*'], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] });
    expect(resources(json, 'aws_s3_bucket_policy')).toHaveLength(2);
  });

  it('logs access to the log bucket, which only S3 logging of this bucket may write', () => {
    expect(json).toHaveResourceWithProperties(S3BucketLoggingA, { target_bucket: expect.stringContaining('aws_s3_bucket.data_access-logs'), target_prefix: 'test-api-data/' });
    const logPolicy = policies(json).find((p) => p.statement.some((s: any) => s.sid === 'S3ServerAccessLogsFromThisBucket'));
    expect(logPolicy!.statement[0].principals).toEqual([{ type: 'Service', identifiers: ['logging.s3.amazonaws.com'] }]);
  });

  it('lets CloudFront of this account decrypt with the key only when cloudFrontReads', () => {
    const cf = (out: string) => policies(out).flatMap((p) => p.statement).filter((s: any) => s.sid === 'AllowCloudFrontOfThisAccountToDecrypt');
    expect(cf(json)).toEqual([]);
    expect(cf(synth({ cloudFrontReads: true }))).toEqual([
      expect.objectContaining({ effect: 'Allow', actions: ['kms:Decrypt'], condition: [{ test: 'ArnLike', variable: 'AWS:SourceArn', values: [expect.stringMatching(/:cloudfront::.*:distribution\/\*$/)] }] }),
    ]);
  });

  it('keeps the buckets on destroy unless forceDestroy', () => {
    for (const b of resources(json, 'aws_s3_bucket')) expect(b.force_destroy).toBe(false);
    expect(synth({ forceDestroy: true })).toHaveResourceWithProperties(S3Bucket, { force_destroy: true });
  });

  it('by default aborts incomplete uploads after 7 days and deletes noncurrent versions after 90', () => {
    expect(json).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [expect.objectContaining({ id: 'default', status: 'Enabled', abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }], noncurrent_version_expiration: [{ noncurrent_days: 90 }] })],
    });
  });

  it('writes lifecycle rules from props: transitions, expiry, noncurrent expiry', () => {
    const out = synth({ lifecycleRules: [{ id: 'exports', prefix: 'exports/', transitions: [{ days: 30, storageClass: 'INTELLIGENT_TIERING' }, { days: 90, storageClass: 'GLACIER' }], expirationDays: 365, noncurrentExpirationDays: 30 }] });
    expect(out).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [
        expect.objectContaining({
          id: 'exports',
          filter: [{ prefix: 'exports/' }],
          transition: [{ days: 30, storage_class: 'INTELLIGENT_TIERING' }, { days: 90, storage_class: 'GLACIER' }],
          expiration: [{ days: 365 }],
          noncurrent_version_expiration: [{ noncurrent_days: 30 }],
        }),
      ],
    });
  });

  it('has no Object Lock unless asked, then a default retention', () => {
    expect(json).not.toHaveResource(S3BucketObjectLockConfigurationA);
    const locked = synth({ objectLock: { mode: 'COMPLIANCE', days: 30 } });
    expect(locked).toHaveResourceWithProperties(S3Bucket, { object_lock_enabled: true });
    expect(locked).toHaveResourceWithProperties(S3BucketObjectLockConfigurationA, { rule: { default_retention: { mode: 'COMPLIANCE', days: 30 } } });
  });

  it('rejects a transition on or after the expiry, with the field, value and what is allowed', () => {
    expect(() => synth({ lifecycleRules: [{ id: 'r', transitions: [{ days: 400, storageClass: 'GLACIER' }], expirationDays: 365 }] })).toThrow(
      /lifecycleRules\[0\]\.transitions\[0\]\.days 400 is not before expirationDays \(365\)/,
    );
    expect(() => synth({ lifecycleRules: [{ id: 'r', transitions: [{ days: 1, storageClass: 'GLACIER' }] }] })).not.toThrow();
  });

  it.each([
    [{ namePrefix: 'Bad_Name' }, /namePrefix "Bad_Name" is not a bucket name prefix; use lower-case letters, digits and -/],
    [{ lifecycleRules: [{ id: 'a' }, { id: 'a' }] }, /lifecycleRules\[1\]\.id "a" is not a unique rule id/],
    [{ lifecycleRules: [{ id: 'a', transitions: [{ days: 30, storageClass: 'REDUCED_REDUNDANCY' as any }] }] }, /storageClass "REDUCED_REDUNDANCY" is not a lifecycle storage class; use one of STANDARD_IA, INTELLIGENT_TIERING, GLACIER_IR, GLACIER, DEEP_ARCHIVE/],
    [{ lifecycleRules: [{ id: 'a', transitions: [{ days: 90, storageClass: 'GLACIER' as const }, { days: 30, storageClass: 'DEEP_ARCHIVE' as const }] }] }, /transitions\[1\]\.days 30 is not after the previous transition \(90 days\)/],
    [{ lifecycleRules: [{ id: 'a', noncurrentExpirationDays: 0 }] }, /noncurrentExpirationDays 0 is not allowed; use a whole number of days from 1 to 36500/],
    [{ objectLock: { mode: 'LEGAL' as any, days: 1 } }, /objectLock\.mode "LEGAL" is not an Object Lock mode; use GOVERNANCE or COMPLIANCE/],
    [{ objectLock: { mode: 'GOVERNANCE' as const, days: 0 } }, /objectLock\.days 0 is not allowed; use a whole number of days from 1 to 36500/],
  ])('rejects %j', (props, pattern) => {
    expect(() => synth(props as Partial<DataBucketProps>)).toThrow(ValidationError);
    expect(() => synth(props as Partial<DataBucketProps>)).toThrow(pattern);
  });
});

describe('lifecycleRuleProblems', () => {
  it('accepts transitions before the expiry and reports one on the expiry day', () => {
    expect(lifecycleRuleProblems({ id: 'r', transitions: [{ days: 30, storageClass: 'GLACIER' }], expirationDays: 31 })).toEqual([]);
    expect(lifecycleRuleProblems({ id: 'r', transitions: [{ days: 31, storageClass: 'GLACIER' }], expirationDays: 31 })).toEqual([
      { field: 'transitions[0].days', value: 31, message: 'is not before expirationDays (31); a transition must come before the expiry, use fewer days or drop the transition' },
    ]);
  });
});
