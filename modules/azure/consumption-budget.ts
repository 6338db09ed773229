import { ConsumptionBudgetResourceGroup } from '@cdktf/provider-azurerm/lib/consumption-budget-resource-group';
import { ConsumptionBudgetSubscription } from '@cdktf/provider-azurerm/lib/consumption-budget-subscription';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { known } from './private/compute-rules';

/** What {@link ConsumptionBudget} does when a prop is left out. */
export const CONSUMPTION_BUDGET_DEFAULTS = {
  actualThresholdsPercent: [80, 100] as readonly number[],
  forecastThresholdsPercent: [100] as readonly number[],
} as const;

/**
 * Limits of a budget.
 *
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/consumption_budget_subscription#threshold
 * @see https://learn.microsoft.com/rest/api/consumption/budgets/create-or-update
 */
export const CONSUMPTION_BUDGET_LIMITS = {
  /** Percent of the amount at which a notification fires: 0 to 1000. */
  threshold: { min: 0, max: 1000 },
  /** Notifications per budget (actual and forecasted together). */
  notifications: 5,
  /** Contact e-mails per notification. */
  contactEmails: 50,
  /** Budgets start on or after this month. */
  earliestStart: '2017-06-01',
} as const;

/** Why a threshold (percent of the amount) is refused: 0 to 1000. */
export function budgetThresholdPercentProblem(percent: number): string | undefined {
  const { min, max } = CONSUMPTION_BUDGET_LIMITS.threshold;
  return Number.isFinite(percent) && percent >= min && percent <= max ? undefined : `is not allowed; use a percentage from ${min} to ${max}`;
}

/** Why a start month is refused: `YYYY-MM-01`, the first of a month, 2017-06-01 or later. */
export function budgetStartDateProblem(date: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-01$/.exec(date);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return 'is not the first of a month; use YYYY-MM-01, e.g. "2026-01-01"';
  return date < CONSUMPTION_BUDGET_LIMITS.earliestStart ? `is before ${CONSUMPTION_BUDGET_LIMITS.earliestStart}; Azure budgets start then or later` : undefined;
}

/** What a budget counts: a whole subscription, or one resource group. */
export type ConsumptionBudgetScope = { readonly subscriptionId: string } | { readonly resourceGroupId: string };

/** Props of {@link ConsumptionBudget}. */
export interface ConsumptionBudgetProps {
  /** Budget name (unique in its scope). */
  readonly name: string;
  /** Subscription id (`/subscriptions/<guid>`) or resource group id the budget counts. */
  readonly scope: ConsumptionBudgetScope;
  /** Monthly amount, in the billing currency. */
  readonly amount: number;
  /** First month, `YYYY-MM-01` (changing it replaces the budget). */
  readonly startDate: string;
  /** Percentages of the amount at which actual cost notifies, 0-1000. @default [80, 100] */
  readonly actualThresholdsPercent?: readonly number[];
  /** Percentages of the amount at which forecast cost notifies, 0-1000. @default [100] */
  readonly forecastThresholdsPercent?: readonly number[];
  /** E-mail addresses every notification goes to. @default [] (then actionGroupId is required) */
  readonly contactEmails?: readonly string[];
  /** Monitor action group every notification triggers. @default - none (then contactEmails are required) */
  readonly actionGroupId?: string;
  /** Count only costs tagged `CostCentre` with this value (subscription scope only). @default - every cost of the scope */
  readonly costCentre?: string;
}

/**
 * A monthly Azure consumption budget on a subscription or a resource group, notifying e-mails
 * and/or a Monitor action group when actual or forecast cost crosses a percentage of the amount.
 *
 * Budgets alert, they never stop spending. Subscription budgets can count one cost centre only
 * (tag filter `CostCentre`); a resource group budget already counts that group only.
 *
 * @see https://learn.microsoft.com/azure/cost-management-billing/costs/tutorial-acm-create-budgets
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/consumption_budget_subscription
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/consumption_budget_resource_group
 */
export class ConsumptionBudget extends Construct {
  public readonly resource: ConsumptionBudgetSubscription | ConsumptionBudgetResourceGroup;

