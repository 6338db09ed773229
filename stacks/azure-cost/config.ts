import { z } from 'zod';
import { budgetStartDateProblem, budgetThresholdPercentProblem, CONSUMPTION_BUDGET_DEFAULTS, CONSUMPTION_BUDGET_LIMITS } from '../../modules/azure/consumption-budget';
import { defineSection, type ReportProblem } from '../../modules/core/config/section';
import { ruled } from '../private/ruled';

const threshold = ruled(z.number(), budgetThresholdPercentProblem);

/** `azure.cost`: the environment's monthly Azure consumption budget (`<env>-azure-cost`). */
export const AzureCostConfigSchema = z.strictObject({
  /** Create the `<env>-azure-cost` stack. @default false */
  enabled: z.boolean().default(false),
  /** What the budget counts: the whole `subscription` (optionally one cost centre) or one `resourceGroup`. @default subscription */
  scope: z.enum(['subscription', 'resourceGroup']).default('subscription'),
  /** The resource group counted, with scope resourceGroup. @default - required with scope resourceGroup */
  resourceGroupName: z.string().regex(/^[-\w.()]{0,89}[-\w()]$/, { message: 'is not a valid resource group name; use 1-90 letters, digits, "_", "-", "." or "()", not ending with "."' }).optional(),
  /** Monthly amount, in the subscription's billing currency. @default - required when enabled */
  monthlyAmount: z.number().positive({ message: 'is not an amount; use a positive number in the billing currency' }).optional(),
  /** First month, `YYYY-MM-01` (changing it replaces the budget). @default - required when enabled */
  startDate: ruled(z.string(), budgetStartDateProblem).optional(),
  /** Percentages of the amount at which actual cost notifies, 0-1000. @default [80, 100] */
  actualThresholdsPercent: z.array(threshold).default([...CONSUMPTION_BUDGET_DEFAULTS.actualThresholdsPercent]),
  /** Percentages of the amount at which forecast cost notifies, 0-1000. @default [100] */
  forecastThresholdsPercent: z.array(threshold).default([...CONSUMPTION_BUDGET_DEFAULTS.forecastThresholdsPercent]),
  /** E-mail addresses notified. @default [] (then actionGroupId is required) */
  contactEmails: z.array(z.email({ message: 'is not an e-mail address; use e.g. "finance@example.com"' })).max(CONSUMPTION_BUDGET_LIMITS.contactEmails).default([]),
  /** Resource id of a Monitor action group notified. @default - none (then contactEmails are required) */
  actionGroupId: z
    .string()
    .regex(/^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/microsoft\.insights\/actionGroups\/[^/]+$/i, {
      message: 'is not an action group id; use "/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.Insights/actionGroups/<name>"',
    })
    .optional(),
  /** Count only costs tagged with the environment's CostCentre (subscription scope only). @default true */
  filterByCostCentre: z.boolean().default(true),
});

export type AzureCostConfig = z.infer<typeof AzureCostConfigSchema>;

/** Checks across the fields of `azure.cost`, with the limits of modules/azure/consumption-budget.ts. */
export function checkAzureCost(config: AzureCostConfig, _env: unknown, report: ReportProblem): void {
  const root = ['azure', 'cost'];
  if (config.enabled) {
    if (config.monthlyAmount === undefined) report([...root, 'monthlyAmount'], undefined, 'is required while azure.cost.enabled is true; give the monthly amount in the billing currency, e.g. 500');
    if (config.startDate === undefined) report([...root, 'startDate'], undefined, 'is required while azure.cost.enabled is true; give the first month as YYYY-MM-01, e.g. "2026-12-01"');
  }
  if (config.scope === 'resourceGroup' && config.resourceGroupName === undefined) {
    report([...root, 'resourceGroupName'], undefined, 'is required with scope resourceGroup; name the group the budget counts, or use scope subscription');
  }
  if (config.scope === 'subscription' && config.resourceGroupName !== undefined) {
    report([...root, 'resourceGroupName'], config.resourceGroupName, 'applies to scope resourceGroup only; set scope: resourceGroup or leave it out');
  }
  const count = config.actualThresholdsPercent.length + config.forecastThresholdsPercent.length;
  if (count === 0 || count > CONSUMPTION_BUDGET_LIMITS.notifications) {
    report([...root, 'actualThresholdsPercent'], config.actualThresholdsPercent, `with forecastThresholdsPercent gives ${count} notifications; use 1 to ${CONSUMPTION_BUDGET_LIMITS.notifications}`);
  }
  for (const field of ['actualThresholdsPercent', 'forecastThresholdsPercent'] as const) {
    config[field].forEach((t, i) => {
      if (config[field].indexOf(t) !== i) report([...root, field, i], t, 'is listed twice; list each threshold once');
    });
  }
  if (config.enabled && config.contactEmails.length === 0 && config.actionGroupId === undefined) {
    report([...root, 'contactEmails'], [], 'is empty and there is no actionGroupId; give contactEmails or actionGroupId (someone must hear about the budget)');
  }
}

/** `azure.cost`, owned by the `azure-cost` stack family. */
export const azureCostSection = defineSection({ path: 'azure.cost', schema: AzureCostConfigSchema, optional: true, check: checkAzureCost });
