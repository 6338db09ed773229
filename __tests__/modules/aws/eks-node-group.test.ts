import { EksNodeGroup as EksNodeGroupResource } from '@cdktf/provider-aws/lib/eks-node-group';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Testing } from 'cdktf';
import { EksNodeGroup, type EksNodeGroupProps } from '../../../modules/aws/eks-node-group';

const BASE: EksNodeGroupProps = { clusterName: 'shop', nodeGroupName: 'general', subnetIds: ['subnet-priv-a', 'subnet-priv-b'] };
const synth = (props: Partial<EksNodeGroupProps> = {}): string => Testing.synthScope((s) => new EksNodeGroup(s, 'ng', { ...BASE, ...props }));
const one = (json: string, type: string): any => Object.values(JSON.parse(json).resource[type])[0];

describe('EksNodeGroup', () => {
  it('runs Graviton m7g.large nodes on demand in the private subnets, scaling 2-6', () => {
    expect(synth()).toHaveResourceWithProperties(EksNodeGroupResource, {
      cluster_name: 'shop',
      subnet_ids: ['subnet-priv-a', 'subnet-priv-b'],
      instance_types: ['m7g.large'],
      ami_type: 'AL2023_ARM_64_STANDARD',
      capacity_type: 'ON_DEMAND',
      scaling_config: { min_size: 2, max_size: 6, desired_size: 2 },
      update_config: { max_unavailable_percentage: 33 },
    });
    expect(one(synth(), 'aws_eks_node_group').lifecycle.ignore_changes).toEqual(['scaling_config[0].desired_size']);
  });

  it('picks the x86_64 AMI for x86 families', () => {
    expect(one(synth({ instanceTypes: ['m7i.large', 'm6i.large'] }), 'aws_eks_node_group').ami_type).toBe('AL2023_x86_64_STANDARD');
  });

  describe('secure defaults that must not be dropped', () => {
    it('requires IMDSv2 with hop limit 1', () => {
      expect(synth()).toHaveResourceWithProperties(LaunchTemplate, { metadata_options: { http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1, instance_metadata_tags: 'disabled' } });
    });

    it('encrypts a gp3 root volume', () => {
      const ebs = one(synth(), 'aws_launch_template').block_device_mappings[0].ebs;
      expect(ebs).toMatchObject({ volume_type: 'gp3', encrypted: 'true', volume_size: 50 });
    });

    it('launches from the template', () => {
      expect(one(synth(), 'aws_eks_node_group').launch_template.id).toMatch(/aws_launch_template\.ng_launch-template_[0-9A-F]+\.id/);
    });
  });

  it('applies labels and taints', () => {
    const ng = one(synth({ labels: { workload: 'batch' }, taints: [{ key: 'dedicated', value: 'batch', effect: 'NO_SCHEDULE' }] }), 'aws_eks_node_group');
    expect(ng.labels).toEqual({ workload: 'batch' });
    expect(ng.taint).toEqual([{ key: 'dedicated', value: 'batch', effect: 'NO_SCHEDULE' }]);
  });

  describe('rejects bad input', () => {
    const cases: [string, Partial<EksNodeGroupProps>, RegExp][] = [
      ['min above max', { minSize: 5, maxSize: 3, desiredSize: 3 }, /prop minSize 5 is above maxSize 3/],
      ['desired outside the range', { desiredSize: 9 }, /prop desiredSize 9 is outside minSize 2 to maxSize 6/],
      ['an unknown family', { instanceTypes: ['x9z.large'] }, /prop instanceTypes\[0\] "x9z\.large" has an unknown instance family "x9z"; use a Graviton family \(t4g, m6g/],
      ['mixed architectures', { instanceTypes: ['m7g.large', 'm7i.large'] }, /prop instanceTypes \["m7g\.large","m7i\.large"\] mixes arm64 and x86_64/],
      ['hop limit 3', { metadataHopLimit: 3 }, /prop metadataHopLimit 3 is not allowed; use 1 \(nodes only\) or 2/],
      ['a bad taint effect', { taints: [{ key: 'a', effect: 'NoSchedule' }] }, /prop taints\[0\]\.effect "NoSchedule" is not allowed; use one of NO_SCHEDULE, NO_EXECUTE, PREFER_NO_SCHEDULE/],
      ['a bad capacity type', { capacityType: 'RESERVED' }, /prop capacityType "RESERVED" is not allowed; use ON_DEMAND or SPOT/],
      ['database access without the node group', { databaseAccess: [{ name: 'db', databaseSecurityGroupId: 'sg-db', resourceId: 'db-ABC', dbUser: 'app' }] }, /prop nodeSecurityGroupId \(missing\) is required with databaseAccess/],
    ];
    it.each(cases)('%s', (_n, props, pattern) => expect(() => synth(props)).toThrow(pattern));
  });
});
