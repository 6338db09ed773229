import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA as S3BucketServerSideEncryptionConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { metricAlarm } from './private/alarm';
import { AwsContext } from './private/customer-key';
import { keyedEntries } from './private/ids';
import { suppress } from '../policy/suppressions';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';

/** TLS policy of the HTTPS listener: TLS 1.3 and 1.2 only. @see https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html */
export const ALB_TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/** Defaults of {@link ApplicationLoadBalancer}. */
export const ALB_DEFAULTS = {
  internal: false,
  deletionProtection: true,
  allowPlainHttp: false,
  targetPort: 8080,
  healthCheckPath: '/health',
  healthCheckIntervalSeconds: 15,
  healthyThreshold: 2,
  unhealthyThreshold: 3,
  deregistrationDelaySeconds: 30,
  idleTimeoutSeconds: 60,
  accessLogExpiryDays: 365,
  /** Who may connect when the balancer is internet-facing. */
  publicIngressCidrs: ['0.0.0.0/0'],
} as const;

/** Limits. @see https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html */
export const ALB_LIMITS = {
  deregistrationDelaySeconds: [0, 3600],
  healthCheckIntervalSeconds: [5, 300],
  idleTimeoutSeconds: [1, 4000],
  targetPort: [1, 65535],
} as const;

/**
 * Accounts of Elastic Load Balancing in the regions older than August 2022, which write access logs as this
 * account. Newer regions use the log-delivery service principal instead.
 *
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
 */
export const ELB_LOG_ACCOUNTS: Readonly<Record<string, string>> = {
  'us-east-1': '127311923021',
  'us-east-2': '033677994240',
  'us-west-1': '027434742980',
  'us-west-2': '797873946194',
  'af-south-1': '098369216593',
  'ap-east-1': '754344448648',
  'ap-southeast-3': '589379963580',
  'ap-south-1': '718504428378',
  'ap-northeast-3': '383597477331',
  'ap-northeast-2': '600734575887',
  'ap-southeast-1': '114774131450',
  'ap-southeast-2': '783225319266',
  'ap-northeast-1': '582318560864',
  'ca-central-1': '985666609251',
  'eu-central-1': '054676820928',
  'eu-west-1': '156460612806',
  'eu-west-2': '652711504416',
  'eu-south-1': '635631232127',
  'eu-west-3': '009996457667',
  'eu-north-1': '897822967062',
  'me-south-1': '076674570225',
  'sa-east-1': '507241528517',
  'us-gov-west-1': '048591011584',
  'us-gov-east-1': '190560391635',
};

