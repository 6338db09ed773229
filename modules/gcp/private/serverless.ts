import { Token } from 'cdktf';
import type { Construct } from 'constructs';
import { ValidationError } from '../../core/validation-error';

/**
 * Shared rules of the GCP serverless and compute constructs: ids derived from values, memory
 * sizes, IAM members, Secret Manager references, service-account ids.
 */

/**
 * A construct id from a user-given value (a role, a member, a secret), so removing one entry of a
 * list never renames the others: `user:ops@example.com` -> `user-ops-example-com`.
 */
export function idFromValue(value: string): string {
  // A reference's placeholder text numbers the app's tokens in creation order: an id made of it
  // would change whenever another stack creates one token more or less. Callers key such values.
  if (Token.isUnresolved(value)) throw new Error(`a construct id cannot be made from a reference (${value}); give the value a stable key (KeyedMember)`);
  const id = value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id || 'x';
}

/**
 * An IAM member, or a member with the stable key its grant's construct id is made from. A member
 * known only at apply (another stack's service account, a project number) must come with a key,
 * such as the workload's name in the config or the service agent's service.
 */
export type KeyedMember = string | { readonly key: string; readonly member: string };

/** The member itself. */
export function memberOf(m: KeyedMember): string {
  return typeof m === 'string' ? m : m.member;
}

/**
 * The id part for a member's grant: from its key, or from the member when it is a literal.
 *
 * @throws ValidationError when the member is a reference without a key
 */
export function memberId(scope: Construct, prop: string, m: KeyedMember): string {
  if (typeof m !== 'string') return idFromValue(m.key);
  if (Token.isUnresolved(m)) {
    throw new ValidationError(scope, prop, m, 'is a reference (known only at apply); pass { key, member } with a stable key, such as the workload name');
  }
  return idFromValue(m);
}

/** A Secret Manager secret version given to a workload as an environment variable. */
export interface SecretEnvRef {
  /** Secret id: `name` (same project) or `projects/<project>/secrets/<name>`. */
  readonly secret: string;
  /** Version number, or `latest` (numbers are pinned: a new value needs a new revision). */
  readonly version: string;
}

/** `projects/<p>/secrets/<name>` or a bare secret name (letters, digits, `-`, `_`; <= 255). */
const SECRET_ID = /^(projects\/[a-z0-9-]+\/secrets\/)?[A-Za-z0-9_-]{1,255}$/;
/** Secret version: a positive integer or `latest`. */
const SECRET_VERSION = /^([1-9][0-9]*|latest)$/;

/** Problem with one secret reference, or undefined. */
export function secretRefProblem(ref: SecretEnvRef): string | undefined {
  if (!Token.isUnresolved(ref.secret) && !SECRET_ID.test(ref.secret)) {
    return 'has a bad secret id; use the secret name or "projects/<project>/secrets/<name>" (never the secret value)';
  }
  if (!Token.isUnresolved(ref.version) && !SECRET_VERSION.test(ref.version)) {
    return 'has a bad version; use a version number such as "3" or "latest"';
  }
  return undefined;
}

/** Splits a secret id into project (when given) and short name. */
export function splitSecretId(secret: string): { project?: string; name: string } {
  const m = /^projects\/([^/]+)\/secrets\/([^/]+)$/.exec(secret);
  return m ? { project: m[1], name: m[2] } : { name: secret };
}

/** Environment variable names: C identifiers. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** IAM member prefixes an invoker may have; `allUsers`/`allAuthenticatedUsers` go through `public`. */
export const IAM_MEMBER = /^(user|serviceAccount|group|domain|principal|principalSet):.+$/;

/** Problem with an invoker member, or undefined. */
export function invokerMemberProblem(member: string): string | undefined {
  if (Token.isUnresolved(member)) return undefined;
  if (member === 'allUsers' || member === 'allAuthenticatedUsers') {
    return 'grants access to everyone; set public: true for a public service instead';
  }
  if (!IAM_MEMBER.test(member)) {
    return 'is not an IAM member; use "user:", "serviceAccount:", "group:", "domain:", "principal:" or "principalSet:" followed by the identity';
  }
  return undefined;
}

/** Service-account ids: 6-30 characters, lower-case letters, digits and `-`, starting with a letter. */
export const SERVICE_ACCOUNT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

/**
 * A service-account id from a resource name and a suffix, shortened to the 30-character limit.
 * The name part is cut, never the suffix, so `-run`/`-fn`/`-nodes` stay recognisable.
 */
export function serviceAccountIdFor(name: string, suffix: string): string {
  const head = name.slice(0, 30 - suffix.length - 1).replace(/-+$/, '');
  return `${head}-${suffix}`;
}

/** Project roles (`roles/...` or custom `projects/<p>/roles/...`, `organizations/<o>/roles/...`). */
export const ROLE = /^(roles\/[A-Za-z0-9_.]+|(projects|organizations)\/[^/]+\/roles\/[A-Za-z0-9_.]+)$/;

/** Roles never given to a workload's own service account by these constructs. */
export const FORBIDDEN_WORKLOAD_ROLES: readonly string[] = ['roles/owner', 'roles/editor', 'roles/viewer'];

/** Problem with a project role for a workload service account, or undefined. */
export function workloadRoleProblem(role: string): string | undefined {
  if (Token.isUnresolved(role)) return undefined;
  if (!ROLE.test(role)) return 'is not a role; use "roles/<service>.<role>" or a custom role name';
  if (FORBIDDEN_WORKLOAD_ROLES.includes(role)) {
    return `is a basic role; grant predefined roles instead (basic roles ${FORBIDDEN_WORKLOAD_ROLES.join(
      ', '
    )} are not allowed)`;
  }
  return undefined;
}

/**
 * Memory in MiB from a Kubernetes-style quantity (`512Mi`, `1Gi`, `256M`, `2G`), or undefined
 * when the text is not one. Decimal units are converted (1 G = 1000^3 bytes).
 */
export function memoryMiB(text: string): number | undefined {
  const m = /^([0-9]+(?:\.[0-9]+)?)(Mi|Gi|M|G)$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  switch (m[2]) {
    case 'Mi':
      return n;
    case 'Gi':
      return n * 1024;
    case 'M':
      return (n * 1e6) / 1048576;
    default:
      return (n * 1e9) / 1048576;
  }
}

/** Artifact Registry Docker image: `<location>-docker.pkg.dev/<project>/<repository>/<image>[:tag|@sha256:...]`. */
export const ARTIFACT_REGISTRY_IMAGE =
  /^[a-z0-9-]+-docker\.pkg\.dev\/[a-z0-9.:-]+\/[a-z0-9-]+\/[a-z0-9._/-]+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})?$/;
