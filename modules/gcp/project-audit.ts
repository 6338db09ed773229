import { DataGoogleStorageProjectServiceAccount } from '@cdktf/provider-google/lib/data-google-storage-project-service-account';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { LoggingProjectSink } from '@cdktf/provider-google/lib/logging-project-sink';
import { ProjectIamAuditConfig } from '@cdktf/provider-google/lib/project-iam-audit-config';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { suppress } from '../policy/suppressions';

/**
 * Services whose Data Access audit logs the construct can turn on: the ones this project's stacks
 * use (Cloud SQL, GKE, Secret Manager, Cloud KMS, Cloud Storage), plus Cloud Run, Cloud Functions,
 * Artifact Registry, IAM, Compute Engine, Pub/Sub and Firestore (configured as
 * `datastore.googleapis.com`, which covers `firestore.googleapis.com` too).
 *
 * @see https://cloud.google.com/pubsub/docs/audit-logging
 * @see https://cloud.google.com/firestore/docs/audit-logging
 */
export const GCP_AUDITABLE_SERVICES = [
  'cloudsql.googleapis.com',
  'container.googleapis.com',
  'secretmanager.googleapis.com',
  'cloudkms.googleapis.com',
  'storage.googleapis.com',
  'run.googleapis.com',
  'cloudfunctions.googleapis.com',
  'artifactregistry.googleapis.com',
  'iam.googleapis.com',
  'compute.googleapis.com',
  'pubsub.googleapis.com',
  'datastore.googleapis.com',
] as const;
export type GcpAuditableService = (typeof GCP_AUDITABLE_SERVICES)[number];

/**
 * Log types of an `audit_log_config`.
 *
 * @see https://cloud.google.com/logging/docs/audit/configure-data-access#config-api
 */
export const GCP_AUDIT_LOG_TYPES = ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE'] as const;
export type GcpAuditLogType = (typeof GCP_AUDIT_LOG_TYPES)[number];

/** Defaults of {@link ProjectAudit}. */
export const PROJECT_AUDIT_DEFAULTS = {
  /** The services the project's stacks use. */
  services: [
    'cloudsql.googleapis.com',
    'container.googleapis.com',
    'secretmanager.googleapis.com',
    'cloudkms.googleapis.com',
    'storage.googleapis.com',
  ] as readonly GcpAuditableService[],
  /** Every Data Access log type (Admin Activity logs are always on and cannot be turned off). */
  logTypes: ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE'] as readonly GcpAuditLogType[],
  /** Days the archived audit logs are kept (PCI DSS v4 10.5.1 asks for 12 months). */
  retentionDays: 365,
  /** Lock the bucket's retention policy (irreversible: the period can then only grow). */
  lockRetention: true,
  /** Rotation of the bucket's customer key, in days. */
  kmsKeyRotationDays: 90,
  /** Every Cloud Audit Logs stream: Admin Activity, Data Access, System Event and Policy Denied. */
  sinkFilter: 'logName:"cloudaudit.googleapis.com"',
} as const;

/**
 * Limits of {@link ProjectAudit}: a retention period of 1 day to 100 years (3,155,760,000 s), the
 * range Cloud Storage accepts; a key rotation of 1 day or more (Cloud KMS's minimum).
 *
 * @see https://cloud.google.com/storage/docs/bucket-lock#retention-periods
 * @see https://cloud.google.com/kms/docs/key-rotation#frequency_of_key_rotation
 */
export const PROJECT_AUDIT_LIMITS = {
  minRetentionDays: 1,
  maxRetentionDays: 36_524,
  minKmsKeyRotationDays: 1,
  maxKmsKeyRotationDays: 36_500,
} as const;

/** Why a retention in days is refused, or `undefined` when Cloud Storage accepts it. */
export function auditRetentionDaysProblem(days: number): string | undefined {
  const { minRetentionDays: min, maxRetentionDays: max } = PROJECT_AUDIT_LIMITS;
  return Number.isInteger(days) && days >= min && days <= max
    ? undefined
    : `is not allowed; use a whole number of days from ${min} to ${max} (Cloud Storage retention periods run up to 100 years)`;
}

