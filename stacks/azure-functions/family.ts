import { azureNetworkFamily } from '../azure-network/family';
import { defineFamily } from '../family';
import { AzureFunctionsStack } from './azure-functions-stack';
import { azureFunctionsSection } from './config';

/** `<env>-azure-functions`: Python Function Apps on Flex Consumption or Elastic Premium. */
export const azureFunctionsFamily = defineFamily({
  id: 'azure-functions',
  description: 'Function Apps (Flex Consumption or Elastic Premium), their storage, Application Insights, Log Analytics',
  section: azureFunctionsSection,
  enabledWhen: '`azure.functions.enabled`',
  enabled: (functions) => functions.enabled,
  dependsOn: [azureNetworkFamily],
  build: (ctx, config) => {
    const stack = new AzureFunctionsStack(ctx.scope, ctx.name, {
      environment: ctx.environment,
      config,
      network: ctx.use(azureNetworkFamily),
    });
    return { stack, outputs: stack.outputs };
  },
});
