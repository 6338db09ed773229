import { awsDatabaseFamily } from '../aws-database/family';
import { awsNetworkFamily } from '../aws-network/family';
import { defineFamily } from '../family';
import { AwsEksStack } from './aws-eks-stack';
import { awsEksSection, eksNeedsDatabase } from './config';

/** `<env>-aws-eks`: the EKS cluster. */
export const awsEksFamily = defineFamily({
  id: 'aws-eks',
  description: 'EKS cluster, managed node groups, add-ons, IRSA roles, Karpenter prerequisites',
  section: awsEksSection,
  enabledWhen: '`aws.eks.enabled`',
  enabled: (eks) => eks.enabled,
  dependsOn: [awsNetworkFamily],
  conditionalDependsOn: [{ family: awsDatabaseFamily, when: eksNeedsDatabase, description: 'a node group has database: read-write' }],
  build: (ctx, config) => {
    const stack = new AwsEksStack(ctx.scope, ctx.name, {
      environment: ctx.environment,
      config,
      network: ctx.use(awsNetworkFamily),
      ...(eksNeedsDatabase(config) ? { database: ctx.use(awsDatabaseFamily) } : {}),
    });
    return { stack, outputs: stack.outputs };
  },
});
