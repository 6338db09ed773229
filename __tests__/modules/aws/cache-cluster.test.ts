import { ElasticacheParameterGroup } from '@cdktf/provider-aws/lib/elasticache-parameter-group';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { ElasticacheUser } from '@cdktf/provider-aws/lib/elasticache-user';
import { ElasticacheUserGroup } from '@cdktf/provider-aws/lib/elasticache-user-group';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Testing } from 'cdktf';
import { CacheCluster, type CacheClusterProps, cacheNodeTypeProblem } from '../../../modules/aws/cache-cluster';
import { ValidationError } from '../../../modules/core/validation-error';

const BASE: CacheClusterProps = { name: 'test-cache', vpcId: 'vpc-1', subnetIds: ['subnet-a', 'subnet-b'], allowedSecurityGroups: ['sg-0abc1234'] };

function synth(props: Partial<CacheClusterProps> = {}): string {
  return Testing.synthScope((scope) => new CacheCluster(scope, 'cache', { ...BASE, ...props }));
}

describe('CacheCluster', () => {
  const json = synth();

  it('is a Valkey replication group of 2 nodes, Multi-AZ with automatic failover', () => {
    expect(json).toHaveResourceWithProperties(ElasticacheReplicationGroup, {
      replication_group_id: 'test-cache',
      engine: 'valkey',
      engine_version: '8.0',
      node_type: 'cache.t4g.small',
      num_cache_clusters: 2,
      multi_az_enabled: true,
      automatic_failover_enabled: true,
    });
  });

  it('encrypts at rest with its customer key and requires TLS in transit', () => {
    expect(json).toHaveResourceWithProperties(ElasticacheReplicationGroup, {
      at_rest_encryption_enabled: 'true',
      kms_key_id: expect.stringContaining('aws_kms_key'),
      transit_encryption_enabled: true,
      transit_encryption_mode: 'required',
    });
  });

  it('uses RBAC: a disabled default user and an app user whose generated password is only referenced, kept in Secrets Manager', () => {
    expect(json).toHaveResourceWithProperties(ElasticacheUser, { user_name: 'default', access_string: 'off -@all' });
    expect(json).toHaveResourceWithProperties(ElasticacheUser, { user_name: 'app', authentication_mode: { type: 'password', passwords: [expect.stringMatching(/^\$\{data\.aws_secretsmanager_random_password\..*\.random_password\}$/)] }, lifecycle: { ignore_changes: ['authentication_mode'] } });
    expect(json).toHaveResourceWithProperties(ElasticacheUserGroup, { engine: 'valkey', user_ids: expect.arrayContaining([expect.any(String)]) });
    expect(json).toHaveResourceWithProperties(ElasticacheReplicationGroup, { user_group_ids: [expect.stringContaining('aws_elasticache_user_group')] });
    expect(json).toHaveResourceWithProperties(SecretsmanagerSecret, { kms_key_id: expect.stringContaining('aws_kms_key') });
    expect(Object.values(JSON.parse(json).resource.aws_secretsmanager_secret_version)[0]).toMatchObject({ secret_string: expect.stringContaining('data.aws_secretsmanager_random_password'), lifecycle: { ignore_changes: ['secret_string'] } });
  });

  it('keeps 7 days of snapshots and a final snapshot, with its own parameter group, in the given subnets', () => {
    expect(json).toHaveResourceWithProperties(ElasticacheReplicationGroup, { snapshot_retention_limit: 7, final_snapshot_identifier: 'test-cache-final', parameter_group_name: expect.stringContaining('aws_elasticache_parameter_group') });
    expect(json).toHaveResourceWithProperties(ElasticacheParameterGroup, { family: 'valkey8' });
    expect(json).toHaveResourceWithProperties(ElasticacheSubnetGroup, { subnet_ids: ['subnet-a', 'subnet-b'] });
  });

  it('admits each allowed security group on 6379, keyed by the group', () => {
    const ingress = JSON.parse(json).resource.aws_vpc_security_group_ingress_rule;
    expect(Object.keys(ingress)[0]).toMatch(/ingress-from-sg-0abc1234/);
    expect(json).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { referenced_security_group_id: 'sg-0abc1234', from_port: 6379, to_port: 6379, ip_protocol: 'tcp' });
  });

  it('uses redis7 parameters for Redis OSS', () => {
    const out = synth({ engine: 'redis' });
    expect(out).toHaveResourceWithProperties(ElasticacheParameterGroup, { family: 'redis7' });
    expect(out).toHaveResourceWithProperties(ElasticacheReplicationGroup, { engine: 'redis', engine_version: '7.1' });
  });

  it.each([
    [{ nodeType: 'cache.t4g.huge' }, /nodeType "cache\.t4g\.huge" is not a size of cache\.t4g; use one of cache\.t4g\.micro, cache\.t4g\.small, cache\.t4g\.medium/],
    [{ nodeType: 'cache.x9.large' }, /nodeType "cache\.x9\.large" is not a known node type; use cache\.<family>\.<size> with family t4g, t3, m6g/],
    [{ nodes: 1 }, /nodes 1 is not allowed; Multi-AZ with automatic failover needs 2 to 6 nodes/],
    [{ snapshotRetentionDays: 0 }, /snapshotRetentionDays 0 is not allowed; use 1 to 35 days/],
    [{ subnetIds: ['subnet-a'] }, /subnetIds \["subnet-a"\] has fewer than 2 subnets/],
    [{ engine: 'memcached' as any }, /engine "memcached" is not an engine; use valkey or redis/],
    [{ name: 'Test_Cache' }, /name "Test_Cache" is not a replication group id/],
  ])('rejects %j', (props, pattern) => {
    expect(() => synth(props as Partial<CacheClusterProps>)).toThrow(ValidationError);
    expect(() => synth(props as Partial<CacheClusterProps>)).toThrow(pattern);
  });

  it('knows the node types', () => {
    expect(cacheNodeTypeProblem('cache.r7g.large')).toBeUndefined();
    expect(cacheNodeTypeProblem('cache.r6gd.large')).toMatch(/is not a size of cache\.r6gd/);
  });
});
