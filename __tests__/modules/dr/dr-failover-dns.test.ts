import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { Testing } from 'cdktf';
import { ValidationError } from '../../../modules/core/validation-error';
import { DrFailoverDns, type DrFailoverDnsProps } from '../../../modules/dr/dr-failover-dns';

const PROPS: DrFailoverDnsProps = {
  namePrefix: 'test-dr',
  environment: 'test',
  zoneName: 'test.db.internal',
  vpcId: 'vpc-123',
  region: 'eu-west-1',
  primaryAddress: 'test-postgres.abc.eu-west-1.rds.amazonaws.com',
  standbyIp: '10.2.0.3',
};

function synth(props: Partial<DrFailoverDnsProps> = {}): { text: string; json: any } {
  const text = Testing.synthScope((scope) => {
    new DrFailoverDns(scope, 'failover', { ...PROPS, ...props });
  });
  return { text, json: JSON.parse(text) };
}

function records(json: any): Record<string, any> {
  const out: Record<string, any> = {};
  for (const r of Object.values(json.resource.aws_route53_record) as any[]) out[r.set_identifier ?? r.name] = r;
  return out;
}

describe('DrFailoverDns', () => {
  it('creates a private hosted zone associated with the VPC', () => {
    expect(synth().text).toHaveResourceWithProperties(Route53Zone, {
      name: 'test.db.internal',
      vpc: [{ vpc_id: 'vpc-123', vpc_region: 'eu-west-1' }],
    });
  });

  it('answers RDS as PRIMARY and Cloud SQL as SECONDARY, TTL at most 60 s', () => {
    const r = records(synth({ ttlSeconds: 20 }).json);
    expect(r['primary-rds']).toMatchObject({
      name: 'postgres.test.db.internal',
      type: 'CNAME',
      ttl: 20,
      records: [PROPS.primaryAddress],
      failover_routing_policy: { type: 'PRIMARY' },
    });
    expect(r['primary-rds'].health_check_id).toMatch(/aws_route53_health_check\./);
    expect(r['secondary-cloud-sql']).toMatchObject({
      name: 'postgres.test.db.internal',
      type: 'CNAME',
      ttl: 20,
      records: ['standby.test.db.internal'],
      failover_routing_policy: { type: 'SECONDARY' },
    });
    expect(r['standby.test.db.internal']).toMatchObject({ type: 'A', records: ['10.2.0.3'], ttl: 20 });
  });

  it('health-checks the PRIMARY by CloudWatch metric (checkers cannot reach private IPs), healthy while replicating', () => {
    const { text, json } = synth();
    expect(text).toHaveResourceWithProperties(Route53HealthCheck, {
      type: 'CLOUDWATCH_METRIC',
      cloudwatch_alarm_region: 'eu-west-1',
      invert_healthcheck: false,
      insufficient_data_health_status: 'Healthy',
    });
    const alarm = Object.values(json.resource.aws_cloudwatch_metric_alarm)[0] as any;
    expect(alarm).toMatchObject({
      namespace: 'DR',
      metric_name: 'FailoverRequested',
      dimensions: { Environment: 'test' },
      treat_missing_data: 'notBreaching',
    });
  });

  it('makes the SECONDARY the answer in failed-over mode by holding the PRIMARY health check unhealthy', () => {
    const { text, json } = synth({ failedOver: true });
    expect(text).toHaveResourceWithProperties(Route53HealthCheck, {
      type: 'CLOUDWATCH_METRIC',
      invert_healthcheck: false,
      insufficient_data_health_status: 'Unhealthy',
    });
    // in ALARM with or without the operator's metric: the PRIMARY stays unhealthy
    const alarm = Object.values(json.resource.aws_cloudwatch_metric_alarm)[0] as any;
    expect(alarm).toMatchObject({
      treat_missing_data: 'breaching',
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
    });
  });

  it.each([300, 61, 4, 0, 2.5])('rejects a TTL of %p seconds (allowed: 5-60)', (ttlSeconds) => {
    expect(() => synth({ ttlSeconds })).toThrow(ValidationError);
    expect(() => synth({ ttlSeconds })).toThrow(/prop ttlSeconds [\d.]+ is out of range; use 5-60 seconds/);
  });

  it.each([5, 60])('accepts a TTL of %p seconds (the limits)', (ttlSeconds) => {
    expect(synth({ ttlSeconds }).text).toHaveResourceWithProperties(Route53Record, { type: 'CNAME', ttl: ttlSeconds });
  });
});
