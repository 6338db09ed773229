import { awsEksSection, eksClusterName } from '../aws-eks/config';
import { defineFamily } from '../family';
import { AwsNetworkStack } from './aws-network-stack';
import { awsNetworkSection } from './config';

/** `<env>-aws-network`: the VPC. */
export const awsNetworkFamily = defineFamily({
  id: 'aws-network',
  description: 'VPC, subnets, NAT, endpoints, flow logs',
  section: awsNetworkSection,
  enabledWhen: '`aws.network.enabled`',
  enabled: (network) => network.enabled,
  dependsOn: [],
  build: (ctx, config) => {
    const eks = ctx.env.section(awsEksSection);
    const karpenter = eks.enabled && eks.karpenter.enabled ? { karpenterClusterName: eksClusterName(ctx.env.name) } : {};
    const stack = new AwsNetworkStack(ctx.scope, ctx.name, { environment: ctx.environment, config, ...karpenter });
    return { stack, outputs: stack.outputs };
  },
});
