import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Testing } from 'cdktf';
import { FARGATE_CPU_MEMORY, FargateService, type FargateServiceProps, fargateCpuMemoryProblem } from '../../../modules/aws/fargate-service';

const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders/db-AbCdEf';
const PARAM = 'arn:aws:ssm:eu-west-1:123456789012:parameter/orders/token';
const LB = { targetGroupArn: 'arn:tg', targetGroupArnSuffix: 'targetgroup/tg/1', loadBalancerArnSuffix: 'app/shop/2', securityGroupId: 'sg-alb' };
const BASE: FargateServiceProps = {
  serviceName: 'orders',
  clusterArn: 'arn:aws:ecs:eu-west-1:123456789012:cluster/shop',
  clusterName: 'shop',
  vpcId: 'vpc-1',
  subnetIds: ['subnet-priv-a', 'subnet-priv-b'],
  image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/orders:1.0.0',
  containerPort: 8080,
};
const cache = new Map<string, string>();
function synth(props: Partial<FargateServiceProps> = {}): string {
  const k = JSON.stringify(props);
  if (!cache.has(k)) cache.set(k, Testing.synthScope((s) => new FargateService(s, 'svc', { ...BASE, ...props })));
  return cache.get(k)!;
}
const all = (json: string, type: string): any[] => Object.values(JSON.parse(json).resource[type] ?? {});
const doc = (json: string, prefix: string): any => Object.entries(JSON.parse(json).data.aws_iam_policy_document).find(([n]) => n.startsWith(prefix))![1];

/** The container definitions: a `${jsonencode([...])}` expression (it holds references to the log group and region). */
function container(json: string): string {
  return all(json, 'aws_ecs_task_definition')[0].container_definitions as string;
}

