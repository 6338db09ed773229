import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { Testing } from 'cdktf';
import { KarpenterPrerequisites, type KarpenterPrerequisitesProps } from '../../../modules/aws/karpenter-prerequisites';

const BASE: KarpenterPrerequisitesProps = {
  clusterName: 'shop',
  clusterArn: 'arn:aws:eks:eu-west-1:123456789012:cluster/shop',
  oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC',
  oidcIssuerUrl: 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC',
};
const text = Testing.synthScope((s) => new KarpenterPrerequisites(s, 'karpenter', BASE));
const json = JSON.parse(text);

describe('KarpenterPrerequisites', () => {
  it('creates a KMS-encrypted interruption queue fed by the four EventBridge rules', () => {
    const queue = Object.values(json.resource.aws_sqs_queue)[0] as any;
    expect(queue).toMatchObject({ name: 'shop-karpenter', message_retention_seconds: 300 });
    expect(queue.kms_master_key_id).toMatch(/aws_kms_key\.karpenter_key_[0-9A-F]+\.arn/);
    const patterns = (Object.values(json.resource.aws_cloudwatch_event_rule) as any[]).map((r) => JSON.parse(r.event_pattern)['detail-type'][0]).sort();
    expect(patterns).toEqual(['AWS Health Event', 'EC2 Instance Rebalance Recommendation', 'EC2 Instance State-change Notification', 'EC2 Spot Instance Interruption Warning']);
    expect(Object.values(json.resource.aws_cloudwatch_event_target)).toHaveLength(4);
    expect(text).toHaveResourceWithProperties(CloudwatchEventRule, { name: 'shop-karpenter-spot-interruption' });
  });

  it('lets EventBridge use the queue key', () => {
    const keyDoc = Object.entries(json.data.aws_iam_policy_document).find(([n]) => n.startsWith('karpenter_key_policy'))![1] as any;
    const services = keyDoc.statement.find((s: any) => s.sid === 'AllowServicesToUseTheKey');
    expect(services.principals[0].identifiers).toEqual(['events.amazonaws.com', 'sqs.amazonaws.com']);
  });

  it('creates the node role, its instance profile and an EC2_LINUX access entry', () => {
    expect(text).toHaveResourceWithProperties(IamInstanceProfile, { name: 'shop-karpenter-node' });
    expect(text).toHaveResourceWithProperties(EksAccessEntry, { cluster_name: 'shop', type: 'EC2_LINUX' });
  });

  it('gives the controller an IRSA role scoped to the cluster tag, the queue and the node role', () => {
    const docs = json.data.aws_iam_policy_document;
    const trust = Object.entries(docs).find(([n]) => n.startsWith('karpenter_controller-role_trust'))![1] as any;
    expect(trust.statement[0].condition[0].values).toEqual(['system:serviceaccount:kube-system:karpenter']);
    const policy = Object.entries(docs).find(([n]) => n.startsWith('karpenter_controller-role_policy'))![1] as any;
    const bySid = Object.fromEntries(policy.statement.map((s: any) => [s.sid, s]));
    expect(bySid.AllowScopedDeletion.condition[0]).toEqual({ test: 'StringEquals', variable: 'aws:ResourceTag/kubernetes.io/cluster/shop', values: ['owned'] });
    expect(bySid.AllowInterruptionQueueActions.resources[0]).toMatch(/aws_sqs_queue\.karpenter_interruption-queue_[0-9A-F]+\.arn/);
    expect(bySid.AllowPassingInstanceRole.resources[0]).toMatch(/aws_iam_role\.karpenter_node-role_[0-9A-F]+\.arn/);
    expect(bySid.AllowAPIServerEndpointDiscovery.resources).toEqual(['arn:aws:eks:eu-west-1:123456789012:cluster/shop']);
  });

  it('rejects a bad cluster name', () => {
    expect(() => Testing.synthScope((s) => new KarpenterPrerequisites(s, 'k', { ...BASE, clusterName: 'bad name' }))).toThrow(/prop clusterName "bad name" is not a cluster name/);
  });
});
