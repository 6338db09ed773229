import { z } from 'zod';
import { defineSection, type ParsedEnvironment, type ReportProblem } from '../../modules/core/config/section';
import { FIRESTORE_DEFAULTS, firestoreDatabaseIdProblem, firestoreKmsLocation } from '../../modules/gcp/firestore-database';
import {
  bucketNameProblem,
  lifecycleProblem,
  softDeleteDaysProblem,
  STORAGE_BUCKET_DEFAULTS,
  STORAGE_BUCKET_LIMITS,
  STORAGE_TRANSITION_CLASSES,
} from '../../modules/gcp/storage-bucket';
import type { EnvironmentCore } from '../environment/config';
import { gcpBaselineSection } from '../gcp-baseline/config';
import { gcpFunctionsSection } from '../gcp-functions/config';
import { gcpRunSection } from '../gcp-run/config';
import { ruledString, wholeNumber } from '../private/gcp-workload-config';

const D = STORAGE_BUCKET_DEFAULTS;
const L = STORAGE_BUCKET_LIMITS;

/** Access of a workload: `read` or `read-write`. */
const ACCESS = ['read', 'read-write'] as const;

/** Grants to the accounts of `gcp.run` services and `gcp.functions` functions, keyed by the workload's name. */
const grants = z.record(z.string(), z.enum(ACCESS)).default({});

const BucketSchema = z.strictObject({
  /** Keep old versions of overwritten or deleted objects (off with a retention policy). @default true */
  versioning: z.boolean().default(D.versioning),
  /** Moves to colder classes (NEARLINE, COLDLINE, ARCHIVE, in that order) after days since creation. @default [] */
  transitions: z
    .array(z.strictObject({ storageClass: z.enum(STORAGE_TRANSITION_CLASSES), afterDays: wholeNumber(1, L.maxLifecycleDays, 'days') }))
    .default([]),
  /** Delete objects this many days after creation (after every transition). @default - never */
  expireAfterDays: wholeNumber(1, L.maxLifecycleDays, 'days').optional(),
  /** Delete old versions this many days after they were replaced. @default 30 */
  noncurrentDeleteAfterDays: wholeNumber(1, L.maxLifecycleDays, 'days').default(D.noncurrentDeleteAfterDays),
  /** Days deleted objects stay restorable: 0 (off) or 7-90. @default 7 */
  softDeleteRetentionDays: z
    .number()
    .superRefine((v, ctx) => {
      const problem = softDeleteDaysProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', input: v, message: problem });
    })
    .default(D.softDeleteRetentionDays),
  /** Retention policy: objects cannot be deleted or replaced for `days`; `locked` makes it permanent. @default - none */
  retention: z.strictObject({ days: wholeNumber(1, L.maxRetentionDays, 'days'), locked: z.boolean().default(D.retentionLocked) }).optional(),
  /** Bucket that receives usage logs. @default - none: the Data Access audit logs of gcp.baseline record access */
  accessLogBucket: ruledString(bucketNameProblem).optional(),
  /** Let `terraform destroy` delete the bucket with its objects. @default false */
  forceDestroy: z.boolean().default(D.forceDestroy),
  /** `<gcp.run service or gcp.functions function>: read | read-write` (objectViewer / objectUser on this bucket). @default {} */
  grants,
});

export type GcpDataBucketConfig = z.infer<typeof BucketSchema>;

const FirestoreSchema = z.strictObject({
  /** Database name; the database id is `<env>-<name>`. @default main */
  name: z.string().default('main'),
  /** Location: a region or nam5/eur3 (locations with CMEK). @default - the environment's region */
  location: z.string().optional(),
  /** Refuse deletion (and keep the database on `terraform destroy`). @default true */
  deleteProtection: z.boolean().default(FIRESTORE_DEFAULTS.deleteProtection),
  /** Point-in-time recovery (7 days). @default true */
  pointInTimeRecovery: z.boolean().default(FIRESTORE_DEFAULTS.pointInTimeRecovery),
  /** `<gcp.run service or gcp.functions function>: read | read-write` (datastore.viewer / datastore.user on this database). @default {} */
  grants,
});

export type GcpDataFirestoreConfig = z.infer<typeof FirestoreSchema>;

/**
 * `gcp.data`: the data buckets and Firestore database of the `<env>-gcp-data` stack, and which
 * Cloud Run services and functions may use them. The stack exists when either is configured.
 */
export const GcpDataConfigSchema = z.strictObject({
  /** Buckets keyed by name; the bucket is `<project>-<env>-<name>`. @default {} */
  buckets: z.record(z.string(), BucketSchema).default({}),
  /** A Firestore (Native mode) database. @default - none */
  firestore: FirestoreSchema.optional(),
});

export type GcpDataConfig = z.infer<typeof GcpDataConfigSchema>;

/** A data bucket's name: `<project>-<env>-<name>`. */
export function gcpDataBucketName(projectId: string, envName: string, name: string): string {
  return `${projectId}-${envName}-${name}`;
}

