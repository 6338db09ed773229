import { z } from 'zod';
import { defineSection, type ParsedEnvironment, type ReportProblem } from '../../modules/core/config/section';
import {
  BILLING_BUDGET_DEFAULTS,
  BILLING_BUDGET_LIMITS,
  billingAccountProblem,
  budgetThresholdProblem,
  CURRENCY_CODE,
} from '../../modules/gcp/billing-budget';
import type { EnvironmentCore } from '../environment/config';
import { ruledString } from '../private/gcp-workload-config';

const D = BILLING_BUDGET_DEFAULTS;

const threshold = z.number().superRefine((v, ctx) => {
  const problem = budgetThresholdProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', input: v, message: problem });
});

/**
 * `gcp.cost`: the environment's monthly Cloud Billing budget on its project (`<env>-gcp-cost`).
 */
export const GcpCostConfigSchema = z.strictObject({
  /** Create the `<env>-gcp-cost` stack. @default false */
  enabled: z.boolean().default(false),
  /** Billing account paying for the project, `XXXXXX-XXXXXX-XXXXXX` (required when enabled). */
  billingAccount: ruledString(billingAccountProblem).optional(),
  /** Monthly amount, whole units of `currency`. @default 100 */
  monthlyAmount: z.number().int({ message: 'is not a whole amount; use a positive whole number' }).positive({ message: 'is not an amount; use a positive whole number' }).default(100),
  /** ISO 4217 currency of the billing account (a budget must use the account's currency). @default USD */
  currency: z.string().regex(CURRENCY_CODE, { message: 'is not a currency code; use the billing account\'s ISO 4217 code, e.g. "USD" or "EUR"' }).default(D.currency),
  /** Percent of the amount at which actual spend notifies (1-1000). @default [50, 80, 100] */
  actualThresholdsPercent: z.array(threshold).default([...D.actualThresholdsPercent]),
  /** Percent of the amount at which forecast spend notifies (1-1000). @default [100] */
  forecastThresholdsPercent: z.array(threshold).default([...D.forecastThresholdsPercent]),
  /** E-mail addresses notified through Cloud Monitoring e-mail channels (at most 5). @default [] */
  emails: z.array(z.email({ message: 'is not an e-mail address; use e.g. "finance@example.com"' })).max(BILLING_BUDGET_LIMITS.maxNotificationChannels, {
    message: `are too many; a budget takes at most ${BILLING_BUDGET_LIMITS.maxNotificationChannels} e-mail channels`,
  }).default([]),
  /** Publish budget updates to the topic `<env>-budget-alerts` (for automation). */
  pubsub: z
    .strictObject({
      /** Create the topic and connect the budget to it. @default true */
      enabled: z.boolean().default(true),
      /** Encrypt the topic with a customer key of its own. @default true */
      cmek: z.boolean().default(true),
    })
    .prefault({}),
  /** Stop notifying the billing account's admins and users by e-mail. @default false */
  disableDefaultIamRecipients: z.boolean().default(D.disableDefaultIamRecipients),
  /** Count only spend on resources labelled with the environment's `cost-centre`. @default true */
  filterByCostCentre: z.boolean().default(true),
});

export type GcpCostConfig = z.infer<typeof GcpCostConfigSchema>;

/** The budget's display name: `<env>-monthly`. */
export function gcpBudgetName(envName: string): string {
  return `${envName}-monthly`;
}

/** The budget topic: `<env>-budget-alerts`. */
export function gcpBudgetTopicName(envName: string): string {
  return `${envName}-budget-alerts`;
}

/** Checks across the fields of `gcp.cost`. */
export function checkGcpCost(config: GcpCostConfig, env: ParsedEnvironment<EnvironmentCore>, report: ReportProblem): void {
  const at = (...p: (string | number)[]) => ['gcp', 'cost', ...p];
  if (!config.enabled) return;
  if (config.billingAccount === undefined && !env.hasProblem('gcp.cost.billingAccount')) {
    report(at('billingAccount'), undefined, 'is missing; an enabled budget needs the billing account id, XXXXXX-XXXXXX-XXXXXX (upper-case hex digits)');
  }
  if (config.actualThresholdsPercent.length + config.forecastThresholdsPercent.length === 0) {
    report(at('actualThresholdsPercent'), [], 'and forecastThresholdsPercent are both empty; give at least one threshold (1-1000 percent)');
  }
  for (const field of ['actualThresholdsPercent', 'forecastThresholdsPercent'] as const) {
    config[field].forEach((t, i) => {
      if (config[field].indexOf(t) !== i) report(at(field, i), t, 'is listed twice; list each threshold once');
    });
  }
  if (config.disableDefaultIamRecipients && config.emails.length === 0 && !config.pubsub.enabled) {
    report(at('disableDefaultIamRecipients'), true, 'leaves the budget with nobody to notify; list emails, keep pubsub.enabled, or keep the default recipients');
  }
  if (gcpBudgetName(env.core.name).length > BILLING_BUDGET_LIMITS.maxDisplayNameLength) {
    report(at('enabled'), true, `makes the budget name "${gcpBudgetName(env.core.name)}", longer than ${BILLING_BUDGET_LIMITS.maxDisplayNameLength} characters; use a shorter environment name`);
  }
}

/** `gcp.cost`, owned by the `gcp-cost` stack family. */
export const gcpCostSection = defineSection({ path: 'gcp.cost', schema: GcpCostConfigSchema, optional: true, check: checkGcpCost });
