import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { type KeyedList, keyedEntries } from './private/ids';
import { DEFAULT_RDS_ALARM_THRESHOLDS, type RdsAlarmThresholds } from './rds-limits';
import { denyInsecureTransport } from './private/deny-insecure-transport';

/** Defaults of {@link PostgresAlarms}. */
export const POSTGRES_ALARMS_DEFAULTS = {
  /** Thresholds of every alarm. */
  thresholds: DEFAULT_RDS_ALARM_THRESHOLDS,
  /** Alarm period in seconds. */
  periodSeconds: 300,
} as const;

/** What an alarm e-mail address must look like (one `@`, a dot in the domain, no spaces). */
export const ALARM_EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Props of {@link PostgresAlarms}. */
export interface PostgresAlarmsProps {
  /** DB identifier of the primary (alarm dimension and name prefix). */
  readonly instanceIdentifier: string;
  /**
   * DB identifier of the read replica, which gets a `ReplicaLag` alarm and the same resource alarms.
   *
   * @default - no replica alarms
   */
  readonly replicaIdentifier?: string;
  /** KMS key (ARN or id) that encrypts the SNS topic; its policy must let `cloudwatch.amazonaws.com` use it. */
  readonly kmsKeyArn: string;
  /** AWS account id (for the topic policy). */
  readonly accountId: string;
  /** AWS partition, e.g. `aws` (for the topic policy). */
  readonly partition: string;
  /** AWS region (for the topic policy). */
  readonly region: string;
  /**
   * Alarm thresholds; missing ones take the default.
   *
   * @default DEFAULT_RDS_ALARM_THRESHOLDS
   */
  readonly thresholds?: Partial<RdsAlarmThresholds>;
  /**
   * E-mail addresses to subscribe to the topic; each subscription is keyed by its address, so
   * removing one renames no other.
   *
   * @default - no subscriptions
   */
  readonly emails?: KeyedList;
  /**
   * Tags merged onto the topic and the alarms.
   *
   * @default - none beyond the provider's default tags
   */
  readonly tags?: Record<string, string>;
}

interface AlarmSpec {
  readonly id: string;
  readonly metric: string;
  readonly comparison: 'GreaterThanThreshold' | 'LessThanThreshold';
  readonly statistic: 'Average' | 'Minimum' | 'Maximum';
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly what: string;
}

/**
 * CloudWatch alarms on an RDS instance (and its replica) that notify a KMS-encrypted SNS topic.
 *
 * CPU, free storage, freeable memory and connections on every instance; `ReplicaLag` on the replica.
 * The topic accepts publishes from this account's CloudWatch alarms only, over TLS.
 *
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-metrics.html
 */
export class PostgresAlarms extends Construct {
  /** The topic every alarm notifies (alarm and OK). */
  public readonly topic: SnsTopic;
  /** The alarms, keyed by `<role>-<metric>` such as `primary-cpu`. */
  public readonly alarms: Record<string, CloudwatchMetricAlarm> = {};
  private readonly tags: Record<string, string>;

