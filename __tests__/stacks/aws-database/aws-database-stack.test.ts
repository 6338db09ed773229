import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { TerraformOutput, Testing } from 'cdktf';
import type { AwsDatabaseStack } from '../../../stacks/aws-database/aws-database-stack';
import { awsDatabaseFamily } from '../../../stacks/aws-database/family';
import { familyStack, testEnvironment } from '../../helpers/environment';
import { AWS_NETWORK } from '../../helpers/outputs';

function build(database: Record<string, any> = {}): AwsDatabaseStack {
  const env = testEnvironment({ aws: { database: { enabled: true, ...database } } });
  return familyStack<AwsDatabaseStack>(awsDatabaseFamily, env, { 'aws-network': AWS_NETWORK });
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
      [
        'address',
        'databaseName',
        'endpoint',
        'instanceArn',
        'instanceId',
        'kmsKeyArn',
        'parameterGroupName',
        'port',
        'resourceId',
        'secretArn',
        'securityGroupId',
      ],
    );
    expect(stack.outputs.databaseName).toBe('app');
    new TerraformOutput(stack, 'probe_resource_id', { value: stack.outputs.resourceId });
    expect(JSON.parse(Testing.synth(stack)).output.probe_resource_id.value).toMatch(
      /^\$\{aws_db_instance\.postgres_primary_[0-9A-F]+\.resource_id\}$/,
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

  it('admits the configured security groups and CIDRs on 5432 and mails the alarms, each keyed by its value', () => {
    const json = JSON.parse(
      Testing.synth(
        build({
          allowedSecurityGroupIds: ['sg-0123456789abcdef0'],
          allowedCidrs: ['10.0.0.0/16'],
          alarms: { emails: ['ops@example.com'] },
        }),
      ),
    );
    const ids = (type: string) => Object.keys(json.resource[type]).map((id) => id.replace(/_[0-9A-F]{8}$/, ''));
    expect(ids('aws_vpc_security_group_ingress_rule').sort()).toEqual(['postgres_ingress-cidr-10-0-0-0-16', 'postgres_ingress-sg-sg-0123456789abcdef0']);
    expect(Object.values<any>(json.resource.aws_vpc_security_group_ingress_rule).map((r) => [r.from_port, r.to_port])).toEqual([
      [5432, 5432],
      [5432, 5432],
    ]);
    expect(ids('aws_sns_topic_subscription')).toEqual(['postgres_alarms_email-ops-example-com']);
    expect(Object.values<any>(json.resource.aws_sns_topic_subscription)[0]).toMatchObject({ protocol: 'email', endpoint: 'ops@example.com' });
  });

  it('has no password attribute anywhere in the stack', () => {
    const text = Testing.synth(build({ readReplica: { enabled: true } }));
    expect(text).not.toMatch(/"(master_)?password(_wo)?"\s*:/);
  });
});
