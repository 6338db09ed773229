import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DmsEventSubscription } from '@cdktf/provider-aws/lib/dms-event-subscription';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { denyInsecureTransport } from '../aws/private/deny-insecure-transport';

/** Props of {@link DmsMonitoring}. */
export interface DmsMonitoringProps {
  /** Prefix of every resource name, e.g. `prod-dr`. */
  readonly namePrefix: string;
  readonly accountId: string;
  /** AWS partition (for the topic policy). @default 'aws' */
  readonly partition?: string;
  /** Customer-managed KMS key ARN of the SNS topic. */
  readonly kmsKeyArn: string;
  /** Replication instance identifier. */
  readonly replicationInstanceId: string;
  /** Replication task identifier (event subscription source). */
  readonly replicationTaskId: string;
  /** Task resource id: last segment of the task ARN (the metric dimension). */
  readonly replicationTaskResourceId: string;
  /** Allocated storage of the replication instance in GB (free-storage threshold). */
  readonly allocatedStorageGb: number;
  /** RDS instance identifier (replication slot disk usage). */
  readonly rdsInstanceId: string;
  /** CDC latency above which the lag alarms fire, in seconds. */
  readonly lagThresholdSeconds: number;
  /** RPO target in seconds: the lag alarm threshold may not exceed it. */
  readonly rpoTargetSeconds: number;
  /** False in `failed-over` mode: the stopped task's latency alarms stay quiet. @default true */
  readonly replicating?: boolean;
  /** WAL held by replication slots on RDS above which to alarm, in bytes. @default 10 GiB */
  readonly replicationSlotDiskUsageBytes?: number;
  /** Freeable memory of the replication instance below which to alarm, in bytes. @default 512 MiB */
  readonly freeableMemoryBytes?: number;
  /** Tags merged onto every taggable resource. @default {} */
  readonly tags?: Record<string, string>;
}

const GIB = 1024 ** 3;

/** Defaults of {@link DmsMonitoring}, exported for the `dr.dms` config section. */
export const DMS_MONITORING_DEFAULTS = {
  /** WAL held by replication slots on RDS above which to alarm, in bytes (10 GiB). */
  replicationSlotDiskUsageBytes: 10 * GIB,
  /** Freeable memory of the replication instance below which to alarm, in bytes (512 MiB). */
  freeableMemoryBytes: 512 * 1024 ** 2,
  /** Share of the allocated storage below which free storage alarms. */
  freeStorageFraction: 0.2,
  /** Alarm period in seconds. */
  periodSeconds: 60,
} as const;

/**
 * Alarms and events of the DR replication, all to one KMS-encrypted SNS topic.
 *
 * CDC latency alarms use the task's resource id (the last ARN segment), not its name, as the
 * `ReplicationTaskIdentifier` dimension, and count missing data as breaching: a stopped or
 * failed task emits nothing.
 *
 * @see https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Monitoring.html
 */
export class DmsMonitoring extends Construct {
  public readonly topic: SnsTopic;
  public readonly alarms: Record<string, CloudwatchMetricAlarm>;

