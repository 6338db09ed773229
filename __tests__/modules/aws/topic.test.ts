import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Testing } from 'cdktf';
import { Topic, type TopicProps } from '../../../modules/aws/topic';

const PUBLISHER = 'arn:aws:iam::123456789012:role/test-api-handler';
const QUEUE = 'arn:aws:sqs:eu-west-1:123456789012:test-work';
const FN = 'arn:aws:lambda:eu-west-1:123456789012:function:test-worker:live';

function synth(props: Partial<TopicProps> = {}): string {
  return Testing.synthScope((scope) => {
    new Topic(scope, 'topic', {
      topicName: 'test-items',
      publisherRoleArns: [PUBLISHER],
      subscriptions: { work: { protocol: 'sqs', endpoint: QUEUE, filterPolicy: '{"type": ["created"]}', rawMessageDelivery: true }, worker: { protocol: 'lambda', endpoint: FN } },
      alarmTopicArn: 'arn:aws:sns:eu-west-1:123456789012:alerts',
      ...props,
    });
  });
}
const statements = (json: string) => Object.values<any>(JSON.parse(json).data.aws_iam_policy_document).flatMap((d) => d.statement);

describe('Topic', () => {
  it('encrypts the topic and its delivery dead-letter queue with its own key', () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(SnsTopic, { name: 'test-items', kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.topic_key_[A-Z0-9]+\.arn\}$/) });
    expect(json).toHaveResourceWithProperties(SqsQueue, { name: 'test-items-delivery-dlq', kms_master_key_id: expect.stringMatching(/aws_kms_key/) });
  });

  it('lets only the named publishers publish, and only over TLS', () => {
    const st = statements(synth());
    const publish = st.filter((s: any) => s.actions.includes('sns:Publish'));
    expect(publish.map((s: any) => [s.effect, s.principals])).toEqual([
      ['Deny', [{ type: '*', identifiers: ['*'] }]],
      ['Allow', [{ type: 'AWS', identifiers: [PUBLISHER] }]],
    ]);
    expect(publish[0].condition).toEqual([{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }]);
  });

  it('subscribes with the filter policy, raw delivery and the delivery dead-letter queue', () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(SnsTopicSubscription, { protocol: 'sqs', endpoint: QUEUE, filter_policy: '{"type": ["created"]}', raw_message_delivery: true, redrive_policy: expect.stringMatching(/delivery-dead-letter-queue/) });
    expect(json).toHaveResourceWithProperties(SnsTopicSubscription, { protocol: 'lambda', endpoint: FN, redrive_policy: expect.stringMatching(/delivery-dead-letter-queue/) });
    expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: 'test-items-delivery-dlq-depth', threshold: 0 });
  });

  it('lets SNS invoke a Lambda subscriber only for this topic', () => {
    expect(synth()).toHaveResourceWithProperties(LambdaPermission, { function_name: FN, principal: 'sns.amazonaws.com', source_arn: expect.stringMatching(/^\$\{aws_sns_topic\.topic_[A-Z0-9]+\.arn\}$/) });
  });

  it.each([
    ['a filter policy that is not JSON', { work: { protocol: 'sqs', endpoint: QUEUE, filterPolicy: '{type: created}' } }, /prop subscriptions\.work\.filterPolicy "\{type: created\}" is not valid JSON .*; write the filter policy as a JSON object/],
    ['raw delivery to email', { mail: { protocol: 'email', endpoint: 'ops@example.com', rawMessageDelivery: true } }, /prop subscriptions\.mail\.rawMessageDelivery true is not possible for protocol "email"; raw delivery is for sqs, https/],
    ['an unknown protocol', { x: { protocol: 'sms', endpoint: '+100' } }, /prop subscriptions\.x\.protocol "sms" is not supported; use one of sqs, lambda, https, email/],
    ['an http endpoint', { hook: { protocol: 'https', endpoint: 'http://example.com/hook' } }, /prop subscriptions\.hook\.endpoint "http:\/\/example\.com\/hook" is not an https URL/],
  ])('refuses %s', (_name, subscriptions, pattern) => {
    expect(() => synth({ subscriptions: subscriptions as TopicProps['subscriptions'] })).toThrow(pattern);
  });
});
