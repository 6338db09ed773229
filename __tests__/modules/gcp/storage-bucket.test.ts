import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { TerraformStack, Testing } from 'cdktf';
import { StorageBucket, type StorageBucketProps } from '../../../modules/gcp/storage-bucket';
import { findSuppression } from '../../../modules/policy/suppressions';
import { onlyResource as only } from '../../helpers/resources';

const BASE: StorageBucketProps = { project: 'acme-test-1', location: 'europe-west1', bucketName: 'acme-test-1-test-items' };

function build(patch: Partial<StorageBucketProps> = {}): { json: any; text: string; bucket: StorageBucket } {
  const stack = new TerraformStack(Testing.app(), 'test');
  const bucket = new StorageBucket(stack, 'data', { ...BASE, ...patch });
  const text = Testing.synth(stack);
  return { json: JSON.parse(text), text, bucket };
}

describe('StorageBucket', () => {
  const { json, text, bucket: construct } = build();
  const bucket = only(json, 'google_storage_bucket');

  it('is private: uniform access, public access prevention enforced', () => {
    expect(bucket).toMatchObject({ uniform_bucket_level_access: true, public_access_prevention: 'enforced' });
  });

  it('is kept on terraform destroy unless told otherwise', () => {
    expect(bucket.force_destroy).toBe(false);
  });

  it('encrypts with a key of its own the Cloud Storage service agent may use, before the bucket exists', () => {
    expect(bucket.encryption.default_kms_key_name).toMatch(/^\$\{google_kms_crypto_key\.data_cmek_key_[^.]+\.id\}$/);
    expect(text).toHaveResourceWithProperties(KmsCryptoKeyIamMember, {
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: expect.stringMatching(/^serviceAccount:\$\{data\.google_storage_project_service_account\.[^.]+\.email_address\}$/),
    });
    expect(bucket.depends_on).toEqual([expect.stringMatching(/^google_kms_crypto_key_iam_member\./)]);
    expect(only(json, 'google_kms_crypto_key').rotation_period).toBe('7776000s');
  });

  it('keeps the key on terraform destroy unless the bucket may be force-destroyed', () => {
    expect(only(json, 'google_kms_crypto_key').lifecycle).toEqual({ prevent_destroy: true });
    const j = build({ forceDestroy: true }).json;
    expect(only(j, 'google_storage_bucket').force_destroy).toBe(true);
    expect(only(j, 'google_kms_crypto_key').lifecycle).toEqual({ prevent_destroy: false });
  });

  it('names its key ring after the bucket in KMS characters', () => {
    expect(only(build({ bucketName: 'acme.items' }).json, 'google_kms_key_ring').name).toBe('acme-items');
  });

  it('is versioned, deletes old versions after 30 days and aborts uploads after a day', () => {
    expect(bucket.versioning).toEqual({ enabled: true });
    expect(bucket.lifecycle_rule).toEqual([
      { action: { type: 'Delete' }, condition: { days_since_noncurrent_time: 30, with_state: 'ARCHIVED' } },
      { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 1 } },
    ]);
  });

  it('keeps deleted objects restorable for 7 days', () => {
    expect(bucket.soft_delete_policy).toEqual({ retention_duration_seconds: 604800 });
  });

  it('relies on Data Access audit logs without a log bucket, and says so', () => {
    expect(bucket.logging).toBeUndefined();
    expect(findSuppression(construct.bucket, 'GCP-GCS-4')?.reason).toMatch(/Data Access audit logs/);
    const logged = only(build({ accessLogBucket: 'acme-test-1-test-access-logs' }).json, 'google_storage_bucket');
    expect(logged.logging).toEqual({ log_bucket: 'acme-test-1-test-access-logs', log_object_prefix: 'acme-test-1-test-items' });
  });

  it('moves objects to colder classes, then deletes them', () => {
    const b = only(build({ transitions: [{ storageClass: 'NEARLINE', afterDays: 30 }, { storageClass: 'ARCHIVE', afterDays: 365 }], expireAfterDays: 3650 }).json, 'google_storage_bucket');
    expect(b.lifecycle_rule.slice(0, 3)).toEqual([
      { action: { type: 'SetStorageClass', storage_class: 'NEARLINE' }, condition: { age: 30, with_state: 'LIVE' } },
      { action: { type: 'SetStorageClass', storage_class: 'ARCHIVE' }, condition: { age: 365, with_state: 'LIVE' } },
      { action: { type: 'Delete' }, condition: { age: 3650, with_state: 'LIVE' } },
    ]);
  });

  it('takes a retention policy, unlocked unless asked, without versioning', () => {
    const b = only(build({ versioning: false, retentionDays: 30 }).json, 'google_storage_bucket');
    expect(b.retention_policy).toEqual({ retention_period: 2592000, is_locked: false });
    expect(b.versioning).toEqual({ enabled: false });
    expect(only(build({ versioning: false, retentionDays: 30, retentionLocked: true }).json, 'google_storage_bucket').retention_policy.is_locked).toBe(true);
  });

  it('grants read or read-write on this bucket only, keyed by member', () => {
    const t = build({ readers: ['serviceAccount:worker-fn@acme-test-1.iam.gserviceaccount.com'], readWriters: ['serviceAccount:api-run@acme-test-1.iam.gserviceaccount.com'] }).text;
    expect(t).toHaveResourceWithProperties(StorageBucketIamMember, { role: 'roles/storage.objectViewer', member: 'serviceAccount:worker-fn@acme-test-1.iam.gserviceaccount.com' });
    expect(t).toHaveResourceWithProperties(StorageBucketIamMember, { role: 'roles/storage.objectUser', member: 'serviceAccount:api-run@acme-test-1.iam.gserviceaccount.com' });
    expect(Object.keys(JSON.parse(t).resource.google_storage_bucket_iam_member).sort()).toEqual([
      expect.stringMatching(/read-writer-serviceaccount-api-run/),
      expect.stringMatching(/reader-serviceaccount-worker-fn/),
    ]);
  });

  describe('rejects', () => {
    it.each<[string, Partial<StorageBucketProps>, RegExp]>([
      ['an upper-case name', { bucketName: 'Acme-Items' }, /prop bucketName "Acme-Items" is not a bucket name; use 3-63 lower-case letters/],
      ['a name with google', { bucketName: 'acme-google-items' }, /prop bucketName "acme-google-items" contains "goog"\/"google"/],
      ['a transition after expiry', { transitions: [{ storageClass: 'COLDLINE', afterDays: 400 }], expireAfterDays: 365 }, /prop transitions\[0\].afterDays 400 is not before expireAfterDays \(365\)/],
      ['a warmer class after a colder one', { transitions: [{ storageClass: 'ARCHIVE', afterDays: 30 }, { storageClass: 'NEARLINE', afterDays: 60 }] }, /prop transitions\[1\] .* does not follow ARCHIVE after 30 days; list colder classes \(NEARLINE < COLDLINE < ARCHIVE\)/],
      ['a class that is not a transition', { transitions: [{ storageClass: 'STANDARD' as any, afterDays: 30 }] }, /prop transitions\[0\].storageClass "STANDARD" is not a class to move to; use NEARLINE, COLDLINE, ARCHIVE/],
      ['a soft delete of 3 days', { softDeleteRetentionDays: 3 }, /prop softDeleteRetentionDays 3 is not allowed; use 0 \(off\) or 7-90 days/],
      ['retention with versioning', { retentionDays: 30 }, /prop versioning true cannot be on with a retention policy/],
      ['a lock without retention', { retentionLocked: true }, /prop retentionLocked true needs retentionDays/],
      ['a zero-day noncurrent rule', { noncurrentDeleteAfterDays: 0 }, /prop noncurrentDeleteAfterDays 0 is out of range; use 1-36500 days/],
    ])('%s', (_, patch, pattern) => {
      expect(() => build(patch)).toThrow(pattern);
    });
  });
});
