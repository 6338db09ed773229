import { BillingBudget as BillingBudgetResource } from '@cdktf/provider-google/lib/billing-budget';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { idFromValue } from './private/serverless';

/** Defaults of {@link BillingBudget}, for the config layer. */
export const BILLING_BUDGET_DEFAULTS = {
  currency: 'USD',
  actualThresholdsPercent: [50, 80, 100],
  forecastThresholdsPercent: [100],
  disableDefaultIamRecipients: false,
} as const;

/**
 * Limits of Cloud Billing budgets.
 *
 * @see https://cloud.google.com/billing/docs/how-to/budgets#budget-actions
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/billing_budget
 */
export const BILLING_BUDGET_LIMITS = {
  minThresholdPercent: 1,
  maxThresholdPercent: 1000,
  /** Monitoring notification channels per budget. */
  maxNotificationChannels: 5,
  maxDisplayNameLength: 60,
} as const;

/** Billing account ids: three groups of six upper-case hex digits. */
export const BILLING_ACCOUNT_ID = /^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/;

/** Why a billing account id is not one, or undefined (tokens pass). */
export function billingAccountProblem(id: string): string | undefined {
  if (Token.isUnresolved(id) || BILLING_ACCOUNT_ID.test(id)) return undefined;
  return 'is not a billing account id; use XXXXXX-XXXXXX-XXXXXX (upper-case hex digits), e.g. "01ABCD-23EF45-6789AB"';
}

/** Why a threshold is out of range, or undefined. */
export function budgetThresholdProblem(percent: number): string | undefined {
  const L = BILLING_BUDGET_LIMITS;
  if (Token.isUnresolved(percent) || (Number.isFinite(percent) && percent >= L.minThresholdPercent && percent <= L.maxThresholdPercent)) return undefined;
  return `is out of range; use ${L.minThresholdPercent}-${L.maxThresholdPercent} percent of the budget`;
}

/** ISO 4217 currency codes: three upper-case letters (the billing account's currency). */
export const CURRENCY_CODE = /^[A-Z]{3}$/;

/** Props of {@link BillingBudget}. */
export interface BillingBudgetProps {
  /** Project whose spend is budgeted (the notification channels live here too). */
  readonly project: string;
  /** Billing account id, `XXXXXX-XXXXXX-XXXXXX`. */
  readonly billingAccount: string;
  /** Display name (at most 60 characters). */
  readonly displayName: string;
  /** Monthly amount, in whole units of `currency`. */
  readonly monthlyAmount: number;
  /** Currency (ISO 4217); must be the billing account's currency. @default 'USD' */
  readonly currency?: string;
  /** Percent of the amount at which actual spend notifies (1-1000). @default [50, 80, 100] */
  readonly actualThresholdsPercent?: readonly number[];
  /** Percent of the amount at which forecast spend notifies (1-1000). @default [100] */
  readonly forecastThresholdsPercent?: readonly number[];
  /** Pub/Sub topic id (`projects/<p>/topics/<name>`) the budget publishes to. @default - none */
  readonly pubsubTopic?: string;
  /** E-mail addresses notified through Cloud Monitoring e-mail channels (at most 5). @default [] */
  readonly emails?: readonly string[];
  /** Stop e-mailing the billing account's admins and users. @default false */
  readonly disableDefaultIamRecipients?: boolean;
  /** Count only spend on resources with this label (one key at most). @default - all spend of the project */
  readonly labels?: Record<string, string>;
  /** Project number (the filter takes `projects/<number>`). @default - read with a `google_project` data source */
  readonly projectNumber?: string;
}

/**
 * A monthly Cloud Billing budget for one project: thresholds on actual and forecast spend,
 * notifications to a Pub/Sub topic and/or e-mail notification channels, optionally filtered by
 * resource labels.
 *
 * A budget notifies and never stops spending.
 *
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/billing_budget
 * @see https://cloud.google.com/billing/docs/how-to/budgets-programmatic-notifications
 */
export class BillingBudget extends Construct {
  /** The budget. */
  public readonly budget: BillingBudgetResource;
  /** The e-mail channels, keyed by address. */
  public readonly channels: Record<string, MonitoringNotificationChannel> = {};

