import { ConsumptionBudgetResourceGroup } from '@cdktf/provider-azurerm/lib/consumption-budget-resource-group';
import { ConsumptionBudgetSubscription } from '@cdktf/provider-azurerm/lib/consumption-budget-subscription';
import { Testing } from 'cdktf';
import { ConsumptionBudget, type ConsumptionBudgetProps } from '../../../modules/azure/consumption-budget';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const BASE: ConsumptionBudgetProps = { name: 'test-monthly', scope: { subscriptionId: SUB }, amount: 500, startDate: '2026-12-01', contactEmails: ['finance@example.com'] };

function synth(patch: Partial<ConsumptionBudgetProps> = {}): string {
  return Testing.synthScope((scope) => {
    new ConsumptionBudget(scope, 'budget', { ...BASE, ...patch });
  });
}
const budget = (out: string, type = 'azurerm_consumption_budget_subscription'): Record<string, any> => Object.values<any>(JSON.parse(out).resource[type])[0];

describe('ConsumptionBudget', () => {
  it('is a monthly subscription budget from the first of the start month', () => {
    expect(synth()).toHaveResourceWithProperties(ConsumptionBudgetSubscription, {
      name: 'test-monthly',
      subscription_id: SUB,
      amount: 500,
      time_grain: 'Monthly',
      time_period: { start_date: '2026-12-01T00:00:00Z' },
    });
  });

  it('notifies at 80 and 100 percent actual and 100 percent forecast by default, to the e-mails', () => {
    expect(budget(synth()).notification).toEqual([
      { enabled: true, operator: 'GreaterThanOrEqualTo', threshold: 80, threshold_type: 'Actual', contact_emails: ['finance@example.com'] },
      { enabled: true, operator: 'GreaterThanOrEqualTo', threshold: 100, threshold_type: 'Actual', contact_emails: ['finance@example.com'] },
      { enabled: true, operator: 'GreaterThanOrEqualTo', threshold: 100, threshold_type: 'Forecasted', contact_emails: ['finance@example.com'] },
    ]);
  });

  it('notifies an action group, alone or with e-mails', () => {
    const group = `${SUB}/resourceGroups/rg/providers/Microsoft.Insights/actionGroups/ops`;
    const n = budget(synth({ contactEmails: [], actionGroupId: group, actualThresholdsPercent: [90], forecastThresholdsPercent: [] })).notification;
    expect(n).toEqual([{ enabled: true, operator: 'GreaterThanOrEqualTo', threshold: 90, threshold_type: 'Actual', contact_groups: [group] }]);
  });

  it('counts one cost centre (tag CostCentre) on the subscription when given', () => {
    expect(budget(synth({ costCentre: 'cc-1' })).filter).toEqual({ tag: [{ name: 'CostCentre', operator: 'In', values: ['cc-1'] }] });
    expect(budget(synth())).not.toHaveProperty('filter');
  });

  it('budgets one resource group instead', () => {
    const rg = `${SUB}/resourceGroups/rg-test-data`;
    const s = synth({ scope: { resourceGroupId: rg } });
    expect(s).toHaveResourceWithProperties(ConsumptionBudgetResourceGroup, { resource_group_id: rg, amount: 500 });
    expect(s).not.toHaveResource(ConsumptionBudgetSubscription);
  });

  describe('refuses', () => {
    it.each([
      [{ startDate: '2026-12-15' }, /prop startDate "2026-12-15" is not the first of a month; use YYYY-MM-01/],
      [{ startDate: '2026-13-01' }, /prop startDate "2026-13-01" is not the first of a month/],
      [{ startDate: '12/01/2026' }, /prop startDate "12\/01\/2026" is not the first of a month/],
      [{ startDate: '2017-05-01' }, /prop startDate "2017-05-01" is before 2017-06-01/],
      [{ amount: 0 }, /prop amount 0 is not an amount; use a positive number/],
      [{ actualThresholdsPercent: [1001] }, /prop actualThresholdsPercent\[0\] 1001 is not allowed; use a percentage from 0 to 1000/],
      [{ forecastThresholdsPercent: [-1] }, /prop forecastThresholdsPercent\[0\] -1 is not allowed; use a percentage from 0 to 1000/],
      [{ actualThresholdsPercent: [80, 80] }, /prop actualThresholdsPercent\[1\] 80 is listed twice/],
      [{ actualThresholdsPercent: [50, 80, 100, 120], forecastThresholdsPercent: [100, 150] }, /prop actualThresholdsPercent .* gives 6 notifications; use 1 to 5/],
      [{ actualThresholdsPercent: [], forecastThresholdsPercent: [] }, /gives 0 notifications; use 1 to 5/],
      [{ contactEmails: [] }, /prop contactEmails \[\] is empty and there is no actionGroupId/],
      [{ scope: { resourceGroupId: `${SUB}/resourceGroups/rg` }, costCentre: 'cc-1' }, /prop costCentre "cc-1" applies to subscription budgets only/],
      [{ scope: { subscriptionId: '0000' } }, /prop scope\.subscriptionId "0000" is not a subscription resource id; use "\/subscriptions\/<guid>"/],
    ])('%j', (patch, message) => {
      expect(() => synth(patch as Partial<ConsumptionBudgetProps>)).toThrow(message);
    });
  });
});
