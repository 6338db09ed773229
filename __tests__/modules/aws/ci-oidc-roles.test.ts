import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Testing } from 'cdktf';
import { CiOidcRoles, type CiOidcRolesProps, stateKeyStatement } from '../../../modules/aws/ci-oidc-roles';
import { ValidationError } from '../../../modules/core/validation-error';

const BASE: CiOidcRolesProps = {
  repository: 'acme/infra',
  githubEnvironment: 'prod',
  planRoleName: 'prod-ci-plan',
  applyRoleName: 'prod-ci-apply',
  stateBucketArn: 'arn:aws:s3:::acme-tfstate',
  stateKmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:alias/acme-tfstate',
  iamNamePrefix: 'prod-',
};

function synth(props: Partial<CiOidcRolesProps> = {}): string {
  return Testing.synthScope((scope) => new CiOidcRoles(scope, 'ci', { ...BASE, ...props }));
}

/** The statements of the policy document whose id starts with `prefix`. */
function doc(json: string, prefix: string): Record<string, any>[] {
  const docs = JSON.parse(json).data.aws_iam_policy_document as Record<string, { statement: Record<string, any>[] }>;
  const key = Object.keys(docs).find((k) => k.startsWith(prefix))!;
  return docs[key]!.statement;
}

describe('CiOidcRoles', () => {
  it("creates the account's GitHub OIDC provider for the STS audience", () => {
    expect(synth()).toHaveResourceWithProperties(IamOpenidConnectProvider, { url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] });
  });

  it("lets only the repository's pull requests and default branch assume the plan role", () => {
    const [trust] = doc(synth(), 'ci_plan-trust');
    expect(trust!.actions).toEqual(['sts:AssumeRoleWithWebIdentity']);
    expect(trust!.condition).toEqual([
      { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] },
      { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:sub', values: ['repo:acme/infra:pull_request', 'repo:acme/infra:ref:refs/heads/main'] },
    ]);
  });

  it('lets only jobs of the GitHub environment assume the apply role', () => {
    const [trust] = doc(synth(), 'ci_apply-trust');
    expect(trust!.condition[1]).toEqual({ test: 'StringEquals', variable: 'token.actions.githubusercontent.com:sub', values: ['repo:acme/infra:environment:prod'] });
  });

  it('makes the plan role read-only and the apply role power-user, by default', () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(IamRole, { name: 'prod-ci-plan', max_session_duration: 3600 });
    expect(json).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
    expect(json).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: 'arn:aws:iam::aws:policy/PowerUserAccess' });
    expect(Object.keys(JSON.parse(json).resource.aws_iam_role_policy_attachment)).toHaveLength(2);
  });

  it('lets plans write only the lock files of the state bucket', () => {
    const statements = doc(synth(), 'ci_plan-policy');
    const writes = statements.filter((s) => (s.actions as string[]).includes('s3:PutObject'));
    expect(writes).toEqual([{ effect: 'Allow', actions: ['s3:PutObject', 's3:DeleteObject'], resources: ['arn:aws:s3:::acme-tfstate/*.tflock'] }]);
  });

  it('scopes the IAM rights of the apply role to its name prefix and denies changes to the CI identities', () => {
    const statements = doc(synth(), 'ci_apply-policy');
    expect(statements.find((s) => s.sid === 'IamUnderPrefix')!.resources).toEqual([
      'arn:aws:iam::*:role/prod-*',
      'arn:aws:iam::*:policy/prod-*',
      'arn:aws:iam::*:instance-profile/prod-*',
    ]);
    const deny = statements.find((s) => s.sid === 'NotTheCiIdentities')!;
    expect(deny.effect).toBe('Deny');
    expect(deny.resources).toHaveLength(3);
  });

  it('uses an existing provider instead of creating one', () => {
    const json = synth({ createOidcProvider: false, oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' });
    expect(json).not.toHaveResource(IamOpenidConnectProvider);
    expect(doc(json, 'ci_plan-trust')[0]!.principals[0].identifiers).toEqual(['arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com']);
  });

  it('matches a state key given by alias by its alias, and a key ARN as the resource', () => {
    expect(stateKeyStatement('arn:aws:kms:eu-west-1:123456789012:alias/acme-tfstate')).toEqual({
      effect: 'Allow',
      actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
      resources: ['*'],
      condition: [{ test: 'ForAnyValue:StringEquals', variable: 'kms:ResourceAliases', values: ['alias/acme-tfstate'] }],
    });
    expect(stateKeyStatement('arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab').resources).toEqual([
      'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    ]);
  });

  it.each([
    [{ repository: 'not-a-repo' }, /prop repository "not-a-repo" is not a GitHub repository; use "owner\/name"/],
    [{ githubEnvironment: 'prod env' }, /prop githubEnvironment "prod env" is not a branch or environment name/],
    [{ defaultBranch: 'a..b' }, /prop defaultBranch "a..b" is not a branch or environment name/],
    [{ createOidcProvider: false }, /prop oidcProviderArn \(missing\) is required when createOidcProvider is false/],
    [{ iamNamePrefix: 'p' }, /prop iamNamePrefix "p" is not an IAM name prefix; use 2-32/],
    [{ maxSessionDurationSeconds: 60 }, /prop maxSessionDurationSeconds 60 is not allowed; use a whole number of seconds from 3600 to 43200/],
  ])('refuses %j', (props, message) => {
    expect(() => synth(props)).toThrow(ValidationError);
    expect(() => synth(props)).toThrow(message);
  });
});

describe('CiOidcRoles in another partition', () => {
  it('names the managed policies and the IAM resources in the partition it is given', () => {
    const json = synth({ partition: 'aws-cn', stateBucketArn: 'arn:aws-cn:s3:::acme-tfstate', stateKmsKeyArn: 'arn:aws-cn:kms:cn-north-1:123456789012:alias/acme-tfstate' });
    const attachments = Object.values<any>(JSON.parse(json).resource.aws_iam_role_policy_attachment).map((a) => a.policy_arn).sort();
    expect(attachments).toEqual(['arn:aws-cn:iam::aws:policy/PowerUserAccess', 'arn:aws-cn:iam::aws:policy/ReadOnlyAccess']);
    const iam = doc(json, 'ci_apply-policy').find((s) => s.sid === 'IamUnderPrefix')!;
    expect(iam.resources).toEqual(['arn:aws-cn:iam::*:role/prod-*', 'arn:aws-cn:iam::*:policy/prod-*', 'arn:aws-cn:iam::*:instance-profile/prod-*']);
  });

  it('defaults to the aws partition', () => {
    const attachments = Object.values<any>(JSON.parse(synth()).resource.aws_iam_role_policy_attachment).map((a) => a.policy_arn).sort();
    expect(attachments).toEqual(['arn:aws:iam::aws:policy/PowerUserAccess', 'arn:aws:iam::aws:policy/ReadOnlyAccess']);
  });
});
