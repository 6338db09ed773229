import { azureAksSection } from '../azure-aks/config';
import { azureAksFamily } from '../azure-aks/family';
import { defineFamily } from '../family';
import { appsFor, kubernetesSection } from '../kubernetes-workloads/config';
import { AzureAksWorkloadsStack } from './azure-aks-workloads-stack';

/** `<env>-azure-aks-workloads`: the applications on AKS and their workload identities. */
export const azureAksWorkloadsFamily = defineFamily({
  id: 'azure-aks-workloads',
  description: 'applications of kubernetes.apps on AKS (manifests or the local chart), their workload identities, internal ingress class',
  section: kubernetesSection,
  enabledWhen: '`kubernetes.enabled`, `azure.aks.enabled`, and an app names aks',
  enabled: (k8s, env) => k8s.enabled && env.section(azureAksSection).enabled && appsFor(k8s, 'aks').length > 0,
  dependsOn: [azureAksFamily],
  build: (ctx, config) => {
    const stack = new AzureAksWorkloadsStack(ctx.scope, ctx.name, { environment: ctx.environment, config, cluster: ctx.use(azureAksFamily) });
    return { stack, outputs: stack.outputs };
  },
});
