import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { FirestoreDatabase } from '../../modules/gcp/firestore-database';
import { StorageBucket } from '../../modules/gcp/storage-bucket';
import type { GcpFunctionsOutputs, GcpRunOutputs, GcpDataOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { googleProvider } from '../private/google-provider';
import { enableProjectApis } from '../private/project-apis';
import { gcpLabels } from '../private/providers';
import { type GcpDataConfig, gcpDataBucketName, gcpDataDatabaseId } from './config';

/** APIs the stack's resources need (left on when the stack is destroyed: other stacks may use them). */
export const GCP_DATA_APIS = ['storage.googleapis.com', 'firestore.googleapis.com', 'cloudkms.googleapis.com'] as const;


/** Props of {@link GcpDataStack}. */
export interface GcpDataStackProps extends EnvironmentStackProps {
  /** The `gcp.data` section. */
  readonly config: GcpDataConfig;
  /** Outputs of `<env>-gcp-run`, for grants to services. @default - none; required when a grant names a service */
  readonly run?: GcpRunOutputs;
  /** Outputs of `<env>-gcp-functions`, for grants to functions. @default - none; required when a grant names a function */
  readonly functions?: GcpFunctionsOutputs;
}

/**
 * `<env>-gcp-data`: the environment's data buckets and Firestore database, each encrypted with
 * a customer key of its own, private, versioned or point-in-time recoverable, protected from
 * deletion, with access for exactly the Cloud Run services and functions the config names.
 */
export class GcpDataStack extends EnvironmentStack {
  public readonly outputs: GcpDataOutputs;
  /** The buckets, keyed by their name in the config. */
  public readonly buckets: Record<string, StorageBucket> = {};
  /** The Firestore database, when configured. */
  public readonly firestore?: FirestoreDatabase;

  constructor(scope: Construct, name: string, props: GcpDataStackProps) {
    super(scope, name, props);
    const { environment: env, config, run, functions } = props;
    googleProvider(this, env);
    const project = env.gcp.projectId;
    const region = env.gcp.region;
    const labels = gcpLabels(env);

    const apis = enableProjectApis(this, project, GCP_DATA_APIS);
    const afterApis = apis.dependables();

    // Keyed by the workload's name: the email is the other stack's output, known only at apply.
    const member = (workload: string): { key: string; member: string } => {
      const email = run?.serviceAccountEmails[workload] ?? functions?.serviceAccountEmails[workload];
      if (email === undefined) throw new Error(`gcp.data grants to "${workload}", but the stack was given no gcp-run or gcp-functions outputs for it`);
      return { key: workload, member: `serviceAccount:${email}` };
    };
    const withAccess = (grants: Record<string, string>, access: string) =>
      Object.entries(grants)
        .filter(([, a]) => a === access)
        .map(([w]) => member(w));

    for (const [bucketName, b] of Object.entries(config.buckets)) {
      const bucket = new StorageBucket(this, `bucket-${bucketName}`, {
        project,
        location: region,
        bucketName: gcpDataBucketName(project, env.name, bucketName),
        versioning: b.versioning,
        transitions: b.transitions,
        expireAfterDays: b.expireAfterDays,
        noncurrentDeleteAfterDays: b.noncurrentDeleteAfterDays,
        softDeleteRetentionDays: b.softDeleteRetentionDays,
        retentionDays: b.retention?.days,
        retentionLocked: b.retention?.locked,
        accessLogBucket: b.accessLogBucket,
        forceDestroy: b.forceDestroy,
        readers: withAccess(b.grants, 'read'),
        readWriters: withAccess(b.grants, 'read-write'),
        labels: { ...labels, bucket: bucketName },
      });
      bucket.cmekKey!.key.dependsOn = [...(bucket.cmekKey!.key.dependsOn ?? []), ...afterApis];
      this.buckets[bucketName] = bucket;
    }

    if (config.firestore) {
      const fs = config.firestore;
      this.firestore = new FirestoreDatabase(this, 'firestore', {
        project,
        databaseName: gcpDataDatabaseId(env.name, fs.name),
        locationId: fs.location ?? region,
        deleteProtection: fs.deleteProtection,
        pointInTimeRecovery: fs.pointInTimeRecovery,
        access: Object.fromEntries(Object.entries(fs.grants).map(([w, a]) => [w, { member: member(w).member, access: a }])),
      });
      this.firestore.database.dependsOn = [...(this.firestore.database.dependsOn ?? []), ...afterApis];
      this.firestore.cmekKey!.key.dependsOn = [...(this.firestore.cmekKey!.key.dependsOn ?? []), ...afterApis];
    }

    this.outputs = {
      bucketNames: Object.fromEntries(Object.entries(this.buckets).map(([k, b]) => [k, b.bucketName])),
      ...(this.firestore ? { firestoreDatabaseId: this.firestore.databaseName } : {}),
    };
    new TerraformOutput(this, 'bucket_names', { value: this.outputs.bucketNames });
    if (this.firestore) new TerraformOutput(this, 'firestore_database_id', { value: this.firestore.databaseName });
  }
}