/** Props of {@link ApplicationLoadBalancer}. */
export interface ApplicationLoadBalancerProps {
  /** Name of the balancer (at most 32 characters); also prefixes the bucket, groups and alarms. */
  readonly name: string;
  /** VPC of the balancer and targets. */
  readonly vpcId: string;
  /** Subnets: public ones for an internet-facing balancer, private ones for an internal one. */
  readonly subnetIds: string[];
  /** Internal (private) balancer. @default false */
  readonly internal?: boolean;
  /** ACM certificate of the HTTPS listener; required unless `allowPlainHttp`. @default - none */
  readonly certificateArn?: string;
  /** Serve plain HTTP on port 80 (no TLS at all). Explicit opt-in only. @default false */
  readonly allowPlainHttp?: boolean;
  /** CIDRs admitted on 443 (and 80). @default - 0.0.0.0/0 when internet-facing; required when internal */
  readonly ingressCidrs?: string[];
  /** Port of the targets (the container port). @default 8080 */
  readonly targetPort?: number;
  /** Health check path of the targets. @default "/health" */
  readonly healthCheckPath?: string;
  /** Health check interval, seconds (5-300). @default 15 */
  readonly healthCheckIntervalSeconds?: number;
  /** Seconds connections drain from a deregistered target (0-3600). @default 30 */
  readonly deregistrationDelaySeconds?: number;
  /** Idle timeout, seconds. @default 60 */
  readonly idleTimeoutSeconds?: number;
  /** Refuse API deletion. @default true */
  readonly deletionProtection?: boolean;
  /** WAFv2 web ACL to associate. @default - none */
  readonly webAclArn?: string;
  /** Days access logs are kept in the bucket. @default 365 */
  readonly accessLogExpiryDays?: number;
  /** Delete the access log bucket with its objects on destroy. @default false */
  readonly forceDestroyLogs?: boolean;
  /** SNS topic of the alarms. @default - alarms without actions */
  readonly alarmTopicArn?: string;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * An Application Load Balancer: HTTPS with TLS 1.3 policy, HTTP only redirecting to HTTPS, invalid headers
 * dropped, access logs to an S3 bucket it creates (encrypted, private, ELB delivery policy), deletion
 * protection, optional WAF, one IP target group for a Fargate service and alarms on 5xx and unhealthy hosts.
 *
 * The balancer's group has no egress: a service behind it adds the one rule to its tasks' group on the container
 * port (see FargateService `loadBalancer`).
 *
 * @see https://github.com/terraform-aws-modules/terraform-aws-alb
 */
export class ApplicationLoadBalancer extends Construct {
  public readonly resource: Lb;
  public readonly targetGroup: LbTargetGroup;
  public readonly loadBalancerArn: string;
  /** `app/<name>/<id>`, the CloudWatch dimension. */
  public readonly loadBalancerArnSuffix: string;
  public readonly dnsName: string;
  public readonly zoneId: string;
  public readonly securityGroupId: string;
  public readonly targetGroupArn: string;
  /** `targetgroup/<name>/<id>`, the CloudWatch dimension. */
  public readonly targetGroupArnSuffix: string;
  public readonly targetPort: number;
  /** The HTTPS listener (or the plain HTTP one with `allowPlainHttp` and no certificate). */
  public readonly listenerArn: string;
  public readonly accessLogBucketName: string;

