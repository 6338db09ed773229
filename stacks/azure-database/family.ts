import { azureNetworkFamily } from '../azure-network/family';
import { defineFamily } from '../family';
import { AzureDatabaseStack } from './azure-database-stack';
import { azureDatabaseSection } from './config';

/** `<env>-azure-database`: Azure Database for PostgreSQL flexible server. */
export const azureDatabaseFamily = defineFamily({
  id: 'azure-database',
  description: 'Azure Database for PostgreSQL flexible server',
  section: azureDatabaseSection,
  enabledWhen: '`azure.database.enabled`',
  enabled: (db) => db.enabled,
  dependsOn: [azureNetworkFamily],
  build: (ctx, config) => {
    const stack = new AzureDatabaseStack(ctx.scope, ctx.name, {
      environment: ctx.environment,
      config,
      network: ctx.use(azureNetworkFamily),
    });
    return { stack, outputs: stack.outputs };
  },
});
