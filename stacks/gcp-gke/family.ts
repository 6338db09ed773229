import { defineFamily } from '../family';
import { gcpNetworkFamily } from '../gcp-network/family';
import { gcpGkeSection } from './config';
import { GcpGkeStack } from './gcp-gke-stack';

/** `<env>-gcp-gke`: the GKE cluster and its node pools, for the Kubernetes workloads stack. */
export const gcpGkeFamily = defineFamily({
  id: 'gcp-gke',
  description: 'regional private GKE cluster (Standard or Autopilot), its node pools and secrets-encryption key',
  section: gcpGkeSection,
  enabledWhen: '`gcp.gke.enabled`',
  enabled: (gke) => gke.enabled,
  dependsOn: [gcpNetworkFamily],
  build: (ctx, config) => {
    const stack = new GcpGkeStack(ctx.scope, ctx.name, {
      environment: ctx.environment,
      config,
      network: ctx.use(gcpNetworkFamily),
    });
    return { stack, outputs: stack.outputs };
  },
});
