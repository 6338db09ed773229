import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { GITHUB_OIDC_AZURE_AUDIENCE, GITHUB_OIDC_ISSUER, githubRepositoryProblem, githubSubjects, subjectPartProblem } from '../core/ci/github-oidc';
import { ValidationError } from '../core/validation-error';

export const CI_FEDERATED_CREDENTIAL_DEFAULTS = {
  defaultBranch: 'main',
  planRoles: ['Reader'],
  /** Manage resources, and the role assignments the stacks make (managed identities' access). */
  applyRoles: ['Contributor', 'Role Based Access Control Administrator'],
} as const;

/** Props of {@link CiFederatedCredential}. */
export interface CiFederatedCredentialProps {
  /** The GitHub repository whose workflows may sign in, `owner/name`. */
  readonly repository: string;
  /** The GitHub environment whose jobs may apply. */
  readonly githubEnvironment: string;
  /** Resource group of the two identities. */
  readonly resourceGroupName: string;
  /** Azure location of the identities. */
  readonly location: string;
  /** Names of the plan and apply user-assigned identities. */
  readonly planIdentityName: string;
  /** Name of the apply identity. */
  readonly applyIdentityName: string;
  /** Scope of the role assignments (`/subscriptions/<id>`). */
  readonly scope: string;
  /** The branch whose pushes plan before applying. @default 'main' */
  readonly defaultBranch?: string;
  /** Built-in role names of the plan identity at `scope`. @default ['Reader'] */
  readonly planRoles?: readonly string[];
  /** Built-in role names of the apply identity at `scope`. @default ['Contributor', 'Role Based Access Control Administrator'] */
  readonly applyRoles?: readonly string[];
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * The Azure side of CI sign-in: a plan and an apply user-assigned managed identity, each with a
 * federated credential per GitHub subject it accepts (a federated credential matches one exact
 * subject: pull requests and the default branch to plan, the GitHub environment to apply), and
 * their role assignments. No client secret exists.
 *
 * @see https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-create-trust-user-assigned-managed-identity
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/federated_identity_credential
 */
export class CiFederatedCredential extends Construct {
  public readonly planIdentity: UserAssignedIdentity;
  public readonly applyIdentity: UserAssignedIdentity;

  constructor(scope: Construct, id: string, props: CiFederatedCredentialProps) {
    super(scope, id);
    const d = CI_FEDERATED_CREDENTIAL_DEFAULTS;
    const defaultBranch = props.defaultBranch ?? d.defaultBranch;
    const repoProblem = Token.isUnresolved(props.repository) ? undefined : githubRepositoryProblem(props.repository);
    if (repoProblem) throw new ValidationError(this, 'repository', props.repository, repoProblem);
    for (const [prop, value] of [
      ['githubEnvironment', props.githubEnvironment],
      ['defaultBranch', defaultBranch],
    ] as const) {
      const problem = Token.isUnresolved(value) ? undefined : subjectPartProblem(value);
      if (problem) throw new ValidationError(this, prop, value, problem);
    }
    if (!Token.isUnresolved(props.scope) && !/^\/subscriptions\/[0-9a-fA-F-]{36}(\/.*)?$/.test(props.scope)) {
      throw new ValidationError(this, 'scope', props.scope, 'is not an Azure scope; use "/subscriptions/<subscription id>" or a path below it');
    }

    const subjects = githubSubjects(props.repository, defaultBranch, props.githubEnvironment);
    const identity = (kind: 'plan' | 'apply', name: string, roles: readonly string[]) => {
      const uai = new UserAssignedIdentity(this, kind, { name, resourceGroupName: props.resourceGroupName, location: props.location, tags: props.tags });
      for (const subject of subjects[kind]) {
        const key = subject.split(':').slice(2).join('-').replace(/[^A-Za-z0-9-]+/g, '-').toLowerCase();
        new FederatedIdentityCredential(this, `${kind}-${key}`, {
          name: `github-${key}`,
          resourceGroupName: props.resourceGroupName,
          parentId: uai.id,
          audience: [GITHUB_OIDC_AZURE_AUDIENCE],
          issuer: GITHUB_OIDC_ISSUER,
          subject,
        });
      }
      for (const role of roles) {
        new RoleAssignment(this, `${kind}-${role.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`, {
          scope: props.scope,
          roleDefinitionName: role,
          principalId: uai.principalId,
          principalType: 'ServicePrincipal',
        });
      }
      return uai;
    };
    this.planIdentity = identity('plan', props.planIdentityName, props.planRoles ?? d.planRoles);
    this.applyIdentity = identity('apply', props.applyIdentityName, props.applyRoles ?? d.applyRoles);
  }
}
