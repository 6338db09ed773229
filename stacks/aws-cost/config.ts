import { z } from 'zod';
import { BUDGET_DEFAULTS, BUDGET_LIMITS, budgetThresholdProblem } from '../../modules/aws/budget';
import { defineSection, type ParsedEnvironment, type ReportProblem } from '../../modules/core/config/section';
import { awsAlertsSection } from '../aws-alerts/config';
import type { EnvironmentCore } from '../environment/config';

const threshold = z.number().superRefine((v, ctx) => {
  const problem = budgetThresholdProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', input: v, message: problem });
});

/** `aws.cost`: the environment's monthly AWS budget and cost-allocation tags (`<env>-aws-cost`). */
export const AwsCostConfigSchema = z.strictObject({
  /** Create the `<env>-aws-cost` stack (needs `aws.alerts`). @default false */
  enabled: z.boolean().default(false),
  /** Monthly limit of the environment's budget, US dollars. */
  monthlyLimitUsd: z.number().positive({ message: 'is not a limit; use a positive amount of US dollars' }).default(100),
  /** Percent of the limit at which actual spend notifies (1-1000). @default [80, 100] */
  actualThresholdsPercent: z.array(threshold).default([...BUDGET_DEFAULTS.actualThresholdsPercent]),
  /** Percent of the limit at which forecast spend notifies (1-1000). @default [100] */
  forecastThresholdsPercent: z.array(threshold).default([...BUDGET_DEFAULTS.forecastThresholdsPercent]),
  /** E-mail addresses notified besides the alert topic. @default [] */
  emails: z.array(z.email({ message: 'is not an e-mail address; use e.g. "finance@example.com"' })).max(BUDGET_LIMITS.emails).default([]),
  /** Count only costs tagged with the environment's CostCentre (needs the tag activated, below). @default true */
  filterByCostCentre: z.boolean().default(true),
  /** Activate `CostCentre` and `Owner` as cost-allocation tags (account-wide; once per account). @default true */
  activateCostAllocationTags: z.boolean().default(true),
});

export type AwsCostConfig = z.infer<typeof AwsCostConfigSchema>;

/** The budget's name: `<env>-monthly`. */
export function budgetName(envName: string): string {
  return `${envName}-monthly`;
}

/** Checks across the fields of `aws.cost`. */
export function checkAwsCost(config: AwsCostConfig, env: ParsedEnvironment<EnvironmentCore>, report: ReportProblem): void {
  if (config.enabled && env.get(awsAlertsSection)?.enabled === false) {
    report(['aws', 'cost', 'enabled'], true, 'needs the alert topic the budget notifies; set aws.alerts.enabled: true or aws.cost.enabled: false');
  }
  const count = config.actualThresholdsPercent.length + config.forecastThresholdsPercent.length;
  if (count === 0 || count > BUDGET_LIMITS.notifications) {
    report(['aws', 'cost', 'actualThresholdsPercent'], config.actualThresholdsPercent, `with forecastThresholdsPercent gives ${count} notifications; use 1 to ${BUDGET_LIMITS.notifications}`);
  }
  for (const field of ['actualThresholdsPercent', 'forecastThresholdsPercent'] as const) {
    config[field].forEach((t, i) => {
      if (config[field].indexOf(t) !== i) report(['aws', 'cost', field, i], t, 'is listed twice; list each threshold once');
    });
  }
}

/** `aws.cost`, owned by the `aws-cost` stack family. */
export const awsCostSection = defineSection({ path: 'aws.cost', schema: AwsCostConfigSchema, optional: true, check: checkAwsCost });
