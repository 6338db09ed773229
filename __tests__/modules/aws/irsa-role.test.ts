import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Testing } from 'cdktf';
import { IrsaRole, type IrsaRoleProps } from '../../../modules/aws/irsa-role';

const BASE: IrsaRoleProps = {
  roleName: 'shop-external-dns',
  oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC',
  oidcIssuerUrl: 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC',
  namespace: 'external-dns',
  serviceAccount: 'external-dns',
};
const synth = (props: Partial<IrsaRoleProps> = {}): string => Testing.synthScope((s) => new IrsaRole(s, 'irsa', { ...BASE, ...props }));

describe('IrsaRole', () => {
  it('trusts only the one service account, with the STS audience', () => {
    const trust = Object.values(JSON.parse(synth()).data.aws_iam_policy_document)[0] as any;
    const st = trust.statement[0];
    expect(st.actions).toEqual(['sts:AssumeRoleWithWebIdentity']);
    expect(st.principals).toEqual([{ type: 'Federated', identifiers: [BASE.oidcProviderArn] }]);
    expect(st.condition).toEqual([
      { test: 'StringEquals', variable: '${replace("https://oidc.eks.eu-west-1.amazonaws.com/id/ABC", "https://", "")}:sub', values: ['system:serviceaccount:external-dns:external-dns'] },
      { test: 'StringEquals', variable: '${replace("https://oidc.eks.eu-west-1.amazonaws.com/id/ABC", "https://", "")}:aud', values: ['sts.amazonaws.com'] },
    ]);
  });

  it('attaches managed policies keyed by name', () => {
    expect(synth({ managedPolicyArns: { route53: 'arn:aws:iam::aws:policy/AmazonRoute53FullAccess' } })).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: 'arn:aws:iam::aws:policy/AmazonRoute53FullAccess',
    });
  });

  it('rejects a service account that is not a Kubernetes name', () => {
    expect(() => synth({ serviceAccount: 'External_DNS' })).toThrow(/prop serviceAccount "External_DNS" is not a Kubernetes name/);
  });
});
