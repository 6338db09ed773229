import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { ConsumptionBudget } from '../../modules/azure/consumption-budget';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { azurermProvider } from '../private/azurerm-provider';
import type { AzureCostConfig } from './config';

/** Props of {@link AzureCostStack}. */
export interface AzureCostStackProps extends EnvironmentStackProps {
  /** The `azure.cost` section. */
  readonly config: AzureCostConfig;
}

/** The budget's name: `<env>-monthly`. */
export function azureBudgetName(envName: string): string {
  return `${envName}-monthly`;
}

/**
 * `<env>-azure-cost`: the environment's monthly consumption budget, on the subscription (counting
 * the environment's CostCentre tag) or on one resource group (see docs/cost.md).
 */
export class AzureCostStack extends EnvironmentStack {
  public readonly budget: ConsumptionBudget;

  constructor(scope: Construct, name: string, props: AzureCostStackProps) {
    super(scope, name, props);
    const { environment: env, config } = props;
    azurermProvider(this, env);
    const subscriptionId = `/subscriptions/${env.azure.subscriptionId}`;
    this.budget = new ConsumptionBudget(this, 'budget', {
      name: azureBudgetName(env.name),
      scope: config.scope === 'subscription' ? { subscriptionId } : { resourceGroupId: `${subscriptionId}/resourceGroups/${config.resourceGroupName}` },
      amount: config.monthlyAmount!,
      startDate: config.startDate!,
      actualThresholdsPercent: config.actualThresholdsPercent,
      forecastThresholdsPercent: config.forecastThresholdsPercent,
      contactEmails: config.contactEmails,
      actionGroupId: config.actionGroupId,
      costCentre: config.scope === 'subscription' && config.filterByCostCentre ? env.tags.costCentre : undefined,
    });
    new TerraformOutput(this, 'budget_id', { value: this.budget.resource.id, description: 'Resource id of the monthly budget' });
  }
}
