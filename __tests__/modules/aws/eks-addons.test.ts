import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { Testing } from 'cdktf';
import { EksAddons, type EksAddonsProps } from '../../../modules/aws/eks-addons';

const BASE: EksAddonsProps = { clusterName: 'shop', oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC', oidcIssuerUrl: 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC' };
const synth = (props: Partial<EksAddonsProps> = {}): string => Testing.synthScope((s) => new EksAddons(s, 'addons', { ...BASE, ...props }));

describe('EksAddons', () => {
  it('installs the five managed add-ons, pinned where versions are given', () => {
    const json = synth({ versions: { 'vpc-cni': 'v1.19.2-eksbuild.1' } });
    const addons = Object.values(JSON.parse(json).resource.aws_eks_addon) as any[];
    expect(addons.map((a) => a.addon_name).sort()).toEqual(['aws-ebs-csi-driver', 'coredns', 'eks-pod-identity-agent', 'kube-proxy', 'vpc-cni']);
    expect(json).toHaveResourceWithProperties(EksAddon, { addon_name: 'vpc-cni', addon_version: 'v1.19.2-eksbuild.1', resolve_conflicts_on_create: 'OVERWRITE', resolve_conflicts_on_update: 'PRESERVE' });
  });

  it('gives vpc-cni and the EBS CSI driver their own IRSA roles', () => {
    const json = JSON.parse(synth());
    const addons = Object.values(json.resource.aws_eks_addon) as any[];
    expect(addons.find((a) => a.addon_name === 'vpc-cni').service_account_role_arn).toMatch(/aws_iam_role\.addons_vpc-cni-role_[0-9A-F]+\.arn/);
    expect(addons.find((a) => a.addon_name === 'aws-ebs-csi-driver').service_account_role_arn).toMatch(/aws_iam_role\.addons_ebs-csi-role_[0-9A-F]+\.arn/);
    const trusts = Object.entries(json.data.aws_iam_policy_document).filter(([n]) => n.includes('trust')).map(([, d]: [string, any]) => d.statement[0].condition[0].values[0]);
    expect(trusts.sort()).toEqual(['system:serviceaccount:kube-system:aws-node', 'system:serviceaccount:kube-system:ebs-csi-controller-sa']);
  });

  it.each([
    [{ versions: { coredns: '1.11' } }, /prop versions\.coredns "1\.11" is not an add-on version; use the form v1\.19\.2-eksbuild\.1/],
    [{ versions: { 'metrics-server': 'v0.7.2-eksbuild.1' } as any }, /prop versions\.metrics-server "v0\.7\.2-eksbuild\.1" is not an add-on of this construct/],
  ])('rejects %j', (props, pattern) => expect(() => synth(props)).toThrow(pattern));
});

describe('EksAddons network policies', () => {
  it('turns on the VPC CNI network policy agent, so NetworkPolicies are enforced', () => {
    expect(synth()).toHaveResourceWithProperties(EksAddon, {
      addon_name: 'vpc-cni',
      configuration_values: '${jsonencode({"enableNetworkPolicy" = "true"})}',
    });
  });
});
