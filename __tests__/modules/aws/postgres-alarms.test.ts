import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { Testing } from 'cdktf';
import { PostgresAlarms, type PostgresAlarmsProps } from '../../../modules/aws/postgres-alarms';

const BASE: PostgresAlarmsProps = {
  instanceIdentifier: 'orders',
  kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/abc',
  accountId: '123456789012',
  partition: 'aws',
  region: 'eu-west-1',
};

function synth(props: Partial<PostgresAlarmsProps> = {}): string {
  return Testing.synthScope((scope) => new PostgresAlarms(scope, 'alarms', { ...BASE, ...props }));
}

function alarms(props: Partial<PostgresAlarmsProps> = {}): Record<string, any>[] {
  return Object.values(JSON.parse(synth(props)).resource.aws_cloudwatch_metric_alarm);
}

describe('PostgresAlarms', () => {
  it('encrypts the topic with the given key', () => {
    expect(synth()).toHaveResourceWithProperties(SnsTopic, { name: 'orders-alarms', kms_master_key_id: BASE.kmsKeyArn });
  });

  it('lets only this account\'s alarms of this database publish, over TLS', () => {
    const json = JSON.parse(synth());
    expect(synth()).toHaveResource(SnsTopicPolicy);
    const doc = Object.values(json.data.aws_iam_policy_document)[0] as any;
    const bySid = Object.fromEntries((doc.statement as any[]).map((s) => [s.sid, s]));
    expect(bySid.AllowCloudWatchAlarmsOfThisDatabase).toMatchObject({
      principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }],
      actions: ['sns:Publish'],
      condition: [
        { test: 'StringEquals', variable: 'aws:SourceAccount', values: ['123456789012'] },
        { test: 'ArnLike', variable: 'aws:SourceArn', values: ['arn:aws:cloudwatch:eu-west-1:123456789012:alarm:orders-*'] },
      ],
    });
    expect(bySid.DenyInsecureTransport).toMatchObject({
      effect: 'Deny',
      condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    });
  });

  it('has four alarms on the primary, named after it, every one within the topic policy pattern', () => {
    const list = alarms();
    expect(list.map((a) => a.metric_name).sort()).toEqual(['CPUUtilization', 'DatabaseConnections', 'FreeStorageSpace', 'FreeableMemory']);
    for (const a of list) {
      expect(a.alarm_name).toMatch(/^orders-/);
      expect(a.dimensions).toEqual({ DBInstanceIdentifier: 'orders' });
      expect(a.period).toBe(300);
    }
  });

  it('adds the resource alarms and ReplicaLag for a replica', () => {
    const list = alarms({ replicaIdentifier: 'orders-replica' });
    expect(list).toHaveLength(9);
    const lag = list.find((a) => a.metric_name === 'ReplicaLag')!;
    expect(lag).toMatchObject({ alarm_name: 'orders-replica-replica-lag', threshold: 300, comparison_operator: 'GreaterThanThreshold' });
  });

  it('uses the default thresholds for the ones not given', () => {
    expect(synth({ thresholds: { cpuPercent: 95 } })).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      metric_name: 'CPUUtilization',
      threshold: 95,
    });
    expect(synth({ thresholds: { cpuPercent: 95 } })).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      metric_name: 'FreeableMemory',
      threshold: 256 * 1024 ** 2,
    });
  });

  it.each([
    [{ cpuPercent: 0 }, /prop thresholds\.cpuPercent 0 is not allowed; use a number above 0/],
    [{ cpuPercent: 120 }, /prop thresholds\.cpuPercent 120 is not allowed; use a percentage from 1 to 100/],
    [{ connections: -5 }, /prop thresholds\.connections -5 is not allowed; use a number above 0/],
  ])('rejects thresholds %p', (thresholds, pattern) => {
    expect(() => synth({ thresholds })).toThrow(pattern);
  });
});