  constructor(scope: Construct, id: string, props: ConsumptionBudgetProps) {
    super(scope, id);
    const actual = props.actualThresholdsPercent ?? CONSUMPTION_BUDGET_DEFAULTS.actualThresholdsPercent;
    const forecast = props.forecastThresholdsPercent ?? CONSUMPTION_BUDGET_DEFAULTS.forecastThresholdsPercent;
    const emails = props.contactEmails ?? [];
    this.validate(props, actual, forecast, emails);

    const contacts = {
      contactEmails: emails.length > 0 ? [...emails] : undefined,
      contactGroups: props.actionGroupId !== undefined ? [props.actionGroupId] : undefined,
    };
    const notification = [
      ...actual.map((threshold) => ({ enabled: true, operator: 'GreaterThanOrEqualTo', threshold, thresholdType: 'Actual', ...contacts })),
      ...forecast.map((threshold) => ({ enabled: true, operator: 'GreaterThanOrEqualTo', threshold, thresholdType: 'Forecasted', ...contacts })),
    ];
    const common = {
      name: props.name,
      amount: props.amount,
      timeGrain: 'Monthly',
      timePeriod: { startDate: `${props.startDate}T00:00:00Z` },
      notification,
    };
    this.resource =
      'subscriptionId' in props.scope
        ? new ConsumptionBudgetSubscription(this, 'resource', {
            ...common,
            subscriptionId: props.scope.subscriptionId,
            filter: props.costCentre !== undefined ? { tag: [{ name: 'CostCentre', operator: 'In', values: [props.costCentre] }] } : undefined,
          })
        : new ConsumptionBudgetResourceGroup(this, 'resource', { ...common, resourceGroupId: props.scope.resourceGroupId });
  }

  private validate(props: ConsumptionBudgetProps, actual: readonly number[], forecast: readonly number[], emails: readonly string[]): void {
    if (known(props.amount) && !(props.amount > 0)) throw new ValidationError(this, 'amount', props.amount, 'is not an amount; use a positive number in the billing currency');
    const start = budgetStartDateProblem(props.startDate);
    if (start) throw new ValidationError(this, 'startDate', props.startDate, start);
    if ('subscriptionId' in props.scope && known(props.scope.subscriptionId) && !/^\/subscriptions\/[0-9a-f-]{36}$/i.test(props.scope.subscriptionId)) {
      throw new ValidationError(this, 'scope.subscriptionId', props.scope.subscriptionId, 'is not a subscription resource id; use "/subscriptions/<guid>"');
    }
    if ('resourceGroupId' in props.scope && props.costCentre !== undefined) {
      throw new ValidationError(this, 'costCentre', props.costCentre, 'applies to subscription budgets only: a resource group budget already counts that group only; leave it out');
    }
    for (const [field, list] of [['actualThresholdsPercent', actual], ['forecastThresholdsPercent', forecast]] as const) {
      list.forEach((t, i) => {
        const problem = budgetThresholdPercentProblem(t);
        if (problem) throw new ValidationError(this, `${field}[${i}]`, t, problem);
        if (list.indexOf(t) !== i) throw new ValidationError(this, `${field}[${i}]`, t, 'is listed twice; list each threshold once');
      });
    }
    const count = actual.length + forecast.length;
    if (count === 0 || count > CONSUMPTION_BUDGET_LIMITS.notifications) {
      throw new ValidationError(this, 'actualThresholdsPercent', actual, `with forecastThresholdsPercent gives ${count} notifications; use 1 to ${CONSUMPTION_BUDGET_LIMITS.notifications}`);
    }
    if (emails.length === 0 && props.actionGroupId === undefined) {
      throw new ValidationError(this, 'contactEmails', [], 'is empty and there is no actionGroupId; a notification needs someone to tell: give contactEmails or actionGroupId');
    }
    if (emails.length > CONSUMPTION_BUDGET_LIMITS.contactEmails) {
      throw new ValidationError(this, 'contactEmails', emails.length, `lists too many addresses; use at most ${CONSUMPTION_BUDGET_LIMITS.contactEmails}`);
    }
  }
}
