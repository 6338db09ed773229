import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { Testing } from 'cdktf';
import type { AwsDataOutputs } from '../../../stacks/contracts';
import { awsDataFamily } from '../../../stacks/aws-data/family';
import { familyDependencies } from '../../../stacks/family';
import { validateStacks } from '../../helpers/terraform';
import type { AwsServicesStack } from '../../../stacks/aws-services/aws-services-stack';
import { awsServicesFamily } from '../../../stacks/aws-services/family';
import type { AwsAlertsOutputs } from '../../../stacks/contracts';
import { familyStack, testEnvironment } from '../../helpers/environment';
import { AWS_DATABASE, AWS_NETWORK } from '../../helpers/outputs';

const ALERTS: AwsAlertsOutputs = { topicArn: 'arn:aws:sns:eu-west-1:123456789012:test-alerts', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/alerts' };
const CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000';
const SVC = { image: { tag: '1.0.0' }, alb: { certificateArn: CERT } };

/** Literal outputs of `<env>-aws-data` with a cache. */
const AWS_DATA: AwsDataOutputs = {
  bucketNames: {},
  bucketArns: {},
  tableNames: {},
  tableArns: {},
  tableStreamArns: {},
  cache: {
    primaryEndpoint: 'master.test-cache.abc123.euw1.cache.amazonaws.com',
    readerEndpoint: 'replica.test-cache.abc123.euw1.cache.amazonaws.com',
    port: 6379,
    securityGroupId: 'sg-0cccccccccccccccc',
    secretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:test-cache-cache-AbCdEf',
    kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/cache',
  },
};

function build(svc: Record<string, any> = {}, services: Record<string, any> = {}, aws: Record<string, any> = {}): AwsServicesStack {
  const env = testEnvironment({ aws: { alerts: { enabled: true }, services: { enabled: true, services: { web: { ...SVC, ...svc } }, ...services }, ...aws } });
  return familyStack<AwsServicesStack>(awsServicesFamily, env, { 'aws-network': AWS_NETWORK, 'aws-alerts': ALERTS, 'aws-database': AWS_DATABASE, 'aws-data': AWS_DATA });
}

const WITH_CACHE = { data: { enabled: true, cache: {} } };

/** Statements of the (first) role policy document with this id prefix. */
function policy(json: string, prefix: string): any[] {
  const docs = JSON.parse(json).data.aws_iam_policy_document;
  return Object.entries<any>(docs).find(([k]) => k.includes(prefix))![1].statement;
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

  it('wires cache: true to the aws-data cache: ingress on its group, egress to it, endpoints as variables, credentials as ECS secrets', () => {
    const json = Testing.synth(build({ cache: true }, {}, WITH_CACHE));
    expect(json).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { security_group_id: 'sg-0cccccccccccccccc', from_port: 6379, to_port: 6379, ip_protocol: 'tcp', referenced_security_group_id: expect.stringContaining('aws_security_group.service-web_security-group_') });
    expect(json).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, { referenced_security_group_id: 'sg-0cccccccccccccccc', from_port: 6379 });
    const c = containers(json);
    expect(c).toContain('{"name" = "CACHE_HOST", "value" = "master.test-cache.abc123.euw1.cache.amazonaws.com"}');
    expect(c).toContain('{"name" = "CACHE_READER_HOST", "value" = "replica.test-cache.abc123.euw1.cache.amazonaws.com"}');
    expect(c).toContain('{"name" = "CACHE_PORT", "value" = "6379"}');
    expect(c).toContain('{"name" = "CACHE_TLS", "value" = "true"}');
    expect(c).toContain('{"name" = "CACHE_PASSWORD", "valueFrom" = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:test-cache-cache-AbCdEf:password::"}');
    expect(c).toContain('{"name" = "CACHE_USERNAME", "valueFrom" = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:test-cache-cache-AbCdEf:username::"}');
    expect(c).not.toMatch(/"value" = "arn:aws:secretsmanager/);
  });

  it('lets the execution role read the cache secret and decrypt its key only through Secrets Manager', () => {
    const statements = policy(Testing.synth(build({ cache: true }, {}, WITH_CACHE)), 'execution-policy');
    expect(statements).toEqual(expect.arrayContaining([
      expect.objectContaining({ sid: 'ReadCacheSecret', actions: ['secretsmanager:GetSecretValue'], resources: [AWS_DATA.cache!.secretArn] }),
      expect.objectContaining({
        sid: 'DecryptCacheSecret',
        actions: ['kms:Decrypt'],
        resources: ['arn:aws:kms:eu-west-1:123456789012:key/cache'],
        condition: [{ test: 'StringEquals', variable: 'kms:ViaService', values: [expect.stringMatching(/^secretsmanager\.\$\{data\.aws_region\./)] }],
      }),
    ]));
  });

  it('has no cache access, and no aws-data dependency, without cache: true', () => {
    const json = Testing.synth(build({}, {}, WITH_CACHE));
    expect(containers(json)).not.toContain('CACHE_');
    expect(json).not.toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { security_group_id: 'sg-0cccccccccccccccc' });
    const env = testEnvironment({ aws: { alerts: { enabled: true }, services: { enabled: true, services: { web: SVC } }, ...WITH_CACHE } });
    expect(familyDependencies(awsServicesFamily, env.section(awsServicesFamily.section), env)).not.toContain(awsDataFamily);
    const cached = testEnvironment({ aws: { alerts: { enabled: true }, services: { enabled: true, services: { web: { ...SVC, cache: true } } }, ...WITH_CACHE } });
    expect(familyDependencies(awsServicesFamily, cached.section(awsServicesFamily.section), cached)).toContain(awsDataFamily);
  });

  it('puts a REGIONAL web ACL <env>-<name>-alb on the balancer, logged to aws-waf-logs- with KMS', () => {
    const json = Testing.synth(build({ alb: { certificateArn: CERT, waf: { managedRuleGroups: ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesSQLiRuleSet'], rateLimitPer5Minutes: 500 } } }));
    expect(json).toHaveResourceWithProperties(Wafv2WebAcl, { name: 'test-web-alb', scope: 'REGIONAL', default_action: { allow: {} } });
    const acl = Object.values<any>(JSON.parse(json).resource.aws_wafv2_web_acl)[0];
    expect(acl.rule.map((r: any) => r.name)).toEqual(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesSQLiRuleSet', 'rate-limit-per-ip']);
    expect(acl.rule[2].statement.rate_based_statement.limit).toBe(500);
    expect(json).toHaveResourceWithProperties(Wafv2WebAclAssociation, { web_acl_arn: expect.stringContaining('aws_wafv2_web_acl.waf-web_acl_'), resource_arn: expect.stringContaining('aws_lb.alb-web_alb_') });
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, { name: 'aws-waf-logs-test-web-alb', retention_in_days: 365, kms_key_id: expect.stringContaining('aws_kms_key.') });
    expect(json).toHaveResourceWithProperties(Wafv2WebAclLoggingConfiguration, { log_destination_configs: [expect.stringContaining('aws_cloudwatch_log_group.waf-web_log-group_')] });
  });

  it('publishes the ARN suffixes of each balancer and target group (CloudWatch dimensions)', () => {
    const stack = build();
    expect(Object.keys(stack.outputs.loadBalancerArnSuffixes)).toEqual(['web']);
    expect(Object.keys(stack.outputs.targetGroupArnSuffixes)).toEqual(['web']);
    const json = Testing.synth(stack);
    expect(json).toContain('arn_suffix');
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

describe('AwsServicesStack with terraform', () => {
  it('passes terraform validate with the cache access and the ALB web ACL', () => {
    const [result] = validateStacks([build({ cache: true, alb: { certificateArn: CERT, waf: {} } }, {}, WITH_CACHE)]);
    expect(result).toMatchObject({ status: 'valid' });
  });
});
