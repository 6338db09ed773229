import { DmsEventSubscription } from '@cdktf/provider-aws/lib/dms-event-subscription';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { Testing } from 'cdktf';
import { DmsMonitoring, type DmsMonitoringProps } from '../../../modules/dr/dms-monitoring';

const PROPS: DmsMonitoringProps = {
  namePrefix: 'test-dr',
  accountId: '123456789012',
  kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/abc',
  replicationInstanceId: 'test-dr-dms',
  replicationTaskId: 'test-dr-rds-to-cloud-sql',
  replicationTaskResourceId: '${element(split(":", aws_dms_replication_task.t.replication_task_arn), 6)}',
  allocatedStorageGb: 100,
  rdsInstanceId: 'test-postgres',
  lagThresholdSeconds: 45,
  rpoTargetSeconds: 60,
};

function synth(props: Partial<DmsMonitoringProps> = {}): { text: string; json: any } {
  const text = Testing.synthScope((scope) => {
    new DmsMonitoring(scope, 'monitoring', { ...PROPS, ...props });
  });
  return { text, json: JSON.parse(text) };
}

function alarm(json: any, metric: string): any {
  const found = Object.values(json.resource.aws_cloudwatch_metric_alarm).filter((a: any) => a.metric_name === metric);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('DmsMonitoring', () => {
  it('sends everything to one KMS-encrypted SNS topic that CloudWatch and DMS may publish to', () => {
    const { text, json } = synth();
    expect(text).toHaveResourceWithProperties(SnsTopic, { name: 'test-dr-alerts', kms_master_key_id: PROPS.kmsKeyArn });
    expect(Object.keys(json.resource.aws_sns_topic)).toHaveLength(1);
    const policy = JSON.parse((Object.values(json.resource.aws_sns_topic_policy)[0] as any).policy);
    expect(policy.Statement[0].Principal.Service).toEqual(['cloudwatch.amazonaws.com', 'dms.amazonaws.com']);
    for (const a of Object.values(json.resource.aws_cloudwatch_metric_alarm) as any[]) {
      expect(a.alarm_actions).toEqual([expect.stringMatching(/aws_sns_topic\.monitoring_topic.*\.arn/)]);
    }
  });

  it.each(['CDCLatencySource', 'CDCLatencyTarget'])(
    'alarms on %s at the lag threshold, per task resource id, missing data breaching',
    (metric) => {
      const a = alarm(synth().json, metric);
      expect(a).toMatchObject({
        namespace: 'AWS/DMS',
        threshold: 45,
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        treat_missing_data: 'breaching',
        actions_enabled: true,
        dimensions: { ReplicationInstanceIdentifier: 'test-dr-dms', ReplicationTaskIdentifier: PROPS.replicationTaskResourceId },
      });
    },
  );

  it('alarms on validation failures, instance storage and memory, and RDS replication slot disk usage', () => {
    const { json } = synth();
    expect(alarm(json, 'ValidationFailedOverallCount')).toMatchObject({
      threshold: 0,
      comparison_operator: 'GreaterThanThreshold',
    });
    expect(alarm(json, 'FreeStorageSpace')).toMatchObject({
      threshold: 100 * 1024 ** 3 * 0.2,
      dimensions: { ReplicationInstanceIdentifier: 'test-dr-dms' },
    });
    expect(alarm(json, 'FreeableMemory')).toMatchObject({ comparison_operator: 'LessThanThreshold' });
    expect(alarm(json, 'ReplicationSlotDiskUsage')).toMatchObject({
      namespace: 'AWS/RDS',
      dimensions: { DBInstanceIdentifier: 'test-postgres' },
    });
  });

  it('subscribes to replication instance and replication task events', () => {
    const { text, json } = synth();
    expect(text).toHaveResourceWithProperties(DmsEventSubscription, {
      source_type: 'replication-instance',
      source_ids: ['test-dr-dms'],
    });
    expect(text).toHaveResourceWithProperties(DmsEventSubscription, {
      source_type: 'replication-task',
      source_ids: ['test-dr-rds-to-cloud-sql'],
      event_categories: ['failure', 'state change', 'configuration change'],
    });
    expect(Object.keys(json.resource.aws_dms_event_subscription)).toHaveLength(2);
  });

  it('quiets the task alarms of a stopped task in failed-over mode', () => {
    const { json } = synth({ replicating: false });
    for (const metric of ['CDCLatencySource', 'CDCLatencyTarget', 'ValidationFailedOverallCount']) {
      expect(alarm(json, metric).actions_enabled).toBe(false);
    }
    expect(alarm(json, 'ReplicationSlotDiskUsage').actions_enabled).toBe(true);
  });

  it('rejects a lag threshold above the RPO target', () => {
    expect(() => synth({ lagThresholdSeconds: 90 })).toThrow(
      /lagThresholdSeconds 90 is above rpoTargetSeconds 60; use a value <= the RPO target/,
    );
  });
});