  constructor(scope: Construct, id: string, props: PostgresAlarmsProps) {
    super(scope, id);
    const t: RdsAlarmThresholds = { ...POSTGRES_ALARMS_DEFAULTS.thresholds, ...props.thresholds };
    for (const [name, value] of Object.entries(t)) {
      if (!Token.isUnresolved(value) && !(typeof value === 'number' && value > 0)) {
        throw new ValidationError(this, `thresholds.${name}`, value, 'is not allowed; use a number above 0');
      }
    }
    if (!Token.isUnresolved(t.cpuPercent) && t.cpuPercent > 100) {
      throw new ValidationError(this, 'thresholds.cpuPercent', t.cpuPercent, 'is not allowed; use a percentage from 1 to 100');
    }
    const emails = keyedEntries(this, 'emails', props.emails);
    emails.forEach(([, email], i) => {
      if (!Token.isUnresolved(email) && !ALARM_EMAIL_PATTERN.test(email)) {
        throw new ValidationError(this, `emails[${i}]`, email, 'is not an e-mail address; use e.g. "ops@example.com"');
      }
    });
    this.tags = props.tags ?? {};
    const tags = this.tags;

    this.topic = new SnsTopic(this, 'topic', {
      name: `${props.instanceIdentifier}-alarms`,
      kmsMasterKeyId: props.kmsKeyArn,
      tags,
    });
    const alarmArns = `arn:${props.partition}:cloudwatch:${props.region}:${props.accountId}:alarm:${props.instanceIdentifier}-*`;
    const policy = new DataAwsIamPolicyDocument(this, 'topic-policy-document', {
      statement: [
        {
          sid: 'AllowCloudWatchAlarmsOfThisDatabase',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }],
          actions: ['sns:Publish'],
          resources: [this.topic.arn],
          condition: [
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: [props.accountId] },
            { test: 'ArnLike', variable: 'aws:SourceArn', values: [alarmArns] },
          ],
        },
        {
          sid: 'AllowAccountToManageAndSubscribe',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: [`arn:${props.partition}:iam::${props.accountId}:root`] }],
          actions: [
            'sns:GetTopicAttributes',
            'sns:SetTopicAttributes',
            'sns:Subscribe',
            'sns:ListSubscriptionsByTopic',
            'sns:Publish',
          ],
          resources: [this.topic.arn],
        },
        denyInsecureTransport(['sns:Publish', 'sns:Subscribe'], [this.topic.arn]),
      ],
    });
    new SnsTopicPolicy(this, 'topic-policy', { arn: this.topic.arn, policy: policy.json });
    for (const [key, email] of emails) {
      new SnsTopicSubscription(this, `email-${key}`, { topicArn: this.topic.arn, protocol: 'email', endpoint: email });
    }

    const common: AlarmSpec[] = [
      { id: 'cpu', metric: 'CPUUtilization', comparison: 'GreaterThanThreshold', statistic: 'Average', threshold: t.cpuPercent, evaluationPeriods: 3, what: `average CPU above ${t.cpuPercent}% for 15 minutes` },
      { id: 'free-storage', metric: 'FreeStorageSpace', comparison: 'LessThanThreshold', statistic: 'Minimum', threshold: t.freeStorageBytes, evaluationPeriods: 1, what: `free storage below ${t.freeStorageBytes} bytes (a stuck replication slot retains WAL)` },
      { id: 'freeable-memory', metric: 'FreeableMemory', comparison: 'LessThanThreshold', statistic: 'Average', threshold: t.freeableMemoryBytes, evaluationPeriods: 3, what: `freeable memory below ${t.freeableMemoryBytes} bytes for 15 minutes` },
      { id: 'connections', metric: 'DatabaseConnections', comparison: 'GreaterThanThreshold', statistic: 'Average', threshold: t.connections, evaluationPeriods: 3, what: `more than ${t.connections} connections for 15 minutes` },
    ];
    this.addAlarms('primary', props.instanceIdentifier, common);
    if (props.replicaIdentifier !== undefined) {
      this.addAlarms('replica', props.replicaIdentifier, [
        ...common,
        { id: 'replica-lag', metric: 'ReplicaLag', comparison: 'GreaterThanThreshold', statistic: 'Maximum', threshold: t.replicaLagSeconds, evaluationPeriods: 3, what: `replica more than ${t.replicaLagSeconds} s behind the primary for 15 minutes` },
      ]);
    }
  }

  private addAlarms(role: 'primary' | 'replica', identifier: string, specs: readonly AlarmSpec[]): void {
    for (const s of specs) {
      this.alarms[`${role}-${s.id}`] = new CloudwatchMetricAlarm(this, `${role}-${s.id}`, {
        alarmName: `${identifier}-${s.id}`,
        alarmDescription: `RDS ${identifier}: ${s.what}`,
        namespace: 'AWS/RDS',
        metricName: s.metric,
        dimensions: { DBInstanceIdentifier: identifier },
        statistic: s.statistic,
        period: POSTGRES_ALARMS_DEFAULTS.periodSeconds,
        evaluationPeriods: s.evaluationPeriods,
        datapointsToAlarm: s.evaluationPeriods,
        threshold: s.threshold,
        comparisonOperator: s.comparison,
        treatMissingData: 'missing',
        alarmActions: [this.topic.arn],
        okActions: [this.topic.arn],
        tags: this.tags,
      });
    }
  }
}
