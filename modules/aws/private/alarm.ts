import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { Construct } from 'constructs';

/** One CloudWatch alarm on one metric. */
export interface MetricAlarmSpec {
  /** Alarm name. */
  readonly name: string;
  /** What the alarm means and what to look at. */
  readonly description: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Record<string, string>;
  /** `Sum`, `Average`, `Maximum`... */
  readonly statistic: string;
  readonly threshold: number;
  /** @default 'GreaterThanThreshold' */
  readonly comparison?: string;
  /** @default 60 */
  readonly periodSeconds?: number;
  /** @default 5 */
  readonly evaluationPeriods?: number;
  /** @default - evaluationPeriods */
  readonly datapointsToAlarm?: number;
  /** SNS topic notified on alarm and on recovery. @default - no actions */
  readonly topicArn?: string;
  readonly tags?: Record<string, string>;
}

/** A CloudWatch alarm that notifies `topicArn` on alarm and on OK; missing data is not breaching. */
export function metricAlarm(scope: Construct, id: string, spec: MetricAlarmSpec): CloudwatchMetricAlarm {
  const actions = spec.topicArn ? [spec.topicArn] : [];
  return new CloudwatchMetricAlarm(scope, id, {
    alarmName: spec.name,
    alarmDescription: spec.description,
    namespace: spec.namespace,
    metricName: spec.metricName,
    dimensions: spec.dimensions,
    statistic: spec.statistic,
    threshold: spec.threshold,
    comparisonOperator: spec.comparison ?? 'GreaterThanThreshold',
    period: spec.periodSeconds ?? 60,
    evaluationPeriods: spec.evaluationPeriods ?? 5,
    datapointsToAlarm: spec.datapointsToAlarm ?? spec.evaluationPeriods ?? 5,
    treatMissingData: 'notBreaching',
    alarmActions: actions,
    okActions: actions,
    tags: spec.tags,
  });
}
