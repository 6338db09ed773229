import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Testing } from 'cdktf';
import { AwsDatabaseStack } from '../../stacks/aws-database-stack';
import { testEnvironment } from '../helpers/environment';
import { AWS_NETWORK } from '../helpers/outputs';


function build(database: Record<string, any> = {}): AwsDatabaseStack {
  const env = testEnvironment({ aws: { database: { enabled: true, ...database } } });
  return new AwsDatabaseStack(Testing.app(), 'test-aws-database', { env, network: AWS_NETWORK });
}

describe('AwsDatabaseStack', () => {
  it('places the database in the network from props', () => {
    const json = Testing.synth(build());
    expect(json).toHaveResourceWithProperties(DbInstance, { identifier: 'test-postgres', db_subnet_group_name: 'test-database' });
    expect(json).toHaveResourceWithProperties(SecurityGroup, { vpc_id: 'vpc-123' });
  });

  it('configures the AWS provider and the S3 backend', () => {
    const json = JSON.parse(Testing.synth(build()));
    expect(json.provider.aws[0]).toMatchObject({ region: 'eu-west-1', allowed_account_ids: ['123456789012'] });
    expect(json.terraform.backend.s3).toMatchObject({ key: 'test/test-aws-database.tfstate', encrypt: true });
  });

  it('passes the config through: class, storage, backups, parameters', () => {
    const json = Testing.synth(
      build({
        identifier: 'orders',
        instanceClass: 'db.t4g.medium',
        allocatedStorageGb: 50,
        multiAz: false,
        deletionProtection: false,
        skipFinalSnapshot: true,
        backupRetentionDays: 14,
        parameters: { max_wal_senders: 20 },
      }),
    );
    expect(json).toHaveResourceWithProperties(DbInstance, {
      identifier: 'orders',
      instance_class: 'db.t4g.medium',
      allocated_storage: 50,
      max_allocated_storage: 100,
      multi_az: false,
      deletion_protection: false,
      skip_final_snapshot: true,
      final_snapshot_identifier: 'orders-final',
      backup_retention_period: 14,
    });
    const group = Object.values(JSON.parse(json).resource.aws_db_parameter_group)[0] as any;
    expect(group.parameter).toContainEqual({ name: 'max_wal_senders', value: '20', apply_method: 'pending-reboot' });
    expect(group.parameter).toContainEqual({ name: 'rds.force_ssl', value: '1', apply_method: 'immediate' });
  });

  it('publishes the contract outputs and human-facing TerraformOutputs', () => {
    const stack = build({ readReplica: { enabled: true } });
    const output = JSON.parse(Testing.synth(stack)).output as Record<string, { value: string }>;
    const expected: Record<string, RegExp> = {
      endpoint: /^\$\{aws_db_instance\.postgres_primary_[0-9A-F]+\.endpoint\}$/,
      address: /^\$\{aws_db_instance\.postgres_primary_[0-9A-F]+\.address\}$/,
      port: /^\$\{aws_db_instance\.postgres_primary_[0-9A-F]+\.port\}$/,
      instance_id: /^\$\{aws_db_instance\.postgres_primary_[0-9A-F]+\.identifier\}$/,
      instance_arn: /^\$\{aws_db_instance\.postgres_primary_[0-9A-F]+\.arn\}$/,
      security_group_id: /^\$\{aws_security_group\.postgres_security-group_[0-9A-F]+\.id\}$/,
      master_secret_arn: /^\$\{aws_db_instance\.postgres_primary_[0-9A-F]+\.master_user_secret\[0\]\.secret_arn\}$/,
      kms_key_arn: /^\$\{aws_kms_key\.postgres_key_[0-9A-F]+\.arn\}$/,
      parameter_group_name: /^\$\{aws_db_parameter_group\.postgres_parameter-group_[0-9A-F]+\.name\}$/,
    };
    for (const [id, pattern] of Object.entries(expected)) expect(output[id]!.value).toMatch(pattern);
    expect(Object.keys(stack.outputs).sort()).toEqual(
      ['address', 'endpoint', 'instanceArn', 'instanceId', 'kmsKeyArn', 'parameterGroupName', 'port', 'secretArn', 'securityGroupId'],
    );
    const outputs = Object.keys(JSON.parse(Testing.synth(stack)).output);
    expect(outputs).toEqual(
      expect.arrayContaining([
        'endpoint',
        'address',
        'port',
        'instance_id',
        'instance_arn',
        'security_group_id',
        'master_secret_arn',
        'kms_key_arn',
        'parameter_group_name',
        'replica_address',
        'replica_instance_id',
        'alarm_topic_arn',
      ]),
    );
  });

  it('has no password attribute anywhere in the stack', () => {
    const text = Testing.synth(build({ readReplica: { enabled: true } }));
    expect(text).not.toMatch(/"(master_)?password(_wo)?"\s*:/);
  });
});
