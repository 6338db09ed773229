import { CloudwatchEventArchive } from '@cdktf/provider-aws/lib/cloudwatch-event-archive';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { Testing } from 'cdktf';
import { EventBus, type EventBusProps, eventPatternProblem } from '../../../modules/aws/event-bus';

const FN = 'arn:aws:lambda:eu-west-1:123456789012:function:test-worker:live';
const SM = 'arn:aws:states:eu-west-1:123456789012:stateMachine:test-pipeline';
const PATTERN = '{"source": ["app.items"]}';

function synth(props: Partial<EventBusProps> = {}): any {
  return JSON.parse(
    Testing.synthScope((scope) => {
      new EventBus(scope, 'bus', {
        busName: 'test-events',
        rules: { received: { eventPattern: PATTERN, targets: { pipeline: { kind: 'state-machine', arn: SM }, worker: { kind: 'lambda', arn: FN } } } },
        alarmTopicArn: 'arn:aws:sns:eu-west-1:123456789012:alerts',
        ...props,
      });
    }),
  );
}
const json = (props: Partial<EventBusProps> = {}) => JSON.stringify(synth(props));
const statements = (s: any) => Object.values<any>(s.data.aws_iam_policy_document).flatMap((d) => d.statement);

describe('EventBus', () => {
  it('keeps the bus events in an archive for 30 days by default', () => {
    expect(json()).toHaveResourceWithProperties(CloudwatchEventArchive, { name: 'test-events-archive', retention_days: 30 });
    expect(json({ archiveRetentionDays: 90 })).toHaveResourceWithProperties(CloudwatchEventArchive, { retention_days: 90 });
  });

  it('creates each rule on the bus from its pattern', () => {
    expect(json()).toHaveResourceWithProperties(CloudwatchEventRule, { name: 'test-events-received', event_pattern: PATTERN });
  });

  it('gives every target a retry policy and the encrypted dead-letter queue, which alarms', () => {
    const s = synth();
    const targets = Object.values<any>(s.resource.aws_cloudwatch_event_target);
    expect(targets).toHaveLength(2);
    for (const t of targets) {
      expect(t.retry_policy).toEqual({ maximum_retry_attempts: 8, maximum_event_age_in_seconds: 3600 });
      expect(t.dead_letter_config.arn).toMatch(/aws_sqs_queue\.bus_dead-letter-queue/);
    }
    expect(JSON.stringify(s)).toHaveResourceWithProperties(SqsQueue, { name: 'test-events-events-dlq', kms_master_key_id: expect.stringMatching(/aws_kms_key/) });
    expect(JSON.stringify(s)).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: 'test-events-events-dlq-depth', threshold: 0 });
    const dlq = statements(s).find((st: any) => st.sid === 'AllowRulesOfThisBus');
    expect(dlq.principals).toEqual([{ type: 'Service', identifiers: ['events.amazonaws.com'] }]);
    expect(dlq.condition[0].values[0]).toMatch(/rule\/test-events\/\*$/);
  });

  it('lets EventBridge invoke a Lambda target only from its rule', () => {
    expect(json()).toHaveResourceWithProperties(LambdaPermission, { function_name: FN, principal: 'events.amazonaws.com', source_arn: expect.stringMatching(/aws_cloudwatch_event_rule\.bus_rule-received/) });
  });

  it('starts a state machine target with a role that may start exactly that state machine', () => {
    const s = synth();
    const target = Object.values<any>(s.resource.aws_cloudwatch_event_target).find((t) => t.arn === SM);
    expect(target.role_arn).toMatch(/aws_iam_role\.bus_target-role/);
    const start = statements(s).filter((st: any) => st.actions.some((a: string) => a.startsWith('states:')));
    expect(start).toEqual([{ sid: 'StartNamedStateMachines', effect: 'Allow', actions: ['states:StartExecution'], resources: [SM] }]);
    const lambdaTarget = Object.values<any>(s.resource.aws_cloudwatch_event_target).find((t) => t.arn === FN);
    expect(lambdaTarget.role_arn).toBeUndefined();
  });

  it('has no target role and no bus policy when nothing needs them', () => {
    const s = synth({ rules: { received: { eventPattern: PATTERN, targets: { worker: { kind: 'lambda', arn: FN } } } } });
    expect(s.resource.aws_iam_role).toBeUndefined();
    expect(s.resource.aws_cloudwatch_event_bus_policy).toBeUndefined();
  });

  it('passes the input transformer through', () => {
    const s = json({ rules: { received: { eventPattern: PATTERN, targets: { worker: { kind: 'lambda', arn: FN, inputTransformer: { inputPaths: { id: '$.detail.id' }, inputTemplate: '{"id": <id>}' } } } } } });
    expect(s).toHaveResourceWithProperties(CloudwatchEventTarget, { input_transformer: { input_paths: { id: '$.detail.id' }, input_template: '{"id": <id>}' } });
  });

  it('lets only the named source accounts and publisher roles put events', () => {
    const s = synth({ allowedSourceAccounts: ['210987654321'], publisherRoleArns: ['arn:aws:iam::123456789012:role/test-worker'] });
    const put = statements(s).filter((st: any) => st.actions.includes('events:PutEvents'));
    expect(put.map((st: any) => [st.sid, st.principals])).toEqual([
      ['AllowNamedSourceAccounts', [{ type: 'AWS', identifiers: [expect.stringMatching(/:iam::210987654321:root$/)] }]],
      ['AllowNamedPublishers', [{ type: 'AWS', identifiers: ['arn:aws:iam::123456789012:role/test-worker'] }]],
    ]);
    expect(s.resource.aws_cloudwatch_event_bus_policy).toBeDefined();
  });

  it.each([
    ['a pattern that is not JSON', { rules: { r: { eventPattern: '{source: app}', targets: { t: { kind: 'lambda', arn: FN } } } } }, /prop rules\.r\.eventPattern "\{source: app\}" is not valid JSON .*; write the pattern as a JSON object/],
    ['a pattern that is not an object', { rules: { r: { eventPattern: '[]', targets: { t: { kind: 'lambda', arn: FN } } } } }, /prop rules\.r\.eventPattern "\[\]" is not a non-empty JSON object/],
    ['an unknown target kind', { rules: { r: { eventPattern: PATTERN, targets: { t: { kind: 'kinesis', arn: FN } } } } }, /prop rules\.r\.targets\.t\.kind "kinesis" is not a target kind; use one of lambda, sqs, state-machine, event-bus/],
    ['a rule without targets', { rules: { r: { eventPattern: PATTERN, targets: {} } } }, /prop rules\.r\.targets \{\} is empty; give at least one target/],
    ['too many retries', { rules: { r: { eventPattern: PATTERN, targets: { t: { kind: 'lambda', arn: FN, maximumRetryAttempts: 186 } } } } }, /prop rules\.r\.targets\.t\.maximumRetryAttempts 186 is not allowed; use 0 to 185/],
    ['a source account that is not an id', { allowedSourceAccounts: ['12345'] }, /prop allowedSourceAccounts "12345" is not an AWS account id; use 12 digits/],
  ])('refuses %s', (_name, props, pattern) => {
    expect(() => synth(props as Partial<EventBusProps>)).toThrow(pattern);
  });

  it('accepts a JSON object pattern', () => {
    expect(eventPatternProblem(PATTERN)).toBeUndefined();
  });
});
