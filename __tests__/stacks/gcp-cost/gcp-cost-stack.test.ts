import { BillingBudget } from '@cdktf/provider-google/lib/billing-budget';
import { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { Testing } from 'cdktf';
import { gcpCostFamily } from '../../../stacks/gcp-cost/family';
import type { GcpCostStack } from '../../../stacks/gcp-cost/gcp-cost-stack';
import { familyStack } from '../../helpers/environment';
import { gcpEnvironment } from '../gcp-events/gcp-test-env';

function synth(cost: Record<string, any> = {}): { json: any; text: string } {
  const env = gcpEnvironment({ gcp: { cost: { enabled: true, billingAccount: '01ABCD-23EF45-6789AB', monthlyAmount: 300, currency: 'EUR', ...cost } } });
  const text = Testing.synth(familyStack<GcpCostStack>(gcpCostFamily, env));
  return { json: JSON.parse(text), text };
}
const budgetOf = (json: any): any => Object.values<any>(json.resource.google_billing_budget)[0];

describe('GcpCostStack', () => {
  const { json, text } = synth({ emails: ['finance@example.com'] });
  const budget = budgetOf(json);

  it('enables the budget, monitoring and Pub/Sub APIs', () => {
    for (const api of ['billingbudgets.googleapis.com', 'monitoring.googleapis.com', 'pubsub.googleapis.com']) {
      expect(text).toHaveResourceWithProperties(ProjectService, { service: api, disable_on_destroy: false });
    }
  });

  it("budgets the environment's project monthly, in the configured currency", () => {
    expect(budget).toMatchObject({
      billing_account: '01ABCD-23EF45-6789AB',
      display_name: 'test-monthly',
      amount: { specified_amount: { currency_code: 'EUR', units: '300' } },
    });
    expect(budget.budget_filter.projects).toEqual(['projects/${data.google_project.project.number}']);
  });

  it("counts only spend labelled with the environment's cost centre", () => {
    expect(budget.budget_filter.labels).toEqual({ 'cost-centre': 'cc-1' });
    expect(budgetOf(synth({ filterByCostCentre: false }).json).budget_filter.labels).toBeUndefined();
  });

  it('notifies a CMEK topic only Cloud Billing may publish to, and the e-mail channels', () => {
    const topic = Object.values<any>(json.resource.google_pubsub_topic)[0];
    expect(topic).toMatchObject({ name: 'test-budget-alerts', kms_key_name: expect.stringMatching(/google_kms_crypto_key\./) });
    expect(text).toHaveResourceWithProperties(PubsubTopicIamMember, { role: 'roles/pubsub.publisher', member: 'serviceAccount:billing-budget-alert@system.gserviceaccount.com' });
    expect(text).toHaveResourceWithProperties(MonitoringNotificationChannel, { type: 'email', labels: { email_address: 'finance@example.com' } });
    expect(budget.all_updates_rule).toMatchObject({ pubsub_topic: expect.stringMatching(/google_pubsub_topic\.topic_[^.]+\.id/), schema_version: '1.0', disable_default_iam_recipients: false });
    expect(budget.all_updates_rule.monitoring_notification_channels).toHaveLength(1);
  });

  it('can use a Google-managed key for the topic', () => {
    const j = synth({ pubsub: { cmek: false } }).json;
    expect(Object.values<any>(j.resource.google_pubsub_topic)[0].kms_key_name).toBeUndefined();
    expect(j.resource.google_kms_crypto_key).toBeUndefined();
  });

  it('has no topic when pubsub is off', () => {
    const { json: j, text: t } = synth({ pubsub: { enabled: false }, emails: ['finance@example.com'] });
    expect(j.resource.google_pubsub_topic).toBeUndefined();
    expect(t).toHaveResourceWithProperties(BillingBudget, { all_updates_rule: expect.not.objectContaining({ pubsub_topic: expect.anything() }) });
  });
});
