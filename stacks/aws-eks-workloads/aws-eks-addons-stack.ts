import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import type { Construct } from 'constructs';
import { EksPlatformAddons } from '../../modules/kubernetes/eks-platform-addons';
import { helmProviderConfig } from '../../modules/kubernetes/cluster-access';
import type { AwsEksOutputs, AwsNetworkOutputs, NoOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';

/** Props of {@link AwsEksAddonsStack}. */
export interface AwsEksAddonsStackProps extends EnvironmentStackProps {
  /** Outputs of `<env>-aws-eks`: endpoint, CA, the controllers' IRSA roles. */
  readonly cluster: AwsEksOutputs;
  /** Outputs of `<env>-aws-network`: the VPC the load balancer controller manages. */
  readonly network: AwsNetworkOutputs;
}

/**
 * `<env>-aws-eks-addons`: the EKS cluster's platform add-ons as pinned Helm releases
 * (metrics-server, AWS Load Balancer Controller, Secrets Store CSI driver + AWS provider, Karpenter).
 *
 * A stack of its own, deployed after `<env>-aws-eks` (the helm provider cannot be configured from a
 * cluster created in the same run) and before `<env>-aws-eks-workloads` (whose custom resources
 * need the CRDs these charts install when they are planned).
 */
export class AwsEksAddonsStack extends EnvironmentStack {
  public readonly outputs: NoOutputs = {};
  public readonly addons: EksPlatformAddons;

  constructor(scope: Construct, name: string, props: AwsEksAddonsStackProps) {
    super(scope, name, props);
    const { environment: env, cluster, network } = props;
    new HelmProvider(
      this,
      'helm',
      helmProviderConfig({ cluster: 'eks', clusterName: cluster.clusterName, endpoint: cluster.endpoint, certificateAuthorityData: cluster.certificateAuthorityData, region: env.aws.region }),
    );
    this.addons = new EksPlatformAddons(this, 'addons', {
      clusterName: cluster.clusterName,
      region: env.aws.region,
      vpcId: network.vpcId,
      loadBalancerControllerRoleArn: cluster.loadBalancerControllerRoleArn,
      ...(cluster.karpenter ? { karpenter: { controllerRoleArn: cluster.karpenter.controllerRoleArn, queueName: cluster.karpenter.queueName } } : {}),
    });
  }
}
