import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { TerraformOutput, TerraformVariable, Testing } from 'cdktf';
import { PostgresDatabase, type PostgresDatabaseProps } from '../../../modules/aws/postgres-database';
import { ValidationError } from '../../../modules/core/validation-error';

const BASE: PostgresDatabaseProps = { identifier: 'orders', vpcId: 'vpc-123', dbSubnetGroupName: 'orders-db-subnets' };

const synthesized = new Map<string, string>();

/** The database synthesized with `props` (memoized: many tests read the same output). */
function synth(props: Partial<PostgresDatabaseProps> = {}): string {
  const key = JSON.stringify(props);
  if (!synthesized.has(key)) {
    synthesized.set(key, Testing.synthScope((scope) => new PostgresDatabase(scope, 'postgres', { ...BASE, ...props })));
  }
  return synthesized.get(key)!;
}

type Block = Record<string, Record<string, any>>;

function parsed(props: Partial<PostgresDatabaseProps> = {}): { resource: Block; data: Block } {
  const json = JSON.parse(synth(props));
  return { resource: json.resource ?? {}, data: json.data ?? {} };
}

function instances(props: Partial<PostgresDatabaseProps> = {}): Record<string, any>[] {
  return Object.values(parsed(props).resource.aws_db_instance ?? {});
}

function primary(props: Partial<PostgresDatabaseProps> = {}): Record<string, any> {
  return instances(props).find((i) => i.identifier === (props.identifier ?? BASE.identifier))!;
}

function statementsOf(doc: Record<string, any>): Record<string, any>[] {
  return doc.statement as Record<string, any>[];
}

