import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { Testing } from 'cdktf';
import { ALB_TLS_POLICY, ApplicationLoadBalancer, type ApplicationLoadBalancerProps } from '../../../modules/aws/application-load-balancer';

const CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/abc';
const BASE: ApplicationLoadBalancerProps = { name: 'shop', vpcId: 'vpc-1', subnetIds: ['subnet-pub-a', 'subnet-pub-b'], certificateArn: CERT };
const synth = (props: Partial<ApplicationLoadBalancerProps> = {}): string =>
  Testing.synthScope((s) => new ApplicationLoadBalancer(s, 'alb', { ...BASE, ...props }));
const all = (json: string, type: string): any[] => Object.values(JSON.parse(json).resource[type] ?? {});

describe('ApplicationLoadBalancer', () => {
  it('is internet-facing in the given subnets, drops invalid headers, is deletion protected and logs to its bucket', () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(Lb, {
      name: 'shop',
      load_balancer_type: 'application',
      internal: false,
      subnets: ['subnet-pub-a', 'subnet-pub-b'],
      drop_invalid_header_fields: true,
      enable_deletion_protection: true,
    });
    const lb = all(json, 'aws_lb')[0];
    expect(lb.access_logs.enabled).toBe(true);
    expect(lb.access_logs.bucket).toMatch(/aws_s3_bucket\.alb_access-logs_[0-9A-F]+\.bucket/);
  });

  it('serves HTTPS with the TLS 1.3 policy and only redirects HTTP', () => {
    const json = synth();
    expect(ALB_TLS_POLICY).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
    expect(json).toHaveResourceWithProperties(LbListener, { port: 443, protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', certificate_arn: CERT });
    const http = all(json, 'aws_lb_listener').find((l) => l.port === 80);
    expect(http.default_action).toEqual([{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } }]);
  });

  it('serves plain HTTP only with the explicit opt-in', () => {
    expect(() => synth({ certificateArn: undefined })).toThrow(/prop certificateArn \(missing\) is required for the HTTPS listener; give an ACM certificate ARN, or set allowPlainHttp: true/);
    const json = synth({ certificateArn: undefined, allowPlainHttp: true });
    const listeners = all(json, 'aws_lb_listener');
    expect(listeners).toHaveLength(1);
    expect(listeners[0].default_action[0].type).toBe('forward');
  });

  it('keeps its access log bucket private, encrypted, TLS-only and writable by ELB log delivery', () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(S3BucketPublicAccessBlock, { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(all(json, 'aws_s3_bucket_server_side_encryption_configuration')[0].rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe('AES256');
    expect(all(json, 'aws_s3_bucket')[0].force_destroy).toBe(false);
    const doc = Object.values(JSON.parse(json).data.aws_iam_policy_document).find((d: any) => d.statement.some((s: any) => s.sid === 'DenyInsecureTransport')) as any;
    const bySid = Object.fromEntries(doc.statement.map((s: any) => [s.sid, s]));
    expect(bySid.ElbLogDeliveryServicePrincipal.principals[0].identifiers).toEqual(['logdelivery.elasticloadbalancing.amazonaws.com']);
    expect(bySid.ElbLogDeliveryRegionalAccount.principals[0].identifiers[0]).toMatch(/lookup\(\{.*"eu-west-1" = "156460612806"/s);
    expect(bySid.DenyInsecureTransport.effect).toBe('Deny');
  });

  it('has an IP target group with health check and deregistration delay', () => {
    expect(synth({ targetPort: 3000, deregistrationDelaySeconds: 15, healthCheckPath: '/ready' })).toHaveResourceWithProperties(LbTargetGroup, {
      port: 3000,
      target_type: 'ip',
      deregistration_delay: '15',
      health_check: { enabled: true, path: '/ready', matcher: '200-399', port: 'traffic-port', protocol: 'HTTP', interval: 15, timeout: 5, healthy_threshold: 2, unhealthy_threshold: 3 },
    });
  });

  it('admits 443 and 80 from the allowed CIDRs and has no egress of its own', () => {
    const rules = all(synth({ ingressCidrs: ['203.0.113.0/24'] }), 'aws_vpc_security_group_ingress_rule');
    expect(rules.map((r) => [r.from_port, r.cidr_ipv4]).sort()).toEqual([[443, '203.0.113.0/24'], [80, '203.0.113.0/24']]);
    expect(all(synth(), 'aws_vpc_security_group_egress_rule')).toHaveLength(0);
    expect(all(synth(), 'aws_security_group')[0].egress).toBeUndefined();
  });

  it('associates a WAF web ACL when given', () => {
    expect(synth({ webAclArn: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/x/1' })).toHaveResource(Wafv2WebAclAssociation);
    expect(JSON.parse(synth()).resource.aws_wafv2_web_acl_association).toBeUndefined();
  });

  it.each([
    [{ internal: true }, /prop ingressCidrs \(missing\) is required for an internal balancer/],
    [{ subnetIds: ['subnet-a'] }, /prop subnetIds \["subnet-a"\] has fewer than 2 subnets/],
    [{ deregistrationDelaySeconds: 4000 }, /prop deregistrationDelaySeconds 4000 is not allowed; use a whole number from 0 to 3600/],
    [{ name: 'a-name-that-is-far-too-long-for-an-alb' }, /prop name "a-name-that-is-far-too-long-for-an-alb" is not a load balancer name; use 1 to 32/],
  ])('rejects %j', (props, pattern) => expect(() => synth(props)).toThrow(pattern));
});
