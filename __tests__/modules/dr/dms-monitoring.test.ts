import { DmsEventSubscription } from '@cdktf/provider-aws/lib/dms-event-subscription';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { ValidationError } from '../../../modules/core/validation-error';
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
    const topicPolicy = Object.values<any>(json.resource.aws_sns_topic_policy)[0].policy;
    expect(topicPolicy).toMatch(/^\$\{data\.aws_iam_policy_document\.monitoring_topic-policy-document_[0-9A-F]+\.json\}$/);
    const statements = Object.values<any>(json.data.aws_iam_policy_document)[0].statement;
    expect(statements[0]).toMatchObject({
      principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com', 'dms.amazonaws.com'] }],
      actions: ['sns:Publish'],
      condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: ['123456789012'] }],
    });
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

  it('refuses publishing and subscribing over plain HTTP', () => {
    const statements = Object.values<any>(synth().json.data.aws_iam_policy_document)[0].statement;
    expect(statements.find((st: any) => st.sid === 'DenyInsecureTransport')).toMatchObject({
      effect: 'Deny',
      principals: [{ type: '*', identifiers: ['*'] }],
      actions: ['sns:Publish', 'sns:Subscribe'],
      condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    });
  });

  it('builds the topic policy as a policy document, so `synth --hcl` gets no JSON string around a token', () => {
    const stack = new TerraformStack(Testing.app(), 'hcl');
    const accountId = new TerraformVariable(stack, 'account', { type: 'string' }).stringValue;
    new DmsMonitoring(stack, 'monitoring', { ...PROPS, accountId });
    const hcl: string = Testing.synthHcl(stack);
    expect(hcl).toMatch(/data "aws_iam_policy_document" "monitoring_topic-policy-document_[0-9A-F]+" \{/);
    expect(hcl).toMatch(/policy = "\$\{data\.aws_iam_policy_document\.monitoring_topic-policy-document_[0-9A-F]+\.json\}"/);
    expect(hcl).not.toMatch(/\\"Version\\"/);
  });

  it('rejects a lag threshold above the RPO target', () => {
    expect(() => synth({ lagThresholdSeconds: 90 })).toThrow(ValidationError);
    expect(() => synth({ lagThresholdSeconds: 90 })).toThrow(
      /prop lagThresholdSeconds 90 is above rpoTargetSeconds 60; use a value <= the RPO target/,
    );
  });
});