describe('FargateService', () => {
  it('knows the Fargate sizes', () => {
    expect(FARGATE_CPU_MEMORY[256]).toEqual([512, 1024, 2048]);
    expect(FARGATE_CPU_MEMORY[4096]).toContain(30720);
    expect(fargateCpuMemoryProblem(1024, 2048)).toBeUndefined();
    expect(fargateCpuMemoryProblem(256, 4096)).toMatch(/memory 4096 MiB is not allowed with cpu 256; valid pairs: 256 CPU: 512, 1024, 2048 MiB/);
  });

  it('defines an ARM64 awsvpc Fargate task of a valid size', () => {
    expect(synth()).toHaveResourceWithProperties(EcsTaskDefinition, {
      family: 'orders',
      requires_compatibilities: ['FARGATE'],
      network_mode: 'awsvpc',
      cpu: '512',
      memory: '1024',
      runtime_platform: { cpu_architecture: 'ARM64', operating_system_family: 'LINUX' },
    });
  });

  describe('secure defaults that must not be dropped', () => {
    const text = container(synth());
    it('runs read-only, non-root, unprivileged, with every capability dropped', () => {
      expect(text).toMatch(/"readonlyRootFilesystem" = true/);
      expect(text).toMatch(/"user" = "10001:10001"/);
      expect(text).toMatch(/"privileged" = false/);
      expect(text).toMatch(/"drop" = \["ALL"\]/);
    });

    it('logs with awslogs to a KMS log group', () => {
      expect(text).toMatch(/"logDriver" = "awslogs"/);
      expect(text).toMatch(/"awslogs-group" = aws_cloudwatch_log_group\.svc_log-group_[0-9A-F]+\.name,/);
      const group = all(synth(), 'aws_cloudwatch_log_group')[0];
      expect(group).toMatchObject({ name: '/aws/ecs/orders', retention_in_days: 365 });
      expect(group.kms_key_id).toMatch(/aws_kms_key\.svc_key_[0-9A-F]+\.arn/);
    });

    it('runs in private subnets without a public IP, with a rollback circuit breaker', () => {
      const svc = all(synth(), 'aws_ecs_service')[0];
      expect(svc.network_configuration).toMatchObject({ subnets: ['subnet-priv-a', 'subnet-priv-b'], assign_public_ip: false });
      expect(svc).toMatchObject({
        deployment_circuit_breaker: { enable: true, rollback: true },
        deployment_minimum_healthy_percent: 100,
        deployment_maximum_percent: 200,
      });
    });

    it('lets the execution role write only its log group and read no secret when none is given', () => {
      const statements = doc(synth(), 'svc_execution-policy').statement;
      expect(statements.find((s: any) => s.sid === 'WriteOwnLogGroup').resources[0]).toMatch(/aws_cloudwatch_log_group\.svc_log-group_[0-9A-F]+\.arn\}:\*$/);
      expect(statements.some((s: any) => s.actions.includes('secretsmanager:GetSecretValue'))).toBe(false);
    });
  });

  it('injects secrets by ARN and lets the execution role read exactly those', () => {
    const json = synth({ secrets: { DB_CREDENTIALS: SECRET, API_TOKEN: PARAM }, environment: { MODE: 'prod' } });
    expect(container(json)).toMatch(/\{"name" = "API_TOKEN", "valueFrom" = "arn:aws:ssm:eu-west-1:123456789012:parameter\/orders\/token"\}/);
    expect(container(json)).toMatch(/\{"name" = "MODE", "value" = "prod"\}/);
    const statements = doc(json, 'svc_execution-policy').statement;
    expect(statements.find((s: any) => s.sid === 'ReadTheseSecrets').resources).toEqual([SECRET]);
    expect(statements.find((s: any) => s.sid === 'ReadTheseParameters').resources).toEqual([PARAM]);
  });

  it('adds the container health check', () => {
    const text = container(synth({ healthCheck: { command: ['CMD-SHELL', 'wget -q -O- http://localhost:8080/health || exit 1'] } }));
    expect(text).toMatch(/"healthCheck" = \{"command" = \["CMD-SHELL", "wget -q -O- http:\/\/localhost:8080\/health \|\| exit 1"\], "interval" = 30, "timeout" = 5, "retries" = 3, "startPeriod" = 30\}/);
  });

  it('ignores desired_count always and the task definition when CI owns the image', () => {
    expect(all(synth(), 'aws_ecs_service')[0].lifecycle.ignore_changes).toEqual(['desired_count']);
    expect(all(synth({ ignoreImageChanges: true }), 'aws_ecs_service')[0].lifecycle.ignore_changes).toEqual(['desired_count', 'task_definition']);
  });

  it('chains the load balancer group to the tasks on the container port only', () => {
    const json = synth({ loadBalancer: LB });
    expect(json).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { referenced_security_group_id: 'sg-alb', from_port: 8080, to_port: 8080, ip_protocol: 'tcp' });
    expect(json).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, { security_group_id: 'sg-alb', from_port: 8080, to_port: 8080 });
    expect(json).toHaveResourceWithProperties(EcsService, { load_balancer: [{ target_group_arn: 'arn:tg', container_name: 'orders', container_port: 8080 }] });
  });

  it('scales on CPU, memory and requests per target, and alarms', () => {
    const json = synth({ loadBalancer: LB, minCapacity: 2, maxCapacity: 6 });
    expect(json).toHaveResourceWithProperties(AppautoscalingTarget, { min_capacity: 2, max_capacity: 6, scalable_dimension: 'ecs:service:DesiredCount' });
    const metrics = all(json, 'aws_appautoscaling_policy').map((p) => p.target_tracking_scaling_policy_configuration);
    expect(metrics.map((m) => [m.predefined_metric_specification.predefined_metric_type, m.target_value])).toEqual([
      ['ECSServiceAverageCPUUtilization', 60],
      ['ECSServiceAverageMemoryUtilization', 70],
      ['ALBRequestCountPerTarget', 1000],
    ]);
    expect(metrics[2].predefined_metric_specification.resource_label).toBe('app/shop/2/targetgroup/tg/1');
    expect(json).toHaveResource(AppautoscalingPolicy);
    for (const name of ['orders-5xx', 'orders-unhealthy-tasks', 'orders-cpu-high', 'orders-memory-high']) {
      expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: name });
    }
  });

  it('reaches a database through a grant on the task role', () => {
    const json = synth({ databaseAccess: [{ name: 'orders', databaseSecurityGroupId: 'sg-db', resourceId: 'db-ABC', dbUser: 'app', secretArn: SECRET }] });
    const statements = doc(json, 'svc_task-policy').statement;
    expect(statements.map((s: any) => s.actions[0])).toEqual(['rds-db:connect', 'secretsmanager:GetSecretValue']);
    expect(json).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { security_group_id: 'sg-db', from_port: 5432 });
  });

  describe('rejects bad input', () => {
    const cases: [string, Partial<FargateServiceProps>, RegExp][] = [
      ['a memory that does not pair with the cpu', { cpu: 256, memoryMb: 4096 }, /prop memoryMb 4096 is not a valid Fargate size: memory 4096 MiB is not allowed with cpu 256; valid pairs: 256 CPU: 512, 1024, 2048 MiB; 512 CPU: 1024, 2048, 3072, 4096 MiB/],
      ['a cpu Fargate does not offer', { cpu: 300 }, /prop cpu 300 is not a valid Fargate size: cpu 300 is not a Fargate size; use one of 256, 512, 1024, 2048, 4096, 8192, 16384/],
      ['min above max', { minCapacity: 5, maxCapacity: 2, desiredCount: 2 }, /prop minCapacity 5 is above maxCapacity 2/],
      ['root user', { user: '0' }, /prop user "0" is not allowed; use a numeric non-root UID/],
      ['a user name', { user: 'app' }, /prop user "app" is not allowed/],
      ['an unknown architecture', { architecture: 'arm64' }, /prop architecture "arm64" is not supported; use one of ARM64, X86_64/],
      ['a literal secret', { environment: { DB_PASSWORD: 'x' } }, /prop environment\.DB_PASSWORD \(value hidden\) looks like a secret given as a literal/],
      ['a secret that is no ARN', { secrets: { TOKEN: 'plain' } }, /prop secrets\.TOKEN \(value hidden\) is not a secret reference/],
      ['desired outside the range', { desiredCount: 20 }, /prop desiredCount 20 is outside minCapacity 2 to maxCapacity 10/],
      ['a cpu target of 100', { cpuTargetPercent: 100 }, /prop cpuTargetPercent 100 is not allowed; use a whole number from 10 to 95/],
    ];
    it.each(cases)('%s', (_n, props, pattern) => expect(() => Testing.synthScope((s) => new FargateService(s, 'svc', { ...BASE, ...props }))).toThrow(pattern));
  });
});