  constructor(scope: Construct, id: string, props: DmsMonitoringProps) {
    super(scope, id);
    if (
      !Token.isUnresolved(props.lagThresholdSeconds) &&
      !Token.isUnresolved(props.rpoTargetSeconds) &&
      props.lagThresholdSeconds > props.rpoTargetSeconds
    ) {
      throw new ValidationError(
        this,
        'lagThresholdSeconds',
        props.lagThresholdSeconds,
        `is above rpoTargetSeconds ${props.rpoTargetSeconds}; use a value <= the RPO target`,
      );
    }
    const tags = props.tags ?? {};
    const prefix = props.namePrefix;
    const replicating = props.replicating ?? true;

    this.topic = new SnsTopic(this, 'topic', {
      name: `${prefix}-alerts`,
      kmsMasterKeyId: props.kmsKeyArn,
      tags: { ...tags, Name: `${prefix}-alerts` },
    });
    const partition = props.partition ?? 'aws';
    // Only this account's alarms and DMS events may publish; the account manages the topic; no plain HTTP.
    const policy = new DataAwsIamPolicyDocument(this, 'topic-policy-document', {
      statement: [
        {
          sid: 'AlarmsAndDmsEvents',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com', 'dms.amazonaws.com'] }],
          actions: ['sns:Publish'],
          resources: [this.topic.arn],
          // Documented exception: aws:SourceAccount only. The topic also takes the failover alarm and
          // DMS events, whose source ARN form for SNS is not documented; the account is the guard.
          // @see https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html
          condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [props.accountId] }],
        },
        {
          sid: 'Account',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: [`arn:${partition}:iam::${props.accountId}:root`] }],
          actions: [
            'sns:Publish',
            'sns:Subscribe',
            'sns:GetTopicAttributes',
            'sns:SetTopicAttributes',
            'sns:ListSubscriptionsByTopic',
          ],
          resources: [this.topic.arn],
        },
        denyInsecureTransport(['sns:Publish', 'sns:Subscribe'], [this.topic.arn]),
      ],
    });
    new SnsTopicPolicy(this, 'topic-policy', { arn: this.topic.arn, policy: policy.json });

    const actions = [this.topic.arn];
    const instanceDims = { ReplicationInstanceIdentifier: props.replicationInstanceId };
    const taskDims = { ...instanceDims, ReplicationTaskIdentifier: props.replicationTaskResourceId };
    const alarm = (
      rid: string,
      spec: {
        description: string;
        namespace: string;
        metric: string;
        dims: Record<string, string>;
        statistic: string;
        comparison: string;
        threshold: number;
        missing: 'breaching' | 'notBreaching';
        periods?: number;
        enabled?: boolean;
      },
    ) =>
      new CloudwatchMetricAlarm(this, rid, {
        alarmName: `${prefix}-${rid}`,
        alarmDescription: spec.description,
        namespace: spec.namespace,
        metricName: spec.metric,
        dimensions: spec.dims,
        statistic: spec.statistic,
        period: DMS_MONITORING_DEFAULTS.periodSeconds,
        evaluationPeriods: spec.periods ?? 1,
        comparisonOperator: spec.comparison,
        threshold: spec.threshold,
        treatMissingData: spec.missing,
        actionsEnabled: spec.enabled ?? true,
        alarmActions: actions,
        okActions: actions,
        tags,
      });

    this.alarms = {
      cdcLatencySource: alarm('cdc-latency-source', {
        description: `DMS source capture lag above ${props.lagThresholdSeconds}s (RPO target ${props.rpoTargetSeconds}s); no data = task not running`,
        namespace: 'AWS/DMS',
        metric: 'CDCLatencySource',
        dims: taskDims,
        statistic: 'Maximum',
        comparison: 'GreaterThanOrEqualToThreshold',
        threshold: props.lagThresholdSeconds,
        missing: 'breaching',
        enabled: replicating,
      }),
      cdcLatencyTarget: alarm('cdc-latency-target', {
        description: `DMS apply lag on Cloud SQL above ${props.lagThresholdSeconds}s (RPO target ${props.rpoTargetSeconds}s); no data = task not running`,
        namespace: 'AWS/DMS',
        metric: 'CDCLatencyTarget',
        dims: taskDims,
        statistic: 'Maximum',
        comparison: 'GreaterThanOrEqualToThreshold',
        threshold: props.lagThresholdSeconds,
        missing: 'breaching',
        enabled: replicating,
      }),
      validationFailures: alarm('validation-failures', {
        description: 'Rows that differ between RDS and Cloud SQL (see awsdms_control.awsdms_validation_failures_v1)',
        namespace: 'AWS/DMS',
        metric: 'ValidationFailedOverallCount',
        dims: taskDims,
        statistic: 'Maximum',
        comparison: 'GreaterThanThreshold',
        threshold: 0,
        missing: 'notBreaching',
        enabled: replicating,
      }),
      freeStorage: alarm('instance-free-storage', {
        description: 'Replication instance storage below 20% (cached changes, task logs)',
        namespace: 'AWS/DMS',
        metric: 'FreeStorageSpace',
        dims: instanceDims,
        statistic: 'Minimum',
        comparison: 'LessThanThreshold',
        threshold: Math.round(props.allocatedStorageGb * GIB * DMS_MONITORING_DEFAULTS.freeStorageFraction),
        missing: 'notBreaching',
        periods: 5,
      }),
      freeableMemory: alarm('instance-freeable-memory', {
        description: 'Replication instance memory low (swapping slows CDC apply)',
        namespace: 'AWS/DMS',
        metric: 'FreeableMemory',
        dims: instanceDims,
        statistic: 'Minimum',
        comparison: 'LessThanThreshold',
        threshold: props.freeableMemoryBytes ?? DMS_MONITORING_DEFAULTS.freeableMemoryBytes,
        missing: 'notBreaching',
        periods: 5,
      }),
      replicationSlotDiskUsage: alarm('rds-replication-slot-disk-usage', {
        description:
          'WAL retained by replication slots on RDS: a stopped task keeps its slot until storage fills; drop the slot or resume the task',
        namespace: 'AWS/RDS',
        metric: 'ReplicationSlotDiskUsage',
        dims: { DBInstanceIdentifier: props.rdsInstanceId },
        statistic: 'Maximum',
        comparison: 'GreaterThanThreshold',
        threshold: props.replicationSlotDiskUsageBytes ?? DMS_MONITORING_DEFAULTS.replicationSlotDiskUsageBytes,
        missing: 'notBreaching',
        periods: 5,
      }),
    };

    new DmsEventSubscription(this, 'instance-events', {
      name: `${prefix}-dms-instance`,
      snsTopicArn: this.topic.arn,
      sourceType: 'replication-instance',
      sourceIds: [props.replicationInstanceId],
      eventCategories: ['failure', 'failover', 'low storage', 'maintenance', 'configuration change'],
      enabled: true,
      tags,
    });
    new DmsEventSubscription(this, 'task-events', {
      name: `${prefix}-dms-task`,
      snsTopicArn: this.topic.arn,
      sourceType: 'replication-task',
      sourceIds: [props.replicationTaskId],
      eventCategories: ['failure', 'state change', 'configuration change'],
      enabled: true,
      tags,
    });
  }
}
