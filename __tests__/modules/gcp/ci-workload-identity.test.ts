import { IamWorkloadIdentityPoolProvider } from '@cdktf/provider-google/lib/iam-workload-identity-pool-provider';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { Testing } from 'cdktf';
import { CiWorkloadIdentity, type CiWorkloadIdentityProps } from '../../../modules/gcp/ci-workload-identity';

const BASE: CiWorkloadIdentityProps = {
  project: 'acme-prod',
  repository: 'acme/infra',
  githubEnvironment: 'prod',
  poolId: 'prod-github',
  planAccountId: 'prod-ci-plan',
  applyAccountId: 'prod-ci-apply',
};

function synth(props: Partial<CiWorkloadIdentityProps> = {}): string {
  return Testing.synthScope((scope) => new CiWorkloadIdentity(scope, 'ci', { ...BASE, ...props }));
}

describe('CiWorkloadIdentity', () => {
  it('accepts only tokens of the repository, from the GitHub issuer', () => {
    expect(synth()).toHaveResourceWithProperties(IamWorkloadIdentityPoolProvider, {
      attribute_condition: 'assertion.repository == "acme/infra"',
      oidc: { issuer_uri: 'https://token.actions.githubusercontent.com' },
    });
  });

  it('lets exactly the CI subjects impersonate each service account', () => {
    const members = Object.values(JSON.parse(synth()).resource.google_service_account_iam_member as Record<string, { member: string; role: string }>);
    expect(members.map((m) => m.member.replace(/^.*\/subject\//, '')).sort()).toEqual([
      'repo:acme/infra:environment:prod',
      'repo:acme/infra:pull_request',
      'repo:acme/infra:ref:refs/heads/main',
    ]);
    expect(synth()).toHaveResourceWithProperties(ServiceAccountIamMember, { role: 'roles/iam.workloadIdentityUser' });
    for (const m of members) expect(m.member).toMatch(/^principal:\/\/iam\.googleapis\.com\/\$\{google_iam_workload_identity_pool\..+\.name\}\/subject\//);
  });

  it('gives the plan account read-only roles by default', () => {
    const roles = Object.values(JSON.parse(synth()).resource.google_project_iam_member as Record<string, { role: string; member: string }>)
      .filter((m) => m.member.includes('plan'))
      .map((m) => m.role);
    expect(roles.sort()).toEqual(['roles/iam.securityReviewer', 'roles/viewer']);
    expect(synth({ applyRoles: ['roles/compute.admin'] })).toHaveResourceWithProperties(ProjectIamMember, { role: 'roles/compute.admin' });
  });

  it.each([
    [{ repository: 'acme' }, /prop repository "acme" is not a GitHub repository/],
    [{ poolId: 'gcp-pool' }, /prop poolId "gcp-pool" is not a workload identity pool id; use 4-32/],
    [{ planAccountId: 'x' }, /prop planAccountId "x" is not a service account id; use 6-30/],
    [{ githubEnvironment: 'a b' }, /prop githubEnvironment "a b" is not a branch or environment name/],
  ])('refuses %j', (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
