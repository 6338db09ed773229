import { awsEksFamily } from '../aws-eks/family';
import { awsNetworkFamily } from '../aws-network/family';
import { defineFamily } from '../family';
import { appsFor, kubernetesSection } from '../kubernetes-workloads/config';
import { awsEksSection } from '../aws-eks/config';
import { AwsEksAddonsStack } from './aws-eks-addons-stack';
import { AwsEksWorkloadsStack } from './aws-eks-workloads-stack';

/** `<env>-aws-eks-addons`: the EKS platform add-ons (Helm). */
export const awsEksAddonsFamily = defineFamily({
  id: 'aws-eks-addons',
  description: 'EKS platform add-ons (Helm): metrics-server, AWS Load Balancer Controller, Secrets Store CSI + AWS provider, Karpenter',
  section: kubernetesSection,
  enabledWhen: '`kubernetes.enabled` and `aws.eks.enabled`',
  enabled: (k8s, env) => k8s.enabled && env.section(awsEksSection).enabled,
  dependsOn: [awsNetworkFamily, awsEksFamily],
  build: (ctx) => {
    const stack = new AwsEksAddonsStack(ctx.scope, ctx.name, { environment: ctx.environment, cluster: ctx.use(awsEksFamily), network: ctx.use(awsNetworkFamily) });
    return { stack, outputs: stack.outputs };
  },
});

/** `<env>-aws-eks-workloads`: the applications on EKS, their IRSA roles, Karpenter's NodePool. */
export const awsEksWorkloadsFamily = defineFamily({
  id: 'aws-eks-workloads',
  description: 'applications of kubernetes.apps on EKS (manifests or the local chart), their IRSA roles, Karpenter NodePool',
  section: kubernetesSection,
  enabledWhen: '`kubernetes.enabled`, `aws.eks.enabled`, and an app names eks or Karpenter is on',
  enabled: (k8s, env) => {
    const eks = env.section(awsEksSection);
    return k8s.enabled && eks.enabled && (appsFor(k8s, 'eks').length > 0 || (eks.karpenter.enabled && k8s.karpenterNodePool));
  },
  dependsOn: [awsNetworkFamily, awsEksFamily, awsEksAddonsFamily],
  build: (ctx, config) => {
    const stack = new AwsEksWorkloadsStack(ctx.scope, ctx.name, {
      environment: ctx.environment,
      config,
      cluster: ctx.use(awsEksFamily),
      network: ctx.use(awsNetworkFamily),
    });
    return { stack, outputs: stack.outputs };
  },
});
