import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { FirestoreDatabase as FirestoreDatabaseResource } from '@cdktf/provider-google/lib/firestore-database';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { type ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { CmekKey, grantKeyUse, kmsKeyIdProblem, kmsKeyLocation, serviceAgentMember } from './private/cmek';
import { idFromValue, memberId } from './private/serverless';

/** Defaults of {@link FirestoreDatabase}, for the config layer. */
export const FIRESTORE_DEFAULTS = {
  deleteProtection: true,
  pointInTimeRecovery: true,
  concurrencyMode: 'OPTIMISTIC',
  kmsKeyRotationDays: 90,
} as const;

/**
 * Firestore multi-region locations that take a customer key, and the Cloud KMS multi-region
 * their key must be in. Other multi-regions (`nam7`...) have no CMEK.
 *
 * @see https://cloud.google.com/firestore/docs/cmek#supported-locations
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/firestore_database#kms_key_name
 */
export const FIRESTORE_CMEK_MULTI_REGIONS: Readonly<Record<string, string>> = { nam5: 'us', eur3: 'europe' };

/** A regional location (`europe-west1`). */
const REGION = /^[a-z]+-[a-z]+[0-9]+$/;

/** Database ids: 4-63 of `a-z`, `0-9`, `-`, starting with a letter, not ending with `-`; or `(default)`. */
const DATABASE_ID = /^[a-z][a-z0-9-]{2,61}[a-z0-9]$/;

/** Why a database id is not allowed, or undefined (tokens pass). */
export function firestoreDatabaseIdProblem(name: string): string | undefined {
  if (Token.isUnresolved(name) || name === '(default)') return undefined;
  if (!DATABASE_ID.test(name) || /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/.test(name)) {
    return 'is not a Firestore database id; use 4-63 lower-case letters, digits and "-", starting with a letter, not ending with "-" (or "(default)")';
  }
  return undefined;
}

/**
 * The Cloud KMS location a CMEK key of a database in `location` must be in, or a problem: a
 * regional database takes a key of the same region, nam5/eur3 the `us`/`europe` multi-region.
 */
export function firestoreKmsLocation(location: string): { location: string } | { problem: string } {
  if (REGION.test(location)) return { location };
  const multi = FIRESTORE_CMEK_MULTI_REGIONS[location];
  if (multi) return { location: multi };
  return {
    problem: `is not a location that takes a customer key; use a region (e.g. "europe-west1") or ${Object.keys(FIRESTORE_CMEK_MULTI_REGIONS).join(', ')}`,
  };
}

/** Access an identity gets to the database. */
export type FirestoreAccess = 'read' | 'read-write';

/** The project role of each access (scoped to the database by an IAM condition). */
export const FIRESTORE_ACCESS_ROLES: Readonly<Record<FirestoreAccess, string>> = {
  read: 'roles/datastore.viewer',
  'read-write': 'roles/datastore.user',
};

/** A member known only at apply (another stack's service account) under a stable key (the workload's name). */
export interface FirestoreMemberAccess {
  /** The IAM member, e.g. `serviceAccount:<email>`. */
  readonly member: string;
  /** What it may do. */
  readonly access: FirestoreAccess;
}

/** Props of {@link FirestoreDatabase}. */
export interface FirestoreDatabaseProps {
  /** Project of the database. */
  readonly project: string;
  /** Database id (4-63 characters, or `(default)`). */
  readonly databaseName: string;
  /** Location: a region, or `nam5`/`eur3` (the only multi-regions with CMEK). */
  readonly locationId: string;
  /** Project number, for the Firestore service agent. @default - read with a `google_project` data source */
  readonly projectNumber?: string;
  /**
   * Existing Cloud KMS key id (CMEK), in the location the database's location maps to (same region; `us` for nam5, `europe` for eur3).
   *
   * @default - a key ring `keyRingName` and key `firestore` are created there
   */
  readonly kmsKeyName?: string;
  /** Key ring created when no key is given (Terraform keeps its key on destroy while deleteProtection). @default databaseName */
  readonly keyRingName?: string;
  /** Grant the Firestore service agent encrypt/decrypt on a given `kmsKeyName`. @default true */
  readonly grantServiceAgent?: boolean;
  /** Refuse to delete the database (also Terraform keeps it on destroy). @default true */
  readonly deleteProtection?: boolean;
  /** Point-in-time recovery: reads of any minute of the last 7 days. @default true */
  readonly pointInTimeRecovery?: boolean;
  /** IAM members and their access (`read` -> datastore.viewer, `read-write` -> datastore.user), limited to this database. @default {} */
  readonly access?: Readonly<Record<string, FirestoreAccess | FirestoreMemberAccess>>;
}

/**
 * A Firestore database in Native mode, encrypted with a customer key, with point-in-time recovery
 * and delete protection, optimistic concurrency, and per-identity access limited to this database
 * by an IAM condition on its name.
 *
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/firestore_database
 * @see https://cloud.google.com/firestore/docs/cmek
 * @see https://cloud.google.com/firestore/docs/security/iam#iam_conditions
 */
export class FirestoreDatabase extends Construct {
  /** The database. */
  public readonly database: FirestoreDatabaseResource;
  /** Database id. */
  public readonly databaseName: string;
  /** Key the database is encrypted with. */
  public readonly kmsKeyName: string;
  /** The key created, when none was given. */
  public readonly cmekKey?: CmekKey;
  /** Access grants, keyed by member. */
  public readonly grants: Record<string, ProjectIamMember> = {};

  constructor(scope: Construct, id: string, props: FirestoreDatabaseProps) {
    super(scope, id);
    const D = FIRESTORE_DEFAULTS;
    const deleteProtection = props.deleteProtection ?? D.deleteProtection;
    const pitr = props.pointInTimeRecovery ?? D.pointInTimeRecovery;

    const idProblem = firestoreDatabaseIdProblem(props.databaseName);
    if (idProblem) throw new ValidationError(this, 'databaseName', props.databaseName, idProblem);
    let keyLocation: string | undefined;
    if (!Token.isUnresolved(props.locationId)) {
      const where = firestoreKmsLocation(props.locationId);
      if ('problem' in where) throw new ValidationError(this, 'locationId', props.locationId, where.problem);
      keyLocation = where.location;
    }
    if (props.kmsKeyName !== undefined) {
      const problem = kmsKeyIdProblem(props.kmsKeyName);
      if (problem) throw new ValidationError(this, 'kmsKeyName', props.kmsKeyName, problem);
      const given = kmsKeyLocation(props.kmsKeyName);
      if (given !== undefined && keyLocation !== undefined && given !== keyLocation) {
        throw new ValidationError(
          this,
          'kmsKeyName',
          props.kmsKeyName,
          `is in ${given}, but a database in ${props.locationId} needs a key in ${keyLocation}; use a key of that location`,
        );
      }
    }
    const grants = Object.entries(props.access ?? {}).map(([key, v]) =>
      typeof v === 'string' ? { key, member: key, access: v } : { key, member: v.member, access: v.access },
    );
    for (const g of grants) {
      if (!(g.access in FIRESTORE_ACCESS_ROLES)) {
        throw new ValidationError(this, `access.${g.key}`, g.access, 'is not an access; use read or read-write');
      }
      // A key that is itself a reference cannot name a construct: give { member, access } under a stable key.
      memberId(this, `access.${g.key}`, g.key);
    }

    const projectNumber = props.projectNumber ?? new DataGoogleProject(this, 'project', { projectId: props.project }).number;
    const agent = serviceAgentMember(projectNumber, 'firestore');
    const keyGrants: ITerraformDependable[] = [];
    if (props.kmsKeyName === undefined) {
      this.cmekKey = new CmekKey(this, 'cmek', {
        project: props.project,
        location: keyLocation ?? props.locationId,
        keyRingName: props.keyRingName ?? (props.databaseName === '(default)' ? 'firestore-default' : props.databaseName),
        keyName: 'firestore',
        rotationDays: D.kmsKeyRotationDays,
        encrypters: [agent],
        preventDestroy: deleteProtection,
      });
      this.kmsKeyName = this.cmekKey.keyId;
      keyGrants.push(...this.cmekKey.grants);
    } else {
      this.kmsKeyName = props.kmsKeyName;
      if (props.grantServiceAgent ?? true) keyGrants.push(grantKeyUse(this, 'key-firestore-agent', this.kmsKeyName, agent.member));
    }

    this.databaseName = props.databaseName;
    this.database = new FirestoreDatabaseResource(this, 'database', {
      project: props.project,
      name: props.databaseName,
      locationId: props.locationId,
      type: 'FIRESTORE_NATIVE',
      concurrencyMode: D.concurrencyMode,
      pointInTimeRecoveryEnablement: pitr ? 'POINT_IN_TIME_RECOVERY_ENABLED' : 'POINT_IN_TIME_RECOVERY_DISABLED',
      deleteProtectionState: deleteProtection ? 'DELETE_PROTECTION_ENABLED' : 'DELETE_PROTECTION_DISABLED',
      // ABANDON keeps a protected database when Terraform destroys; an unprotected one (dev) goes.
      deletionPolicy: deleteProtection ? 'ABANDON' : 'DELETE',
      cmekConfig: { kmsKeyName: this.kmsKeyName },
      dependsOn: keyGrants.length ? keyGrants : undefined,
    });

    // Firestore roles are project roles; the condition limits them to this database.
    const resourceName = `projects/${props.project}/databases/${props.databaseName}`;
    for (const { key, member, access } of grants) {
      this.grants[key] = new ProjectIamMember(this, `${access}-${idFromValue(key)}`, {
        project: props.project,
        role: FIRESTORE_ACCESS_ROLES[access],
        member,
        condition: {
          title: `${access} ${props.databaseName}`.slice(0, 100),
          description: `Firestore database ${props.databaseName} only`,
          expression: `resource.name == "${resourceName}"`,
        },
      });
    }
  }
}