describe('PostgresDatabase', () => {
  it('creates a PostgreSQL 17 primary with secure defaults', () => {
    expect(synth()).toHaveResourceWithProperties(DbInstance, {
      identifier: 'orders',
      engine: 'postgres',
      engine_version: '17.6',
      instance_class: 'db.m7g.large',
      storage_type: 'gp3',
      allocated_storage: 20,
      max_allocated_storage: 100,
      storage_encrypted: true,
      publicly_accessible: false,
      multi_az: true,
      deletion_protection: true,
      skip_final_snapshot: false,
      final_snapshot_identifier: 'orders-final',
      backup_retention_period: 7,
      backup_window: '03:00-04:00',
      maintenance_window: 'sun:04:30-sun:05:30',
      copy_tags_to_snapshot: true,
      auto_minor_version_upgrade: true,
      allow_major_version_upgrade: false,
      iam_database_authentication_enabled: true,
      manage_master_user_password: true,
      ca_cert_identifier: 'rds-ca-rsa2048-g1',
      db_name: 'app',
      username: 'postgres',
      port: 5432,
      db_subnet_group_name: 'orders-db-subnets',
      delete_automated_backups: false,
      enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade'],
      performance_insights_enabled: true,
      performance_insights_retention_period: 7,
      monitoring_interval: 60,
    });
  });

  describe('secure defaults that must not be dropped', () => {
    it('encrypts storage with the customer-managed key', () => {
      const db = primary();
      expect(db.storage_encrypted).toBe(true);
      expect(db.kms_key_id).toMatch(/\$\{aws_kms_key\.postgres_key_[0-9A-F]+\.arn\}/);
    });

    it('is not publicly accessible', () => {
      for (const i of instances({ enableReadReplica: true })) expect(i.publicly_accessible).toBe(false);
    });

    it('is deletion protected', () => {
      for (const i of instances({ enableReadReplica: true })) expect(i.deletion_protection).toBe(true);
    });

    it('forces TLS in the parameter group', () => {
      const group = Object.values(parsed().resource.aws_db_parameter_group)[0]!;
      expect(group.parameter).toContainEqual({ name: 'rds.force_ssl', value: '1', apply_method: 'immediate' });
      expect(group.parameter).toContainEqual({ name: 'ssl_min_protocol_version', value: 'TLSv1.2', apply_method: 'immediate' });
    });

    it('turns logical replication on (static, pending reboot)', () => {
      const group = Object.values(parsed().resource.aws_db_parameter_group)[0]!;
      expect(group.parameter).toContainEqual({ name: 'rds.logical_replication', value: '1', apply_method: 'pending-reboot' });
    });

    it('keeps every password out of the synthesized JSON', () => {
      const text = synth({ enableReadReplica: true, alarmEmails: ['oncall@example.com'] });
      expect(text).not.toMatch(/"password"|"master_password"|"password_wo"/);
      for (const i of instances({ enableReadReplica: true })) {
        expect(i).not.toHaveProperty('password');
        expect(i).not.toHaveProperty('master_password');
      }
    });
  });

  it('lets RDS own the master secret, encrypted with the key', () => {
    const db = primary();
    expect(db.manage_master_user_password).toBe(true);
    expect(db.master_user_secret_kms_key_id).toBe(db.kms_key_id);
  });

  it('uses the key for Performance Insights', () => {
    const db = primary({ performanceInsightsRetentionDays: 93 });
    expect(db.performance_insights_kms_key_id).toBe(db.kms_key_id);
    expect(db.performance_insights_retention_period).toBe(93);
  });

  it('creates a rotating customer-managed key whose policy admits CloudWatch Logs and alarms', () => {
    const { resource, data } = parsed();
    expect(synth()).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30 });
    const key = Object.values(resource.aws_kms_key)[0]!;
    expect(key.policy).toMatch(/data\.aws_iam_policy_document\.postgres_key-policy_[0-9A-F]+\.json/);
    const policy = Object.entries(data.aws_iam_policy_document).find(([name]) => name.includes('key-policy'))![1];
    const bySid = Object.fromEntries(statementsOf(policy).map((s) => [s.sid, s]));
    expect(bySid.AllowCloudWatchLogsForThisDatabase.principals[0].identifiers[0]).toMatch(
      /^logs\.\$\{data\.aws_region\.postgres_region_[0-9A-F]+\.name\}\.amazonaws\.com$/,
    );
    expect(bySid.AllowCloudWatchLogsForThisDatabase.condition[0]).toMatchObject({
      test: 'ArnLike',
      variable: 'kms:EncryptionContext:aws:logs:arn',
    });
    expect(bySid.AllowCloudWatchLogsForThisDatabase.condition[0].values[0]).toMatch(/log-group:\/aws\/rds\/instance\/orders\/\*$/);
    expect(bySid.AllowCloudWatchAlarmsToUseTheTopicKey).toMatchObject({
      principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    });
    // Confused deputy: only this account's alarms of this database may use the key.
    expect(bySid.AllowCloudWatchAlarmsToUseTheTopicKey.condition).toEqual([
      {
        test: 'StringEquals',
        variable: 'aws:SourceAccount',
        values: [expect.stringMatching(/^\$\{data\.aws_caller_identity\.postgres_account_[0-9A-F]+\.account_id\}$/)],
      },
      { test: 'ArnLike', variable: 'aws:SourceArn', values: [expect.stringMatching(/:cloudwatch:.*:alarm:orders-\*$/)] },
    ]);
    // Every statement for a service principal carries a condition.
    for (const st of statementsOf(policy)) {
      if (st.principals[0].type === 'Service') expect(st.condition?.length).toBeGreaterThan(0);
    }
    expect(bySid.EnableAccountAdministration.actions).toEqual(['kms:*']);
  });

  it('uses a postgres17 parameter group with every default and override, static ones pending reboot', () => {
    const group = Object.values(parsed({ parameters: { max_wal_senders: '20', work_mem: '65536' } }).resource.aws_db_parameter_group)[0]!;
    expect(group).toMatchObject({ name_prefix: 'orders-postgres17-', family: 'postgres17', lifecycle: { create_before_destroy: true } });
    const byName = Object.fromEntries((group.parameter as any[]).map((p) => [p.name, p]));
    expect(byName.max_wal_senders).toEqual({ name: 'max_wal_senders', value: '20', apply_method: 'pending-reboot' });
    expect(byName.max_replication_slots).toEqual({ name: 'max_replication_slots', value: '10', apply_method: 'pending-reboot' });
    expect(byName.wal_sender_timeout).toEqual({ name: 'wal_sender_timeout', value: '60000', apply_method: 'immediate' });
    expect(byName.work_mem).toEqual({ name: 'work_mem', value: '65536', apply_method: 'immediate' });
    for (const name of ['log_min_duration_statement', 'log_connections', 'log_disconnections', 'log_lock_waits']) {
      expect(byName[name]).toBeDefined();
    }
    expect(primary().parameter_group_name).toMatch(/aws_db_parameter_group\.postgres_parameter-group_[0-9A-F]+\.name/);
  });

  describe('security group', () => {
    it('is in the VPC, described, with no inline rules', () => {
      expect(synth()).toHaveResourceWithProperties(SecurityGroup, {
        vpc_id: 'vpc-123',
        name_prefix: 'orders-postgres-',
        description: 'RDS PostgreSQL orders: 5432 from allowed security groups and CIDRs only',
      });
      const group = Object.values(parsed().resource.aws_security_group)[0]!;
      expect(group.ingress).toBeUndefined();
      expect(group.egress).toBeUndefined();
    });

    it('admits nothing by default', () => {
      expect(parsed().resource.aws_vpc_security_group_ingress_rule).toBeUndefined();
    });

    it('admits 5432 only from the configured groups and CIDRs', () => {
      const json = synth({ allowedSecurityGroupIds: ['sg-0123456789abcdef0'], allowedCidrs: ['10.1.0.0/16'] });
      expect(json).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
        ip_protocol: 'tcp',
        from_port: 5432,
        to_port: 5432,
        referenced_security_group_id: 'sg-0123456789abcdef0',
        description: 'PostgreSQL from security group sg-0123456789abcdef0',
      });
      expect(json).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
        ip_protocol: 'tcp',
        from_port: 5432,
        to_port: 5432,
        cidr_ipv4: '10.1.0.0/16',
      });
      const rules = Object.values(JSON.parse(json).resource.aws_vpc_security_group_ingress_rule) as any[];
      expect(rules).toHaveLength(2);
      for (const r of rules) expect([r.from_port, r.to_port, r.ip_protocol]).toEqual([5432, 5432, 'tcp']);
    });

    const addresses = (json: string): string[] =>
      Object.entries<any>(JSON.parse(json).resource).flatMap(([type, rs]) => Object.keys(rs).map((n) => `${type}.${n}`));
    const removedAndAdded = (before: string, after: string) => ({
      removed: addresses(before).filter((a) => !addresses(after).includes(a)),
      added: addresses(after).filter((a) => !addresses(before).includes(a)),
    });

    it('keys the security-group rules by group id: removing a middle group renames no other rule', () => {
      const { removed, added } = removedAndAdded(
        synth({ allowedSecurityGroupIds: ['sg-0aaa', 'sg-0bbb', 'sg-0ccc'] }),
        synth({ allowedSecurityGroupIds: ['sg-0aaa', 'sg-0ccc'] }),
      );
      expect(removed).toEqual([expect.stringMatching(/^aws_vpc_security_group_ingress_rule\.postgres_ingress-sg-sg-0bbb_[0-9A-F]+$/)]);
      expect(added).toEqual([]);
    });

    it('keys the CIDR rules by block: removing a middle block renames no other rule', () => {
      const { removed, added } = removedAndAdded(
        synth({ allowedCidrs: ['10.1.0.0/16', '10.2.0.0/16', '10.3.0.0/16'] }),
        synth({ allowedCidrs: ['10.1.0.0/16', '10.3.0.0/16'] }),
      );
      expect(removed).toEqual([
        expect.stringMatching(/^aws_vpc_security_group_ingress_rule\.postgres_ingress-cidr-10-2-0-0-16_[0-9A-F]+$/),
      ]);
      expect(added).toEqual([]);
    });

    it('takes token group ids keyed by a stable name, and refuses them in a plain list', () => {
      Testing.synthScope((scope) => {
        const sg = new TerraformVariable(scope, 'app-sg', { type: 'string' }).stringValue;
        const db = new PostgresDatabase(scope, 'postgres', { ...BASE, allowedSecurityGroupIds: { app: sg } });
        expect(db.node.tryFindChild('ingress-sg-app')).toBeDefined();
      });
      expect(() =>
        Testing.synthScope((scope) => {
          const sg = new TerraformVariable(scope, 'app-sg', { type: 'string' }).stringValue;
          new PostgresDatabase(scope, 'postgres', { ...BASE, allowedSecurityGroupIds: [sg] });
        }),
      ).toThrow(/prop allowedSecurityGroupIds\[0\] .* is a token, which cannot key a resource address; pass a record keyed by a stable name/);
    });

    it('is the only group of the instances', () => {
      expect(primary().vpc_security_group_ids).toEqual([expect.stringMatching(/aws_security_group\.postgres_security-group_[0-9A-F]+\.id/)]);
    });
  });

  it('pre-creates encrypted log groups with retention, before the instance', () => {
    const { resource } = parsed({ logRetentionDays: 731 });
    const groups = Object.values(resource.aws_cloudwatch_log_group) as any[];
    expect(groups.map((g) => g.name).sort()).toEqual(['/aws/rds/instance/orders/postgresql', '/aws/rds/instance/orders/upgrade']);
    for (const g of groups) {
      expect(g.retention_in_days).toBe(731);
      expect(g.kms_key_id).toMatch(/aws_kms_key\.postgres_key_[0-9A-F]+\.arn/);
    }
    const db = primary({ logRetentionDays: 731 });
    expect(db.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_cloudwatch_log_group\.postgres_primary-log-postgresql/)]));
    expect(db.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_cloudwatch_log_group\.postgres_primary-log-upgrade/)]));
  });

  it('creates an Enhanced Monitoring role for monitoring.rds.amazonaws.com', () => {
    const json = synth({ monitoringIntervalSeconds: 15 });
    expect(json).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: expect.stringMatching(/^arn:\$\{data\.aws_partition\..+\.partition\}:iam::aws:policy\/service-role\/AmazonRDSEnhancedMonitoringRole$/),
    });
    expect(json).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [expect.objectContaining({ principals: [{ type: 'Service', identifiers: ['monitoring.rds.amazonaws.com'] }], actions: ['sts:AssumeRole'] })],
    });
    const trust = Object.entries(parsed({ monitoringIntervalSeconds: 15 }).data.aws_iam_policy_document).find(([n]) =>
      n.includes('monitoring-trust'),
    )![1];
    // Confused deputy: this account's Enhanced Monitoring of this database (and its replica) only.
    expect(statementsOf(trust)[0].condition).toEqual([
      { test: 'StringEquals', variable: 'aws:SourceAccount', values: [expect.stringMatching(/^\$\{data\.aws_caller_identity\./)] },
      { test: 'ArnLike', variable: 'aws:SourceArn', values: [expect.stringMatching(/:rds:\$\{data\.aws_region\..*\}:.*:db:orders\*$/)] },
    ]);
    const db = primary({ monitoringIntervalSeconds: 15 });
    expect(db.monitoring_interval).toBe(15);
    expect(db.monitoring_role_arn).toMatch(/aws_iam_role\.postgres_monitoring-role_[0-9A-F]+\.arn/);
  });

  it('has no monitoring role when monitoring is off', () => {
    const json = synth({ monitoringIntervalSeconds: 0 });
    expect(json).not.toHaveResource(IamRole);
    expect(primary({ monitoringIntervalSeconds: 0 }).monitoring_role_arn).toBeUndefined();
  });

  it('takes sizing, availability and backup settings', () => {
    expect(
      synth({
        engineVersion: '17.9',
        instanceClass: 'db.t4g.medium',
        allocatedStorageGb: 50,
        maxAllocatedStorageGb: 500,
        multiAz: false,
        deletionProtection: false,
        skipFinalSnapshot: true,
        backupRetentionDays: 14,
        backupWindow: '22:00-23:00',
        maintenanceWindow: 'sat:01:00-sat:02:00',
        autoMinorVersionUpgrade: false,
        applyImmediately: true,
        databaseName: 'orders',
        caCertIdentifier: 'rds-ca-ecc384-g1',
      }),
    ).toHaveResourceWithProperties(DbInstance, {
      engine_version: '17.9',
      instance_class: 'db.t4g.medium',
      allocated_storage: 50,
      max_allocated_storage: 500,
      multi_az: false,
      deletion_protection: false,
      skip_final_snapshot: true,
      final_snapshot_identifier: 'orders-final',
      backup_retention_period: 14,
      backup_window: '22:00-23:00',
      maintenance_window: 'sat:01:00-sat:02:00',
      auto_minor_version_upgrade: false,
      apply_immediately: true,
      db_name: 'orders',
      ca_cert_identifier: 'rds-ca-ecc384-g1',
    });
  });

  it('ignores engine_version drift only while RDS upgrades minors itself', () => {
    expect(primary().lifecycle).toEqual({ ignore_changes: ['engine_version'] });
    expect(primary({ autoMinorVersionUpgrade: false }).lifecycle).toBeUndefined();
  });

  describe('read replica', () => {
    it('is absent by default', () => {
      expect(instances()).toHaveLength(1);
    });

    it('replicates the primary, private and encrypted, with its own log groups', () => {
      const { resource } = parsed({ enableReadReplica: true, replicaInstanceClass: 'db.r7g.large' });
      const replica = (Object.values(resource.aws_db_instance) as any[]).find((i) => i.identifier === 'orders-replica')!;
      expect(replica).toMatchObject({
        instance_class: 'db.r7g.large',
        storage_encrypted: true,
        publicly_accessible: false,
        skip_final_snapshot: true,
        iam_database_authentication_enabled: true,
        performance_insights_enabled: true,
        enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade'],
      });
      expect(replica.replicate_source_db).toMatch(/aws_db_instance\.postgres_primary_[0-9A-F]+\.identifier/);
      expect(replica.manage_master_user_password).toBeUndefined();
      expect(replica.username).toBeUndefined();
      const names = (Object.values(resource.aws_cloudwatch_log_group) as any[]).map((g) => g.name);
      expect(names).toEqual(expect.arrayContaining(['/aws/rds/instance/orders-replica/postgresql', '/aws/rds/instance/orders-replica/upgrade']));
    });

    it('uses the primary class unless told otherwise', () => {
      const replica = instances({ enableReadReplica: true, instanceClass: 'db.m7g.xlarge' }).find((i) => i.identifier === 'orders-replica')!;
      expect(replica.instance_class).toBe('db.m7g.xlarge');
    });
  });

  describe('alarms', () => {
    it('notify a topic encrypted with the key', () => {
      const json = synth();
      expect(json).toHaveResourceWithProperties(SnsTopic, {
        name: 'orders-alarms',
        kms_master_key_id: expect.stringMatching(/aws_kms_key\.postgres_key_[0-9A-F]+\.arn/),
      });
    });

    it('watch CPU, free storage, freeable memory and connections on the primary', () => {
      const json = synth({ alarmThresholds: { cpuPercent: 90, connections: 800 } });
      const expected: [string, string, number][] = [
        ['CPUUtilization', 'GreaterThanThreshold', 90],
        ['FreeStorageSpace', 'LessThanThreshold', 5 * 1024 ** 3],
        ['FreeableMemory', 'LessThanThreshold', 256 * 1024 ** 2],
        ['DatabaseConnections', 'GreaterThanThreshold', 800],
      ];
      for (const [metric, comparison, threshold] of expected) {
        expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
          namespace: 'AWS/RDS',
          metric_name: metric,
          comparison_operator: comparison,
          threshold,
          dimensions: { DBInstanceIdentifier: 'orders' },
          alarm_actions: [expect.stringMatching(/aws_sns_topic\.postgres_alarms_topic_[0-9A-F]+\.arn/)],
          ok_actions: [expect.stringMatching(/aws_sns_topic\.postgres_alarms_topic_[0-9A-F]+\.arn/)],
        });
      }
      expect(json).not.toHaveResourceWithProperties(CloudwatchMetricAlarm, { metric_name: 'ReplicaLag' });
    });

    it('watch replica lag on the replica', () => {
      expect(synth({ enableReadReplica: true, alarmThresholds: { replicaLagSeconds: 60 } })).toHaveResourceWithProperties(
        CloudwatchMetricAlarm,
        { metric_name: 'ReplicaLag', threshold: 60, dimensions: { DBInstanceIdentifier: 'orders-replica' } },
      );
    });

    it('subscribe the given e-mail addresses', () => {
      expect(synth({ alarmEmails: ['oncall@example.com'] })).toHaveResourceWithProperties(SnsTopicSubscription, {
        protocol: 'email',
        endpoint: 'oncall@example.com',
      });
    });

    it('key the e-mail subscriptions by address: removing a middle one renames no other resource', () => {
      const addresses = (json: string): string[] =>
        Object.entries<any>(JSON.parse(json).resource).flatMap(([type, rs]) => Object.keys(rs).map((n) => `${type}.${n}`));
      const before = addresses(synth({ alarmEmails: ['a@example.com', 'b@example.com', 'c@example.com'] }));
      const after = addresses(synth({ alarmEmails: ['a@example.com', 'c@example.com'] }));
      expect(before.filter((a) => !after.includes(a))).toEqual([
        expect.stringMatching(/^aws_sns_topic_subscription\.postgres_alarms_email-b-example-com_[0-9A-F]+$/),
      ]);
      expect(after.filter((a) => !before.includes(a))).toEqual([]);
    });

    it('can be turned off', () => {
      const json = synth({ enableAlarms: false });
      expect(json).not.toHaveResource(CloudwatchMetricAlarm);
      expect(json).not.toHaveResource(SnsTopic);
    });
  });

  it('exposes the endpoint, port, secret ARN and key', () => {
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        const db = new PostgresDatabase(scope, 'postgres', BASE);
        new TerraformOutput(scope, 'endpoint', { value: db.endpoint });
        new TerraformOutput(scope, 'address', { value: db.address });
        new TerraformOutput(scope, 'port', { value: db.port });
        new TerraformOutput(scope, 'secret', { value: db.secretArn });
        new TerraformOutput(scope, 'key', { value: db.key.arn });
      }),
    );
    const value = (id: string): string => json.output[id].value;
    expect(value('endpoint')).toMatch(/^\$\{aws_db_instance\.postgres_primary_[0-9A-F]+\.endpoint\}$/);
    expect(value('address')).toMatch(/^\$\{aws_db_instance\.postgres_primary_[0-9A-F]+\.address\}$/);
    expect(value('port')).toMatch(/^\$\{aws_db_instance\.postgres_primary_[0-9A-F]+\.port\}$/);
    expect(value('secret')).toMatch(/^\$\{aws_db_instance\.postgres_primary_[0-9A-F]+\.master_user_secret\[0\]\.secret_arn\}$/);
    expect(value('key')).toMatch(/^\$\{aws_kms_key\.postgres_key_[0-9A-F]+\.arn\}$/);
  });

  it('names the log groups after the identifier, which the key policy covers', () => {
    expect(synth()).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/rds/instance/orders/postgresql' });
  });

  describe('rejects', () => {
    const cases: [string, Partial<PostgresDatabaseProps>, RegExp][] = [
      ['an unsupported engine version', { engineVersion: '16.4' }, /prop engineVersion "16\.4" is not an RDS for PostgreSQL 17 version .*use one of/],
      ['an invalid instance class', { instanceClass: 'db.x9.large' }, /prop instanceClass "db\.x9\.large" is not an RDS for PostgreSQL instance class/],
      ['an invalid replica class', { enableReadReplica: true, replicaInstanceClass: 'db.t4g.8xlarge' }, /prop replicaInstanceClass "db\.t4g\.8xlarge" is not a size of the db\.t4g family/],
      ['storage below the minimum', { allocatedStorageGb: 5 }, /prop allocatedStorageGb 5 is not allowed for gp3 PostgreSQL storage; use a whole number of GiB from 20 to 65536/],
      ['a ceiling not above allocated storage', { allocatedStorageGb: 100, maxAllocatedStorageGb: 100 }, /prop maxAllocatedStorageGb 100 is not above allocatedStorageGb \(100\)/],
      ['backup retention above 35', { backupRetentionDays: 40 }, /prop backupRetentionDays 40 is not allowed; use 0-35 days/],
      ['a replica without backups', { backupRetentionDays: 0, enableReadReplica: true }, /prop backupRetentionDays 0 turns automated backups off, but enableReadReplica needs them; use 1-35 days/],
      ['an identifier with a leading digit', { identifier: '9orders' }, /prop identifier "9orders" does not start with a letter; use 1-63 letters/],
      ['an identifier with a trailing hyphen', { identifier: 'orders-' }, /prop identifier "orders-" ends with a hyphen/],
      ['an identifier over 63 characters', { identifier: 'o'.repeat(64) }, /prop identifier "o+" is 64 characters long/],
      ['overlapping windows', { backupWindow: '04:00-05:00', maintenanceWindow: 'sun:04:30-sun:05:30' }, /prop maintenanceWindow "sun:04:30-sun:05:30" overlaps backupWindow "04:00-05:00"/],
      ['a Performance Insights retention of 30 days', { performanceInsightsRetentionDays: 30 }, /prop performanceInsightsRetentionDays 30 is not a Performance Insights retention period/],
      ['a monitoring interval of 2 s', { monitoringIntervalSeconds: 2 }, /prop monitoringIntervalSeconds 2 is not allowed; use one of 0, 1, 5, 10, 15, 30, 60/],
      ['a log retention of 2 days', { logRetentionDays: 2 }, /prop logRetentionDays 2 is not a CloudWatch Logs retention; use one of 1, 3, 5/],
      ['a public CIDR', { allowedCidrs: ['0.0.0.0/0'] }, /prop allowedCidrs "0\.0\.0\.0\/0" is not a private range/],
      ['TLS enforcement turned off', { parameters: { 'rds.force_ssl': '0' } }, /prop parameters\["rds\.force_ssl"\] "0" may not turn off TLS enforcement/],
      ['a wal_sender_timeout DMS cannot use', { parameters: { wal_sender_timeout: '1000' } }, /prop parameters\["wal_sender_timeout"\] "1000" is not usable for DMS change capture/],
      ['a duplicate CIDR', { allowedCidrs: ['10.1.0.0/16', '10.1.0.0/16'] }, /prop allowedCidrs\[1\] "10\.1\.0\.0\/16" is listed twice .*; list each entry once/],
      ['an invalid alarm e-mail', { alarmEmails: ['oncall'] }, /^stack\/postgres: prop alarmEmails\[0\] "oncall" is not an e-mail address; use e\.g\. "ops@example\.com"/],
      ['a reserved master user', { masterUsername: 'rdsadmin' }, /prop masterUsername "rdsadmin" is reserved by RDS/],
    ];
    it.each(cases)('%s', (_what, props, pattern) => {
      expect(() => synth(props)).toThrow(pattern);
    });

    it('throws a ValidationError that names the construct path and the prop', () => {
      expect(() => synth({ engineVersion: '16.4' })).toThrow(ValidationError);
      expect(() => synth({ engineVersion: '16.4' })).toThrow(/^stack\/postgres: prop engineVersion "16\.4" /);
    });
  });

  it('skips checks of unresolved tokens', () => {
    expect(() =>
      Testing.synthScope((scope) => {
        const id = new TerraformVariable(scope, 'identifier', { type: 'string' });
        const size = new TerraformVariable(scope, 'storage', { type: 'number' });
        new PostgresDatabase(scope, 'postgres', { ...BASE, identifier: id.stringValue, allocatedStorageGb: size.numberValue });
      }),
    ).not.toThrow();
  });
});

it('has a parameter group resource for the replica and the primary alike', () => {
  const json = JSON.parse(synth({ enableReadReplica: true }));
  const groups = Object.keys(json.resource.aws_db_parameter_group);
  expect(groups).toHaveLength(1);
  for (const i of Object.values(json.resource.aws_db_instance) as any[]) {
    expect(i.parameter_group_name).toBe(`\${aws_db_parameter_group.${groups[0]}.name}`);
  }
  expect(synth()).toHaveResource(DbParameterGroup);
});