  constructor(scope: Construct, id: string, props: ApplicationLoadBalancerProps) {
    super(scope, id);
    const internal = props.internal ?? ALB_DEFAULTS.internal;
    const allowPlainHttp = props.allowPlainHttp ?? ALB_DEFAULTS.allowPlainHttp;
    const targetPort = props.targetPort ?? ALB_DEFAULTS.targetPort;
    const interval = props.healthCheckIntervalSeconds ?? ALB_DEFAULTS.healthCheckIntervalSeconds;
    const deregistration = props.deregistrationDelaySeconds ?? ALB_DEFAULTS.deregistrationDelaySeconds;
    const idle = props.idleTimeoutSeconds ?? ALB_DEFAULTS.idleTimeoutSeconds;
    const cidrs = props.ingressCidrs ?? (internal ? undefined : [...ALB_DEFAULTS.publicIngressCidrs]);
    this.validate(props, { internal, allowPlainHttp, targetPort, interval, deregistration, idle, cidrs });
    const tags = props.tags ?? {};
    const name = props.name;
    const aws = new AwsContext(this, 'context');
    this.targetPort = targetPort;

    // Access logs: ALB writes only to SSE-S3 (AES256) buckets, not SSE-KMS.
    const bucket = new S3Bucket(this, 'access-logs', { bucketPrefix: `${name}-alb-logs-`, forceDestroy: props.forceDestroyLogs ?? false, tags });
    this.accessLogBucketName = bucket.bucket;
    suppress(bucket, 'AWS-S3-2', 'ALB access log delivery supports only SSE-S3 (AES256) on the target bucket, not SSE-KMS');
    new S3BucketVersioningA(this, 'access-logs-versioning', { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketPublicAccessBlock(this, 'access-logs-public-access', {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'access-logs-ownership', { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new S3BucketServerSideEncryptionConfiguration(this, 'access-logs-encryption', {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    new S3BucketLifecycleConfiguration(this, 'access-logs-lifecycle', {
      bucket: bucket.id,
      rule: [{ id: 'expire', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days: props.accessLogExpiryDays ?? ALB_DEFAULTS.accessLogExpiryDays }] }],
    });
    const logObjects = `${bucket.arn}/AWSLogs/${aws.accountId}/*`;
    // In regions newer than August 2022 the lookup falls back to this account's root, which grants nothing new.
    const elbAccount = Fn.lookup(ELB_LOG_ACCOUNTS, aws.region, aws.accountId);
    const bucketPolicy = new DataAwsIamPolicyDocument(this, 'access-logs-policy', {
      statement: [
        {
          sid: 'ElbLogDeliveryServicePrincipal',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['logdelivery.elasticloadbalancing.amazonaws.com'] }],
          actions: ['s3:PutObject'],
          resources: [logObjects],
        },
        {
          sid: 'ElbLogDeliveryRegionalAccount',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: [`arn:${aws.partition}:iam::${elbAccount}:root`] }],
          actions: ['s3:PutObject'],
          resources: [logObjects],
        },
        {
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['s3:*'],
          resources: [bucket.arn, `${bucket.arn}/*`],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
      ],
    });
    const policy = new S3BucketPolicy(this, 'access-logs-bucket-policy', { bucket: bucket.id, policy: bucketPolicy.json });

    const sg = new SecurityGroup(this, 'security-group', {
      namePrefix: `${name}-alb-`,
      description: `ALB ${name}: ${allowPlainHttp ? 'HTTP' : 'HTTPS'} in from the allowed CIDRs; out only to its targets`,
      vpcId: props.vpcId,
      tags: { ...tags, Name: `${name}-alb` },
      lifecycle: { createBeforeDestroy: true },
    });
    this.securityGroupId = sg.id;
    const ports = [...(props.certificateArn ? [443] : []), 80];
    for (const [cidrId, cidr] of keyedEntries(this, 'ingressCidrs', cidrs)) {
      for (const port of ports) {
        new VpcSecurityGroupIngressRule(this, `ingress-${port}-${cidrId}`, {
          securityGroupId: sg.id,
          ipProtocol: 'tcp',
          fromPort: port,
          toPort: port,
          cidrIpv4: cidr,
          description: port === 443 ? 'HTTPS' : allowPlainHttp ? 'HTTP' : 'HTTP, redirected to HTTPS',
        });
      }
    }

    this.resource = new Lb(this, 'alb', {
      name,
      loadBalancerType: 'application',
      internal,
      subnets: props.subnetIds,
      securityGroups: [sg.id],
      dropInvalidHeaderFields: true,
      enableDeletionProtection: props.deletionProtection ?? ALB_DEFAULTS.deletionProtection,
      idleTimeout: idle,
      accessLogs: { bucket: bucket.bucket, enabled: true },
      tags,
      dependsOn: [policy],
    });
    this.loadBalancerArn = this.resource.arn;
    this.loadBalancerArnSuffix = this.resource.arnSuffix;
    this.dnsName = this.resource.dnsName;
    this.zoneId = this.resource.zoneId;

    this.targetGroup = new LbTargetGroup(this, 'target-group', {
      namePrefix: 'tg-',
      port: targetPort,
      protocol: 'HTTP',
      targetType: 'ip',
      vpcId: props.vpcId,
      deregistrationDelay: String(deregistration),
      healthCheck: {
        enabled: true,
        path: props.healthCheckPath ?? ALB_DEFAULTS.healthCheckPath,
        protocol: 'HTTP',
        port: 'traffic-port',
        matcher: '200-399',
        interval,
        timeout: Math.min(5, interval - 1),
        healthyThreshold: ALB_DEFAULTS.healthyThreshold,
        unhealthyThreshold: ALB_DEFAULTS.unhealthyThreshold,
      },
      tags,
      lifecycle: { createBeforeDestroy: true },
    });
    this.targetGroupArn = this.targetGroup.arn;
    this.targetGroupArnSuffix = this.targetGroup.arnSuffix;
    const forward = [{ type: 'forward', targetGroupArn: this.targetGroup.arn }];

    if (props.certificateArn) {
      this.listenerArn = new LbListener(this, 'https', {
        loadBalancerArn: this.resource.arn,
        port: 443,
        protocol: 'HTTPS',
        sslPolicy: ALB_TLS_POLICY,
        certificateArn: props.certificateArn,
        defaultAction: forward,
        tags,
      }).arn;
    }
    const plain = allowPlainHttp && !props.certificateArn;
    const http = new LbListener(this, 'http', {
      loadBalancerArn: this.resource.arn,
      port: 80,
      protocol: 'HTTP',
      defaultAction:
        allowPlainHttp && !props.certificateArn
          ? forward
          : [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }],
      tags,
    });
    if (plain) suppress(http, 'AWS-ALB-4', 'allowPlainHttp: the explicit, documented opt-in to serve plain HTTP (no certificate), for dev');
    this.listenerArn ??= http.arn;

    if (props.webAclArn) {
      new Wafv2WebAclAssociation(this, 'waf', { resourceArn: this.resource.arn, webAclArn: props.webAclArn });
    }

    const common = { namespace: 'AWS/ApplicationELB', topicArn: props.alarmTopicArn, tags };
    metricAlarm(this, 'alarm-5xx', {
      ...common,
      name: `${name}-alb-5xx`,
      description: `ALB ${name} answered 5xx itself (no healthy target, timeouts)`,
      metricName: 'HTTPCode_ELB_5XX_Count',
      dimensions: { LoadBalancer: this.resource.arnSuffix },
      statistic: 'Sum',
      threshold: 10,
    });
    metricAlarm(this, 'alarm-target-5xx', {
      ...common,
      name: `${name}-targets-5xx`,
      description: `Targets behind ALB ${name} answered 5xx`,
      metricName: 'HTTPCode_Target_5XX_Count',
      dimensions: { LoadBalancer: this.resource.arnSuffix, TargetGroup: this.targetGroup.arnSuffix },
      statistic: 'Sum',
      threshold: 10,
    });
    metricAlarm(this, 'alarm-unhealthy', {
      ...common,
      name: `${name}-unhealthy-hosts`,
      description: `Targets behind ALB ${name} fail their health check`,
      metricName: 'UnHealthyHostCount',
      dimensions: { LoadBalancer: this.resource.arnSuffix, TargetGroup: this.targetGroup.arnSuffix },
      statistic: 'Maximum',
      threshold: 0,
    });
  }

  private validate(
    props: ApplicationLoadBalancerProps,
    v: { internal: boolean; allowPlainHttp: boolean; targetPort: number; interval: number; deregistration: number; idle: number; cidrs?: string[] },
  ): void {
    if (!Token.isUnresolved(props.name) && !/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/.test(props.name)) {
      throw new ValidationError(this, 'name', props.name, 'is not a load balancer name; use 1 to 32 letters, digits and -, not starting or ending with -');
    }
    if (!props.certificateArn && !v.allowPlainHttp) {
      throw new ValidationError(this, 'certificateArn', props.certificateArn, 'is required for the HTTPS listener; give an ACM certificate ARN, or set allowPlainHttp: true to serve plain HTTP');
    }
    if (v.internal && v.cidrs === undefined) {
      throw new ValidationError(this, 'ingressCidrs', v.cidrs, 'is required for an internal balancer; list the private CIDRs that may connect');
    }
    keyedEntries(this, 'ingressCidrs', v.cidrs);
    if (!Token.isUnresolved(props.subnetIds) && props.subnetIds.length < 2) {
      throw new ValidationError(this, 'subnetIds', props.subnetIds, 'has fewer than 2 subnets; an ALB needs subnets in at least two availability zones');
    }
    for (const [prop, value, [min, max]] of [
      ['targetPort', v.targetPort, ALB_LIMITS.targetPort],
      ['healthCheckIntervalSeconds', v.interval, ALB_LIMITS.healthCheckIntervalSeconds],
      ['deregistrationDelaySeconds', v.deregistration, ALB_LIMITS.deregistrationDelaySeconds],
      ['idleTimeoutSeconds', v.idle, ALB_LIMITS.idleTimeoutSeconds],
    ] as const) {
      if (!Token.isUnresolved(value) && !(Number.isInteger(value) && value >= min && value <= max)) {
        throw new ValidationError(this, prop, value, `is not allowed; use a whole number from ${min} to ${max}`);
      }
    }
  }
}
