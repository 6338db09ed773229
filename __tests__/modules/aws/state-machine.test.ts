import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { aslErrorHandlingProblems, StateMachine, type StateMachineProps } from '../../../modules/aws/state-machine';

const SHIPPED = path.join(__dirname, '../../../apps/workflows/ingest-analyse-store.asl.json');
const FN = (n: string) => `arn:aws:lambda:eu-west-1:123456789012:function:test-${n}:live`;
const RESOURCES: StateMachineProps['resources'] = { ingest: { kind: 'lambda', arn: FN('ingest') }, analyse: { kind: 'lambda', arn: FN('analyse') }, store: { kind: 'lambda', arn: FN('store') } };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-'));

const RETRY = [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: 'FULL' }];
const CATCH = [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }];
/** A one-task definition, with the task's fields replaced by `task`. */
function oneTask(task: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    StartAt: 'Work',
    States: {
      Work: { Type: 'Task', Resource: '${work}', Retry: RETRY, Catch: CATCH, End: true, ...task },
      Failed: { Type: 'Fail', Error: 'Failed' },
    },
  };
}
function file(name: string, content: unknown): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

function synth(props: Partial<StateMachineProps> = {}): string {
  return Testing.synthScope((scope) => {
    new StateMachine(scope, 'machine', { stateMachineName: 'test-pipeline', definitionFile: SHIPPED, resources: RESOURCES, alarmTopicArn: 'arn:aws:sns:eu-west-1:123456789012:alerts', ...props });
  });
}

