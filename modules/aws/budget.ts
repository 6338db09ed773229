import { BudgetsBudget, type BudgetsBudgetNotification } from '@cdktf/provider-aws/lib/budgets-budget';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { ALARM_EMAIL_PATTERN } from './postgres-alarms';

/** Defaults of {@link Budget}. */
export const BUDGET_DEFAULTS = {
  /** Percent of the limit at which actual spend notifies. */
  actualThresholdsPercent: [80, 100],
  /** Percent of the limit at which forecast spend notifies. */
  forecastThresholdsPercent: [100],
} as const;

/** Limits of {@link Budget}. @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_Notification.html */
export const BUDGET_LIMITS = {
  /** Notification thresholds, percent of the limit. */
  thresholdPercent: { min: 1, max: 1000 },
  /** Notifications per budget. */
  notifications: 10,
  /** E-mail subscribers per notification. */
  emails: 10,
} as const;

/** Why a threshold percent is not allowed, or `undefined` when it is. */
export function budgetThresholdProblem(percent: number): string | undefined {
  const { min, max } = BUDGET_LIMITS.thresholdPercent;
  return Number.isFinite(percent) && percent >= min && percent <= max ? undefined : `is not a threshold; use ${min} to ${max} percent of the limit`;
}

/** Props of {@link Budget}. */
export interface BudgetProps {
  /** Budget name (unique in the account). */
  readonly name: string;
  /** Monthly limit in US dollars. */
  readonly limitUsd: number;
  /** Percent thresholds of actual spend that notify (1-1000). @default [80, 100] */
  readonly actualThresholdsPercent?: readonly number[];
  /** Percent thresholds of forecast spend that notify (1-1000). @default [100] */
  readonly forecastThresholdsPercent?: readonly number[];
  /** SNS topic notified (its policy must let budgets.amazonaws.com publish). @default - none */
  readonly topicArn?: string;
  /** E-mail addresses notified. @default - none */
  readonly emails?: readonly string[];
  /** Count only costs of resources with these cost-allocation tags (`{ CostCentre: 'cc-1' }`). @default - the whole account */
  readonly costAllocationTags?: Record<string, string>;
}

/**
 * A monthly AWS cost budget with actual and forecast thresholds, notifying an SNS topic and e-mails,
 * optionally counting only the costs carrying given cost-allocation tags.
 *
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/budgets_budget
 */
export class Budget extends Construct {
  public readonly budget: BudgetsBudget;

  constructor(scope: Construct, id: string, props: BudgetProps) {
    super(scope, id);
    const actual = props.actualThresholdsPercent ?? BUDGET_DEFAULTS.actualThresholdsPercent;
    const forecast = props.forecastThresholdsPercent ?? BUDGET_DEFAULTS.forecastThresholdsPercent;
    const emails = props.emails ?? [];
    this.validate(props, actual, forecast, emails);
    const notification = (type: 'ACTUAL' | 'FORECASTED', threshold: number): BudgetsBudgetNotification => ({
      comparisonOperator: 'GREATER_THAN',
      notificationType: type,
      threshold,
      thresholdType: 'PERCENTAGE',
      subscriberEmailAddresses: emails.length ? [...emails] : undefined,
      subscriberSnsTopicArns: props.topicArn ? [props.topicArn] : undefined,
    });
    const tags = Object.entries(props.costAllocationTags ?? {});
    this.budget = new BudgetsBudget(this, 'budget', {
      name: props.name,
      budgetType: 'COST',
      timeUnit: 'MONTHLY',
      limitAmount: props.limitUsd.toFixed(2),
      limitUnit: 'USD',
      // @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_Budget.html (CostFilters TagKeyValue: "user:<key>$<value>")
      costFilter: tags.length ? [{ name: 'TagKeyValue', values: tags.map(([k, v]) => `user:${k}$${v}`) }] : undefined,
      notification: [...actual.map((t) => notification('ACTUAL', t)), ...forecast.map((t) => notification('FORECASTED', t))],
    });
  }

  private validate(props: BudgetProps, actual: readonly number[], forecast: readonly number[], emails: readonly string[]): void {
    if (!Token.isUnresolved(props.name) && !/^[^:\\]{1,100}$/.test(props.name)) {
      throw new ValidationError(this, 'name', props.name, 'is not a budget name; use 1 to 100 characters without ":" or "\\"');
    }
    if (!Number.isFinite(props.limitUsd) || props.limitUsd <= 0) {
      throw new ValidationError(this, 'limitUsd', props.limitUsd, 'is not a limit; use a positive amount of US dollars');
    }
    for (const [field, list] of [['actualThresholdsPercent', actual], ['forecastThresholdsPercent', forecast]] as const) {
      list.forEach((t, i) => {
        const problem = budgetThresholdProblem(t);
        if (problem) throw new ValidationError(this, `${field}[${i}]`, t, problem);
        if (list.indexOf(t) !== i) throw new ValidationError(this, `${field}[${i}]`, t, 'is listed twice; list each threshold once');
      });
    }
    if (actual.length + forecast.length === 0 || actual.length + forecast.length > BUDGET_LIMITS.notifications) {
      throw new ValidationError(this, 'actualThresholdsPercent', actual, `with forecastThresholdsPercent gives ${actual.length + forecast.length} notifications; use 1 to ${BUDGET_LIMITS.notifications}`);
    }
    if (emails.length > BUDGET_LIMITS.emails) {
      throw new ValidationError(this, 'emails', emails, `lists ${emails.length} addresses; a budget notification allows ${BUDGET_LIMITS.emails}`);
    }
    emails.forEach((e, i) => {
      if (!Token.isUnresolved(e) && !ALARM_EMAIL_PATTERN.test(e)) throw new ValidationError(this, `emails[${i}]`, e, 'is not an e-mail address; use e.g. "ops@example.com"');
    });
    if (!props.topicArn && emails.length === 0) {
      throw new ValidationError(this, 'topicArn', undefined, 'and emails are both missing; give a topic or at least one e-mail address to notify');
    }
  }
}
