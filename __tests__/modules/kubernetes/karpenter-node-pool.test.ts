import { Testing } from 'cdktf';
import { KarpenterNodePool } from '../../../modules/kubernetes/karpenter-node-pool';
import { manifestProblems } from '../../../modules/kubernetes/manifest-schema';

function manifests(props: Record<string, unknown> = {}): Record<string, any> {
  const json = JSON.parse(Testing.synthScope((scope) => void new KarpenterNodePool(scope, 'karpenter', { clusterName: 'test-eks', nodeRoleName: 'test-eks-karpenter-node', ...props })));
  return Object.fromEntries(Object.values<any>(json.resource.kubernetes_manifest).map((r) => [r.manifest.kind, r]));
}

describe('KarpenterNodePool', () => {
  it('creates a default EC2NodeClass with IMDSv2 only (hop limit 1), encrypted root volumes and discovery by cluster tag', () => {
    const nodeClass = manifests().EC2NodeClass.manifest;
    expect(manifestProblems(nodeClass)).toEqual([]);
    expect(nodeClass.spec).toMatchObject({
      role: 'test-eks-karpenter-node',
      amiSelectorTerms: [{ alias: 'al2023@latest' }],
      subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'test-eks' } }],
      securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'test-eks' } }],
      metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1 },
      blockDeviceMappings: [{ ebs: { encrypted: true, volumeType: 'gp3' } }],
    });
  });

  it('creates a default NodePool of on-demand nodes with limits, expiry and consolidation, after its node class', () => {
    const m = manifests();
    expect(manifestProblems(m.NodePool.manifest)).toEqual([]);
    expect(m.NodePool.manifest.spec).toMatchObject({
      template: { spec: { nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' }, expireAfter: '720h' } },
      limits: { cpu: '100', memory: '400Gi' },
      disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized' },
    });
    expect(m.NodePool.manifest.spec.template.spec.requirements).toContainEqual({ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] });
    expect(m.NodePool.depends_on).toHaveLength(1);
  });

  it('rejects an AMI alias Karpenter does not know', () => {
    expect(() => manifests({ amiAlias: 'ubuntu' })).toThrow(/prop amiAlias "ubuntu" is not a Karpenter AMI alias/);
  });
});
