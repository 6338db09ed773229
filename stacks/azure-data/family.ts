import { azureContainersFamily } from '../azure-containers/family';
import { azureFunctionsFamily } from '../azure-functions/family';
import { azureNetworkFamily } from '../azure-network/family';
import { defineFamily } from '../family';
import { refsUse } from './app-identities';
import { AzureDataStack } from './azure-data-stack';
import { azureDataSection, dataIdentityRefs } from './config';

/**
 * `<env>-azure-data`: the data storage account and the Cosmos DB account.
 *
 * The function and container apps are needed only when a grant names one of their identities.
 */
export const azureDataFamily = defineFamily({
  id: 'azure-data',
  description: 'data storage account (private, Entra ID only, lifecycle rules) and Cosmos DB for NoSQL (private, continuous backup), app data roles',
  section: azureDataSection,
  enabledWhen: '`azure.data.enabled`',
  enabled: (data) => data.enabled,
  dependsOn: [azureNetworkFamily],
  conditionalDependsOn: [
    { family: azureFunctionsFamily, when: (data) => refsUse(dataIdentityRefs(data), 'functions'), description: 'a grant names a function app (functions.<key>)' },
    { family: azureContainersFamily, when: (data) => refsUse(dataIdentityRefs(data), 'containers'), description: 'a grant names a container app (containers.<key>)' },
  ],
  build: (ctx, config) => {
    const refs = dataIdentityRefs(config);
    const stack = new AzureDataStack(ctx.scope, ctx.name, {
      environment: ctx.environment,
      config,
      network: ctx.use(azureNetworkFamily),
      ...(refsUse(refs, 'functions') ? { functions: ctx.use(azureFunctionsFamily) } : {}),
      ...(refsUse(refs, 'containers') ? { containers: ctx.use(azureContainersFamily) } : {}),
    });
    return { stack, outputs: stack.outputs };
  },
});
