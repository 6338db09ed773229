import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { Testing } from 'cdktf';
import type { AwsServicesStack } from '../../../stacks/aws-services/aws-services-stack';
import { awsServicesFamily } from '../../../stacks/aws-services/family';
import type { AwsAlertsOutputs } from '../../../stacks/contracts';
import { familyStack, testEnvironment } from '../../helpers/environment';
import { AWS_DATABASE, AWS_NETWORK } from '../../helpers/outputs';

const ALERTS: AwsAlertsOutputs = { topicArn: 'arn:aws:sns:eu-west-1:123456789012:test-alerts', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/alerts' };
const CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000';
const SVC = { image: { tag: '1.0.0' }, alb: { certificateArn: CERT } };

function build(svc: Record<string, any> = {}, services: Record<string, any> = {}, aws: Record<string, any> = {}): AwsServicesStack {
  const env = testEnvironment({ aws: { alerts: { enabled: true }, services: { enabled: true, services: { web: { ...SVC, ...svc } }, ...services }, ...aws } });
  return familyStack<AwsServicesStack>(awsServicesFamily, env, { 'aws-network': AWS_NETWORK, 'aws-alerts': ALERTS, 'aws-database': AWS_DATABASE });
}

function resource(json: string, type: string): any {
  return Object.values(JSON.parse(json).resource[type])[0];
}

/** The container definitions of the (first) task definition, as the HCL `jsonencode` expression cdktf writes. */
function containers(json: string): string {
  return resource(json, 'aws_ecs_task_definition').container_definitions;
}

describe('AwsServicesStack', () => {
  it('makes the cluster with Container Insights, on-demand Fargate first', () => {
    const json = Testing.synth(build());
    expect(json).toHaveResourceWithProperties(EcsCluster, { name: 'test-services', setting: [{ name: 'containerInsights', value: 'enabled' }] });
  });

  it('makes an ECR repository per service: immutable tags, scan on push, KMS', () => {
    const json = Testing.synth(build());
    expect(json).toHaveResourceWithProperties(EcrRepository, {
      name: 'test/web',
      image_tag_mutability: 'IMMUTABLE',
      image_scanning_configuration: { scan_on_push: true },
      encryption_configuration: [expect.objectContaining({ encryption_type: 'KMS' })],
    });
    expect(containers(json)).toMatch(/"image" = "\$\{aws_ecr_repository\.repository-web_repository_[0-9A-F]+\.repository_url\}:1\.0\.0"/);
  });

  it('uses an image from elsewhere by digest, without a repository', () => {
    const digest = `sha256:${'b'.repeat(64)}`;
    const json = Testing.synth(build({ image: { repository: 'public.ecr.aws/acme/web', digest } }));
    expect(json).not.toHaveResource(EcrRepository);
    expect(containers(json)).toContain(`"image" = "public.ecr.aws/acme/web@${digest}"`);
  });

  it('runs hardened ARM64 tasks in the private subnets without public IPs, with rollback on failed deployments', () => {
    const json = Testing.synth(build());
    expect(json).toHaveResourceWithProperties(EcsTaskDefinition, { cpu: '512', memory: '1024', runtime_platform: { cpu_architecture: 'ARM64', operating_system_family: 'LINUX' } });
    for (const setting of ['"readonlyRootFilesystem" = true', '"user" = "10001:10001"', '"privileged" = false']) expect(containers(json)).toContain(setting);
    expect(json).toHaveResourceWithProperties(EcsService, {
      name: 'test-web',
      network_configuration: expect.objectContaining({ subnets: AWS_NETWORK.privateSubnetIds, assign_public_ip: false }),
      deployment_circuit_breaker: { enable: true, rollback: true },
    });
  });

  it('lets CI own the image when ignoreImageChanges', () => {
    expect(resource(Testing.synth(build()), 'aws_ecs_service').lifecycle.ignore_changes).toEqual(['desired_count']);
    expect(resource(Testing.synth(build({ ignoreImageChanges: true })), 'aws_ecs_service').lifecycle.ignore_changes).toEqual(['desired_count', 'task_definition']);
  });

  it('puts an internet-facing, deletion-protected ALB in the public subnets with HTTPS (TLS 1.3) and HTTP redirecting', () => {
    const json = Testing.synth(build());
    expect(json).toHaveResourceWithProperties(Lb, { name: 'test-web', internal: false, subnets: AWS_NETWORK.publicSubnetIds, enable_deletion_protection: true, drop_invalid_header_fields: true });
    expect(json).toHaveResourceWithProperties(LbListener, { port: 443, protocol: 'HTTPS', certificate_arn: CERT, ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' });
    expect(json).toHaveResourceWithProperties(LbListener, { port: 80, default_action: [expect.objectContaining({ type: 'redirect' })] });
  });

  it('serves plain HTTP only on the explicit opt-in (dev)', () => {
    const json = Testing.synth(build({ alb: { allowPlainHttp: true, deletionProtection: false } }));
    expect(json).not.toHaveResourceWithProperties(LbListener, { port: 443 });
    expect(json).toHaveResourceWithProperties(LbListener, { port: 80, protocol: 'HTTP', default_action: [expect.objectContaining({ type: 'forward' })] });
    expect(json).toHaveResourceWithProperties(Lb, { enable_deletion_protection: false });
  });

  it('puts an internal ALB in the private subnets, admitting the listed CIDRs, with WAF', () => {
    const waf = 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop/0123abcd-0000-0000-0000-000000000000';
    const json = Testing.synth(build({ alb: { scheme: 'internal', certificateArn: CERT, ingressCidrs: ['10.0.0.0/16'], wafAclArn: waf } }));
    expect(json).toHaveResourceWithProperties(Lb, { internal: true, subnets: AWS_NETWORK.privateSubnetIds });
    expect(json).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { cidr_ipv4: '10.0.0.0/16', from_port: 443 });
    expect(json).not.toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { cidr_ipv4: '0.0.0.0/0' });
    expect(json).toHaveResourceWithProperties(Wafv2WebAclAssociation, { web_acl_arn: waf });
  });

  it('grants the database: ingress from the service on the database group and rds-db:connect as its user', () => {
    const json = Testing.synth(build({ database: 'read-write', databaseUser: 'web_app' }, {}, { database: { enabled: true } }));
    expect(json).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { security_group_id: AWS_DATABASE.securityGroupId, from_port: 5432 });
    expect(json).toContain(`dbuser:${AWS_DATABASE.resourceId}/web_app`);
  });

  it('sends the alarms to the environment alert topic', () => {
    const alarms = Object.values(JSON.parse(Testing.synth(build())).resource.aws_cloudwatch_metric_alarm) as any[];
    expect(alarms.length).toBeGreaterThanOrEqual(4);
    for (const alarm of alarms) expect(alarm.alarm_actions).toEqual([ALERTS.topicArn]);
    expect(alarms.map((a) => a.alarm_name)).toEqual(expect.arrayContaining(['test-web-5xx', 'test-web-unhealthy-tasks', 'test-web-cpu-high', 'test-web-memory-high']));
  });

  it('scales on CPU, memory and requests per target between min and max', () => {
    const json = JSON.parse(Testing.synth(build({ minCapacity: 3, maxCapacity: 7, desiredCount: 3 })));
    expect(Object.values(json.resource.aws_appautoscaling_target)[0]).toMatchObject({ min_capacity: 3, max_capacity: 7 });
    const metrics = (Object.values(json.resource.aws_appautoscaling_policy) as any[]).map((p) => p.target_tracking_scaling_policy_configuration.predefined_metric_specification.predefined_metric_type);
    expect(metrics.sort()).toEqual(['ALBRequestCountPerTarget', 'ECSServiceAverageCPUUtilization', 'ECSServiceAverageMemoryUtilization']);
  });

  it('configures the AWS provider and the S3 backend', () => {
    const json = JSON.parse(Testing.synth(build()));
    expect(json.provider.aws[0]).toMatchObject({ region: 'eu-west-1', allowed_account_ids: ['123456789012'] });
    expect(json.terraform.backend.s3).toMatchObject({ key: 'test/test-aws-services.tfstate', encrypt: true });
  });
});
