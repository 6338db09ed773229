import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamWorkloadIdentityPool } from '@cdktf/provider-google/lib/iam-workload-identity-pool';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Testing } from 'cdktf';
import { ciIdentityFamily } from '../../../stacks/ci-identity/family';
import { stateKmsKeyArn } from '../../../stacks/ci-identity/ci-identity-stack';
import { environmentStackGraph } from '../../../stacks';
import { familyStack, testContext, testEnvironment } from '../../helpers/environment';

function synth(ci: Record<string, any> = {}): any {
  return JSON.parse(Testing.synth(familyStack(ciIdentityFamily, testEnvironment({ ci: { enabled: true, repository: 'acme/infra', ...ci } }))));
}

describe('CiIdentityStack', () => {
  it('is not in an environment that does not enable it', () => {
    expect(environmentStackGraph(testEnvironment()).map((n) => n.name)).not.toContain('test-ci-identity');
    expect(environmentStackGraph(testEnvironment({ ci: { enabled: true, repository: 'acme/infra' } })).map((n) => n.name)).toContain('test-ci-identity');
  });

  it('creates the AWS roles named for the environment, with outputs naming the GitHub variables', () => {
    const json = synth();
    expect(JSON.stringify(json)).toHaveResourceWithProperties(IamRole, { name: 'test-ci-plan' });
    expect(JSON.stringify(json)).toHaveResourceWithProperties(IamRole, { name: 'test-ci-apply' });
    expect(json.output.aws_plan_role_arn.description).toBe('GitHub variable TEST_AWS_PLAN_ROLE_ARN');
    expect(json.output.aws_apply_role_arn.description).toBe('GitHub variable TEST_AWS_APPLY_ROLE_ARN');
    expect(json.output.gcp_workload_identity_provider).toBeUndefined();
    expect(Object.keys(json.provider)).toEqual(['aws']);
  });

  it('adds the GCP and Azure identities, with their providers, when turned on', () => {
    const json = synth({ gcp: { enabled: true }, azure: { enabled: true } });
    const text = JSON.stringify(json);
    expect(text).toHaveResourceWithProperties(IamWorkloadIdentityPool, { workload_identity_pool_id: 'test-github', project: 'acme-test-1' });
    expect(text).toHaveResourceWithProperties(UserAssignedIdentity, { name: 'test-ci-apply', resource_group_name: '${azurerm_resource_group.azure-group.name}' });
    expect(Object.keys(json.provider).sort()).toEqual(['aws', 'azurerm', 'google']);
    expect(json.output.azure_apply_client_id.description).toBe('GitHub variable TEST_AZURE_APPLY_CLIENT_ID');
  });

  it('trusts the GitHub environment named like the environment, unless told otherwise', () => {
    const trust = (json: any) =>
      Object.entries(json.data.aws_iam_policy_document as Record<string, any>).find(([k]) => k.startsWith('aws-identity_apply-trust'))![1].statement[0].condition[1].values;
    expect(trust(synth())).toEqual(['repo:acme/infra:environment:test']);
    expect(trust(synth({ githubEnvironment: 'production' }))).toEqual(['repo:acme/infra:environment:production']);
  });

  it('finds the state key from state.kmsKeyId, else the alias of the state key', () => {
    const ctx = testContext();
    expect(stateKmsKeyArn(ctx)).toBe('arn:aws:kms:eu-west-1:123456789012:alias/acme-tfstate-test');
    expect(stateKmsKeyArn({ ...ctx, state: { ...ctx.state, kmsKeyId: 'alias/tfstate' } })).toBe('arn:aws:kms:eu-west-1:123456789012:alias/tfstate');
    expect(stateKmsKeyArn({ ...ctx, state: { ...ctx.state, kmsKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' } })).toBe(
      'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    );
  });
});
