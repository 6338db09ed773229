import { SecretManagerSecretIamMember } from '@cdktf/provider-google/lib/secret-manager-secret-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { createHash } from 'node:crypto';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';

/** Props of {@link GkeWorkloadIdentity}. */
export interface GkeWorkloadIdentityProps {
  readonly project: string;
  /** The cluster's Workload Identity pool, `<project>.svc.id.goog`. */
  readonly workloadIdentityPool: string;
  /** Namespace of the Kubernetes service account. */
  readonly namespace: string;
  /** Name of the Kubernetes service account. */
  readonly serviceAccount: string;
  /** Secret Manager secrets (ids in `project`) the identity may read. @default [] */
  readonly secrets?: readonly string[];
}

/** A Google service account id (6-30 characters) for a Kubernetes service account: `k8s-<name>`, shortened with a hash when long. */
export function gkeServiceAccountId(namespace: string, name: string): string {
  const base = namespace === name ? `k8s-${name}` : `k8s-${namespace}-${name}`;
  if (base.length <= 30) return base;
  const hash = createHash('sha256').update(base).digest('hex').slice(0, 6);
  return `${base.slice(0, 23).replace(/-+$/, '')}-${hash}`;
}

/**
 * The Google side of GKE Workload Identity for one Kubernetes service account: a Google service
 * account the KSA may impersonate (`roles/iam.workloadIdentityUser` for
 * `serviceAccount:<pool>[<namespace>/<ksa>]`), and read access to the named secrets only.
 *
 * @see https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity
 */
export class GkeWorkloadIdentity extends Construct {
  public readonly serviceAccount: ServiceAccount;
  public readonly email: string;

  constructor(scope: Construct, id: string, props: GkeWorkloadIdentityProps) {
    super(scope, id);
    for (const [prop, value] of [['namespace', props.namespace], ['serviceAccount', props.serviceAccount]] as const) {
      if (!Token.isUnresolved(value) && !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(value)) {
        throw new ValidationError(this, prop, value, 'is not a Kubernetes name; use lower-case letters, digits and -, at most 63');
      }
    }
    this.serviceAccount = new ServiceAccount(this, 'service-account', {
      project: props.project,
      accountId: gkeServiceAccountId(props.namespace, props.serviceAccount),
      displayName: `GKE workload ${props.namespace}/${props.serviceAccount}`,
    });
    this.email = this.serviceAccount.email;
    new ServiceAccountIamMember(this, 'workload-identity-user', {
      serviceAccountId: this.serviceAccount.name,
      role: 'roles/iam.workloadIdentityUser',
      member: `serviceAccount:${props.workloadIdentityPool}[${props.namespace}/${props.serviceAccount}]`,
    });
    for (const secret of props.secrets ?? []) {
      new SecretManagerSecretIamMember(this, `secret-${secret.toLowerCase()}`, {
        project: props.project,
        secretId: secret,
        role: 'roles/secretmanager.secretAccessor',
        member: `serviceAccount:${this.serviceAccount.email}`,
      });
    }
  }
}
