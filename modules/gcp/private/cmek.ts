import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { type ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../../core/validation-error';
import { type KeyedMember, memberId, memberOf } from './serverless';

/**
 * Customer-managed keys for the data services (Pub/Sub, Cloud Storage, Firestore): a key ring and
 * key, or a given key, and encrypt/decrypt on it for the Google service agents that use it.
 */

/**
 * Domains of the per-project Google service agents, `service-<projectNumber>@<domain>`.
 *
 * @see https://cloud.google.com/iam/docs/service-agents
 */
export const SERVICE_AGENT_DOMAINS = {
  pubsub: 'gcp-sa-pubsub.iam.gserviceaccount.com',
  storage: 'gs-project-accounts.iam.gserviceaccount.com',
  firestore: 'gcp-sa-firestore.iam.gserviceaccount.com',
} as const;

/** The IAM member of a project's service agent: `serviceAccount:service-<number>@<domain>`. */
export function serviceAgentMember(projectNumber: string, service: keyof typeof SERVICE_AGENT_DOMAINS): { readonly key: string; readonly member: string } {
  // Keyed by the service: the project number is a reference, unknown at synth.
  return { key: `${service}-service-agent`, member: `serviceAccount:service-${projectNumber}@${SERVICE_AGENT_DOMAINS[service]}` };
}

/** Defaults and limits of the keys created here. */
export const CMEK_DEFAULTS = { rotationDays: 90 } as const;
export const CMEK_LIMITS = { minRotationDays: 1, maxRotationDays: 90, maxKeyRingNameLength: 63 } as const;

/** A Cloud KMS key id: `projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>`. */
export const KMS_KEY_ID = /^projects\/[^/]+\/locations\/([^/]+)\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/;

/** Key ring and key names: letters, digits, `_` and `-`, 1-63 characters. */
const KMS_NAME = /^[A-Za-z0-9_-]{1,63}$/;

/** Why a key id is not one, or undefined (tokens pass). */
export function kmsKeyIdProblem(key: string): string | undefined {
  if (Token.isUnresolved(key) || KMS_KEY_ID.test(key)) return undefined;
  return 'is not a Cloud KMS key id; use "projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>"';
}

/** The location of a key id (`europe-west1`), or undefined for a token or a malformed id. */
export function kmsKeyLocation(key: string): string | undefined {
  if (Token.isUnresolved(key)) return undefined;
  return KMS_KEY_ID.exec(key)?.[1];
}

/** A key ring name derived from a resource name: KMS characters only, at most 63. */
export function keyRingNameFor(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, CMEK_LIMITS.maxKeyRingNameLength);
}

/** Props of {@link CmekKey}. */
export interface CmekKeyProps {
  /** Project of the key ring. */
  readonly project: string;
  /** KMS location of the ring (the data's region, or `us`/`europe` for Firestore multi-regions). */
  readonly location: string;
  /** Key ring name (1-63; rings are never deleted by Google, so a name is used once per location). */
  readonly keyRingName: string;
  /** Key name. */
  readonly keyName: string;
  /** Days between automatic key rotations (1-90). @default 90 */
  readonly rotationDays?: number;
  /** IAM members (service agents) given `roles/cloudkms.cryptoKeyEncrypterDecrypter` on the key. */
  readonly encrypters: readonly KeyedMember[];
  /** Labels of the key. @default {} */
  readonly labels?: Record<string, string>;
  /** Terraform refuses to destroy the key (destroying it makes the data unreadable). @default true */
  readonly preventDestroy?: boolean;
}

/**
 * A key ring and a rotating key, with encrypt/decrypt for the service agents that use it.
 *
 * Grants are keyed by the member, so removing one agent never renames the others. Resources that
 * the agents encrypt must depend on {@link CmekKey.grants}: the service checks the key when the
 * resource is created.
 */
export class CmekKey extends Construct {
  /** The key. */
  public readonly key: KmsCryptoKey;
  /** The key's id, `projects/.../cryptoKeys/<name>`. */
  public readonly keyId: string;
  /** The encrypter/decrypter grants, for `dependsOn`. */
  public readonly grants: ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, props: CmekKeyProps) {
    super(scope, id);
    const rotationDays = props.rotationDays ?? CMEK_DEFAULTS.rotationDays;
    if (!Token.isUnresolved(rotationDays) && !(Number.isInteger(rotationDays) && rotationDays >= CMEK_LIMITS.minRotationDays && rotationDays <= CMEK_LIMITS.maxRotationDays)) {
      // @see https://cloud.google.com/kms/docs/key-rotation#frequency_of_key_rotation
      throw new ValidationError(this, 'rotationDays', rotationDays, `is not allowed; use a whole number of days from ${CMEK_LIMITS.minRotationDays} to ${CMEK_LIMITS.maxRotationDays}`);
    }
    for (const [prop, name] of [
      ['keyRingName', props.keyRingName],
      ['keyName', props.keyName],
    ] as const) {
      if (!Token.isUnresolved(name) && !KMS_NAME.test(name)) {
        // @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/kms_key_ring#name
        throw new ValidationError(this, prop, name, 'is not a Cloud KMS name; use 1-63 letters, digits, "_" or "-"');
      }
    }
    const ring = new KmsKeyRing(this, 'key-ring', { project: props.project, location: props.location, name: props.keyRingName });
    this.key = new KmsCryptoKey(this, 'key', {
      name: props.keyName,
      keyRing: ring.id,
      purpose: 'ENCRYPT_DECRYPT',
      rotationPeriod: `${rotationDays * 86400}s`,
      labels: props.labels ? { ...props.labels } : undefined,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    this.keyId = this.key.id;
    const seen = new Set<string>();
    for (const m of props.encrypters) {
      const id = memberId(this, 'encrypters', m);
      if (seen.has(id)) continue;
      seen.add(id);
      this.grants.push(grantKeyUse(this, `encrypter-${id}`, this.keyId, memberOf(m)));
    }
  }
}

/** `roles/cloudkms.cryptoKeyEncrypterDecrypter` on a key for one member. */
export function grantKeyUse(scope: Construct, id: string, keyId: string, member: string): KmsCryptoKeyIamMember {
  return new KmsCryptoKeyIamMember(scope, id, { cryptoKeyId: keyId, role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', member });
}
