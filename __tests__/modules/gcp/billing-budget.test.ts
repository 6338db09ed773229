import { BillingBudget as BillingBudgetResource } from '@cdktf/provider-google/lib/billing-budget';
import { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import { TerraformStack, Testing } from 'cdktf';
import { BillingBudget, type BillingBudgetProps } from '../../../modules/gcp/billing-budget';

const BASE: BillingBudgetProps = {
  project: 'acme-test-1',
  projectNumber: '123456789012',
  billingAccount: '01ABCD-23EF45-6789AB',
  displayName: 'test-monthly',
  monthlyAmount: 200,
};

function build(patch: Partial<BillingBudgetProps> = {}): { json: any; text: string } {
  const stack = new TerraformStack(Testing.app(), 'test');
  new BillingBudget(stack, 'budget', { ...BASE, ...patch });
  const text = Testing.synth(stack);
  return { json: JSON.parse(text), text };
}
const budgetOf = (json: any): any => Object.values<any>(json.resource.google_billing_budget)[0];

describe('BillingBudget', () => {
  const budget = budgetOf(build().json);

  it('budgets a monthly amount of the project only', () => {
    expect(budget).toMatchObject({
      billing_account: '01ABCD-23EF45-6789AB',
      display_name: 'test-monthly',
      amount: { specified_amount: { currency_code: 'USD', units: '200' } },
    });
    expect(budget.budget_filter).toMatchObject({ projects: ['projects/123456789012'], calendar_period: 'MONTH' });
  });

  it('notifies on actual spend at 50, 80, 100 % and forecast spend at 100 %', () => {
    expect(budget.threshold_rules).toEqual([
      { threshold_percent: 0.5, spend_basis: 'CURRENT_SPEND' },
      { threshold_percent: 0.8, spend_basis: 'CURRENT_SPEND' },
      { threshold_percent: 1, spend_basis: 'CURRENT_SPEND' },
      { threshold_percent: 1, spend_basis: 'FORECASTED_SPEND' },
    ]);
  });

  it('keeps the default recipients unless told otherwise', () => {
    expect(budget.all_updates_rule.disable_default_iam_recipients).toBe(false);
  });

  it('sends to a topic and e-mail channels', () => {
    const { json, text } = build({ pubsubTopic: 'projects/acme-test-1/topics/test-budget-alerts', emails: ['finance@example.com'], disableDefaultIamRecipients: true });
    expect(text).toHaveResourceWithProperties(MonitoringNotificationChannel, { type: 'email', labels: { email_address: 'finance@example.com' } });
    expect(budgetOf(json).all_updates_rule).toEqual({
      pubsub_topic: 'projects/acme-test-1/topics/test-budget-alerts',
      schema_version: '1.0',
      monitoring_notification_channels: [expect.stringMatching(/^\$\{google_monitoring_notification_channel\.budget_email-finance-example-com_[^.]+\.id\}$/)],
      disable_default_iam_recipients: true,
    });
  });

  it('filters by a label', () => {
    expect(build({ labels: { 'cost-centre': 'cc-1' } }).text).toHaveResourceWithProperties(BillingBudgetResource, {
      budget_filter: expect.objectContaining({ labels: { 'cost-centre': 'cc-1' } }),
    });
  });

  describe('rejects', () => {
    it.each<[string, Partial<BillingBudgetProps>, RegExp]>([
      ['a lower-case billing account', { billingAccount: '01abcd-23ef45-6789ab' }, /prop billingAccount "01abcd-23ef45-6789ab" is not a billing account id; use XXXXXX-XXXXXX-XXXXXX \(upper-case hex digits\)/],
      ['a billing account of the wrong shape', { billingAccount: '01ABCD23EF456789AB' }, /prop billingAccount "01ABCD23EF456789AB" is not a billing account id/],
      ['a threshold of 0', { actualThresholdsPercent: [0] }, /prop actualThresholdsPercent\[0\] 0 is out of range; use 1-1000 percent/],
      ['a threshold over 1000', { forecastThresholdsPercent: [1001] }, /prop forecastThresholdsPercent\[0\] 1001 is out of range; use 1-1000 percent/],
      ['a threshold twice', { actualThresholdsPercent: [80, 80] }, /prop actualThresholdsPercent\[1\] 80 is listed twice/],
      ['no threshold', { actualThresholdsPercent: [], forecastThresholdsPercent: [] }, /prop actualThresholdsPercent \[\] and forecastThresholdsPercent are both empty/],
      ['a currency that is not a code', { currency: 'euro' }, /prop currency "euro" is not a currency code/],
      ['six e-mail addresses', { emails: ['a@x.io', 'b@x.io', 'c@x.io', 'd@x.io', 'e@x.io', 'f@x.io'] }, /prop emails .* are too many; a budget takes at most 5/],
      ['nobody to notify', { disableDefaultIamRecipients: true }, /prop disableDefaultIamRecipients true leaves the budget with nobody to notify/],
      ['two filter labels', { labels: { a: '1', b: '2' } }, /prop labels .* have more than one key; a budget filters on one label at most/],
      ['a fractional amount', { monthlyAmount: 10.5 }, /prop monthlyAmount 10.5 is not an amount; use a positive whole number/],
    ])('%s', (_, patch, pattern) => {
      expect(() => build(patch)).toThrow(pattern);
    });
  });
});