describe('FargateService cacheAccess', () => {
  const CACHE = {
    securityGroupId: 'sg-cache',
    port: 6379,
    primaryEndpoint: 'master.shop-cache.abc.euw1.cache.amazonaws.com',
    readerEndpoint: 'replica.shop-cache.abc.euw1.cache.amazonaws.com',
    secretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop-cache-AbCdEf',
    kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/cache',
  };

  it('admits the tasks on the cache group and lets them out to it on the cache port only', () => {
    const json = synth({ cacheAccess: CACHE });
    expect(json).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { security_group_id: 'sg-cache', from_port: 6379, to_port: 6379, ip_protocol: 'tcp' });
    expect(json).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, { referenced_security_group_id: 'sg-cache', from_port: 6379, to_port: 6379 });
  });

  it('passes the endpoints as variables and the credentials as secret references, never values', () => {
    const c = container(synth({ cacheAccess: CACHE }));
    expect(c).toContain('{"name" = "CACHE_HOST", "value" = "master.shop-cache.abc.euw1.cache.amazonaws.com"}');
    expect(c).toContain('{"name" = "CACHE_TLS", "value" = "true"}');
    expect(c).toContain('{"name" = "CACHE_USERNAME", "valueFrom" = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop-cache-AbCdEf:username::"}');
    expect(c).toContain('{"name" = "CACHE_PASSWORD", "valueFrom" = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop-cache-AbCdEf:password::"}');
  });

  it('gives the execution role the secret and, through Secrets Manager only, its key; the task role nothing', () => {
    const json = synth({ cacheAccess: CACHE });
    expect(doc(json, 'svc_execution-policy').statement).toEqual(expect.arrayContaining([
      expect.objectContaining({ sid: 'ReadCacheSecret', actions: ['secretsmanager:GetSecretValue'], resources: [CACHE.secretArn] }),
      expect.objectContaining({ sid: 'DecryptCacheSecret', resources: [CACHE.kmsKeyArn], condition: [expect.objectContaining({ variable: 'kms:ViaService' })] }),
    ]));
    expect(Object.keys(JSON.parse(json).data.aws_iam_policy_document).some((n) => n.startsWith('svc_task-policy'))).toBe(false);
    const noKey = synth({ cacheAccess: { ...CACHE, kmsKeyArn: undefined } });
    expect(doc(noKey, 'svc_execution-policy').statement.map((s: any) => s.sid)).not.toContain('DecryptCacheSecret');
  });

  it.each([
    [{ environment: { CACHE_HOST: 'localhost' } }, /prop environment\.CACHE_HOST "CACHE_HOST" is set by cacheAccess; rename the variable \(cacheAccess sets CACHE_HOST, CACHE_READER_HOST, CACHE_PORT, CACHE_TLS, CACHE_USERNAME, CACHE_PASSWORD\)/],
    [{ cacheAccess: { ...CACHE, port: 70000 } }, /prop cacheAccess\.port 70000 is not a port; use a whole number from 1 to 65535/],
    [{ cacheAccess: { ...CACHE, secretArn: 'my-secret' } }, /prop cacheAccess\.secretArn "my-secret" is not a Secrets Manager secret ARN; use a Secrets Manager secret ARN/],
  ])('rejects %j', (props, pattern) => {
    expect(() => Testing.synthScope((s) => new FargateService(s, 'svc', { ...BASE, cacheAccess: CACHE, ...props }))).toThrow(pattern);
  });
});
