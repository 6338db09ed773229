import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Testing } from 'cdktf';
import { CiFederatedCredential, type CiFederatedCredentialProps } from '../../../modules/azure/ci-federated-credential';

const BASE: CiFederatedCredentialProps = {
  repository: 'acme/infra',
  githubEnvironment: 'prod',
  resourceGroupName: 'prod-ci',
  location: 'westeurope',
  planIdentityName: 'prod-ci-plan',
  applyIdentityName: 'prod-ci-apply',
  scope: '/subscriptions/00000000-0000-0000-0000-000000000000',
};

function synth(props: Partial<CiFederatedCredentialProps> = {}): string {
  return Testing.synthScope((scope) => new CiFederatedCredential(scope, 'ci', { ...BASE, ...props }));
}

describe('CiFederatedCredential', () => {
  it('gives each identity one federated credential per subject it accepts, for the token exchange audience', () => {
    const creds = Object.values(JSON.parse(synth()).resource.azurerm_federated_identity_credential as Record<string, { subject: string; name: string }>);
    expect(creds.map((c) => [c.name, c.subject]).sort()).toEqual([
      ['github-environment-prod', 'repo:acme/infra:environment:prod'],
      ['github-pull-request', 'repo:acme/infra:pull_request'],
      ['github-ref-refs-heads-main', 'repo:acme/infra:ref:refs/heads/main'],
    ]);
    expect(synth()).toHaveResourceWithProperties(FederatedIdentityCredential, { audience: ['api://AzureADTokenExchange'], issuer: 'https://token.actions.githubusercontent.com' });
  });

  it('makes the plan identity a Reader and the apply identity a Contributor of the scope, by default', () => {
    const roles = Object.values(JSON.parse(synth()).resource.azurerm_role_assignment as Record<string, { role_definition_name: string; scope: string }>);
    expect(roles.map((r) => r.role_definition_name).sort()).toEqual(['Contributor', 'Reader', 'Role Based Access Control Administrator']);
    expect(synth()).toHaveResourceWithProperties(RoleAssignment, { scope: '/subscriptions/00000000-0000-0000-0000-000000000000', principal_type: 'ServicePrincipal' });
  });

  it.each([
    [{ repository: 'acme infra' }, /prop repository "acme infra" is not a GitHub repository/],
    [{ scope: 'subscriptions/x' }, /prop scope "subscriptions\/x" is not an Azure scope; use "\/subscriptions\/<subscription id>"/],
    [{ defaultBranch: 'feature branch' }, /prop defaultBranch "feature branch" is not a branch or environment name/],
  ])('refuses %j', (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
