import { defineFamily } from '../family';
import { gcpGkeSection } from '../gcp-gke/config';
import { gcpGkeFamily } from '../gcp-gke/family';
import { appsFor, kubernetesSection } from '../kubernetes-workloads/config';
import { GcpGkeWorkloadsStack } from './gcp-gke-workloads-stack';

/** `<env>-gcp-gke-workloads`: the applications on GKE and their Workload Identity service accounts. */
export const gcpGkeWorkloadsFamily = defineFamily({
  id: 'gcp-gke-workloads',
  description: 'applications of kubernetes.apps on GKE (manifests or the local chart), their Workload Identity service accounts',
  section: kubernetesSection,
  enabledWhen: '`kubernetes.enabled`, `gcp.gke.enabled`, and an app names gke',
  enabled: (k8s, env) => k8s.enabled && env.section(gcpGkeSection).enabled && appsFor(k8s, 'gke').length > 0,
  dependsOn: [gcpGkeFamily],
  build: (ctx, config) => {
    const stack = new GcpGkeWorkloadsStack(ctx.scope, ctx.name, { environment: ctx.environment, config, cluster: ctx.use(gcpGkeFamily) });
    return { stack, outputs: stack.outputs };
  },
});
