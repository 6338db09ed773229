import { DataGoogleStorageProjectServiceAccount } from '@cdktf/provider-google/lib/data-google-storage-project-service-account';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { LoggingProjectSink } from '@cdktf/provider-google/lib/logging-project-sink';
import { ProjectIamAuditConfig } from '@cdktf/provider-google/lib/project-iam-audit-config';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { TerraformStack, Testing } from 'cdktf';
import {
  PROJECT_AUDIT_DEFAULTS,
  PROJECT_AUDIT_LIMITS,
  ProjectAudit,
  type ProjectAuditProps,
  auditBucketNameProblem,
  auditRetentionDaysProblem,
} from '../../../modules/gcp/project-audit';
import { findSuppression } from '../../../modules/policy/suppressions';
import { onlyResource as only } from '../../helpers/resources';

const BASE: ProjectAuditProps = {
  project: 'acme-test-1',
  region: 'europe-west1',
  bucketName: 'acme-test-1-test-audit-logs',
  sinkName: 'test-audit-archive',
  keyRingName: 'test-audit',
};

function build(patch: Partial<ProjectAuditProps> = {}): { json: any; text: string; audit: ProjectAudit } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  const audit = new ProjectAudit(stack, 'audit', { ...BASE, ...patch });
  const text = Testing.synth(stack);
  return { json: JSON.parse(text), text, audit };
}


