import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Testing } from 'cdktf';
import { AlertTopic } from '../../../modules/aws/alert-topic';

function synth(props: Partial<ConstructorParameters<typeof AlertTopic>[2]> = {}): string {
  return Testing.synthScope((scope) => new AlertTopic(scope, 'alerts', { name: 'test-alerts', ...props }));
}

function policy(json: string, id: string): any {
  const docs = JSON.parse(json).data.aws_iam_policy_document as Record<string, any>;
  return Object.entries(docs).find(([k]) => k.includes(id))![1];
}

describe('AlertTopic', () => {
  it('encrypts the topic with its own rotating customer key', () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
    const topic = Object.values(JSON.parse(json).resource.aws_sns_topic)[0] as any;
    expect(topic.name).toBe('test-alerts');
    expect(topic.kms_master_key_id).toMatch(/^\$\{aws_kms_key\./);
  });

  it("lets only this account's CloudWatch alarms and EventBridge rules publish, over TLS", () => {
    const statements = policy(synth(), 'topic-policy-document').statement as any[];
    const alarms = statements.find((s) => s.sid === 'AllowCloudWatchAlarmsOfThisAccount');
    expect(alarms.principals).toEqual([{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }]);
    expect(alarms.condition.map((c: any) => c.variable)).toEqual(['aws:SourceAccount', 'aws:SourceArn']);
    expect(alarms.condition[1].values[0]).toMatch(/:cloudwatch:.*:alarm:\*$/);
    const events = statements.find((s) => s.sid === 'AllowEventBridgeRulesOfThisAccount');
    expect(events.condition[1].values[0]).toMatch(/:events:.*:rule\/\*$/);
    const deny = statements.find((s) => s.sid === 'DenyInsecureTransport');
    expect(deny).toMatchObject({ effect: 'Deny', condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] });
  });

  it('lets CloudWatch, EventBridge and Budgets use the key for this account only', () => {
    const statements = policy(synth(), 'key_policy').statement as any[];
    const use = statements.find((s) => s.sid === 'AllowAlarmsAndEventsOfThisAccount');
    expect(use.principals[0].identifiers).toEqual(['cloudwatch.amazonaws.com', 'events.amazonaws.com', 'budgets.amazonaws.com']);
    expect(use.condition[0].variable).toBe('aws:SourceAccount');
  });

  it('subscribes each e-mail keyed by its address', () => {
    const json = synth({ emails: ['ops@example.com', 'oncall@example.com'] });
    expect(json).toHaveResourceWithProperties(SnsTopicSubscription, { protocol: 'email', endpoint: 'ops@example.com' });
    const ids = Object.keys(JSON.parse(json).resource.aws_sns_topic_subscription);
    expect(ids.some((id) => id.includes('email-ops-example-com'))).toBe(true);
    expect(ids.some((id) => id.includes('email-oncall-example-com'))).toBe(true);
  });

  it.each([
    ['a bad name', { name: 'bad name' }, /prop name "bad name" is not a topic name; use 1 to 256 letters, digits, - and _/],
    ['a bad e-mail', { emails: ['nobody'] }, /prop emails\[0\] "nobody" is not an e-mail address; use e\.g\. "ops@example\.com"/],
    ['an e-mail listed twice', { emails: ['a@example.com', 'a@example.com'] }, /emails/],
  ])('rejects %s', (_, props, pattern) => {
    expect(() => synth(props)).toThrow(pattern);
  });
});

describe('AlertTopic and AWS Budgets', () => {
  it('lets the account\'s budgets publish (with source conditions) and use the key', () => {
    const json = JSON.parse(Testing.synthScope((s) => new AlertTopic(s, 'alerts', { name: 'test-alerts' })));
    const docs = Object.values<any>(json.data.aws_iam_policy_document);
    const budgets = docs.flatMap((d) => d.statement).filter((st: any) => st.principals?.[0]?.identifiers?.includes('budgets.amazonaws.com'));
    expect(budgets.map((st: any) => st.actions)).toEqual(expect.arrayContaining([['sns:Publish'], ['kms:Decrypt', 'kms:GenerateDataKey*']]));
    const publish = budgets.find((st: any) => st.actions.includes('sns:Publish'));
    expect(publish.condition.map((c: any) => c.variable)).toEqual(['aws:SourceAccount', 'aws:SourceArn']);
  });
});