  constructor(scope: Construct, id: string, props: BillingBudgetProps) {
    super(scope, id);
    const D = BILLING_BUDGET_DEFAULTS;
    const L = BILLING_BUDGET_LIMITS;
    const currency = props.currency ?? D.currency;
    const actual = props.actualThresholdsPercent ?? D.actualThresholdsPercent;
    const forecast = props.forecastThresholdsPercent ?? D.forecastThresholdsPercent;
    const emails = props.emails ?? [];
    const fail = (prop: string, value: unknown, problem: string | undefined) => {
      if (problem) throw new ValidationError(this, prop, value, problem);
    };

    fail('billingAccount', props.billingAccount, billingAccountProblem(props.billingAccount));
    if (!Token.isUnresolved(props.displayName) && (props.displayName.length === 0 || props.displayName.length > L.maxDisplayNameLength)) {
      fail('displayName', props.displayName, `is not 1-${L.maxDisplayNameLength} characters; use a shorter name`);
    }
    if (!Token.isUnresolved(props.monthlyAmount) && !(Number.isInteger(props.monthlyAmount) && props.monthlyAmount > 0)) {
      fail('monthlyAmount', props.monthlyAmount, 'is not an amount; use a positive whole number of currency units');
    }
    if (!Token.isUnresolved(currency) && !CURRENCY_CODE.test(currency)) {
      fail('currency', currency, 'is not a currency code; use the billing account\'s ISO 4217 code, e.g. "USD" or "EUR"');
    }
    for (const [prop, list] of [
      ['actualThresholdsPercent', actual],
      ['forecastThresholdsPercent', forecast],
    ] as const) {
      list.forEach((t, i) => {
        fail(`${prop}[${i}]`, t, budgetThresholdProblem(t));
        if (list.indexOf(t) !== i) fail(`${prop}[${i}]`, t, 'is listed twice; list each threshold once');
      });
    }
    if (actual.length + forecast.length === 0) {
      fail('actualThresholdsPercent', actual, 'and forecastThresholdsPercent are both empty; give at least one threshold');
    }
    if (emails.length > L.maxNotificationChannels) {
      fail('emails', emails, `are too many; a budget takes at most ${L.maxNotificationChannels} notification channels`);
    }
    emails.forEach((e, i) => {
      if (!Token.isUnresolved(e) && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e)) fail(`emails[${i}]`, e, 'is not an e-mail address; use e.g. "finance@example.com"');
    });
    if (props.disableDefaultIamRecipients && emails.length === 0 && props.pubsubTopic === undefined) {
      fail('disableDefaultIamRecipients', true, 'leaves the budget with nobody to notify; give emails or a pubsubTopic, or keep the default recipients');
    }

    // The budget filter takes one label (key and value) at most.
    // @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/billing_budget#labels
    if (props.labels && Object.keys(props.labels).length > 1) {
      fail('labels', props.labels, 'have more than one key; a budget filters on one label at most');
    }

    for (const email of new Set(emails)) {
      this.channels[email] = new MonitoringNotificationChannel(this, `email-${idFromValue(email)}`, {
        project: props.project,
        displayName: `Budget ${props.displayName}: ${email}`,
        type: 'email',
        labels: { email_address: email },
      });
    }

    const projectNumber = props.projectNumber ?? new DataGoogleProject(this, 'project', { projectId: props.project }).number;
    this.budget = new BillingBudgetResource(this, 'budget', {
      billingAccount: props.billingAccount,
      displayName: props.displayName,
      amount: { specifiedAmount: { currencyCode: currency, units: String(props.monthlyAmount) } },
      budgetFilter: {
        projects: [`projects/${projectNumber}`],
        calendarPeriod: 'MONTH',
        creditTypesTreatment: 'INCLUDE_ALL_CREDITS',
        labels: props.labels && Object.keys(props.labels).length ? { ...props.labels } : undefined,
      },
      thresholdRules: [
        ...actual.map((t) => ({ thresholdPercent: t / 100, spendBasis: 'CURRENT_SPEND' })),
        ...forecast.map((t) => ({ thresholdPercent: t / 100, spendBasis: 'FORECASTED_SPEND' })),
      ],
      allUpdatesRule: {
        pubsubTopic: props.pubsubTopic,
        schemaVersion: props.pubsubTopic !== undefined ? '1.0' : undefined,
        monitoringNotificationChannels: Object.values(this.channels).map((c) => c.id),
        disableDefaultIamRecipients: props.disableDefaultIamRecipients ?? D.disableDefaultIamRecipients,
      },
    });
  }
}