describe('ProjectAudit', () => {
  const { json, text, audit } = build();

  it('exports its defaults and limits', () => {
    expect(PROJECT_AUDIT_DEFAULTS).toEqual({
      services: ['cloudsql.googleapis.com', 'container.googleapis.com', 'secretmanager.googleapis.com', 'cloudkms.googleapis.com', 'storage.googleapis.com'],
      logTypes: ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE'],
      retentionDays: 365,
      lockRetention: true,
      kmsKeyRotationDays: 90,
      sinkFilter: 'logName:"cloudaudit.googleapis.com"',
    });
    expect(PROJECT_AUDIT_LIMITS).toEqual({ minRetentionDays: 1, maxRetentionDays: 36524, minKmsKeyRotationDays: 1, maxKmsKeyRotationDays: 36500 });
  });

  it('turns on ADMIN_READ, DATA_READ and DATA_WRITE audit logs for Cloud SQL, GKE, Secret Manager, KMS and Storage', () => {
    const configs = Object.values<any>(json.resource.google_project_iam_audit_config);
    expect(configs.map((c) => c.service).sort()).toEqual([
      'cloudkms.googleapis.com',
      'cloudsql.googleapis.com',
      'container.googleapis.com',
      'secretmanager.googleapis.com',
      'storage.googleapis.com',
    ]);
    for (const c of configs) {
      expect(c.project).toBe('acme-test-1');
      expect(c.audit_log_config).toEqual([{ log_type: 'ADMIN_READ' }, { log_type: 'DATA_READ' }, { log_type: 'DATA_WRITE' }]);
    }
  });

  it('keys the audit configs by service, so removing one renames none', () => {
    const { audit: fewer } = build({ services: ['cloudsql.googleapis.com', 'storage.googleapis.com'] });
    expect(fewer.auditConfigs['storage.googleapis.com']!.node.id).toBe('audit-storage');
    expect(audit.auditConfigs['storage.googleapis.com']!.node.id).toBe('audit-storage');
  });

  it('archives to a private, uniform-access bucket with a locked 365-day retention policy and a customer key', () => {
    expect(text).toHaveResourceWithProperties(StorageBucket, {
      name: 'acme-test-1-test-audit-logs',
      location: 'EUROPE-WEST1',
      uniform_bucket_level_access: true,
      public_access_prevention: 'enforced',
      force_destroy: false,
      retention_policy: { retention_period: 31536000, is_locked: true },
      lifecycle_rule: [{ action: { type: 'Delete' }, condition: { age: 365 } }],
    });
    const bucket = only(json, 'google_storage_bucket');
    expect(bucket.encryption.default_kms_key_name).toMatch(/^\$\{google_kms_crypto_key\.[^.]+\.id\}$/);
    // The bucket waits for the storage agent's grant on the key, or its creation fails.
    expect(bucket.depends_on).toEqual([expect.stringMatching(/^google_kms_crypto_key_iam_member\./)]);
  });

  it('never turns on Object Versioning with the retention policy (the API refuses both; @see https://cloud.google.com/storage/docs/bucket-lock)', () => {
    const bucket = only(json, 'google_storage_bucket');
    expect(bucket.versioning).toBeUndefined();
    expect(bucket.retention_policy).toBeDefined();
  });

  it('rotates the bucket key every 90 days, protects it from destroy, and lets only the Cloud Storage agent use it', () => {
    expect(text).toHaveResourceWithProperties(KmsCryptoKey, { rotation_period: '7776000s', purpose: 'ENCRYPT_DECRYPT', lifecycle: { prevent_destroy: true } });
    expect(text).toHaveDataSourceWithProperties(DataGoogleStorageProjectServiceAccount, { project: 'acme-test-1' });
    expect(text).toHaveResourceWithProperties(KmsCryptoKeyIamMember, {
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: expect.stringMatching(/^serviceAccount:\$\{data\.google_storage_project_service_account\.[^.]+\.email_address\}$/),
    });
  });

  it('sinks every Cloud Audit Logs entry to the bucket with its own writer identity, allowed to create objects only', () => {
    expect(text).toHaveResourceWithProperties(LoggingProjectSink, {
      name: 'test-audit-archive',
      project: 'acme-test-1',
      filter: 'logName:"cloudaudit.googleapis.com"',
      unique_writer_identity: true,
    });
    expect(only(json, 'google_logging_project_sink').destination).toMatch(/^storage\.googleapis\.com\/\$\{google_storage_bucket\.[^.]+\.name\}$/);
    expect(text).toHaveResourceWithProperties(StorageBucketIamMember, {
      role: 'roles/storage.objectCreator',
      member: expect.stringMatching(/^\$\{google_logging_project_sink\.[^.]+\.writer_identity\}$/),
    });
  });

  it('suppresses the versioning and access-log rules on the bucket, with reasons', () => {
    expect(findSuppression(audit.bucket, 'GCP-GCS-3')?.reason).toMatch(/refuses Object Versioning/);
    expect(findSuppression(audit.bucket, 'GCP-GCS-4')?.reason).toMatch(/Data Access audit logs/);
    expect(findSuppression(audit.bucket, 'GCP-GCS-1')).toBeUndefined();
  });

  it('takes a shorter, unlocked retention and fewer log types from props', () => {
    const { text: dev } = build({ retentionDays: 30, lockRetention: false, logTypes: ['DATA_WRITE'] });
    expect(dev).toHaveResourceWithProperties(StorageBucket, { retention_policy: { retention_period: 2592000, is_locked: false } });
    expect(dev).toHaveResourceWithProperties(ProjectIamAuditConfig, { audit_log_config: [{ log_type: 'DATA_WRITE' }] });
  });

  describe('rejects', () => {
    it.each<[string, Partial<ProjectAuditProps>, RegExp]>([
      ['an unknown service', { services: ['bigquery.googleapis.com' as any] }, /prop services\[0\] "bigquery\.googleapis\.com" is not an auditable service; use one of cloudsql\.googleapis\.com, .*compute\.googleapis\.com, pubsub\.googleapis\.com, datastore\.googleapis\.com$/],
      ['a service twice', { services: ['storage.googleapis.com', 'storage.googleapis.com'] }, /prop services .* lists a service twice/],
      ['no service', { services: [] }, /prop services \[\] is empty; list at least one of cloudsql/],
      ['an unknown log type', { logTypes: ['ALL' as any] }, /prop logTypes\[0\] "ALL" is not a log type; use ADMIN_READ, DATA_READ, DATA_WRITE$/],
      ['no log type', { logTypes: [] }, /prop logTypes \[\] must list each of ADMIN_READ, DATA_READ, DATA_WRITE at most once, and at least one/],
      ['a retention of 0 days', { retentionDays: 0 }, /prop retentionDays 0 is not allowed; use a whole number of days from 1 to 36524/],
      ['a retention over 100 years', { retentionDays: 40000 }, /prop retentionDays 40000 is not allowed; use a whole number of days from 1 to 36524/],
      ['a key rotation of 0 days', { kmsKeyRotationDays: 0 }, /prop kmsKeyRotationDays 0 is not allowed; use a whole number of days from 1 to 36500/],
      ['a bucket name with capitals', { bucketName: 'Audit-Logs' }, /prop bucketName "Audit-Logs" is not a valid bucket name; use 3-63 lowercase letters/],
      ['a bucket name with "google"', { bucketName: 'my-google-logs' }, /prop bucketName "my-google-logs" is not a valid bucket name/],
    ])('%s', (_name, patch, pattern) => {
      expect(() => build(patch)).toThrow(pattern);
    });
  });

  it('exports its rules', () => {
    expect(auditRetentionDaysProblem(365)).toBeUndefined();
    expect(auditRetentionDaysProblem(1.5)).toMatch(/whole number of days from 1 to 36524/);
    expect(auditBucketNameProblem('acme-prod-audit-logs')).toBeUndefined();
    expect(auditBucketNameProblem('goog-logs')).toMatch(/not a valid bucket name/);
  });
});
