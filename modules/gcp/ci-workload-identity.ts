import { IamWorkloadIdentityPool } from '@cdktf/provider-google/lib/iam-workload-identity-pool';
import { IamWorkloadIdentityPoolProvider } from '@cdktf/provider-google/lib/iam-workload-identity-pool-provider';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { GITHUB_OIDC_ISSUER, githubRepositoryProblem, githubSubjects, subjectPartProblem } from '../core/ci/github-oidc';
import { ValidationError } from '../core/validation-error';

export const CI_WORKLOAD_IDENTITY_DEFAULTS = {
  defaultBranch: 'main',
  /** Read everything, including IAM policies, which `terraform plan` refreshes. */
  planRoles: ['roles/viewer', 'roles/iam.securityReviewer'],
  applyRoles: ['roles/editor', 'roles/resourcemanager.projectIamAdmin'],
} as const;

/** Props of {@link CiWorkloadIdentity}. */
export interface CiWorkloadIdentityProps {
  /** The project of the pool and the service accounts, and whose roles they get. */
  readonly project: string;
  /** The GitHub repository whose workflows may sign in, `owner/name`. */
  readonly repository: string;
  /** The GitHub environment whose jobs may apply. */
  readonly githubEnvironment: string;
  /** Workload identity pool id (4-32 of a-z, 0-9, -). */
  readonly poolId: string;
  /** Account ids (6-30 of a-z, 0-9, -) of the plan and apply service accounts. */
  readonly planAccountId: string;
  /** Account id of the apply service account. */
  readonly applyAccountId: string;
  /** The branch whose pushes plan before applying. @default 'main' */
  readonly defaultBranch?: string;
  /** Project roles of the plan service account. @default ['roles/viewer', 'roles/iam.securityReviewer'] */
  readonly planRoles?: readonly string[];
  /** Project roles of the apply service account. @default ['roles/editor', 'roles/resourcemanager.projectIamAdmin'] */
  readonly applyRoles?: readonly string[];
}

/**
 * The GCP side of CI sign-in: a workload identity pool with a GitHub OIDC provider that accepts
 * only tokens of one repository (attribute condition), and a plan and an apply service account
 * that exactly the CI subjects may impersonate (pull requests and the default branch to plan, the
 * GitHub environment to apply).
 *
 * @see https://github.com/google-github-actions/auth#workload-identity-federation-through-a-service-account
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/iam_workload_identity_pool_provider
 */
export class CiWorkloadIdentity extends Construct {
  public readonly pool: IamWorkloadIdentityPool;
  public readonly provider: IamWorkloadIdentityPoolProvider;
  public readonly planServiceAccount: ServiceAccount;
  public readonly applyServiceAccount: ServiceAccount;

  constructor(scope: Construct, id: string, props: CiWorkloadIdentityProps) {
    super(scope, id);
    const d = CI_WORKLOAD_IDENTITY_DEFAULTS;
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
    if (!Token.isUnresolved(props.poolId) && (!/^[a-z0-9-]{4,32}$/.test(props.poolId) || props.poolId.startsWith('gcp-'))) {
      throw new ValidationError(this, 'poolId', props.poolId, 'is not a workload identity pool id; use 4-32 of a-z, 0-9 and -, not starting with "gcp-"');
    }
    for (const [prop, value] of [
      ['planAccountId', props.planAccountId],
      ['applyAccountId', props.applyAccountId],
    ] as const) {
      if (!Token.isUnresolved(value) && !/^[a-z]([-a-z0-9]{4,28}[a-z0-9])$/.test(value)) {
        throw new ValidationError(this, prop, value, 'is not a service account id; use 6-30 of a-z, 0-9 and -, starting with a letter');
      }
    }

    this.pool = new IamWorkloadIdentityPool(this, 'pool', {
      project: props.project,
      workloadIdentityPoolId: props.poolId,
      displayName: 'GitHub Actions',
      description: `CI of ${props.repository}`,
    });
    this.provider = new IamWorkloadIdentityPoolProvider(this, 'github', {
      project: props.project,
      workloadIdentityPoolId: this.pool.workloadIdentityPoolId,
      workloadIdentityPoolProviderId: 'github',
      displayName: 'GitHub Actions OIDC',
      attributeMapping: {
        'google.subject': 'assertion.sub',
        'attribute.repository': 'assertion.repository',
        'attribute.environment': 'assertion.environment',
        'attribute.ref': 'assertion.ref',
      },
      // Tokens of any other repository are refused before any IAM binding is looked at.
      attributeCondition: `assertion.repository == "${props.repository}"`,
      oidc: { issuerUri: GITHUB_OIDC_ISSUER },
    });

    const subjects = githubSubjects(props.repository, defaultBranch, props.githubEnvironment);
    const account = (kind: 'plan' | 'apply', accountId: string, roles: readonly string[]) => {
      const sa = new ServiceAccount(this, kind, {
        project: props.project,
        accountId,
        displayName: `Terraform ${kind} from GitHub Actions`,
        description: `${kind} of ${props.repository}`,
      });
      for (const subject of subjects[kind]) {
        new ServiceAccountIamMember(this, `${kind}-wif-${subject.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`, {
          serviceAccountId: sa.name,
          role: 'roles/iam.workloadIdentityUser',
          member: `principal://iam.googleapis.com/${this.pool.name}/subject/${subject}`,
        });
      }
      for (const role of roles) {
        new ProjectIamMember(this, `${kind}-${role.replace(/^roles\//, '').replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`, {
          project: props.project,
          role,
          member: `serviceAccount:${sa.email}`,
        });
      }
      return sa;
    };
    this.planServiceAccount = account('plan', props.planAccountId, props.planRoles ?? d.planRoles);
    this.applyServiceAccount = account('apply', props.applyAccountId, props.applyRoles ?? d.applyRoles);
  }
}
