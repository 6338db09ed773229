import { defineFamily } from '../family';
import { AzureCostStack } from './azure-cost-stack';
import { azureCostSection } from './config';

/** `<env>-azure-cost`: the monthly Azure consumption budget. */
export const azureCostFamily = defineFamily({
  id: 'azure-cost',
  description: 'monthly Azure consumption budget (subscription, filtered by CostCentre, or one resource group): actual and forecast thresholds to e-mails and/or an action group',
  section: azureCostSection,
  enabledWhen: '`azure.cost.enabled`',
  enabled: (cost) => cost.enabled,
  dependsOn: [],
  build: (ctx, config) => {
    const stack = new AzureCostStack(ctx.scope, ctx.name, { environment: ctx.environment, config });
    return { stack, outputs: {} };
  },
});
