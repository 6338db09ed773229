import { azureNetworkFamily } from '../azure-network/family';
import { defineFamily } from '../family';
import { AzureContainersStack } from './azure-containers-stack';
import { azureContainersSection } from './config';

/** `<env>-azure-containers`: ACR, the Container Apps environment and its apps. */
export const azureContainersFamily = defineFamily({
  id: 'azure-containers',
  description: 'Container Registry, Container Apps environment (workload profiles) and apps, Log Analytics',
  section: azureContainersSection,
  enabledWhen: '`azure.containers.enabled`',
  enabled: (containers) => containers.enabled,
  dependsOn: [azureNetworkFamily],
  build: (ctx, config) => {
    const stack = new AzureContainersStack(ctx.scope, ctx.name, {
      environment: ctx.environment,
      config,
      network: ctx.use(azureNetworkFamily),
    });
    return { stack, outputs: stack.outputs };
  },
});
