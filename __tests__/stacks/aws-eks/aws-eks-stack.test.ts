import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Ec2Tag } from '@cdktf/provider-aws/lib/ec2-tag';
import { Testing } from 'cdktf';
import type { AwsEksStack } from '../../../stacks/aws-eks/aws-eks-stack';
import { awsEksFamily } from '../../../stacks/aws-eks/family';
import { awsNetworkFamily } from '../../../stacks/aws-network/family';
import { familyStack, testEnvironment } from '../../helpers/environment';
import { AWS_DATABASE, AWS_NETWORK } from '../../helpers/outputs';

const ADMIN = 'arn:aws:iam::123456789012:role/platform-admin';

function build(eks: Record<string, any> = {}, aws: Record<string, any> = {}): AwsEksStack {
  const env = testEnvironment({ aws: { eks: { enabled: true, adminRoleArns: [ADMIN], nodeGroups: { system: {} }, ...eks }, ...aws } });
  return familyStack<AwsEksStack>(awsEksFamily, env, { 'aws-network': AWS_NETWORK, 'aws-database': AWS_DATABASE });
}

describe('AwsEksStack', () => {
  it('makes the <env>-eks control plane: 1.34, private endpoint, KMS secrets encryption, every log, API access entries', () => {
    const json = Testing.synth(build());
    expect(json).toHaveResourceWithProperties(EksCluster, {
      name: 'test-eks',
      version: '1.34',
      vpc_config: expect.objectContaining({ subnet_ids: AWS_NETWORK.privateSubnetIds, endpoint_private_access: true, endpoint_public_access: false }),
      enabled_cluster_log_types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
      access_config: expect.objectContaining({ authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: false }),
      encryption_config: expect.objectContaining({ resources: ['secrets'] }),
    });
    expect(json).toHaveResourceWithProperties(EksAccessEntry, { principal_arn: ADMIN });
    expect(json).toHaveResource(IamOpenidConnectProvider);
  });

  it('opens the public endpoint only to the listed CIDRs', () => {
    expect(Testing.synth(build({ endpoint: { publicAccessCidrs: ['203.0.113.0/24'] } }))).toHaveResourceWithProperties(EksCluster, {
      vpc_config: expect.objectContaining({ endpoint_public_access: true, public_access_cidrs: ['203.0.113.0/24'] }),
    });
  });

  it('runs managed node groups in the private subnets from a launch template with IMDSv2 and an encrypted gp3 root', () => {
    const json = Testing.synth(build({ nodeGroups: { system: { labels: { role: 'system' }, taints: [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NO_SCHEDULE' }], minSize: 1, desiredSize: 1, maxSize: 3 } } }));
    expect(json).toHaveResourceWithProperties(EksNodeGroup, {
      subnet_ids: AWS_NETWORK.privateSubnetIds,
      instance_types: ['m7g.large'],
      ami_type: 'AL2023_ARM_64_STANDARD',
      scaling_config: { min_size: 1, max_size: 3, desired_size: 1 },
      labels: { role: 'system' },
      taint: [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NO_SCHEDULE' }],
    });
    expect(json).toHaveResourceWithProperties(LaunchTemplate, {
      metadata_options: expect.objectContaining({ http_tokens: 'required', http_put_response_hop_limit: 1 }),
      block_device_mappings: [expect.objectContaining({ ebs: expect.objectContaining({ encrypted: 'true', volume_type: 'gp3', volume_size: 50 }) })],
    });
  });

  it('installs the managed add-ons, pinned when configured', () => {
    const json = Testing.synth(build({ addonVersions: { 'vpc-cni': 'v1.19.2-eksbuild.1' } }));
    for (const name of ['vpc-cni', 'kube-proxy', 'eks-pod-identity-agent', 'coredns', 'aws-ebs-csi-driver']) {
      expect(json).toHaveResourceWithProperties(EksAddon, { addon_name: name });
    }
    expect(json).toHaveResourceWithProperties(EksAddon, { addon_name: 'vpc-cni', addon_version: 'v1.19.2-eksbuild.1' });
  });

  it("makes Karpenter's prerequisites only when enabled", () => {
    expect(Testing.synth(build())).not.toHaveResource(SqsQueue);
    const stack = build({ karpenter: { enabled: true } });
    const json = Testing.synth(stack);
    expect(json).toHaveResourceWithProperties(SqsQueue, { message_retention_seconds: 300 });
    expect(json).toHaveResource(CloudwatchEventRule);
    expect(json).toHaveResource(IamInstanceProfile);
    expect(stack.outputs.karpenter).toBeDefined();
  });

  it('grants a node group the database on the cluster security group', () => {
    const json = Testing.synth(build({ nodeGroups: { system: { database: 'read-write' } } }, { database: { enabled: true } }));
    expect(json).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { security_group_id: AWS_DATABASE.securityGroupId, from_port: 5432 });
    expect(json).toContain(`dbuser:${AWS_DATABASE.resourceId}/system`);
  });

  it('publishes what the workloads stack needs', () => {
    const stack = build();
    expect(Object.keys(stack.outputs).sort()).toEqual([
      'certificateAuthorityData',
      'clusterName',
      'endpoint',
      'loadBalancerControllerRoleArn',
      'nodeSecurityGroupId',
      'oidcIssuerUrl',
      'oidcProviderArn',
    ]);
    const output = JSON.parse(Testing.synth(stack)).output;
    expect(output.load_balancer_controller_role_arn.value).toMatch(/aws_iam_role\.cluster_lb-controller-role/);
  });

  it('configures the AWS provider and the S3 backend', () => {
    const json = JSON.parse(Testing.synth(build()));
    expect(json.provider.aws[0]).toMatchObject({ region: 'eu-west-1', allowed_account_ids: ['123456789012'] });
    expect(json.terraform.backend.s3).toMatchObject({ key: 'test/test-aws-eks.tfstate', encrypt: true });
  });
});

describe("the AWS network's load-balancer discovery tags", () => {
  it('tags public subnets for internet-facing and private ones for internal balancers, and nothing else', () => {
    const json = Testing.synth(familyStack(awsNetworkFamily, testEnvironment()));
    const subnets = Object.values(JSON.parse(json).resource.aws_subnet) as any[];
    for (const subnet of subnets) {
      const tier = subnet.tags.Tier;
      expect(subnet.tags['kubernetes.io/role/elb']).toBe(tier === 'public' ? '1' : undefined);
      expect(subnet.tags['kubernetes.io/role/internal-elb']).toBe(tier === 'private' ? '1' : undefined);
    }
    expect(json).toHaveResourceWithProperties(Subnet, { tags: expect.objectContaining({ Tier: 'public', 'kubernetes.io/role/elb': '1' }) });
  });
});

describe('Karpenter discovery', () => {
  it('tags the node security group karpenter.sh/discovery with the cluster name when Karpenter is on, and not otherwise', () => {
    expect(Testing.synth(build({ karpenter: { enabled: true } }))).toHaveResourceWithProperties(Ec2Tag, {
      key: 'karpenter.sh/discovery',
      value: expect.stringMatching(/^\$\{aws_eks_cluster\.cluster_[A-F0-9]+\.name\}$/),
      resource_id: expect.stringMatching(/^\$\{aws_eks_cluster\.cluster_[A-F0-9]+\.vpc_config\[0\]\.cluster_security_group_id\}$/),
    });
    expect(Testing.synth(build())).not.toHaveResource(Ec2Tag);
  });

  it('has the network stack tag the private subnets (and only those) for Karpenter when it is on', () => {
    const env = testEnvironment({ aws: { eks: { enabled: true, adminRoleArns: [ADMIN], nodeGroups: { system: {} }, karpenter: { enabled: true } } } });
    const subnets = Object.values<any>(JSON.parse(Testing.synth(familyStack(awsNetworkFamily, env))).resource.aws_subnet);
    const tagged = subnets.filter((s) => s.tags['karpenter.sh/discovery'] === 'test-eks').map((s) => s.tags.Tier);
    expect(tagged).toEqual(['private', 'private', 'private']);
    const off = Object.values<any>(JSON.parse(Testing.synth(familyStack(awsNetworkFamily, testEnvironment()))).resource.aws_subnet);
    expect(off.filter((s) => 'karpenter.sh/discovery' in s.tags)).toEqual([]);
  });
});
