import { DataGoogleStorageProjectServiceAccount } from '@cdktf/provider-google/lib/data-google-storage-project-service-account';
import { StorageBucket as StorageBucketResource, type StorageBucketLifecycleRule } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { type ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { suppress } from '../policy/suppressions';
import { CmekKey, grantKeyUse, keyRingNameFor, kmsKeyIdProblem } from './private/cmek';
import { type KeyedMember, memberId, memberOf } from './private/serverless';

/** Storage classes objects may move to (colder with each step). */
export const STORAGE_TRANSITION_CLASSES = ['NEARLINE', 'COLDLINE', 'ARCHIVE'] as const;
export type StorageTransitionClass = (typeof STORAGE_TRANSITION_CLASSES)[number];

/** Defaults of {@link StorageBucket}, for the config layer. */
export const STORAGE_BUCKET_DEFAULTS = {
  versioning: true,
  noncurrentDeleteAfterDays: 30,
  abortIncompleteUploadAfterDays: 1,
  /** Cloud Storage's own default soft-delete window. */
  softDeleteRetentionDays: 7,
  retentionLocked: false,
  forceDestroy: false,
  kmsKeyRotationDays: 90,
} as const;

/**
 * Limits of Cloud Storage buckets.
 *
 * @see https://cloud.google.com/storage/docs/buckets#naming
 * @see https://cloud.google.com/storage/docs/soft-delete#retention-duration
 * @see https://cloud.google.com/storage/docs/bucket-lock#retention-periods
 */
export const STORAGE_BUCKET_LIMITS = {
  minNameLength: 3,
  maxNameLength: 63,
  /** Soft delete: 0 (off) or 7-90 days. */
  minSoftDeleteDays: 7,
  maxSoftDeleteDays: 90,
  /** Retention policy: up to 3,155,760,000 s (100 years). */
  maxRetentionDays: 36_525,
  maxLifecycleDays: 36_500,
} as const;

const BUCKET_NAME = /^[a-z0-9][a-z0-9_.-]*[a-z0-9]$/;

/** Why a bucket name breaks Cloud Storage's rules, or undefined (tokens pass). */
export function bucketNameProblem(name: string): string | undefined {
  const L = STORAGE_BUCKET_LIMITS;
  if (Token.isUnresolved(name)) return undefined;
  if (name.length < L.minNameLength || name.length > L.maxNameLength || !BUCKET_NAME.test(name)) {
    return `is not a bucket name; use ${L.minNameLength}-${L.maxNameLength} lower-case letters, digits, "-", "_" or ".", starting and ending with a letter or digit`;
  }
  if (name.startsWith('goog') || name.includes('google')) return 'contains "goog"/"google", which Cloud Storage reserves; choose another name';
  return undefined;
}

/** Why a soft-delete window is not allowed, or undefined. */
export function softDeleteDaysProblem(days: number): string | undefined {
  const L = STORAGE_BUCKET_LIMITS;
  if (Token.isUnresolved(days) || days === 0 || (Number.isInteger(days) && days >= L.minSoftDeleteDays && days <= L.maxSoftDeleteDays)) return undefined;
  return `is not allowed; use 0 (off) or ${L.minSoftDeleteDays}-${L.maxSoftDeleteDays} days`;
}

/** A move of objects to a colder storage class. */
export interface StorageTransition {
  /** Class the objects move to. */
  readonly storageClass: StorageTransitionClass;
  /** Days after creation. */
  readonly afterDays: number;
}

/** A problem with one field of a set of props: which field, the value, what is allowed. */
export interface FieldProblem {
  /** The field, as a path inside the props or config section (`transitions[1].afterDays`). */
  readonly field: string;
  readonly value: unknown;
  readonly message: string;
}

/**
 * What is wrong with a set of lifecycle rules, or undefined: each class once, colder classes
 * later, whole days, and no transition on or after the day objects are deleted.
 */
export function lifecycleProblem(transitions: readonly StorageTransition[], expireAfterDays?: number): FieldProblem | undefined {
  const max = STORAGE_BUCKET_LIMITS.maxLifecycleDays;
  const order = (c: StorageTransitionClass) => STORAGE_TRANSITION_CLASSES.indexOf(c);
  for (let i = 0; i < transitions.length; i++) {
    const t = transitions[i]!;
    if (!STORAGE_TRANSITION_CLASSES.includes(t.storageClass)) {
      return { field: `transitions[${i}].storageClass`, value: t.storageClass, message: `is not a class to move to; use ${STORAGE_TRANSITION_CLASSES.join(', ')}` };
    }
    if (!Number.isInteger(t.afterDays) || t.afterDays < 1 || t.afterDays > max) {
      return { field: `transitions[${i}].afterDays`, value: t.afterDays, message: `is out of range; use 1-${max} days` };
    }
    const prev = transitions[i - 1];
    if (prev && (order(t.storageClass) <= order(prev.storageClass) || t.afterDays <= prev.afterDays)) {
      return {
        field: `transitions[${i}]`,
        value: t,
        message: `does not follow ${prev.storageClass} after ${prev.afterDays} days; list colder classes (${STORAGE_TRANSITION_CLASSES.join(' < ')}) at later days, each once`,
      };
    }
    if (expireAfterDays !== undefined && t.afterDays >= expireAfterDays) {
      return {
        field: `transitions[${i}].afterDays`,
        value: t.afterDays,
        message: `is not before expireAfterDays (${expireAfterDays}); a transition after expiry never happens, move objects before they are deleted`,
      };
    }
  }
  if (expireAfterDays !== undefined && (!Number.isInteger(expireAfterDays) || expireAfterDays < 1 || expireAfterDays > max)) {
    return { field: 'expireAfterDays', value: expireAfterDays, message: `is out of range; use 1-${max} days` };
  }
  return undefined;
}

/** Props of {@link StorageBucket}. */
export interface StorageBucketProps {
  /** Project of the bucket. */
  readonly project: string;
  /** Location: the environment's region (a created key lives there too). */
  readonly location: string;
  /** Bucket name (globally unique, 3-63 characters). */
  readonly bucketName: string;
  /**
   * Existing Cloud KMS key id for objects (CMEK), in the bucket's location.
   *
   * @default - a key ring `keyRingName` and key `storage`, rotated every 90 days
   */
  readonly kmsKeyName?: string;
  /** Key ring created when no key is given (Terraform keeps its key on destroy unless forceDestroy). @default - bucketName, in KMS characters */
  readonly keyRingName?: string;
  /** Grant the Cloud Storage service agent encrypt/decrypt on a given `kmsKeyName`. @default true */
  readonly grantServiceAgent?: boolean;
  /** Keep old versions of overwritten or deleted objects (not with a retention policy). @default true */
  readonly versioning?: boolean;
  /** Moves to colder classes, colder ones later. @default [] */
  readonly transitions?: readonly StorageTransition[];
  /** Delete live objects this many days after creation (after every transition). @default - never */
  readonly expireAfterDays?: number;
  /** Delete old versions this many days after they became noncurrent. @default 30 */
  readonly noncurrentDeleteAfterDays?: number;
  /** Abort multipart uploads not finished after this many days. @default 1 */
  readonly abortIncompleteUploadAfterDays?: number;
  /** Objects cannot be deleted or replaced for this many days (retention policy; no versioning then). @default - no retention policy */
  readonly retentionDays?: number;
  /** Lock the retention policy (irreversible: it can then only be lengthened). @default false */
  readonly retentionLocked?: boolean;
  /** Days deleted objects stay restorable (0 off, or 7-90). @default 7 */
  readonly softDeleteRetentionDays?: number;
  /**
   * Bucket that receives usage logs of this one (Cloud Storage access logs).
   *
   * @default - no usage logs: reads and writes are recorded by the project's Data Access audit
   *   logs for storage.googleapis.com (the gcp-baseline stack turns them on)
   */
  readonly accessLogBucket?: string;
  /** Let `terraform destroy` delete the bucket with its objects. @default false */
  readonly forceDestroy?: boolean;
  /** IAM members that may read objects (`roles/storage.objectViewer`). @default [] */
  readonly readers?: readonly KeyedMember[];
  /** IAM members that may read, write and delete objects (`roles/storage.objectUser`). @default [] */
  readonly readWriters?: readonly KeyedMember[];
  /** Labels of the bucket and key. @default {} */
  readonly labels?: Record<string, string>;
}

/**
 * A private data bucket: uniform bucket-level access, public access prevention enforced, objects
 * encrypted with a customer key (the Cloud Storage service agent may use it), versioned, with
 * lifecycle rules, soft delete, an optional (lockable) retention policy, and kept on destroy.
 *
 * Access is granted per IAM member on this bucket only, keyed by the member.
 *
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/storage_bucket
 * @see https://cloud.google.com/storage/docs/encryption/using-customer-managed-keys
 */
export class StorageBucket extends Construct {
  /** The bucket. */
  public readonly bucket: StorageBucketResource;
  /** Bucket name. */
  public readonly bucketName: string;
  /** The key objects are encrypted with. */
  public readonly kmsKeyName: string;
  /** The key created, when none was given. */
  public readonly cmekKey?: CmekKey;
  /** Grants on the bucket, keyed by `<role>:<member>`. */
  public readonly grants: Record<string, StorageBucketIamMember> = {};

  constructor(scope: Construct, id: string, props: StorageBucketProps) {
    super(scope, id);
    const D = STORAGE_BUCKET_DEFAULTS;
    const versioning = props.versioning ?? D.versioning;
    const transitions = props.transitions ?? [];
    const noncurrentDays = props.noncurrentDeleteAfterDays ?? D.noncurrentDeleteAfterDays;
    const abortDays = props.abortIncompleteUploadAfterDays ?? D.abortIncompleteUploadAfterDays;
    const softDelete = props.softDeleteRetentionDays ?? D.softDeleteRetentionDays;
    const max = STORAGE_BUCKET_LIMITS.maxLifecycleDays;

    const nameProblem = bucketNameProblem(props.bucketName);
    if (nameProblem) throw new ValidationError(this, 'bucketName', props.bucketName, nameProblem);
    if (props.kmsKeyName !== undefined) {
      const problem = kmsKeyIdProblem(props.kmsKeyName);
      if (problem) throw new ValidationError(this, 'kmsKeyName', props.kmsKeyName, problem);
    }
    const lifecycle = lifecycleProblem(transitions, props.expireAfterDays);
    if (lifecycle) throw new ValidationError(this, lifecycle.field, lifecycle.value, lifecycle.message);
    for (const [prop, days] of [
      ['noncurrentDeleteAfterDays', noncurrentDays],
      ['abortIncompleteUploadAfterDays', abortDays],
    ] as const) {
      if (!Token.isUnresolved(days) && (!Number.isInteger(days) || days < 1 || days > max)) {
        throw new ValidationError(this, prop, days, `is out of range; use 1-${max} days`);
      }
    }
    const softProblem = softDeleteDaysProblem(softDelete);
    if (softProblem) throw new ValidationError(this, 'softDeleteRetentionDays', softDelete, softProblem);
    if (props.retentionDays !== undefined) {
      const maxRetention = STORAGE_BUCKET_LIMITS.maxRetentionDays;
      if (!Token.isUnresolved(props.retentionDays) && (!Number.isInteger(props.retentionDays) || props.retentionDays < 1 || props.retentionDays > maxRetention)) {
        throw new ValidationError(this, 'retentionDays', props.retentionDays, `is out of range; use 1-${maxRetention} days`);
      }
      if (versioning) {
        // @see https://cloud.google.com/storage/docs/bucket-lock#overview
        throw new ValidationError(this, 'versioning', true, 'cannot be on with a retention policy (Cloud Storage refuses both); set versioning: false, or drop retentionDays');
      }
    } else if (props.retentionLocked) {
      throw new ValidationError(this, 'retentionLocked', true, 'needs retentionDays; give the retention period or drop retentionLocked');
    }
    if (props.accessLogBucket !== undefined) {
      const problem = bucketNameProblem(props.accessLogBucket);
      if (problem) throw new ValidationError(this, 'accessLogBucket', props.accessLogBucket, problem);
    }

    // The Cloud Storage service agent encrypts objects; reading it through this data source also
    // creates it in a project that has never used Cloud Storage.
    // @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/data-sources/storage_project_service_account
    const agent = new DataGoogleStorageProjectServiceAccount(this, 'storage-agent', { project: props.project });
    const agentMember = `serviceAccount:${agent.emailAddress}`;
    const keyGrants: ITerraformDependable[] = [];
    if (props.kmsKeyName === undefined) {
      this.cmekKey = new CmekKey(this, 'cmek', {
        project: props.project,
        location: props.location,
        keyRingName: props.keyRingName ?? keyRingNameFor(props.bucketName),
        keyName: 'storage',
        rotationDays: D.kmsKeyRotationDays,
        encrypters: [{ key: 'storage-service-agent', member: agentMember }],
        labels: props.labels,
        preventDestroy: !(props.forceDestroy ?? D.forceDestroy),
      });
      this.kmsKeyName = this.cmekKey.keyId;
      keyGrants.push(...this.cmekKey.grants);
    } else {
      this.kmsKeyName = props.kmsKeyName;
      if (props.grantServiceAgent ?? true) keyGrants.push(grantKeyUse(this, 'key-storage-agent', this.kmsKeyName, agentMember));
    }

    const lifecycleRule: StorageBucketLifecycleRule[] = [
      ...transitions.map((t) => ({ action: { type: 'SetStorageClass', storageClass: t.storageClass }, condition: { age: t.afterDays, withState: 'LIVE' } })),
      ...(props.expireAfterDays !== undefined ? [{ action: { type: 'Delete' }, condition: { age: props.expireAfterDays, withState: 'LIVE' } }] : []),
      ...(versioning ? [{ action: { type: 'Delete' }, condition: { daysSinceNoncurrentTime: noncurrentDays, withState: 'ARCHIVED' } }] : []),
      { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: abortDays } },
    ];

    this.bucketName = props.bucketName;
    this.bucket = new StorageBucketResource(this, 'bucket', {
      project: props.project,
      name: props.bucketName,
      location: props.location.toUpperCase(),
      storageClass: 'STANDARD',
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      forceDestroy: props.forceDestroy ?? D.forceDestroy,
      versioning: { enabled: versioning },
      encryption: { defaultKmsKeyName: this.kmsKeyName },
      lifecycleRule,
      softDeletePolicy: { retentionDurationSeconds: softDelete * 86400 },
      retentionPolicy:
        props.retentionDays !== undefined
          ? { retentionPeriod: props.retentionDays * 86400, isLocked: props.retentionLocked ?? D.retentionLocked }
          : undefined,
      logging: props.accessLogBucket !== undefined ? { logBucket: props.accessLogBucket, logObjectPrefix: props.bucketName } : undefined,
      labels: props.labels ? { ...props.labels } : undefined,
      dependsOn: keyGrants.length ? keyGrants : undefined,
    });
    if (props.accessLogBucket === undefined) {
      suppress(
        this.bucket,
        'GCP-GCS-4',
        'reads and writes are recorded by the Data Access audit logs for storage.googleapis.com (gcp-baseline), which name the caller; usage logs would not add to them',
      );
    }
    if (!versioning && props.retentionDays !== undefined) {
      suppress(this.bucket, 'GCP-GCS-3', 'the retention policy keeps every object unchanged; Cloud Storage refuses Object Versioning with a retention policy');
    }

    const grant = (role: string, m: KeyedMember, prop: string) => {
      const member = memberOf(m);
      const key = `${role}:${member}`;
      if (this.grants[key]) return;
      this.grants[key] = new StorageBucketIamMember(this, `${role === 'roles/storage.objectViewer' ? 'reader' : 'read-writer'}-${memberId(this, prop, m)}`, {
        bucket: this.bucket.name,
        role,
        member,
      });
    };
    for (const m of props.readers ?? []) grant('roles/storage.objectViewer', m, 'readers');
    for (const m of props.readWriters ?? []) grant('roles/storage.objectUser', m, 'readWriters');
  }
}
