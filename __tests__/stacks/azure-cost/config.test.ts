import { azureCostSection } from '../../../stacks/azure-cost/config';
import { azureEnvironment, azureProblems } from '../azure-data/azure-sections';

const COST = { enabled: true, monthlyAmount: 500, startDate: '2026-12-01', contactEmails: ['finance@example.com'] };
const F = 'config/test.yaml: azure.cost';
const problems = (patch: Record<string, any>) => azureProblems({ azure: { cost: { ...COST, ...patch } } });

describe('azure.cost config', () => {
  it('parses from nothing: disabled, subscription scope, 80/100 actual and 100 forecast', () => {
    expect(azureEnvironment().section(azureCostSection)).toEqual({
      enabled: false,
      scope: 'subscription',
      actualThresholdsPercent: [80, 100],
      forecastThresholdsPercent: [100],
      contactEmails: [],
      filterByCostCentre: true,
    });
  });

  it('accepts an action group instead of e-mails', () => {
    expect(problems({ contactEmails: [], actionGroupId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Insights/actionGroups/ops' })).toEqual([]);
  });

  it.each([
    [{ startDate: '2026-12-15' }, `${F}.startDate "2026-12-15" is not the first of a month; use YYYY-MM-01`],
    [{ startDate: '2016-01-01' }, `${F}.startDate "2016-01-01" is before 2017-06-01`],
    [{ startDate: undefined }, `${F}.startDate is required while azure.cost.enabled is true`],
    [{ monthlyAmount: undefined }, `${F}.monthlyAmount is required while azure.cost.enabled is true`],
    [{ monthlyAmount: 0 }, `${F}.monthlyAmount 0 is not an amount`],
    [{ actualThresholdsPercent: [1001] }, `${F}.actualThresholdsPercent[0] 1001 is not allowed; use a percentage from 0 to 1000`],
    [{ forecastThresholdsPercent: [-5] }, `${F}.forecastThresholdsPercent[0] -5 is not allowed; use a percentage from 0 to 1000`],
    [{ actualThresholdsPercent: [50, 80, 100, 120], forecastThresholdsPercent: [100, 110] }, `${F}.actualThresholdsPercent [50,80,100,120] with forecastThresholdsPercent gives 6 notifications; use 1 to 5`],
    [{ actualThresholdsPercent: [80, 80] }, `${F}.actualThresholdsPercent[1] 80 is listed twice`],
    [{ contactEmails: [] }, `${F}.contactEmails [] is empty and there is no actionGroupId`],
    [{ contactEmails: ['finance'] }, `${F}.contactEmails[0] "finance" is not an e-mail address`],
    [{ scope: 'resourceGroup' }, `${F}.resourceGroupName is required with scope resourceGroup`],
    [{ resourceGroupName: 'rg-x' }, `${F}.resourceGroupName "rg-x" applies to scope resourceGroup only`],
    [{ scope: 'managementGroup' }, `${F}.scope "managementGroup" is not allowed; allowed values: "subscription", "resourceGroup"`],
    [{ actionGroupId: 'ops' }, `${F}.actionGroupId "ops" is not an action group id`],
  ])('reports %j', (patch, message) => {
    expect(problems(patch)).toContainEqual(expect.stringContaining(message));
  });
});
