import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Testing } from 'cdktf';
import type { AwsAlertsStack } from '../../../stacks/aws-alerts/aws-alerts-stack';
import { awsAlertsFamily } from '../../../stacks/aws-alerts/family';
import { familyStack, testEnvironment } from '../../helpers/environment';

function build(alerts: Record<string, any> = {}): AwsAlertsStack {
  return familyStack<AwsAlertsStack>(awsAlertsFamily, testEnvironment({ aws: { alerts: { enabled: true, ...alerts } } }));
}

describe('AwsAlertsStack', () => {
  it('makes the <env>-alerts topic with its customer key and the e-mail subscriptions', () => {
    const json = Testing.synth(build({ emails: ['oncall@example.com'] }));
    expect(json).toHaveResourceWithProperties(SnsTopic, { name: 'test-alerts' });
    expect(json).toHaveResourceWithProperties(SnsTopicSubscription, { protocol: 'email', endpoint: 'oncall@example.com' });
  });

  it('publishes the topic and key for the compute stacks', () => {
    const stack = build();
    const output = JSON.parse(Testing.synth(stack)).output;
    expect(output.topic_arn.value).toMatch(/^\$\{aws_sns_topic\.alerts_topic_[0-9A-F]+\.arn\}$/);
    expect(output.kms_key_arn.value).toMatch(/^\$\{aws_kms_key\./);
    expect(Object.keys(stack.outputs).sort()).toEqual(['kmsKeyArn', 'topicArn']);
  });

  it('configures the AWS provider and the S3 backend', () => {
    const json = JSON.parse(Testing.synth(build()));
    expect(json.provider.aws[0]).toMatchObject({ region: 'eu-west-1', allowed_account_ids: ['123456789012'] });
    expect(json.terraform.backend.s3).toMatchObject({ key: 'test/test-aws-alerts.tfstate', encrypt: true });
  });
});