describe('StateMachine', () => {
  it('resolves every placeholder of the shipped definition to the named resources', () => {
    const sm = Object.values<any>(JSON.parse(synth()).resource.aws_sfn_state_machine)[0];
    const def = JSON.parse(sm.definition);
    expect(def.States.Ingest.Parameters.FunctionName).toBe(FN('ingest'));
    expect(def.States.Analyse.Parameters.FunctionName).toBe(FN('analyse'));
    expect(def.States.Store.Parameters.FunctionName).toBe(FN('store'));
    expect(sm.definition).not.toMatch(/\$\{(ingest|analyse|store)\}/);
  });

  it('is Standard, traced, encrypted with its key, and logs errors without execution data to a KMS log group kept a year', () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(SfnStateMachine, {
      name: 'test-pipeline',
      type: 'STANDARD',
      tracing_configuration: { enabled: true },
      logging_configuration: expect.objectContaining({ include_execution_data: false, level: 'ERROR' }),
      encryption_configuration: expect.objectContaining({ type: 'CUSTOMER_MANAGED_KMS_KEY' }),
    });
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/vendedlogs/states/test-pipeline', retention_in_days: 365, kms_key_id: expect.stringMatching(/aws_kms_key/) });
  });

  it('takes the type, log level and execution data from its props', () => {
    expect(synth({ type: 'EXPRESS', logLevel: 'ALL', includeExecutionData: true })).toHaveResourceWithProperties(SfnStateMachine, {
      type: 'EXPRESS',
      logging_configuration: expect.objectContaining({ include_execution_data: true, level: 'ALL' }),
    });
  });

  it('gives its role lambda:InvokeFunction on exactly the named functions, and nothing else on any resource', () => {
    const docs = Object.values<any>(JSON.parse(synth()).data.aws_iam_policy_document);
    const statements = docs.flatMap((d) => d.statement);
    const invoke = statements.filter((s: any) => s.actions.some((a: string) => a.startsWith('lambda:')));
    expect(invoke).toEqual([{ sid: 'InvokeNamedFunctions', effect: 'Allow', actions: ['lambda:InvokeFunction'], resources: [FN('ingest'), FN('analyse'), FN('store')] }]);
    const wildcard = statements.filter((s: any) => s.resources?.includes('*') && !s.principals);
    expect(wildcard.map((s: any) => s.sid)).toEqual(['DeliverLogs', 'WriteTraces']);
    const trust = statements.find((s: any) => s.actions.includes('sts:AssumeRole'));
    expect(trust.principals).toEqual([{ type: 'Service', identifiers: ['states.amazonaws.com'] }]);
  });

  it('gives an sqs resource SendMessage on the queue and its key, and fills ${name.url}', () => {
    const def = file('sqs.asl.json', oneTask({ Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: '${work.url}', 'MessageBody.$': '$' } }));
    const json = synth({ definitionFile: def, resources: { work: { kind: 'sqs', arn: 'arn:aws:sqs:eu-west-1:123456789012:q', url: 'https://sqs.eu-west-1.amazonaws.com/123456789012/q', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k' } } });
    const sm = Object.values<any>(JSON.parse(json).resource.aws_sfn_state_machine)[0];
    expect(JSON.parse(sm.definition).States.Work.Parameters.QueueUrl).toBe('https://sqs.eu-west-1.amazonaws.com/123456789012/q');
    const statements = Object.values<any>(JSON.parse(json).data.aws_iam_policy_document).flatMap((d) => d.statement);
    expect(statements.find((s: any) => s.sid === 'SendToNamedQueues').resources).toEqual(['arn:aws:sqs:eu-west-1:123456789012:q']);
    expect(statements.find((s: any) => s.sid === 'EncryptForNamedQueues').resources).toEqual(['arn:aws:kms:eu-west-1:123456789012:key/k']);
  });

  it('alarms on failed executions, to the alert topic', () => {
    expect(synth()).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: 'test-pipeline-executions-failed', namespace: 'AWS/States', metric_name: 'ExecutionsFailed', alarm_actions: ['arn:aws:sns:eu-west-1:123456789012:alerts'] });
  });

  describe('refuses a bad definition, naming the file, the field and what is allowed', () => {
    const work = { work: { kind: 'lambda' as const, arn: FN('work') } };
    it.each([
      ['a missing file', () => path.join(dir, 'missing.asl.json'), /prop definitionFile ".*missing\.asl\.json" does not exist; give the path of an ASL JSON file/],
      ['a file that is not JSON', () => file('broken.asl.json', '{ "StartAt": '), /prop definitionFile ".*broken\.asl\.json" is not valid JSON/],
      ['a definition the ASL validator rejects', () => file('invalid.asl.json', oneTask({ Type: 'Taks' })), /is not a valid state machine: States\.Work\.Type SCHEMA_VALIDATION_FAILED/],
      ['a transition to a missing state', () => file('next.asl.json', oneTask({ End: undefined, Next: 'Nowhere' })), /is not a valid state machine: .*MISSING_TRANSITION_TARGET/],
      ['a Task state without Catch', () => file('nocatch.asl.json', oneTask({ Catch: undefined })), /States\.Work\.Catch does not catch "States\.ALL"; every Task state needs a Catch with ErrorEquals \["States\.ALL"\]/],
      ['a Task state without Retry', () => file('noretry.asl.json', oneTask({ Retry: undefined })), /States\.Work\.Retry is missing; every Task state needs Retry with BackoffRate > 1 and JitterStrategy "FULL"/],
      ['a retry without jitter', () => file('nojitter.asl.json', oneTask({ Retry: [{ ErrorEquals: ['States.ALL'], BackoffRate: 2 }] })), /States\.Work\.Retry\.0\.JitterStrategy is not "FULL"/],
      ['a retry without backoff', () => file('nobackoff.asl.json', oneTask({ Retry: [{ ErrorEquals: ['States.ALL'], BackoffRate: 1, JitterStrategy: 'FULL' }] })), /States\.Work\.Retry\.0\.BackoffRate 1 is not above 1/],
      ['an unknown placeholder', () => file('unknown.asl.json', oneTask({ Resource: '${other}' })), /States\.Work\.Resource uses the placeholder "\$\{other\}", which no resource names; allowed: work/],
      ['a template sequence that is not a placeholder', () => file('stray.asl.json', oneTask({ Comment: 'costs ${price}' })), /States\.Work\.Comment holds "costs \$\{price\}"/],
    ])('%s', (_name, definitionFile, pattern) => {
      expect(() => synth({ definitionFile: definitionFile(), resources: work })).toThrow(pattern);
    });

    it('a resource the definition does not use (the role would hold more than it needs)', () => {
      expect(() => synth({ definitionFile: file('unused.asl.json', oneTask()), resources: { ...work, spare: { kind: 'lambda', arn: FN('spare') } } })).toThrow(
        /prop resources \["spare"\] are not used by .*unused\.asl\.json/,
      );
    });

    it('a Task nested in a Parallel branch without Catch', () => {
      const def = { StartAt: 'P', States: { P: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'In', States: { In: { Type: 'Task', Resource: 'arn:aws:lambda:eu-west-1:123456789012:function:x', Retry: RETRY, End: true } } }] } } };
      expect(aslErrorHandlingProblems(def).map((p) => p.path)).toEqual(['States.P.Branches.0.States.In.Catch']);
    });

    it('a log retention CloudWatch does not offer', () => {
      expect(() => synth({ logRetentionDays: 17 })).toThrow(/prop logRetentionDays 17 is not a CloudWatch retention; use one of .*365/);
    });
  });
});
