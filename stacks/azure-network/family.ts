import { defineFamily } from '../family';
import { AzureNetworkStack } from './azure-network-stack';
import { azureNetworkSection } from './config';

/** `<env>-azure-network`: the VNet. */
export const azureNetworkFamily = defineFamily({
  id: 'azure-network',
  description: 'resource group, VNet, subnets, NSGs, NAT, private DNS',
  section: azureNetworkSection,
  enabledWhen: '`azure.network.enabled`',
  enabled: (network) => network.enabled,
  dependsOn: [],
  build: (ctx, config) => {
    const stack = new AzureNetworkStack(ctx.scope, ctx.name, { environment: ctx.environment, config });
    return { stack, outputs: stack.outputs };
  },
});
