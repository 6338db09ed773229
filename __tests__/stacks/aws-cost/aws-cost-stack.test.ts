import { BudgetsBudget } from '@cdktf/provider-aws/lib/budgets-budget';
import { CeCostAllocationTag } from '@cdktf/provider-aws/lib/ce-cost-allocation-tag';
import { Testing } from 'cdktf';
import { awsCostFamily } from '../../../stacks/aws-cost/family';
import type { AwsAlertsOutputs } from '../../../stacks/contracts';
import { environmentProblems, familyStack, testEnvironment } from '../../helpers/environment';
import { validateStack } from '../../helpers/terraform';

const ALERTS: AwsAlertsOutputs = { topicArn: 'arn:aws:sns:eu-west-1:123456789012:test-alerts', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/alerts' };

function synth(cost: Record<string, any> = {}): string {
  const env = testEnvironment({ aws: { alerts: { enabled: true }, cost: { enabled: true, ...cost } } });
  return Testing.synth(familyStack(awsCostFamily, env, { 'aws-alerts': ALERTS }));
}

describe('AwsCostStack', () => {
  const json = synth({ monthlyLimitUsd: 500 });

  it('budgets the month, filtered by the environment CostCentre, notifying the alert topic', () => {
    expect(json).toHaveResourceWithProperties(BudgetsBudget, {
      name: 'test-monthly',
      limit_amount: '500.00',
      cost_filter: [{ name: 'TagKeyValue', values: ['user:CostCentre$cc-1'] }],
      notification: [
        expect.objectContaining({ notification_type: 'ACTUAL', threshold: 80, subscriber_sns_topic_arns: [ALERTS.topicArn] }),
        expect.objectContaining({ notification_type: 'ACTUAL', threshold: 100 }),
        expect.objectContaining({ notification_type: 'FORECASTED', threshold: 100 }),
      ],
    });
  });

  it('activates CostCentre and Owner as cost-allocation tags, unless told not to', () => {
    expect(json).toHaveResourceWithProperties(CeCostAllocationTag, { tag_key: 'CostCentre', status: 'Active' });
    expect(json).toHaveResourceWithProperties(CeCostAllocationTag, { tag_key: 'Owner', status: 'Active' });
    expect(synth({ activateCostAllocationTags: false })).not.toHaveResource(CeCostAllocationTag);
  });

  it('counts the whole account when filterByCostCentre is off', () => {
    const budget = Object.values(JSON.parse(synth({ filterByCostCentre: false })).resource.aws_budgets_budget)[0] as Record<string, unknown>;
    expect(budget.cost_filter).toBeUndefined();
  });
});

describe('AwsCostStack with terraform', () => {
  it('passes terraform validate', () => {
    const env = testEnvironment({ aws: { alerts: { enabled: true }, cost: { enabled: true, emails: ['finance@example.com'] } } });
    expect(validateStack(familyStack(awsCostFamily, env, { 'aws-alerts': ALERTS }))).toMatchObject({ status: 'valid' });
  });
});

describe('aws.cost config', () => {
  it('rejects a threshold above 1000 % with file, field path, value and what is allowed', () => {
    expect(environmentProblems({ aws: { alerts: { enabled: true }, cost: { enabled: true, actualThresholdsPercent: [80, 1200] } } })).toEqual([
      'config/test.yaml: aws.cost.actualThresholdsPercent[1] 1200 is not a threshold; use 1 to 1000 percent of the limit',
    ]);
  });

  it('needs the alert topic', () => {
    expect(environmentProblems({ aws: { cost: { enabled: true } } })).toEqual([
      'config/test.yaml: aws.cost.enabled true needs the alert topic the budget notifies; set aws.alerts.enabled: true or aws.cost.enabled: false',
    ]);
  });

  it('rejects a threshold listed twice', () => {
    expect(environmentProblems({ aws: { alerts: { enabled: true }, cost: { enabled: true, forecastThresholdsPercent: [100, 100] } } })).toEqual([
      'config/test.yaml: aws.cost.forecastThresholdsPercent[1] 100 is listed twice; list each threshold once',
    ]);
  });
});
