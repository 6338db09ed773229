import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { Testing } from 'cdktf';
import type { AwsEventsStack } from '../../../stacks/aws-events/aws-events-stack';
import { awsEventsFamily } from '../../../stacks/aws-events/family';
import type { AwsAlertsOutputs, AwsFunctionsOutputs } from '../../../stacks/contracts';
import { familyStack, testEnvironment } from '../../helpers/environment';

const ALERTS: AwsAlertsOutputs = { topicArn: 'arn:aws:sns:eu-west-1:123456789012:test-alerts', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/alerts' };
const ALIAS = (n: string) => `arn:aws:lambda:eu-west-1:123456789012:function:test-${n}:live`;
const ROLE = (n: string) => `arn:aws:iam::123456789012:role/test-${n}`;
const CENTRAL = 'arn:aws:events:eu-west-1:210987654321:event-bus/central-audit';
const FUNCTIONS: AwsFunctionsOutputs = {
  functionAliasArns: { 'api-handler': ALIAS('api-handler'), worker: ALIAS('worker') },
  functionRoleArns: { 'api-handler': ROLE('api-handler'), worker: ROLE('worker') },
  functionTimeoutSeconds: { 'api-handler': 10, worker: 30 },
};
const FUNCTIONS_CONFIG = {
  enabled: true,
  functions: { 'api-handler': { code: 'apps/aws-api-handler', routes: [{ route: 'GET /health', public: true }] }, worker: { code: 'apps/aws-api-handler', timeoutSeconds: 30 } },
};
const EVENTS = {
  enabled: true,
  queues: { work: { producers: ['api-handler'], consumer: { function: 'worker', batchSize: 5, maximumBatchingWindowSeconds: 2, maximumConcurrency: 3 }, visibilityTimeoutSeconds: 180 } },
  bus: { publishers: ['worker'], archiveRetentionDays: 90 },
  xray: { samplingRules: { default: { priority: 9000, fixedRate: 0.05 } }, groups: { errors: 'fault = true OR error = true' } },
  topics: { items: { publishers: ['api-handler'], subscriptions: { work: { queue: 'work', filterPolicy: '{"type": ["created"]}', rawDelivery: true }, worker: { function: 'worker' } } } },
  rules: {
    received: { pattern: '{"source": ["app.items"]}', targets: { pipeline: { stateMachine: 'pipeline' } } },
    audit: { pattern: '{"source": ["app.audit"]}', targets: { inbox: { queue: 'work' }, central: { bus: CENTRAL } } },
  },
  stateMachines: {
    pipeline: {
      definition: 'apps/workflows/ingest-analyse-store.asl.json',
      resources: { ingest: { function: 'worker' }, analyse: { function: 'worker' }, store: { function: 'api-handler' } },
    },
  },
};

function synth(functions: AwsFunctionsOutputs = FUNCTIONS): any {
  const env = testEnvironment({ aws: { alerts: { enabled: true }, functions: FUNCTIONS_CONFIG, events: EVENTS } });
  return JSON.parse(Testing.synth(familyStack<AwsEventsStack>(awsEventsFamily, env, { 'aws-alerts': ALERTS, 'aws-functions': functions })));
}
const statements = (s: any) => Object.values<any>(s.data.aws_iam_policy_document).flatMap((d) => d.statement);

describe('AwsEventsStack', () => {
  const s = synth();
  const text = JSON.stringify(s);

  it('names the queue, bus and state machine after the environment', () => {
    expect(text).toHaveResourceWithProperties(SqsQueue, { name: 'test-work', visibility_timeout_seconds: 180 });
    expect(text).toHaveResourceWithProperties(SqsQueue, { name: 'test-work-dlq' });
    expect(text).toHaveResourceWithProperties(CloudwatchEventRule, { name: 'test-events-received', event_pattern: '{"source": ["app.items"]}' });
    expect(text).toHaveResourceWithProperties(SfnStateMachine, { name: 'test-pipeline', type: 'STANDARD' });
    expect(s.resource.aws_cloudwatch_event_archive).toBeDefined();
    expect(Object.values<any>(s.resource.aws_cloudwatch_event_archive)[0].retention_days).toBe(90);
  });

  it('lets only the producer function send to the queue, and the consumer function receive from it', () => {
    const st = statements(s);
    expect(st.find((x: any) => x.sid === 'AllowNamedProducers' && x.actions.includes('sqs:SendMessage')).principals).toEqual([{ type: 'AWS', identifiers: [ROLE('api-handler')] }]);
    expect(st.find((x: any) => x.sid === 'AllowNamedConsumers' && x.actions.includes('sqs:ReceiveMessage')).principals).toEqual([{ type: 'AWS', identifiers: [ROLE('worker')] }]);
  });

  it('lets EventBridge send to the queue only for the rule that targets it', () => {
    const service = statements(s).find((x: any) => x.sid === 'AllowService0');
    expect(service.principals).toEqual([{ type: 'Service', identifiers: ['events.amazonaws.com'] }]);
    expect(service.condition[0].values[0]).toMatch(/:rule\/test-events\/test-events-audit$/);
  });

  it('fans the topic out to the queue (which lets only that topic send) and the function', () => {
    const sns = statements(s).find((x: any) => x.sid === 'AllowService1');
    expect(sns.principals).toEqual([{ type: 'Service', identifiers: ['sns.amazonaws.com'] }]);
    expect(sns.condition[0].values[0]).toMatch(/:sns:.*:test-items$/);
    const subs = Object.values<any>(s.resource.aws_sns_topic_subscription).map((x) => [x.protocol, x.endpoint, x.filter_policy, x.raw_message_delivery]);
    expect(subs).toEqual([
      ['sqs', expect.stringMatching(/aws_sqs_queue\.queue-work_queue_[A-Z0-9]+\.arn/), '{"type": ["created"]}', true],
      ['lambda', ALIAS('worker'), undefined, undefined],
    ]);
    const publish = statements(s).find((x: any) => x.sid === 'AllowNamedPublishers' && x.actions.includes('sns:Publish'));
    expect(publish.principals).toEqual([{ type: 'AWS', identifiers: [ROLE('api-handler')] }]);
  });

  it('feeds the consumer function from the queue with partial batch responses and its batching', () => {
    expect(text).toHaveResourceWithProperties(LambdaEventSourceMapping, {
      function_name: ALIAS('worker'),
      batch_size: 5,
      maximum_batching_window_in_seconds: 2,
      scaling_config: { maximum_concurrency: 3 },
      function_response_types: ['ReportBatchItemFailures'],
    });
  });

  it('lets only the publisher function put events on the bus', () => {
    const put = statements(s).filter((x: any) => x.actions.includes('events:PutEvents') && x.principals);
    expect(put).toHaveLength(1);
    expect(put[0].principals).toEqual([{ type: 'AWS', identifiers: [ROLE('worker')] }]);
  });

  it('gives the state machine role lambda:InvokeFunction on exactly the functions of its resources', () => {
    const invoke = statements(s).find((x: any) => x.sid === 'InvokeNamedFunctions');
    expect(invoke.resources).toEqual([ALIAS('worker'), ALIAS('worker'), ALIAS('api-handler')]);
    const sm = Object.values<any>(s.resource.aws_sfn_state_machine)[0];
    expect(JSON.parse(sm.definition).States.Store.Parameters.FunctionName).toBe(ALIAS('api-handler'));
  });

  it('starts the state machine from its rule with a role that may start only it', () => {
    const start = statements(s).find((x: any) => x.sid === 'StartNamedStateMachines');
    expect(start.actions).toEqual(['states:StartExecution']);
    expect(start.resources).toEqual([expect.stringMatching(/^\$\{aws_sfn_state_machine\.state-machine-pipeline_state-machine_[A-Z0-9]+\.arn\}$/)]);
  });

  it('delivers to another account\'s bus with a role that may put events only there', () => {
    const put = statements(s).find((x: any) => x.sid === 'PutEventsOnNamedBuses');
    expect(put).toEqual({ sid: 'PutEventsOnNamedBuses', effect: 'Allow', actions: ['events:PutEvents'], resources: [CENTRAL] });
    const target = Object.values<any>(s.resource.aws_cloudwatch_event_target).find((t) => t.arn === CENTRAL);
    expect(target.role_arn).toMatch(/aws_iam_role\.bus_target-role/);
  });

  it('sends the queue, dead-letter and state machine alarms to the alert topic', () => {
    const alarms = Object.values<any>(s.resource.aws_cloudwatch_metric_alarm).map((a) => [a.alarm_name, a.alarm_actions]);
    expect(alarms).toEqual(
      expect.arrayContaining([
        ['test-work-message-age', [ALERTS.topicArn]],
        ['test-work-dlq-depth', [ALERTS.topicArn]],
        ['test-events-events-dlq-depth', [ALERTS.topicArn]],
        ['test-pipeline-executions-failed', [ALERTS.topicArn]],
      ]),
    );
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: 'test-work-message-age' });
  });

  it('creates the X-Ray sampling rules and groups of the section, named after the environment', () => {
    expect(Object.values<any>(s.resource.aws_xray_sampling_rule).map((r) => [r.rule_name, r.fixed_rate, r.priority])).toEqual([['test-default', 0.05, 9000]]);
    expect(Object.values<any>(s.resource.aws_xray_group).map((g) => [g.group_name, g.filter_expression])).toEqual([['test-errors', 'fault = true OR error = true']]);
  });

  it('draws no dashboard of its own: the environment dashboard (<env>-aws-dashboard) shows these resources', () => {
    expect(s.resource.aws_cloudwatch_dashboard).toBeUndefined();
  });

  it('refuses to build when the aws-functions outputs lack a named function', () => {
    expect(() => synth({ ...FUNCTIONS, functionAliasArns: { worker: ALIAS('worker') } })).toThrow(/aws\.events queues\.work\.producers names function "api-handler", which the aws-functions outputs do not hold/);
  });

  it('depends on aws-functions only when it names a function', () => {
    const when = awsEventsFamily.conditionalDependsOn![0]!;
    expect(when.family.id).toBe('aws-functions');
    expect(when.when({ ...testEnvironment().section(awsEventsFamily.section) }, testEnvironment())).toBe(false);
    expect(awsEventsFamily.dependsOn.map((f) => f.id)).toEqual(['aws-alerts']);
  });
});
