import { ConsumptionBudgetResourceGroup } from '@cdktf/provider-azurerm/lib/consumption-budget-resource-group';
import { ConsumptionBudgetSubscription } from '@cdktf/provider-azurerm/lib/consumption-budget-subscription';
import { Testing } from 'cdktf';
import type { AzureCostStack } from '../../../stacks/azure-cost/azure-cost-stack';
import { azureCostFamily } from '../../../stacks/azure-cost/family';
import { azureEnvironment, buildFamily } from '../azure-data/azure-sections';

const COST = { enabled: true, monthlyAmount: 500, startDate: '2026-12-01', contactEmails: ['finance@example.com'] };
const stackFor = (cost: Record<string, any> = COST) => buildFamily<AzureCostStack>(azureCostFamily, azureEnvironment({ azure: { cost } }), {});

describe('AzureCostStack', () => {
  it('budgets the subscription monthly, counting the environment CostCentre tag only', () => {
    const out = Testing.synth(stackFor());
    expect(out).toHaveResourceWithProperties(ConsumptionBudgetSubscription, {
      name: 'test-monthly',
      subscription_id: '/subscriptions/00000000-0000-0000-0000-000000000000',
      amount: 500,
      time_period: { start_date: '2026-12-01T00:00:00Z' },
      filter: { tag: [{ name: 'CostCentre', operator: 'In', values: ['cc-1'] }] },
    });
  });

  it('budgets one resource group when scoped so (no tag filter)', () => {
    const out = Testing.synth(stackFor({ ...COST, scope: 'resourceGroup', resourceGroupName: 'rg-test-data' }));
    expect(out).toHaveResourceWithProperties(ConsumptionBudgetResourceGroup, { resource_group_id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test-data' });
    expect(out).not.toContain('CostCentre');
  });

  it('counts the whole subscription with filterByCostCentre false', () => {
    expect(Object.values<any>(JSON.parse(Testing.synth(stackFor({ ...COST, filterByCostCentre: false }))).resource.azurerm_consumption_budget_subscription)[0]).not.toHaveProperty('filter');
  });
});
