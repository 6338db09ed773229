import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import { EksCluster as EksClusterResource } from '@cdktf/provider-aws/lib/eks-cluster';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { Testing } from 'cdktf';
import { EKS_DEFAULTS, EKS_VERSIONS, EksCluster, type EksClusterProps } from '../../../modules/aws/eks-cluster';

const ADMIN = 'arn:aws:iam::123456789012:role/platform-admins';
const BASE: EksClusterProps = { clusterName: 'shop', subnetIds: ['subnet-a', 'subnet-b'], adminRoleArns: [ADMIN] };
const cache = new Map<string, string>();
function synth(props: Partial<EksClusterProps> = {}): string {
  const k = JSON.stringify(props);
  if (!cache.has(k)) cache.set(k, Testing.synthScope((s) => new EksCluster(s, 'eks', { ...BASE, ...props })));
  return cache.get(k)!;
}
const cluster = (props: Partial<EksClusterProps> = {}): any => Object.values(JSON.parse(synth(props)).resource.aws_eks_cluster)[0];

describe('EksCluster', () => {
  it('defaults to Kubernetes 1.34, one of the versions EKS offers', () => {
    expect(EKS_DEFAULTS.version).toBe('1.34');
    expect(EKS_VERSIONS).toContain('1.34');
    expect(synth()).toHaveResourceWithProperties(EksClusterResource, { name: 'shop', version: '1.34', bootstrap_self_managed_addons: false });
  });

  describe('secure defaults that must not be dropped', () => {
    it('keeps the API endpoint private', () => {
      expect(cluster().vpc_config).toMatchObject({ endpoint_private_access: true, endpoint_public_access: false, subnet_ids: ['subnet-a', 'subnet-b'] });
      expect(cluster().vpc_config.public_access_cidrs).toBeUndefined();
    });

    it('envelope-encrypts secrets with the customer key', () => {
      const enc = cluster().encryption_config;
      expect(enc.resources).toEqual(['secrets']);
      expect(enc.provider.key_arn).toMatch(/aws_kms_key\.eks_key_[0-9A-F]+\.arn/);
    });

    it('sends every control plane log to a KMS log group created first', () => {
      expect(cluster().enabled_cluster_log_types).toEqual(['api', 'audit', 'authenticator', 'controllerManager', 'scheduler']);
      expect(synth()).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/eks/shop/cluster', retention_in_days: 365 });
      const group = Object.values(JSON.parse(synth()).resource.aws_cloudwatch_log_group)[0] as any;
      expect(group.kms_key_id).toMatch(/aws_kms_key\.eks_key_[0-9A-F]+\.arn/);
      expect(cluster().depends_on.join()).toMatch(/aws_cloudwatch_log_group\.eks_log-group/);
    });

    it('uses API authentication with access entries and no creator admin', () => {
      expect(cluster().access_config).toEqual({ authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: false });
      const json = synth();
      expect(json).toHaveResourceWithProperties(EksAccessPolicyAssociation, { principal_arn: expect.stringContaining('aws_eks_access_entry') as any, access_scope: { type: 'cluster' } });
      const assoc = Object.values(JSON.parse(json).resource.aws_eks_access_policy_association)[0] as any;
      expect(assoc.policy_arn).toMatch(/:eks::aws:cluster-access-policy\/AmazonEKSClusterAdminPolicy$/);
      const entry = Object.values(JSON.parse(json).resource.aws_eks_access_entry)[0] as any;
      expect(entry.principal_arn).toBe(ADMIN);
    });

    it('creates the IAM OIDC provider for IRSA', () => {
      expect(synth()).toHaveResourceWithProperties(IamOpenidConnectProvider, { client_id_list: ['sts.amazonaws.com'] });
    });
  });

  it('opens the public endpoint only to the listed CIDRs', () => {
    expect(cluster({ publicAccessCidrs: ['203.0.113.0/24'] }).vpc_config).toMatchObject({ endpoint_public_access: true, public_access_cidrs: ['203.0.113.0/24'] });
  });

  it('creates the Load Balancer Controller IRSA role for kube-system/aws-load-balancer-controller', () => {
    const docs = JSON.parse(synth()).data.aws_iam_policy_document;
    const trust = Object.entries(docs).find(([n]) => n.startsWith('eks_lb-controller-role_trust'))![1] as any;
    expect(trust.statement[0].condition[0].values).toEqual(['system:serviceaccount:kube-system:aws-load-balancer-controller']);
    const policy = Object.entries(docs).find(([n]) => n.startsWith('eks_lb-controller-role_policy'))![1] as any;
    const sids = policy.statement.map((s: any) => s.sid);
    expect(sids).toEqual(expect.arrayContaining(['CreateTaggedLoadBalancers', 'ManageOwnLoadBalancers', 'RegisterTargets', 'ManageOwnSecurityGroups']));
  });

  describe('rejects bad input', () => {
    const cases: [string, Partial<EksClusterProps>, RegExp][] = [
      ['a version EKS does not offer', { version: '1.27' }, /prop version "1\.27" is not offered by EKS; use one of 1\.32, 1\.33, 1\.34, 1\.35/],
      ['the whole internet on the endpoint', { publicAccessCidrs: ['0.0.0.0/0'] }, /prop publicAccessCidrs\[0\] "0\.0\.0\.0\/0" opens the API endpoint to the whole internet; list the specific CIDRs/],
      ['a malformed CIDR', { publicAccessCidrs: ['10.0.0.0/33'] }, /prop publicAccessCidrs\[0\] "10\.0\.0\.0\/33" is not an IPv4 CIDR/],
      ['no admin at all', { adminRoleArns: [] }, /prop adminRoleArns \[\] is empty and bootstrapCreatorAdmin is off/],
      ['an admin that is no role ARN', { adminRoleArns: ['admin'] }, /prop adminRoleArns\[0\] "admin" is not an IAM role ARN/],
      ['one subnet', { subnetIds: ['subnet-a'] }, /prop subnetIds \["subnet-a"\] has fewer than 2 subnets/],
      ['an unknown support type', { supportType: 'LTS' }, /prop supportType "LTS" is not allowed; use STANDARD or EXTENDED/],
    ];
    it.each(cases)('%s', (_n, props, pattern) => expect(() => Testing.synthScope((s) => new EksCluster(s, 'eks', { ...BASE, ...props }))).toThrow(pattern));
  });
});

describe('EksCluster admin entries', () => {
  it('keys each admin by its account and role name, not by position', () => {
    const json = Testing.synthScope((s) => new EksCluster(s, 'eks', { ...BASE, adminRoleArns: [ADMIN, 'arn:aws:iam::123456789012:role/sre'] }));
    const ids = Object.keys(JSON.parse(json).resource.aws_eks_access_entry);
    expect(ids.some((i) => i.startsWith('eks_admin-123456789012-role-platform-admins_'))).toBe(true);
    expect(ids.some((i) => i.startsWith('eks_admin-123456789012-role-sre_'))).toBe(true);
  });

  it('rejects an admin listed twice', () => {
    expect(() => Testing.synthScope((s) => new EksCluster(s, 'eks', { ...BASE, adminRoleArns: [ADMIN, ADMIN] }))).toThrow(/prop adminRoleArns\[1\] ".*platform-admins" is listed twice/);
  });
});
