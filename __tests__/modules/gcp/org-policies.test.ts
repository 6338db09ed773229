import { OrgPolicyPolicy } from '@cdktf/provider-google/lib/org-policy-policy';
import { TerraformStack, Testing } from 'cdktf';
import {
  GCP_BOOLEAN_CONSTRAINT_NAMES,
  ORG_POLICIES_DEFAULTS,
  ProjectOrgPolicies,
  type ProjectOrgPoliciesProps,
  orgPolicyConstraintProblem,
} from '../../../modules/gcp/org-policies';

function build(patch: Partial<ProjectOrgPoliciesProps> = {}) {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  const policies = new ProjectOrgPolicies(stack, 'org-policies', { project: 'acme-test-1', ...patch });
  const text = Testing.synth(stack);
  return { text, json: JSON.parse(text), policies };
}

describe('ProjectOrgPolicies', () => {
  it('enforces the default constraints on the project', () => {
    expect(ORG_POLICIES_DEFAULTS.enforced).toEqual([
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
    ]);
    const { json, text } = build();
    const names = Object.values<any>(json.resource.google_org_policy_policy).map((p) => p.name).sort();
    expect(names).toEqual([
      'projects/acme-test-1/policies/compute.disableSerialPortAccess',
      'projects/acme-test-1/policies/compute.requireOsLogin',
      'projects/acme-test-1/policies/compute.skipDefaultNetworkCreation',
      'projects/acme-test-1/policies/iam.automaticIamGrantsForDefaultServiceAccounts',
      'projects/acme-test-1/policies/iam.disableServiceAccountKeyCreation',
      'projects/acme-test-1/policies/iam.disableServiceAccountKeyUpload',
      'projects/acme-test-1/policies/sql.restrictAuthorizedNetworks',
      'projects/acme-test-1/policies/sql.restrictPublicIp',
      'projects/acme-test-1/policies/storage.publicAccessPrevention',
      'projects/acme-test-1/policies/storage.uniformBucketLevelAccess',
    ]);
    expect(text).toHaveResourceWithProperties(OrgPolicyPolicy, {
      name: 'projects/acme-test-1/policies/sql.restrictPublicIp',
      parent: 'projects/acme-test-1',
      spec: { rules: [{ enforce: 'TRUE' }] },
    });
  });

  it('keys each policy by its constraint, so removing one renames none', () => {
    const { policies } = build({ enforced: ['compute.requireOsLogin', 'sql.restrictPublicIp'] });
    expect(policies.policies['sql.restrictPublicIp']!.node.id).toBe('sql-restrictpublicip');
    const { policies: fewer } = build({ enforced: ['sql.restrictPublicIp'] });
    expect(fewer.policies['sql.restrictPublicIp']!.node.id).toBe('sql-restrictpublicip');
  });

  it('sets nothing when no constraint is listed (the parent policy applies)', () => {
    expect(build({ enforced: [] }).text).not.toHaveResource(OrgPolicyPolicy);
  });

  it('rejects a constraint name that does not exist, listing the allowed ones', () => {
    expect(() => build({ enforced: ['sql.restrictPublicIP'] })).toThrow(
      /prop enforced\[0\] "sql\.restrictPublicIP" is not a boolean organization policy constraint a project can set; use one of cloudfunctions\.requireVPCConnector, compute\.disableGuestAttributesAccess, .*storage\.uniformBucketLevelAccess$/,
    );
    expect(() => build({ enforced: ['compute.requireOsLogin', 'compute.requireOsLogin'] })).toThrow(/prop enforced .* lists a constraint twice/);
  });

  it('exports the constraint list and its rule', () => {
    expect(GCP_BOOLEAN_CONSTRAINT_NAMES).toContain('compute.requireShieldedVm');
    expect(GCP_BOOLEAN_CONSTRAINT_NAMES).toHaveLength(16);
    expect(orgPolicyConstraintProblem('storage.publicAccessPrevention')).toBeUndefined();
    expect(orgPolicyConstraintProblem('compute.vmExternalIpAccess')).toMatch(/not a boolean organization policy constraint/);
  });
});
