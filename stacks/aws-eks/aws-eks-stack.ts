import { TerraformOutput } from 'cdktf';
import type { ITerraformDependable } from 'cdktf';
import { Ec2Tag } from '@cdktf/provider-aws/lib/ec2-tag';
import type { Construct } from 'constructs';
import { EksAddons } from '../../modules/aws/eks-addons';
import { EksCluster } from '../../modules/aws/eks-cluster';
import { EksNodeGroup } from '../../modules/aws/eks-node-group';
import { KarpenterPrerequisites } from '../../modules/aws/karpenter-prerequisites';
import type { AwsDatabaseOutputs, AwsEksOutputs, AwsNetworkOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { awsProvider } from '../private/providers';
import { databaseAccessOf } from '../private/workload-config';
import { type AwsEksConfig, eksClusterName } from './config';

/** Props of {@link AwsEksStack}. */
export interface AwsEksStackProps extends EnvironmentStackProps {
  /** The `aws.eks` section. */
  readonly config: AwsEksConfig;
  /** Outputs of `<env>-aws-network`: the private subnets of the control plane and nodes. */
  readonly network: AwsNetworkOutputs;
  /** Outputs of `<env>-aws-database`, when a node group has a database grant. @default - no grant */
  readonly database?: AwsDatabaseOutputs;
}

/**
 * `<env>-aws-eks`: the EKS cluster of `aws.eks` with its managed node groups, add-ons, the AWS Load
 * Balancer Controller's IRSA role and, when enabled, Karpenter's prerequisites (see docs/aws-compute.md).
 */
export class AwsEksStack extends EnvironmentStack {
  public readonly cluster: EksCluster;
  public readonly addons: EksAddons;
  public readonly nodeGroups: Record<string, EksNodeGroup> = {};
  public readonly karpenter?: KarpenterPrerequisites;
  public readonly outputs: AwsEksOutputs;

  constructor(scope: Construct, name: string, props: AwsEksStackProps) {
    super(scope, name, props);
    const { environment: env, config, network, database } = props;
    awsProvider(this, env);

    this.cluster = new EksCluster(this, 'cluster', {
      clusterName: eksClusterName(env.name),
      subnetIds: network.privateSubnetIds,
      version: config.version,
      publicAccessCidrs: config.endpoint.publicAccessCidrs,
      adminRoleArns: config.adminRoleArns,
      logRetentionDays: config.logRetentionDays,
      supportType: config.supportType,
      serviceIpv4Cidr: config.serviceIpv4Cidr,
      enableLoadBalancerControllerRole: true,
    });
    const cluster = this.cluster;
    if (config.karpenter.enabled) {
      // Karpenter's default EC2NodeClass picks the node security group by this tag (the private
      // subnets get it from <env>-aws-network).
      new Ec2Tag(this, 'karpenter-discovery', {
        resourceId: cluster.clusterSecurityGroupId,
        key: 'karpenter.sh/discovery',
        value: cluster.clusterName,
      });
    }

    // coredns and the EBS driver need Ready nodes; nodes need the CNI: the add-ons take the node groups late.
    const nodes: ITerraformDependable[] = [];
    this.addons = new EksAddons(this, 'addons', {
      clusterName: cluster.clusterName,
      oidcProviderArn: cluster.oidcProviderArn,
      oidcIssuerUrl: cluster.oidcIssuerUrl,
      versions: config.addonVersions,
      nodeDependencies: nodes,
    });
    for (const [key, group] of Object.entries(config.nodeGroups)) {
      const ng = new EksNodeGroup(this, `node-group-${key}`, {
        clusterName: cluster.clusterName,
        nodeGroupName: key,
        subnetIds: network.privateSubnetIds,
        instanceTypes: group.instanceTypes,
        capacityType: group.capacityType,
        minSize: group.minSize,
        maxSize: group.maxSize,
        desiredSize: group.desiredSize,
        maxUnavailablePercentage: group.maxUnavailablePercentage,
        diskSizeGb: group.diskSizeGb,
        metadataHopLimit: group.metadataHopLimit,
        labels: group.labels,
        taints: group.taints.map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: t.effect })),
        databaseAccess: databaseAccessOf(key, group, database),
        nodeSecurityGroupId: cluster.nodeSecurityGroupId,
        dependsOn: this.addons.networking,
      });
      this.nodeGroups[key] = ng;
      nodes.push(ng.resource);
    }

    if (config.karpenter.enabled) {
      this.karpenter = new KarpenterPrerequisites(this, 'karpenter', {
        clusterName: cluster.clusterName,
        clusterArn: cluster.clusterArn,
        oidcProviderArn: cluster.oidcProviderArn,
        oidcIssuerUrl: cluster.oidcIssuerUrl,
      });
    }

    const k = this.karpenter;
    this.outputs = {
      clusterName: cluster.clusterName,
      endpoint: cluster.endpoint,
      certificateAuthorityData: cluster.certificateAuthorityData,
      oidcProviderArn: cluster.oidcProviderArn,
      oidcIssuerUrl: cluster.oidcIssuerUrl,
      nodeSecurityGroupId: cluster.nodeSecurityGroupId,
      loadBalancerControllerRoleArn: cluster.loadBalancerControllerRoleArn!,
      ...(k ? { karpenter: { controllerRoleArn: k.controllerRoleArn, nodeRoleName: k.nodeRoleName, instanceProfileName: k.instanceProfileName, queueName: k.queueName } } : {}),
    };
    const output = (id: string, value: unknown, description: string): TerraformOutput => new TerraformOutput(this, id, { value, description });
    output('cluster_name', this.outputs.clusterName, 'EKS cluster');
    output('endpoint', this.outputs.endpoint, 'API server endpoint');
    output('oidc_provider_arn', this.outputs.oidcProviderArn, 'IAM OIDC provider (IRSA)');
    output('node_security_group_id', this.outputs.nodeSecurityGroupId, 'Security group of the nodes');
    output('load_balancer_controller_role_arn', this.outputs.loadBalancerControllerRoleArn, 'IRSA role of the AWS Load Balancer Controller');
    if (k) output('karpenter_queue_name', k.queueName, 'Interruption queue of Karpenter');
  }
}
