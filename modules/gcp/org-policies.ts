import { OrgPolicyPolicy } from '@cdktf/provider-google/lib/org-policy-policy';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';

/**
 * Boolean organization policy constraints a project may set for itself (Google-managed legacy
 * constraints whose policy can be set at project level), and what enforcing each prevents.
 *
 * @see https://cloud.google.com/resource-manager/docs/organization-policy/org-policy-constraints
 */
export const GCP_BOOLEAN_CONSTRAINTS = {
  'sql.restrictPublicIp': 'Cloud SQL instances with a public IP address',
  'sql.restrictAuthorizedNetworks': 'authorized networks on Cloud SQL instances',
  'iam.disableServiceAccountKeyCreation': 'creating service account keys',
  'iam.disableServiceAccountKeyUpload': 'uploading public keys to service accounts',
  'iam.automaticIamGrantsForDefaultServiceAccounts': 'the Editor role granted to new default service accounts',
  'iam.disableCrossProjectServiceAccountUsage': 'attaching this project\'s service accounts to other projects\' resources',
  'compute.requireOsLogin': 'SSH keys in metadata (OS Login required)',
  'compute.requireShieldedVm': 'VMs without Shielded VM',
  'compute.disableSerialPortAccess': 'interactive serial port access to VMs',
  'compute.disableNestedVirtualization': 'nested virtualization on VMs',
  'compute.disableGuestAttributesAccess': 'guest attribute queries of VMs',
  'compute.skipDefaultNetworkCreation': 'the default network of new projects',
  'compute.restrictXpnProjectLienRemoval': 'removing the lien of a Shared VPC host project',
  'storage.publicAccessPrevention': 'public access to Cloud Storage data',
  'storage.uniformBucketLevelAccess': 'object ACLs on Cloud Storage buckets',
  'cloudfunctions.requireVPCConnector': 'Cloud Functions without a VPC connector',
} as const;
export type GcpBooleanConstraint = keyof typeof GCP_BOOLEAN_CONSTRAINTS;

/** Every constraint name of {@link GCP_BOOLEAN_CONSTRAINTS}, sorted. */
export const GCP_BOOLEAN_CONSTRAINT_NAMES = Object.keys(GCP_BOOLEAN_CONSTRAINTS).sort() as GcpBooleanConstraint[];

/** Defaults of {@link ProjectOrgPolicies}. */
export const ORG_POLICIES_DEFAULTS = {
  /**
   * Constraints enforced unless the environment turns one off (with a reason): those that none of
   * this project's stacks conflict with. `compute.requireShieldedVm` and
   * `cloudfunctions.requireVPCConnector` are opt-in: they depend on workloads this project does not
   * always create that way.
   */
  enforced: [
    'sql.restrictPublicIp',
    'sql.restrictAuthorizedNetworks',
    'iam.disableServiceAccountKeyCreation',
    'iam.disableServiceAccountKeyUpload',
    'iam.automaticIamGrantsForDefaultServiceAccounts',
    'compute.requireOsLogin',
    'compute.disableSerialPortAccess',
    'compute.skipDefaultNetworkCreation',
    'storage.publicAccessPrevention',
    'storage.uniformBucketLevelAccess',
  ] as readonly GcpBooleanConstraint[],
} as const;

/** Why a constraint name is refused, or `undefined` when it is a boolean constraint this construct sets. */
export function orgPolicyConstraintProblem(name: string): string | undefined {
  return (GCP_BOOLEAN_CONSTRAINT_NAMES as readonly string[]).includes(name)
    ? undefined
    : `is not a boolean organization policy constraint a project can set; use one of ${GCP_BOOLEAN_CONSTRAINT_NAMES.join(', ')}`;
}

/** Props of {@link ProjectOrgPolicies}. */
export interface ProjectOrgPoliciesProps {
  /** The project id. */
  readonly project: string;
  /**
   * Boolean constraints to enforce on the project. A constraint left out is not managed: the
   * project inherits its parent's policy.
   *
   * @default - {@link ORG_POLICIES_DEFAULTS.enforced}
   */
  readonly enforced?: readonly string[];
}

/**
 * Organization policies set on the project itself: each listed boolean constraint enforced
 * (`spec.rules[0].enforce = "TRUE"`), through the Organization Policy v2 API.
 *
 * The project must belong to an organization, and the deployer needs
 * `roles/orgpolicy.policyAdmin` (granted at organization level).
 *
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/org_policy_policy
 */
export class ProjectOrgPolicies extends Construct {
  /** The policies, keyed by constraint name. */
  public readonly policies: Record<string, OrgPolicyPolicy>;

  constructor(scope: Construct, id: string, props: ProjectOrgPoliciesProps) {
    super(scope, id);
    const enforced = props.enforced ?? ORG_POLICIES_DEFAULTS.enforced;
    enforced.forEach((name, i) => {
      const problem = orgPolicyConstraintProblem(name);
      if (problem) throw new ValidationError(this, `enforced[${i}]`, name, problem);
    });
    if (new Set(enforced).size !== enforced.length) {
      throw new ValidationError(this, 'enforced', enforced, 'lists a constraint twice; list each once');
    }

    this.policies = {};
    for (const constraint of enforced) {
      // Keyed by the constraint name: removing one never renames the others.
      this.policies[constraint] = new OrgPolicyPolicy(this, constraint.replace(/\./g, '-').toLowerCase(), {
        name: `projects/${props.project}/policies/${constraint}`,
        parent: `projects/${props.project}`,
        spec: { rules: [{ enforce: 'TRUE' }] },
      });
    }
  }
}