/** The Firestore database id: `<env>-<name>`. */
export function gcpDataDatabaseId(envName: string, name: string): string {
  return `${envName}-${name}`;
}

/** Every workload name the section grants to. */
function grantedNames(config: GcpDataConfig): string[] {
  return [...new Set([...Object.values(config.buckets).flatMap((b) => Object.keys(b.grants)), ...Object.keys(config.firestore?.grants ?? {})])];
}

/** Whether a grant names a `gcp.run` service (then the stack depends on `<env>-gcp-run`). */
export function gcpDataNeedsRun(config: GcpDataConfig, env: ParsedEnvironment<EnvironmentCore>): boolean {
  const services = env.get(gcpRunSection)?.services ?? {};
  return grantedNames(config).some((n) => n in services);
}

/** Whether a grant names a `gcp.functions` function (then the stack depends on `<env>-gcp-functions`). */
export function gcpDataNeedsFunctions(config: GcpDataConfig, env: ParsedEnvironment<EnvironmentCore>): boolean {
  const functions = env.get(gcpFunctionsSection)?.functions ?? {};
  return grantedNames(config).some((n) => n in functions);
}

/**
 * Checks across fields of `gcp.data`: bucket names as created, the lifecycle rules (order, no
 * transition after expiry), retention with versioning, the database id and location, and grants
 * to workloads that are neither a gcp.run service nor a gcp.functions function (or both).
 */
export function checkGcpData(config: GcpDataConfig, env: ParsedEnvironment<EnvironmentCore>, report: ReportProblem): void {
  const at = (...p: (string | number)[]) => ['gcp', 'data', ...p];
  const services = Object.keys(env.get(gcpRunSection)?.services ?? {});
  const functions = Object.keys(env.get(gcpFunctionsSection)?.functions ?? {});
  const allowed = [...services, ...functions].map((n) => `"${n}"`).join(', ') || '(gcp.run and gcp.functions list none)';
  const checkGrants = (path: (string | number)[], g: Record<string, string>) => {
    for (const name of Object.keys(g)) {
      const run = services.includes(name);
      const fn = functions.includes(name);
      if (!run && !fn) report([...path, name], name, `is not a service of gcp.run.services or a function of gcp.functions.functions; use one of ${allowed}`);
      if (run && fn) report([...path, name], name, 'is both a gcp.run service and a gcp.functions function; rename one so the grant names one identity');
    }
  };

  // A bucket without usage logs relies on the Data Access audit logs of gcp.baseline for Cloud Storage.
  // A baseline section with problems is not parsed (undefined): its own problems are the root cause.
  const baseline = env.get(gcpBaselineSection);
  const audited =
    baseline === undefined ||
    (baseline.enabled &&
      baseline.auditLogs.services.includes('storage.googleapis.com') &&
      baseline.auditLogs.logTypes.includes('DATA_READ') &&
      baseline.auditLogs.logTypes.includes('DATA_WRITE'));

  for (const [name, b] of Object.entries(config.buckets)) {
    if (b.accessLogBucket === undefined && !audited) {
      report(
        at('buckets', name, 'accessLogBucket'),
        undefined,
        'is missing, and gcp.baseline does not turn on Data Access audit logs (DATA_READ and DATA_WRITE) for storage.googleapis.com, so nothing would record access; give a log bucket or enable gcp.baseline with those logs',
      );
    }
    const bucket = gcpDataBucketName(env.core.gcp.projectId, env.core.name, name);
    const nameProblem = bucketNameProblem(bucket);
    if (nameProblem) report(at('buckets', name), name, `makes the bucket name "${bucket}", which ${nameProblem}`);
    const lifecycle = lifecycleProblem(b.transitions, b.expireAfterDays);
    if (lifecycle) {
      const path = lifecycle.field.split(/[.[\]]+/).filter(Boolean).map((s) => (/^[0-9]+$/.test(s) ? Number(s) : s));
      report(at('buckets', name, ...path), lifecycle.value, lifecycle.message);
    }
    if (b.retention && b.versioning) {
      report(at('buckets', name, 'versioning'), true, 'cannot be on with a retention policy (Cloud Storage refuses both); set versioning: false, or drop retention');
    }
    checkGrants(at('buckets', name, 'grants'), b.grants);
  }

  const fs = config.firestore;
  if (fs) {
    const id = gcpDataDatabaseId(env.core.name, fs.name);
    const idProblem = firestoreDatabaseIdProblem(id);
    if (idProblem) report(at('firestore', 'name'), fs.name, `makes the database id "${id}", which ${idProblem}`);
    const location = fs.location ?? env.core.gcp.region;
    const where = firestoreKmsLocation(location);
    if ('problem' in where) report(at('firestore', 'location'), location, `${where.problem} (a customer key must be in the database's location)`);
    checkGrants(at('firestore', 'grants'), fs.grants);
  }
}

/** `gcp.data`, owned by the `gcp-data` stack family. */
export const gcpDataSection = defineSection({
  path: 'gcp.data',
  schema: GcpDataConfigSchema,
  optional: true,
  check: checkGcpData,
});