/** Why a bucket name is refused, or `undefined` when it is a valid Cloud Storage bucket name without dots. */
export function auditBucketNameProblem(name: string): string | undefined {
  return /^[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$/.test(name) && !name.startsWith('goog') && !name.includes('google')
    ? undefined
    : 'is not a valid bucket name; use 3-63 lowercase letters, digits, "-" and "_", starting and ending with a letter or digit, without "goog" prefix or "google"';
}

/** Props of {@link ProjectAudit}. */
export interface ProjectAuditProps {
  /** The project id. */
  readonly project: string;
  /** Region of the archive bucket and its customer key (e.g. `europe-west1`). */
  readonly region: string;
  /** Name of the archive bucket (global). */
  readonly bucketName: string;
  /** Name of the log sink (unique in the project). */
  readonly sinkName: string;
  /** Name of the Cloud KMS key ring of the bucket's key (key rings are never deleted: reuse one per environment). */
  readonly keyRingName: string;
  /**
   * Services whose Data Access audit logs are turned on.
   *
   * @default - Cloud SQL, GKE, Secret Manager, Cloud KMS and Cloud Storage
   */
  readonly services?: readonly GcpAuditableService[];
  /**
   * Log types turned on for each service.
   *
   * @default ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE']
   */
  readonly logTypes?: readonly GcpAuditLogType[];
  /** Days the archive keeps each object (bucket retention policy, then deleted by lifecycle). @default 365 */
  readonly retentionDays?: number;
  /** Lock the retention policy (cannot be undone; the bucket cannot be deleted before its objects expire). @default true */
  readonly lockRetention?: boolean;
  /** Rotation of the bucket's customer key, in days. @default 90 */
  readonly kmsKeyRotationDays?: number;
  /** Labels on the bucket and key. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * The project's audit trail: Data Access audit logs for the services it uses, and a log sink that
 * archives every Cloud Audit Logs entry to a Cloud Storage bucket whose retention policy is locked
 * (Bucket Lock), encrypted with a customer key.
 *
 * Admin Activity logs are always written (and kept 400 days in `_Required`); Data Access logs are
 * off by default and kept 30 days in `_Default`, so without this the reads and writes of data are
 * not evidenced at all.
 *
 * `google_project_iam_audit_config` is authoritative for its service: no other Terraform code may
 * manage the same service's audit config, nor use `google_project_iam_policy` on the project.
 *
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/google_project_iam#google_project_iam_audit_config
 * @see https://cloud.google.com/logging/docs/export/configure_export_v2#dest-auth
 * @see https://cloud.google.com/storage/docs/bucket-lock
 */
export class ProjectAudit extends Construct {
  /** The archive bucket. */
  public readonly bucket: StorageBucket;
  /** The sink that writes audit logs to the bucket. */
  public readonly sink: LoggingProjectSink;
  /** The audit configs, keyed by service. */
  public readonly auditConfigs: Record<string, ProjectIamAuditConfig>;
  /** The bucket's customer key. */
  public readonly kmsKey: KmsCryptoKey;

  constructor(scope: Construct, id: string, props: ProjectAuditProps) {
    super(scope, id);
    const services = props.services ?? PROJECT_AUDIT_DEFAULTS.services;
    const logTypes = props.logTypes ?? PROJECT_AUDIT_DEFAULTS.logTypes;
    const retentionDays = props.retentionDays ?? PROJECT_AUDIT_DEFAULTS.retentionDays;
    const rotationDays = props.kmsKeyRotationDays ?? PROJECT_AUDIT_DEFAULTS.kmsKeyRotationDays;
    const lockRetention = props.lockRetention ?? PROJECT_AUDIT_DEFAULTS.lockRetention;

    services.forEach((s, i) => {
      if (!(GCP_AUDITABLE_SERVICES as readonly string[]).includes(s)) {
        throw new ValidationError(this, `services[${i}]`, s, `is not an auditable service; use one of ${GCP_AUDITABLE_SERVICES.join(', ')}`);
      }
    });
    if (new Set(services).size !== services.length) {
      throw new ValidationError(this, 'services', services, 'lists a service twice; list each once');
    }
    if (services.length === 0) {
      throw new ValidationError(this, 'services', services, `is empty; list at least one of ${GCP_AUDITABLE_SERVICES.join(', ')}`);
    }
    logTypes.forEach((t, i) => {
      if (!(GCP_AUDIT_LOG_TYPES as readonly string[]).includes(t)) {
        throw new ValidationError(this, `logTypes[${i}]`, t, `is not a log type; use ${GCP_AUDIT_LOG_TYPES.join(', ')}`);
      }
    });
    if (logTypes.length === 0 || new Set(logTypes).size !== logTypes.length) {
      // An audit_log_config block list must not be empty, and the API rejects duplicates.
      throw new ValidationError(this, 'logTypes', logTypes, `must list each of ${GCP_AUDIT_LOG_TYPES.join(', ')} at most once, and at least one`);
    }
    if (!Token.isUnresolved(retentionDays)) {
      const problem = auditRetentionDaysProblem(retentionDays);
      if (problem) throw new ValidationError(this, 'retentionDays', retentionDays, problem);
    }
    if (
      !Token.isUnresolved(rotationDays) &&
      !(Number.isInteger(rotationDays) && rotationDays >= PROJECT_AUDIT_LIMITS.minKmsKeyRotationDays && rotationDays <= PROJECT_AUDIT_LIMITS.maxKmsKeyRotationDays)
    ) {
      throw new ValidationError(
        this,
        'kmsKeyRotationDays',
        rotationDays,
        `is not allowed; use a whole number of days from ${PROJECT_AUDIT_LIMITS.minKmsKeyRotationDays} to ${PROJECT_AUDIT_LIMITS.maxKmsKeyRotationDays}`,
      );
    }
    if (!Token.isUnresolved(props.bucketName)) {
      const problem = auditBucketNameProblem(props.bucketName);
      if (problem) throw new ValidationError(this, 'bucketName', props.bucketName, problem);
    }

    this.auditConfigs = {};
    for (const service of services) {
      this.auditConfigs[service] = new ProjectIamAuditConfig(this, `audit-${service.split('.')[0]}`, {
        project: props.project,
        service,
        auditLogConfig: logTypes.map((logType) => ({ logType })),
      });
    }

    // Customer key of the archive, in the bucket's region; the Cloud Storage service agent uses it.
    const ring = new KmsKeyRing(this, 'key-ring', { project: props.project, location: props.region, name: props.keyRingName });
    this.kmsKey = new KmsCryptoKey(this, 'key', {
      name: 'audit-logs',
      keyRing: ring.id,
      purpose: 'ENCRYPT_DECRYPT',
      rotationPeriod: `${rotationDays * 86400}s`,
      labels: props.labels ? { ...props.labels } : undefined,
      lifecycle: { preventDestroy: true },
    });
    const storageAgent = new DataGoogleStorageProjectServiceAccount(this, 'storage-agent', { project: props.project });
    const keyGrant = new KmsCryptoKeyIamMember(this, 'key-storage-agent', {
      cryptoKeyId: this.kmsKey.id,
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: `serviceAccount:${storageAgent.emailAddress}`,
    });

    this.bucket = new StorageBucket(this, 'bucket', {
      project: props.project,
      name: props.bucketName,
      location: props.region.toUpperCase(),
      storageClass: 'STANDARD',
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      forceDestroy: false,
      retentionPolicy: { retentionPeriod: retentionDays * 86400, isLocked: lockRetention },
      // Objects leave the archive once the retention period allows it.
      lifecycleRule: [{ action: { type: 'Delete' }, condition: { age: retentionDays } }],
      encryption: { defaultKmsKeyName: this.kmsKey.id },
      labels: props.labels ? { ...props.labels } : undefined,
      dependsOn: [keyGrant],
    });
    suppress(
      this.bucket,
      'GCP-GCS-3',
      'the retention policy keeps every object unchanged; Cloud Storage refuses Object Versioning on a bucket with a retention policy',
    );
    suppress(
      this.bucket,
      'GCP-GCS-4',
      'reads and writes of this bucket are recorded by the storage.googleapis.com Data Access audit logs this construct turns on',
    );

    this.sink = new LoggingProjectSink(this, 'sink', {
      project: props.project,
      name: props.sinkName,
      description: 'Archives every Cloud Audit Logs entry to the locked audit bucket',
      destination: `storage.googleapis.com/${this.bucket.name}`,
      filter: PROJECT_AUDIT_DEFAULTS.sinkFilter,
      uniqueWriterIdentity: true,
    });
    // The sink's own service account may create objects, nothing else (no read, no delete).
    new StorageBucketIamMember(this, 'sink-writer', {
      bucket: this.bucket.name,
      role: 'roles/storage.objectCreator',
      member: this.sink.writerIdentity,
    });
  }
}

