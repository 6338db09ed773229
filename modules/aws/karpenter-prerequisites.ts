import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { IrsaRole } from './irsa-role';
import { AwsContext, CustomerKey } from './private/customer-key';

/** Defaults of {@link KarpenterPrerequisites}. */
export const KARPENTER_DEFAULTS = {
  namespace: 'kube-system',
  serviceAccount: 'karpenter',
  /** Interruption messages are useless after a few minutes. */
  queueRetentionSeconds: 300,
} as const;

/**
 * The EventBridge rules that feed the interruption queue.
 *
 * @see https://karpenter.sh/docs/concepts/disruption/#interruption
 */
export const KARPENTER_EVENT_RULES = {
  'scheduled-change': { source: ['aws.health'], 'detail-type': ['AWS Health Event'] },
  'spot-interruption': { source: ['aws.ec2'], 'detail-type': ['EC2 Spot Instance Interruption Warning'] },
  rebalance: { source: ['aws.ec2'], 'detail-type': ['EC2 Instance Rebalance Recommendation'] },
  'instance-state-change': { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'] },
} as const;

/** Props of {@link KarpenterPrerequisites}. */
export interface KarpenterPrerequisitesProps {
  readonly clusterName: string;
  /** Cluster ARN (the controller may describe it). */
  readonly clusterArn: string;
  readonly oidcProviderArn: string;
  readonly oidcIssuerUrl: string;
  /** Namespace of the controller. @default "kube-system" */
  readonly namespace?: string;
  /** Service account of the controller. @default "karpenter" */
  readonly serviceAccount?: string;
  /** KMS key of the interruption queue (its policy must admit events.amazonaws.com). @default - a rotating customer-managed key is created */
  readonly kmsKeyArn?: string;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * What Karpenter needs in AWS before its Helm chart: the controller's IRSA role, the node role with its instance
 * profile and access entry, and the KMS-encrypted interruption queue fed by EventBridge (spot interruption,
 * rebalance, instance state change, scheduled change).
 *
 * @see https://karpenter.sh/docs/reference/cloudformation/
 * @see https://github.com/terraform-aws-modules/terraform-aws-eks/tree/master/modules/karpenter
 */
export class KarpenterPrerequisites extends Construct {
  public readonly controllerRoleArn: string;
  public readonly nodeRoleArn: string;
  public readonly nodeRoleName: string;
  public readonly instanceProfileName: string;
  public readonly queueName: string;
  public readonly queueArn: string;

  constructor(scope: Construct, id: string, props: KarpenterPrerequisitesProps) {
    super(scope, id);
    const namespace = props.namespace ?? KARPENTER_DEFAULTS.namespace;
    const serviceAccount = props.serviceAccount ?? KARPENTER_DEFAULTS.serviceAccount;
    if (!Token.isUnresolved(props.clusterName) && !/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/.test(props.clusterName)) {
      throw new ValidationError(this, 'clusterName', props.clusterName, 'is not a cluster name; use letters, digits, - and _');
    }
    const tags = props.tags ?? {};
    const name = props.clusterName;
    const aws = new AwsContext(this, 'context');

    // Node role, instance profile and access entry: nodes Karpenter launches join the cluster with it.
    const nodeTrust = new DataAwsIamPolicyDocument(this, 'node-trust', {
      statement: [{ effect: 'Allow', principals: [{ type: 'Service', identifiers: ['ec2.amazonaws.com'] }], actions: ['sts:AssumeRole'] }],
    });
    const nodeRole = new IamRole(this, 'node-role', { name: `${name}-karpenter-node`, assumeRolePolicy: nodeTrust.json, tags });
    for (const policy of ['AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy', 'AmazonEC2ContainerRegistryReadOnly', 'AmazonSSMManagedInstanceCore']) {
      new IamRolePolicyAttachment(this, `node-policy-${policy.toLowerCase()}`, { role: nodeRole.name, policyArn: `arn:${aws.partition}:iam::aws:policy/${policy}` });
    }
    const profile = new IamInstanceProfile(this, 'instance-profile', { name: `${name}-karpenter-node`, role: nodeRole.name, tags });
    new EksAccessEntry(this, 'node-access-entry', { clusterName: name, principalArn: nodeRole.arn, type: 'EC2_LINUX', tags });
    this.nodeRoleArn = nodeRole.arn;
    this.nodeRoleName = nodeRole.name;
    this.instanceProfileName = profile.name;

    // Interruption queue.
    const kmsKeyArn =
      props.kmsKeyArn ??
      new CustomerKey(this, 'key', {
        description: `Encrypts the Karpenter interruption queue of ${name}`,
        alias: `karpenter/${name}`,
        servicePrincipals: ['events.amazonaws.com', 'sqs.amazonaws.com'],
        tags,
      }).arn;
    const queue = new SqsQueue(this, 'interruption-queue', {
      name: `${name}-karpenter`,
      messageRetentionSeconds: KARPENTER_DEFAULTS.queueRetentionSeconds,
      kmsMasterKeyId: kmsKeyArn,
      kmsDataKeyReusePeriodSeconds: 300,
      tags,
    });
    this.queueName = queue.name;
    this.queueArn = queue.arn;
    const queuePolicy = new DataAwsIamPolicyDocument(this, 'queue-policy', {
      statement: [
        {
          sid: 'EventBridgeWrite',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['events.amazonaws.com', 'sqs.amazonaws.com'] }],
          actions: ['sqs:SendMessage'],
          resources: [queue.arn],
        },
        {
          sid: 'DenyHTTP',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['sqs:*'],
          resources: [queue.arn],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
      ],
    });
    new SqsQueuePolicy(this, 'interruption-queue-policy', { queueUrl: queue.url, policy: queuePolicy.json });
    for (const [rule, pattern] of Object.entries(KARPENTER_EVENT_RULES)) {
      const r = new CloudwatchEventRule(this, `rule-${rule}`, {
        name: `${name}-karpenter-${rule}`,
        description: `Karpenter interruption handling of ${name}: ${pattern['detail-type'][0]}`,
        // Literal pattern, no tokens: plain JSON is safe.
        eventPattern: JSON.stringify(pattern),
        tags,
      });
      new CloudwatchEventTarget(this, `target-${rule}`, { rule: r.name, targetId: 'karpenter-interruption-queue', arn: queue.arn });
    }

    // Controller role.
    const owned = (variable: string): { test: string; variable: string; values: string[] } => ({ test: 'StringEquals', variable, values: ['owned'] });
    const statements: DataAwsIamPolicyDocumentStatement[] = [
      {
        sid: 'AllowScopedEC2InstanceAccessActions',
        effect: 'Allow',
        actions: ['ec2:RunInstances', 'ec2:CreateFleet'],
        resources: [
          `arn:${aws.partition}:ec2:${aws.region}::image/*`,
          `arn:${aws.partition}:ec2:${aws.region}::snapshot/*`,
          `arn:${aws.partition}:ec2:${aws.region}:*:security-group/*`,
          `arn:${aws.partition}:ec2:${aws.region}:*:subnet/*`,
          `arn:${aws.partition}:ec2:${aws.region}:*:capacity-reservation/*`,
        ],
      },
      {
        sid: 'AllowScopedEC2LaunchTemplateAccessActions',
        effect: 'Allow',
        actions: ['ec2:RunInstances', 'ec2:CreateFleet'],
        resources: [`arn:${aws.partition}:ec2:${aws.region}:*:launch-template/*`],
        condition: [owned(`aws:ResourceTag/kubernetes.io/cluster/${name}`), { test: 'StringLike', variable: 'aws:ResourceTag/karpenter.sh/nodepool', values: ['*'] }],
      },
      {
        sid: 'AllowScopedEC2InstanceActionsWithTags',
        effect: 'Allow',
        actions: ['ec2:RunInstances', 'ec2:CreateFleet', 'ec2:CreateLaunchTemplate'],
        resources: ['fleet/*', 'instance/*', 'volume/*', 'network-interface/*', 'launch-template/*', 'spot-instances-request/*'].map(
          (r) => `arn:${aws.partition}:ec2:${aws.region}:*:${r}`,
        ),
        condition: [
          owned(`aws:RequestTag/kubernetes.io/cluster/${name}`),
          { test: 'StringEquals', variable: 'aws:RequestTag/eks:eks-cluster-name', values: [name] },
          { test: 'StringLike', variable: 'aws:RequestTag/karpenter.sh/nodepool', values: ['*'] },
        ],
      },
      {
        sid: 'AllowScopedResourceCreationTagging',
        effect: 'Allow',
        actions: ['ec2:CreateTags'],
        resources: ['fleet/*', 'instance/*', 'volume/*', 'network-interface/*', 'launch-template/*', 'spot-instances-request/*'].map(
          (r) => `arn:${aws.partition}:ec2:${aws.region}:*:${r}`,
        ),
        condition: [
          owned(`aws:RequestTag/kubernetes.io/cluster/${name}`),
          { test: 'StringEquals', variable: 'ec2:CreateAction', values: ['RunInstances', 'CreateFleet', 'CreateLaunchTemplate'] },
          { test: 'StringLike', variable: 'aws:RequestTag/karpenter.sh/nodepool', values: ['*'] },
        ],
      },
      {
        sid: 'AllowScopedResourceTagging',
        effect: 'Allow',
        actions: ['ec2:CreateTags'],
        resources: [`arn:${aws.partition}:ec2:${aws.region}:*:instance/*`],
        condition: [
          owned(`aws:ResourceTag/kubernetes.io/cluster/${name}`),
          { test: 'StringLike', variable: 'aws:ResourceTag/karpenter.sh/nodepool', values: ['*'] },
          { test: 'ForAllValues:StringEquals', variable: 'aws:TagKeys', values: ['eks:eks-cluster-name', 'karpenter.sh/nodeclaim', 'Name'] },
        ],
      },
      {
        sid: 'AllowScopedDeletion',
        effect: 'Allow',
        actions: ['ec2:TerminateInstances', 'ec2:DeleteLaunchTemplate'],
        resources: [`arn:${aws.partition}:ec2:${aws.region}:*:instance/*`, `arn:${aws.partition}:ec2:${aws.region}:*:launch-template/*`],
        condition: [owned(`aws:ResourceTag/kubernetes.io/cluster/${name}`), { test: 'StringLike', variable: 'aws:ResourceTag/karpenter.sh/nodepool', values: ['*'] }],
      },
      {
        sid: 'AllowRegionalReadActions',
        effect: 'Allow',
        actions: [
          'ec2:DescribeCapacityReservations',
          'ec2:DescribeImages',
          'ec2:DescribeInstances',
          'ec2:DescribeInstanceTypeOfferings',
          'ec2:DescribeInstanceTypes',
          'ec2:DescribeLaunchTemplates',
          'ec2:DescribeSecurityGroups',
          'ec2:DescribeSpotPriceHistory',
          'ec2:DescribeSubnets',
        ],
        resources: ['*'],
        condition: [{ test: 'StringEquals', variable: 'aws:RequestedRegion', values: [aws.region] }],
      },
      { sid: 'AllowSSMReadActions', effect: 'Allow', actions: ['ssm:GetParameter'], resources: [`arn:${aws.partition}:ssm:${aws.region}::parameter/aws/service/*`] },
      { sid: 'AllowPricingReadActions', effect: 'Allow', actions: ['pricing:GetProducts'], resources: ['*'] },
      { sid: 'AllowInterruptionQueueActions', effect: 'Allow', actions: ['sqs:DeleteMessage', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'], resources: [queue.arn] },
      { sid: 'AllowInterruptionQueueKey', effect: 'Allow', actions: ['kms:Decrypt'], resources: [kmsKeyArn] },
      {
        sid: 'AllowPassingInstanceRole',
        effect: 'Allow',
        actions: ['iam:PassRole'],
        resources: [nodeRole.arn],
        condition: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: ['ec2.amazonaws.com'] }],
      },
      {
        sid: 'AllowScopedInstanceProfileCreationActions',
        effect: 'Allow',
        actions: ['iam:CreateInstanceProfile', 'iam:TagInstanceProfile'],
        resources: [`arn:${aws.partition}:iam::${aws.accountId}:instance-profile/*`],
        condition: [
          owned(`aws:RequestTag/kubernetes.io/cluster/${name}`),
          { test: 'StringEquals', variable: 'aws:RequestTag/topology.kubernetes.io/region', values: [aws.region] },
          { test: 'StringLike', variable: 'aws:RequestTag/karpenter.k8s.aws/ec2nodeclass', values: ['*'] },
        ],
      },
      {
        sid: 'AllowScopedInstanceProfileActions',
        effect: 'Allow',
        actions: ['iam:TagInstanceProfile', 'iam:AddRoleToInstanceProfile', 'iam:RemoveRoleFromInstanceProfile', 'iam:DeleteInstanceProfile'],
        resources: [`arn:${aws.partition}:iam::${aws.accountId}:instance-profile/*`],
        condition: [owned(`aws:ResourceTag/kubernetes.io/cluster/${name}`), { test: 'StringLike', variable: 'aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass', values: ['*'] }],
      },
      { sid: 'AllowInstanceProfileReadActions', effect: 'Allow', actions: ['iam:GetInstanceProfile', 'iam:ListInstanceProfiles'], resources: ['*'] },
      { sid: 'AllowAPIServerEndpointDiscovery', effect: 'Allow', actions: ['eks:DescribeCluster'], resources: [props.clusterArn] },
    ];
    this.controllerRoleArn = new IrsaRole(this, 'controller-role', {
      roleName: `${name}-karpenter-controller`,
      oidcProviderArn: props.oidcProviderArn,
      oidcIssuerUrl: props.oidcIssuerUrl,
      namespace,
      serviceAccount,
      statements,
      tags,
    }).roleArn;
  }
}
