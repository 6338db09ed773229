import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';

/** Namespace and name of the metric an operator publishes to request a failover without a deploy. */
export const FAILOVER_METRIC_NAMESPACE = 'DR';
export const FAILOVER_METRIC_NAME = 'FailoverRequested';

/**
 * TTL range of the failover records, in seconds.
 *
 * Max 60: Route 53 recommends a TTL of 60 s or less on records with a health check, so clients
 * follow a change of health status quickly. Min 5: the health check follows a CloudWatch alarm
 * with a 60 s period, so a TTL under a few seconds cannot speed a failover up; it only multiplies
 * the queries (and the Route 53 bill) and is raised anyway by resolvers with a minimum cache time.
 * This range replaces the two that disagreed (1-60 here, 5-60 in the config schema).
 *
 * @see https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-values-failover.html#rrsets-values-failover-ttl
 */
export const FAILOVER_TTL_LIMITS = { min: 5, max: 60 } as const;

/** Defaults of {@link DrFailoverDns}, exported for the `dr.failover` config section. */
export const FAILOVER_DNS_DEFAULTS = {
  recordName: 'postgres',
  ttlSeconds: 30,
  failedOver: false,
} as const;

/** Props of {@link DrFailoverDns}. */
export interface DrFailoverDnsProps {
  /** Prefix of every resource name, e.g. `prod-dr`. */
  readonly namePrefix: string;
  /** Environment name (the failover metric's `Environment` dimension). */
  readonly environment: string;
  /** Private hosted zone, e.g. `prod.db.internal`. */
  readonly zoneName: string;
  /** Record applications use, relative to the zone. @default 'postgres' */
  readonly recordName?: string;
  /** TTL of the records in seconds ({@link FAILOVER_TTL_LIMITS}: 5-60). @default 30 */
  readonly ttlSeconds?: number;
  /** VPC the zone is associated with. */
  readonly vpcId: string;
  /** Region of the VPC and of the health check's alarm. */
  readonly region: string;
  /** Host name of the RDS primary. */
  readonly primaryAddress: string;
  /** Private IP of the Cloud SQL standby. */
  readonly standbyIp: string;
  /** `failed-over` mode: the PRIMARY health check is held unhealthy, so DNS answers the SECONDARY. @default false */
  readonly failedOver?: boolean;
  /** SNS topic told when a failover is requested. @default - no notification */
  readonly alarmTopicArn?: string;
  /** Tags merged onto every taggable resource. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * The failover DNS record pair applications connect through.
 *
 * `<record>.<zone>` is a PRIMARY CNAME to RDS with a CloudWatch-metric health check (Route 53
 * checkers cannot reach private addresses) and a SECONDARY CNAME to `standby.<zone>`, an A
 * record at Cloud SQL's private IP (failover records must share one type, and a CNAME cannot
 * point at an IP). The health check watches the `FailoverRequested` alarm, healthy while it is OK:
 *
 * - replicating: missing data is not breaching, so the PRIMARY answers; an operator can fail over
 *   without a deploy by publishing `DR/FailoverRequested = 1`.
 * - failed-over (`failedOver`): missing data is breaching, so the alarm is in ALARM whether or
 *   not anyone publishes, the PRIMARY is unhealthy and the SECONDARY answers. (Inverting the
 *   health check instead would turn an operator's still-running publish loop into a switch back.)
 *
 * Nothing fails over by itself on a metric blip: promotion is a human decision (split brain).
 *
 * @see https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-private-hosted-zones.html
 */
export class DrFailoverDns extends Construct {
  public readonly zone: Route53Zone;
  public readonly healthCheck: Route53HealthCheck;
  public readonly failoverAlarm: CloudwatchMetricAlarm;
  public readonly primary: Route53Record;
  public readonly secondary: Route53Record;
  /** Fully qualified name applications use. */
  public readonly fqdn: string;

  constructor(scope: Construct, id: string, props: DrFailoverDnsProps) {
    super(scope, id);
    const ttl = props.ttlSeconds ?? FAILOVER_DNS_DEFAULTS.ttlSeconds;
    const { min, max } = FAILOVER_TTL_LIMITS;
    if (!Token.isUnresolved(ttl) && (!Number.isInteger(ttl) || ttl < min || ttl > max)) {
      throw new ValidationError(
        this,
        'ttlSeconds',
        ttl,
        `is out of range; use ${min}-${max} seconds so clients follow a failover within a minute`,
      );
    }
    const recordName = props.recordName ?? FAILOVER_DNS_DEFAULTS.recordName;
    const tags = props.tags ?? {};
    const failedOver = props.failedOver ?? FAILOVER_DNS_DEFAULTS.failedOver;
    this.fqdn = `${recordName}.${props.zoneName}`;
    const standbyName = `standby.${props.zoneName}`;

    this.zone = new Route53Zone(this, 'zone', {
      name: props.zoneName,
      comment: `${props.namePrefix}: failover records of the DR link`,
      vpc: [{ vpcId: props.vpcId, vpcRegion: props.region }],
      tags,
    });
    new Route53Record(this, 'standby', {
      zoneId: this.zone.zoneId,
      name: standbyName,
      type: 'A',
      ttl,
      records: [props.standbyIp],
    });

    this.failoverAlarm = new CloudwatchMetricAlarm(this, 'failover-requested', {
      alarmName: `${props.namePrefix}-failover-requested`,
      alarmDescription: `Publish ${FAILOVER_METRIC_NAMESPACE}/${FAILOVER_METRIC_NAME}=1 (Environment=${props.environment}) to send ${this.fqdn} to Cloud SQL; see docs/dr-runbook.md`,
      namespace: FAILOVER_METRIC_NAMESPACE,
      metricName: FAILOVER_METRIC_NAME,
      dimensions: { Environment: props.environment },
      statistic: 'Maximum',
      period: 60,
      evaluationPeriods: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      // Replicating: no metric = nobody asked for a failover, stay on the primary.
      // Failed over: no metric = still failed over, whatever anyone publishes.
      treatMissingData: failedOver ? 'breaching' : 'notBreaching',
      ...(props.alarmTopicArn ? { alarmActions: [props.alarmTopicArn], okActions: [props.alarmTopicArn] } : {}),
      tags,
    });
    this.healthCheck = new Route53HealthCheck(this, 'primary-health', {
      type: 'CLOUDWATCH_METRIC',
      cloudwatchAlarmName: this.failoverAlarm.alarmName,
      cloudwatchAlarmRegion: props.region,
      insufficientDataHealthStatus: failedOver ? 'Unhealthy' : 'Healthy',
      invertHealthcheck: false,
      tags: { ...tags, Name: `${props.namePrefix}-primary` },
    });
    this.primary = new Route53Record(this, 'primary', {
      zoneId: this.zone.zoneId,
      name: this.fqdn,
      type: 'CNAME',
      ttl,
      records: [props.primaryAddress],
      setIdentifier: 'primary-rds',
      failoverRoutingPolicy: { type: 'PRIMARY' },
      healthCheckId: this.healthCheck.id,
    });
    this.secondary = new Route53Record(this, 'secondary', {
      zoneId: this.zone.zoneId,
      name: this.fqdn,
      type: 'CNAME',
      ttl,
      records: [standbyName],
      setIdentifier: 'secondary-cloud-sql',
      failoverRoutingPolicy: { type: 'SECONDARY' },
    });
  }
}
