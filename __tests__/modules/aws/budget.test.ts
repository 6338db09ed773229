import { BudgetsBudget } from '@cdktf/provider-aws/lib/budgets-budget';
import { Testing } from 'cdktf';
import { Budget, type BudgetProps } from '../../../modules/aws/budget';
import { ValidationError } from '../../../modules/core/validation-error';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:test-alerts';
const BASE: BudgetProps = { name: 'test-monthly', limitUsd: 250, topicArn: TOPIC };

function synth(props: Partial<BudgetProps> = {}): string {
  return Testing.synthScope((scope) => new Budget(scope, 'budget', { ...BASE, ...props }));
}

describe('Budget', () => {
  it('is a monthly cost budget in USD', () => {
    expect(synth()).toHaveResourceWithProperties(BudgetsBudget, { name: 'test-monthly', budget_type: 'COST', time_unit: 'MONTHLY', limit_amount: '250.00', limit_unit: 'USD' });
  });

  it('notifies the topic on actual spend at 80 and 100 % and forecast spend at 100 % by default', () => {
    const n = (type: string, threshold: number) => ({ comparison_operator: 'GREATER_THAN', notification_type: type, threshold, threshold_type: 'PERCENTAGE', subscriber_sns_topic_arns: [TOPIC] });
    expect(synth()).toHaveResourceWithProperties(BudgetsBudget, { notification: [n('ACTUAL', 80), n('ACTUAL', 100), n('FORECASTED', 100)] });
  });

  it('notifies e-mails too and filters by cost-allocation tag', () => {
    const out = synth({ emails: ['finance@example.com'], actualThresholdsPercent: [150], forecastThresholdsPercent: [], costAllocationTags: { CostCentre: 'cc-1' } });
    expect(out).toHaveResourceWithProperties(BudgetsBudget, {
      cost_filter: [{ name: 'TagKeyValue', values: ['user:CostCentre$cc-1'] }],
      notification: [expect.objectContaining({ threshold: 150, subscriber_email_addresses: ['finance@example.com'] })],
    });
  });

  it('counts the whole account without cost-allocation tags', () => {
    const budget = Object.values(JSON.parse(synth()).resource.aws_budgets_budget)[0] as Record<string, unknown>;
    expect(budget.cost_filter).toBeUndefined();
  });

  it.each([
    [{ actualThresholdsPercent: [1001] }, /actualThresholdsPercent\[0\] 1001 is not a threshold; use 1 to 1000 percent of the limit/],
    [{ forecastThresholdsPercent: [0] }, /forecastThresholdsPercent\[0\] 0 is not a threshold; use 1 to 1000 percent/],
    [{ actualThresholdsPercent: [80, 80] }, /actualThresholdsPercent\[1\] 80 is listed twice/],
    [{ limitUsd: 0 }, /limitUsd 0 is not a limit; use a positive amount of US dollars/],
    [{ topicArn: undefined }, /topicArn \(missing\) and emails are both missing/],
    [{ emails: ['nope'] }, /emails\[0\] "nope" is not an e-mail address/],
    [{ actualThresholdsPercent: [], forecastThresholdsPercent: [] }, /gives 0 notifications; use 1 to 10/],
  ])('rejects %j', (props, pattern) => {
    expect(() => synth(props as Partial<BudgetProps>)).toThrow(ValidationError);
    expect(() => synth(props as Partial<BudgetProps>)).toThrow(pattern);
  });
});
