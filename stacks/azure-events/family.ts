import { azureContainersFamily } from '../azure-containers/family';
import { azureDataFamily } from '../azure-data/family';
import { azureFunctionsFamily } from '../azure-functions/family';
import { azureNetworkFamily } from '../azure-network/family';
import { defineFamily } from '../family';
import { AzureEventsStack } from './azure-events-stack';
import { azureEventsSection, eventsNeedContainers, eventsNeedData, eventsNeedFunctions } from './config';

/**
 * `<env>-azure-events`: Service Bus (queues, topics, app data roles) and Event Grid on the data
 * storage account.
 *
 * The apps and the data stack are needed only when the section names them.
 */
export const azureEventsFamily = defineFamily({
  id: 'azure-events',
  description: 'Service Bus namespace (Premium private or Standard), queues, topics, app data roles; Event Grid blob events to functions or queues, dead-letter storage',
  section: azureEventsSection,
  enabledWhen: '`azure.events.enabled`',
  enabled: (events) => events.enabled,
  dependsOn: [azureNetworkFamily],
  conditionalDependsOn: [
    { family: azureFunctionsFamily, when: eventsNeedFunctions, description: 'a grant or an event subscription names a function app' },
    { family: azureContainersFamily, when: eventsNeedContainers, description: 'a grant names a container app (containers.<key>)' },
    { family: azureDataFamily, when: eventsNeedData, description: 'eventGrid is set (blob events of the data storage account)' },
  ],
  build: (ctx, config) => {
    const stack = new AzureEventsStack(ctx.scope, ctx.name, {
      environment: ctx.environment,
      config,
      network: ctx.use(azureNetworkFamily),
      ...(eventsNeedFunctions(config) ? { functions: ctx.use(azureFunctionsFamily) } : {}),
      ...(eventsNeedContainers(config) ? { containers: ctx.use(azureContainersFamily) } : {}),
      ...(eventsNeedData(config) ? { data: ctx.use(azureDataFamily) } : {}),
    });
    return { stack, outputs: stack.outputs };
  },
});
