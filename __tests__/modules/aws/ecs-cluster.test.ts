import { EcsCluster as EcsClusterResource } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers';
import { Testing } from 'cdktf';
import { EcsCluster, type EcsClusterProps } from '../../../modules/aws/ecs-cluster';

const synth = (props: Partial<EcsClusterProps> = {}): string => Testing.synthScope((s) => new EcsCluster(s, 'ecs', { clusterName: 'shop', ...props }));
const one = (json: string, type: string): any => Object.values(JSON.parse(json).resource[type])[0];

describe('EcsCluster', () => {
  it('turns Container Insights on', () => {
    expect(synth()).toHaveResourceWithProperties(EcsClusterResource, { name: 'shop', setting: [{ name: 'containerInsights', value: 'enabled' }] });
  });

  it('offers FARGATE and FARGATE_SPOT, on demand by default', () => {
    expect(synth()).toHaveResourceWithProperties(EcsClusterCapacityProviders, {
      capacity_providers: ['FARGATE', 'FARGATE_SPOT'],
      default_capacity_provider_strategy: [{ capacity_provider: 'FARGATE', base: 1, weight: 1 }],
    });
    expect(one(synth({ fargateSpotWeight: 3 }), 'aws_ecs_cluster_capacity_providers').default_capacity_provider_strategy).toEqual([
      { capacity_provider: 'FARGATE', base: 1, weight: 1 },
      { capacity_provider: 'FARGATE_SPOT', base: 0, weight: 3 },
    ]);
  });

  it('has no ECS Exec unless asked; then encrypts and logs it with a KMS log group', () => {
    expect(one(synth(), 'aws_ecs_cluster').configuration).toBeUndefined();
    const json = synth({ enableExecuteCommand: true });
    const exec = one(json, 'aws_ecs_cluster').configuration.execute_command_configuration;
    expect(exec.logging).toBe('OVERRIDE');
    expect(exec.kms_key_id).toMatch(/aws_kms_key\.ecs_key_[0-9A-F]+\.arn/);
    expect(exec.log_configuration.cloud_watch_encryption_enabled).toBe(true);
    const group = one(json, 'aws_cloudwatch_log_group');
    expect(group).toMatchObject({ name: '/aws/ecs/shop/exec', retention_in_days: 365 });
    expect(group.kms_key_id).toMatch(/aws_kms_key\.ecs_key_[0-9A-F]+\.arn/);
  });

  it.each([
    [{ containerInsights: 'on' }, /prop containerInsights "on" is not allowed; use enabled, enhanced or disabled/],
    [{ fargateWeight: 0 }, /prop fargateWeight 0 and fargateSpotWeight are both 0/],
    [{ fargateSpotWeight: 1001 }, /prop fargateSpotWeight 1001 is not allowed; use a whole number from 0 to 1000/],
  ])('rejects %j', (props, pattern) => expect(() => synth(props)).toThrow(pattern));
});
