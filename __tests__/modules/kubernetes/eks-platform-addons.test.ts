import { Testing } from 'cdktf';
import { parse } from 'yaml';
import { EksPlatformAddons, type EksPlatformAddonsProps } from '../../../modules/kubernetes/eks-platform-addons';

const PROPS: EksPlatformAddonsProps = {
  clusterName: 'test-eks',
  region: 'eu-west-1',
  vpcId: 'vpc-0123456789abcdef0',
  loadBalancerControllerRoleArn: 'arn:aws:iam::123456789012:role/test-eks-alb-controller',
  karpenter: { controllerRoleArn: 'arn:aws:iam::123456789012:role/test-eks-karpenter', queueName: 'test-eks-karpenter' },
};

function releases(props: Partial<EksPlatformAddonsProps> = {}): Record<string, any> {
  const json = JSON.parse(Testing.synthScope((scope) => void new EksPlatformAddons(scope, 'addons', { ...PROPS, ...props })));
  return Object.fromEntries(Object.values<any>(json.resource.helm_release).map((r) => [r.name, { ...r, values: parse(r.values[0]) }]));
}

describe('EksPlatformAddons', () => {
  it('installs metrics-server, the load balancer controller, the Secrets Store CSI driver with the AWS provider, and Karpenter', () => {
    const r = releases();
    expect(Object.keys(r).sort()).toEqual(['aws-load-balancer-controller', 'karpenter', 'metrics-server', 'secrets-store-csi-driver-provider-aws']);
    for (const release of Object.values(r)) expect(release).toMatchObject({ atomic: true, wait: true, namespace: 'kube-system' });
  });

  it('binds the load balancer controller to its IRSA role and cluster', () => {
    expect(releases()['aws-load-balancer-controller'].values).toMatchObject({
      clusterName: 'test-eks',
      region: 'eu-west-1',
      vpcId: 'vpc-0123456789abcdef0',
      serviceAccount: { create: true, name: 'aws-load-balancer-controller', annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/test-eks-alb-controller' } },
      enableServiceMutatorWebhook: false,
    });
  });

  it('mounts secrets as files only (no sync to Kubernetes Secrets), with rotation', () => {
    expect(releases()['secrets-store-csi-driver-provider-aws'].values['secrets-store-csi-driver']).toMatchObject({ install: true, syncSecret: { enabled: false }, enableSecretRotation: true });
  });

  it('configures Karpenter with its cluster, interruption queue and IRSA role', () => {
    expect(releases().karpenter).toMatchObject({ repository: 'oci://public.ecr.aws/karpenter', chart: 'karpenter' });
    expect(releases().karpenter.values).toMatchObject({
      settings: { clusterName: 'test-eks', interruptionQueue: 'test-eks-karpenter' },
      serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/test-eks-karpenter' } },
    });
  });

  it('leaves Karpenter out unless given', () => {
    expect(releases({ karpenter: undefined }).karpenter).toBeUndefined();
  });

  it('rejects a load balancer controller role that is not an IAM role ARN', () => {
    expect(() => releases({ loadBalancerControllerRoleArn: 'test-eks-alb' })).toThrow(/prop loadBalancerControllerRoleArn "test-eks-alb" is not an IAM role ARN/);
  });
});
