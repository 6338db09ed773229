import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueueRedriveAllowPolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy';
import { Testing } from 'cdktf';
import { Queue, type QueueProps, visibilityTimeoutProblem } from '../../../modules/aws/queue';

const PRODUCER = 'arn:aws:iam::123456789012:role/test-api-handler';
const CONSUMER = 'arn:aws:iam::123456789012:role/test-worker';
const RULE = 'arn:aws:events:eu-west-1:123456789012:rule/test-events/test-events-x';

function synth(props: Partial<QueueProps> = {}): string {
  return Testing.synthScope((scope) => {
    new Queue(scope, 'queue', { queueName: 'test-work', producerRoleArns: [PRODUCER], consumerRoleArns: [CONSUMER], alarmTopicArn: 'arn:aws:sns:eu-west-1:123456789012:alerts', ...props });
  });
}

function resources(json: string, type: string): any[] {
  return Object.values(JSON.parse(json).resource?.[type] ?? {});
}
function documents(json: string): any[] {
  return Object.values(JSON.parse(json).data?.aws_iam_policy_document ?? {});
}

describe('Queue', () => {
  it('encrypts the queue and its dead-letter queue with a rotating customer key', () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30 });
    for (const q of resources(json, 'aws_sqs_queue')) expect(q.kms_master_key_id).toMatch(/^\$\{aws_kms_key\.queue_key_[A-Z0-9]+\.arn\}$/);
  });

  it('redrives to <name>-dlq after 5 receives, long-polls 20 s, and keeps dead letters 14 days', () => {
    const json = synth();
    const queue = resources(json, 'aws_sqs_queue').find((q) => q.name === 'test-work');
    expect(queue.redrive_policy).toMatch(/maxReceiveCount.*5/);
    expect(queue.redrive_policy).toMatch(/aws_sqs_queue\.queue_dead-letter-queue_[A-Z0-9]+\.arn/);
    expect(queue.receive_wait_time_seconds).toBe(20);
    expect(queue.visibility_timeout_seconds).toBe(60);
    expect(json).toHaveResourceWithProperties(SqsQueue, { name: 'test-work-dlq', message_retention_seconds: 1209600 });
    expect(json).toHaveResource(SqsQueueRedriveAllowPolicy);
  });

  it('denies every request without TLS, on the queue and on the dead-letter queue', () => {
    const denies = documents(synth()).flatMap((d) => d.statement).filter((s: any) => s.sid === 'DenyInsecureTransport');
    expect(denies).toHaveLength(2);
    for (const s of denies) {
      expect(s).toMatchObject({ effect: 'Deny', actions: ['sqs:*'], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] });
    }
  });

  it('lets only the named producers send and the named consumers receive, and lets them use the key', () => {
    const statements = documents(synth({ serviceProducers: [{ service: 'events.amazonaws.com', sourceArn: RULE }] })).flatMap((d) => d.statement);
    const send = statements.filter((s: any) => s.actions.includes('sqs:SendMessage'));
    expect(send.map((s: any) => s.principals[0].identifiers)).toEqual([[PRODUCER], ['events.amazonaws.com']]);
    expect(send[1].condition).toEqual([{ test: 'ArnEquals', variable: 'aws:SourceArn', values: [RULE] }]);
    const receive = statements.find((s: any) => s.sid === 'AllowNamedConsumers' && s.actions.includes('sqs:ReceiveMessage'));
    expect(receive.principals).toEqual([{ type: 'AWS', identifiers: [CONSUMER] }]);
    const keyProducers = statements.find((s: any) => s.sid === 'AllowNamedProducers' && s.actions.includes('kms:GenerateDataKey'));
    expect(keyProducers.principals).toEqual([{ type: 'AWS', identifiers: [PRODUCER] }]);
    expect(statements.some((s: any) => s.actions.includes('sqs:SendMessage') && s.principals?.[0]?.identifiers?.includes('*') && s.effect === 'Allow')).toBe(false);
  });

  it('alarms on the oldest message age and on any dead letter, to the alert topic', () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: 'test-work-message-age', metric_name: 'ApproximateAgeOfOldestMessage', threshold: 900, alarm_actions: ['arn:aws:sns:eu-west-1:123456789012:alerts'] });
    expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: 'test-work-dlq-depth', metric_name: 'ApproximateNumberOfMessagesVisible', dimensions: { QueueName: 'test-work-dlq' }, threshold: 0 });
  });

  it('refuses a visibility timeout shorter than 6 x the consumer timeout', () => {
    expect(() => synth({ visibilityTimeoutSeconds: 59, consumerTimeoutSeconds: 10 })).toThrow(/prop visibilityTimeoutSeconds 59 is shorter than 6 x the consumer's timeout \(10 s\); use at least 60 seconds/);
    expect(() => synth({ visibilityTimeoutSeconds: 60, consumerTimeoutSeconds: 10 })).not.toThrow();
    expect(visibilityTimeoutProblem(180, 30)).toBeUndefined();
    expect(visibilityTimeoutProblem(179, 30)).toBe("is shorter than 6 x the consumer's timeout (30 s); use at least 180 seconds");
  });

  it.each([
    ['maxReceiveCount', { maxReceiveCount: 0 }, /prop maxReceiveCount 0 is not allowed; use 1 to 1000/],
    ['receiveWaitTimeSeconds', { receiveWaitTimeSeconds: 21 }, /prop receiveWaitTimeSeconds 21 is not allowed; use 0 to 20 seconds/],
    ['messageRetentionSeconds', { messageRetentionSeconds: 30 }, /prop messageRetentionSeconds 30 is not allowed; use 60 to 1209600 seconds/],
    ['queueName', { queueName: 'bad name' }, /prop queueName "bad name" is not allowed; use letters, digits/],
  ])('refuses a bad %s', (_name, props, pattern) => {
    expect(() => synth(props as Partial<QueueProps>)).toThrow(pattern);
  });
});
