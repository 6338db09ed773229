import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DmsCertificate } from '@cdktf/provider-aws/lib/dms-certificate';
import { DmsReplicationInstance } from '@cdktf/provider-aws/lib/dms-replication-instance';
import { DmsReplicationSubnetGroup } from '@cdktf/provider-aws/lib/dms-replication-subnet-group';
import { DmsReplicationTask } from '@cdktf/provider-aws/lib/dms-replication-task';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { TerraformOutput, TerraformVariable, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { ValidationError } from '../../../modules/core/validation-error';
import {
  DMS_INSTANCE_CLASSES,
  DmsReplication,
  type DmsReplicationProps,
  compareVersions,
  dmsInstanceClassProblem,
} from '../../../modules/dr/dms-replication';

const PROPS: Omit<DmsReplicationProps, 'target'> & { target: Omit<DmsReplicationProps['target'], 'password'> } = {
  namePrefix: 'test-dr',
  accountId: '123456789012',
  region: 'eu-west-1',
  vpcId: 'vpc-123',
  subnetIds: ['subnet-a', 'subnet-b'],
  secretsManagerEndpointSecurityGroupId: 'sg-endpoints',
  secretsManagerEndpointDnsName: 'vpce-1.secretsmanager.eu-west-1.vpce.amazonaws.com',
  source: {
    address: 'test-postgres.abc.eu-west-1.rds.amazonaws.com',
    port: 5432,
    databaseName: 'app',
    securityGroupId: 'sg-rds',
    caCertificatePem: '-----BEGIN CERTIFICATE-----\nRDS\n-----END CERTIFICATE-----\n',
  },
  target: {
    privateIp: '10.2.0.3',
    cidr: '10.2.0.0/16',
    databaseName: 'app',
    userName: 'dms_replication',
    caCertificatePem: '-----BEGIN CERTIFICATE-----\nCLOUDSQL\n-----END CERTIFICATE-----\n',
  },
};

function synth(props: Partial<DmsReplicationProps> = {}): { text: string; json: any; dms: DmsReplication } {
  let dms!: DmsReplication;
  const text = Testing.synthScope((scope) => {
    const password = new TerraformVariable(scope, 'target_password', { type: 'string', sensitive: true }).stringValue;
    dms = new DmsReplication(scope, 'dms', { ...PROPS, target: { ...PROPS.target, password }, ...props } as DmsReplicationProps);
  });
  return { text, json: JSON.parse(text), dms };
}

/** A DmsReplication in `scope`, returning its task resource id token. */
function synthTaskResourceId(scope: Construct): string {
  const password = new TerraformVariable(scope, 'pw', { type: 'string', sensitive: true }).stringValue;
  return new DmsReplication(scope, 'dms', { ...PROPS, target: { ...PROPS.target, password } } as DmsReplicationProps)
    .taskResourceId;
}

const list = (json: any, type: string): [string, any][] => Object.entries(json.resource?.[type] ?? {});
/** The statements of the `aws_iam_policy_document` whose name contains `part`. */
const statements = (json: any, part: string): any[] =>
  Object.entries<any>(json.data.aws_iam_policy_document).find(([name]) => name.includes(part))![1].statement;
const one = (json: any, type: string): any => {
  const all = list(json, type);
  expect(all).toHaveLength(1);
  return all[0]![1];
};

describe('DmsReplication', () => {
  it('runs a Multi-AZ, private, KMS-encrypted instance on a pinned engine without auto upgrades', () => {
    const { text, json } = synth();
    expect(text).toHaveResourceWithProperties(DmsReplicationInstance, {
      replication_instance_id: 'test-dr-dms',
      engine_version: '3.6.1',
      auto_minor_version_upgrade: false,
      allow_major_version_upgrade: false,
      multi_az: true,
      publicly_accessible: false,
    });
    const instance = one(json, 'aws_dms_replication_instance');
    expect(instance.kms_key_arn).toMatch(/aws_kms_key\.dms_key.*\.arn/);
    expect(text).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
  });

  it('puts the subnet group on the private subnets and waits for the account roles', () => {
    let attachment = '';
    const text = Testing.synthScope((scope) => {
      const dep = new TerraformVariable(scope, 'dep', { type: 'string' });
      const password = new TerraformVariable(scope, 'pw', { type: 'string', sensitive: true }).stringValue;
      attachment = 'var.dep';
      new DmsReplication(scope, 'dms', {
        ...PROPS,
        target: { ...PROPS.target, password },
        dependsOn: [dep as any],
      } as DmsReplicationProps);
    });
    expect(text).toHaveResourceWithProperties(DmsReplicationSubnetGroup, { subnet_ids: ['subnet-a', 'subnet-b'] });
    const json = JSON.parse(text);
    expect(one(json, 'aws_dms_replication_subnet_group').depends_on).toEqual([attachment]);
    expect(one(json, 'aws_dms_replication_instance').depends_on).toEqual(expect.arrayContaining([attachment]));
  });

  it('opens 5432 to RDS and the Cloud SQL range, 443 to the Secrets Manager endpoint, and 5432 on RDS from DMS', () => {
    const { text, json } = synth();
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
      from_port: 5432,
      to_port: 5432,
      referenced_security_group_id: 'sg-rds',
    });
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
      from_port: 5432,
      to_port: 5432,
      cidr_ipv4: '10.2.0.0/16',
    });
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
      from_port: 443,
      to_port: 443,
      referenced_security_group_id: 'sg-endpoints',
    });
    expect(list(json, 'aws_vpc_security_group_egress_rule')).toHaveLength(3);
    const ingress = one(json, 'aws_vpc_security_group_ingress_rule');
    expect(ingress).toMatchObject({ security_group_id: 'sg-rds', from_port: 5432, to_port: 5432, ip_protocol: 'tcp' });
    expect(ingress.referenced_security_group_id).toMatch(/aws_security_group\.dms_security-group.*\.id/);
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { security_group_id: 'sg-rds' });
  });

  it('reads endpoint credentials from Secrets Manager through an access role, never a password field', () => {
    const { json } = synth();
    const endpoints = list(json, 'aws_dms_endpoint').map(([, e]) => e);
    expect(endpoints).toHaveLength(2);
    for (const e of endpoints) {
      expect(e.password).toBeUndefined();
      expect(e.username).toBeUndefined();
      expect(e.secrets_manager_arn).toMatch(/aws_secretsmanager_secret\./);
      expect(e.secrets_manager_access_role_arn).toMatch(/aws_iam_role\.dms_secrets-access-role/);
      expect(e.extra_connection_attributes).toBe(
        'secretsManagerEndpointOverride=vpce-1.secretsmanager.eu-west-1.vpce.amazonaws.com',
      );
      expect(e.kms_key_arn).toMatch(/aws_kms_key\./);
    }
    const role = list(json, 'aws_iam_role').find(([id]) => id.includes('secrets-access-role'))![1];
    expect(role.assume_role_policy).toMatch(/^\$\{data\.aws_iam_policy_document\.dms_secrets-access-trust_[0-9A-F]+\.json\}$/);
    expect(statements(json, 'secrets-access-trust')).toEqual([
      {
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: ['dms.eu-west-1.amazonaws.com'] }],
        actions: ['sts:AssumeRole'],
        condition: [
          { test: 'StringEquals', variable: 'aws:SourceAccount', values: ['123456789012'] },
          { test: 'ArnLike', variable: 'aws:SourceArn', values: ['arn:aws:dms:eu-west-1:123456789012:*'] },
        ],
      },
    ]);
    expect(statements(json, 'secrets-access-document')).toEqual([
      expect.objectContaining({ actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'] }),
      expect.objectContaining({ actions: ['kms:Decrypt', 'kms:DescribeKey'] }),
    ]);
  });

  it('verifies TLS on both endpoints: RDS CA (verify-full) and the Cloud SQL server CA (verify-ca)', () => {
    const { json, text } = synth();
    expect(text).toHaveResourceWithProperties(DmsCertificate, {
      certificate_id: 'test-dr-rds-ca',
      certificate_pem: PROPS.source.caCertificatePem,
    });
    expect(text).toHaveResourceWithProperties(DmsCertificate, {
      certificate_id: 'test-dr-cloud-sql-ca',
      certificate_pem: PROPS.target.caCertificatePem,
    });
    const [source, target] = [list(json, 'aws_dms_endpoint')[0]![1], list(json, 'aws_dms_endpoint')[1]![1]];
    expect(source).toMatchObject({
      endpoint_type: 'source',
      engine_name: 'postgres',
      ssl_mode: 'verify-full',
      database_name: 'app',
    });
    expect(source.certificate_arn).toMatch(/aws_dms_certificate\.dms_rds-ca/);
    expect(target).toMatchObject({ endpoint_type: 'target', engine_name: 'postgres', ssl_mode: 'verify-ca' });
    expect(target.certificate_arn).toMatch(/aws_dms_certificate\.dms_cloud-sql-ca/);
  });

  it('turns the source heartbeat on with an explicit frequency and leaves DDL capture off', () => {
    const source = list(synth({ heartbeatFrequencyMinutes: 2 }).json, 'aws_dms_endpoint')[0]![1];
    expect(source.postgres_settings).toMatchObject({
      heartbeat_enable: true,
      heartbeat_frequency: 2,
      capture_ddls: false,
      fail_tasks_on_lob_truncation: true,
    });
  });

  it('points the target secret at the Cloud SQL private IP and writes the password write-only', () => {
    const { json, text } = synth();
    const versions = list(json, 'aws_secretsmanager_secret_version').map(([, v]) => v);
    expect(versions).toHaveLength(2);
    for (const v of versions) {
      // Write-only: Terraform sends the value and keeps no copy in state.
      expect(v.secret_string).toBeUndefined();
      expect(v.secret_string_wo_version).toBe(1);
    }
    const target = versions.map((v) => v.secret_string_wo as string).find((v) => v.includes('10.2.0.3'))!;
    expect(target).toContain('"host" = "10.2.0.3"');
    expect(target).toContain('"password" = var.target_password');
    expect(target).toContain('"port" = 5432');
    expect(text).not.toMatch(/"password"\s*:/);
  });

  it('gives DMS its own source role, never the RDS master: a dms_source secret with a password generated ephemerally', () => {
    const { json, text, dms } = synth();
    // Nothing reads the master user's secret any more.
    expect(json.data.aws_secretsmanager_secret_version).toBeUndefined();
    expect(text).not.toContain('rds!db');
    const ephemeral = Object.entries<any>(json.ephemeral.aws_secretsmanager_random_password);
    expect(ephemeral).toHaveLength(1);
    const [name, password] = ephemeral[0]!;
    expect(password).toEqual({
      password_length: 32,
      exclude_characters: ';.:+\'"\\@/$&`',
      require_each_included_type: true,
    });
    const source = list(json, 'aws_secretsmanager_secret_version')
      .map(([, v]) => v.secret_string_wo as string)
      .find((v) => v.includes('rds.amazonaws.com'))!;
    expect(source).toBe(
      `\${jsonencode({"username" = "dms_source", "password" = ephemeral.aws_secretsmanager_random_password.${name}.random_password, "host" = "test-postgres.abc.eu-west-1.rds.amazonaws.com", "port" = 5432})}`,
    );
    expect(dms.sourceUserName).toBe('dms_source');
    const secrets = list(json, 'aws_secretsmanager_secret').map(([, v]) => v.name);
    expect(secrets.sort()).toEqual(['test-dr/dms/source', 'test-dr/dms/target']);
  });

  it('names another source role and a new target secret version when given', () => {
    const { json } = synth({
      source: { ...PROPS.source, userName: 'dr_reader' },
      target: { ...PROPS.target, password: 'unused', secretVersion: 3 } as DmsReplicationProps['target'],
    });
    const versions = list(json, 'aws_secretsmanager_secret_version').map(([, v]) => v);
    expect(versions.find((v) => v.secret_string_wo.includes('dr_reader'))!.secret_string_wo_version).toBe(1);
    expect(versions.find((v) => v.secret_string_wo.includes('10.2.0.3'))!.secret_string_wo_version).toBe(3);
  });

  it.each([
    ['source.userName "Dms-Source"', { source: { ...PROPS.source, userName: 'Dms-Source' } }, /source\.userName.*"Dms-Source".*lowercase letters, digits and "_"/],
    ['source.userName "postgres"', { source: { ...PROPS.source, userName: 'postgres' } }, /source\.userName.*"postgres".*master or an RDS-reserved role.*"dms_source"/],
    ['source.userName "rdsadmin"', { source: { ...PROPS.source, userName: 'rdsadmin' } }, /source\.userName.*"rdsadmin".*master or an RDS-reserved role/],
    [
      'target.secretVersion 0',
      { target: { ...PROPS.target, password: 'x', secretVersion: 0 } },
      /target\.secretVersion.*0.*whole number >= 1/,
    ],
  ])('rejects %s', (_field, props, pattern) => {
    expect(() => synth(props as Partial<DmsReplicationProps>)).toThrow(ValidationError);
    expect(() => synth(props as Partial<DmsReplicationProps>)).toThrow(pattern);
  });

  it('runs a full-load-and-CDC task with typed settings and mappings, ignoring settings the service rewrites', () => {
    const { text, json } = synth({ schemas: ['public', 'billing'], lobMaxSizeKb: 2048 });
    expect(text).toHaveResourceWithProperties(DmsReplicationTask, {
      migration_type: 'full-load-and-cdc',
      start_replication_task: true,
      replication_task_id: 'test-dr-rds-to-cloud-sql',
    });
    const task = one(json, 'aws_dms_replication_task');
    expect(task.lifecycle.ignore_changes).toEqual(['replication_task_settings']);
    const settings = JSON.parse(task.replication_task_settings);
    expect(settings.FullLoadSettings.TargetTablePrepMode).toBe('DO_NOTHING');
    expect(settings.TargetMetadata).toMatchObject({
      SupportLobs: true,
      LimitedSizeLobMode: true,
      FullLobMode: false,
      LobMaxSize: 2048,
    });
    expect(settings.ErrorBehavior.RecoverableErrorCount).toBe(-1);
    expect(settings.Logging.EnableLogging).toBe(true);
    expect(settings.Logging.CloudWatchLogGroup).toBeUndefined();
    expect(settings.Logging.CloudWatchLogStream).toBeUndefined();
    expect(settings.ValidationSettings).toMatchObject({ EnableValidation: true, ValidationMode: 'ROW_LEVEL' });
    const mappings = JSON.parse(task.table_mappings);
    expect(
      mappings.rules.map((r: any) => [r['object-locator']['schema-name'], r['object-locator']['table-name'], r['rule-action']]),
    ).toEqual([
      ['public', '%', 'include'],
      ['billing', '%', 'include'],
      ['dr', 'heartbeat', 'include'],
    ]);
    expect(task.depends_on).toEqual([expect.stringMatching(/aws_cloudwatch_log_group\./)]);
  });

  it('stops the task when told to (failed-over mode)', () => {
    expect(one(synth({ startReplicationTask: false }).json, 'aws_dms_replication_task').start_replication_task).toBe(false);
  });

  it('creates the task log group dms-tasks-<instance id> up front with retention and KMS', () => {
    const { text, json } = synth({ logRetentionDays: 30 });
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, { name: 'dms-tasks-test-dr-dms', retention_in_days: 30 });
    expect(one(json, 'aws_cloudwatch_log_group').kms_key_id).toMatch(/aws_kms_key\./);
    const logs = statements(json, 'key-policy').find((s: any) => s.sid === 'TaskLogs');
    expect(logs.principals).toEqual([{ type: 'Service', identifiers: ['logs.eu-west-1.amazonaws.com'] }]);
    expect(logs.condition).toEqual([
      {
        test: 'ArnEquals',
        variable: 'kms:EncryptionContext:aws:logs:arn',
        values: ['arn:aws:logs:eu-west-1:123456789012:log-group:dms-tasks-test-dr-dms'],
      },
    ]);
  });

  it('limits every service principal of the key policy to this account (confused deputy)', () => {
    const { json } = synth();
    expect(one(json, 'aws_kms_key').policy).toMatch(/^\$\{data\.aws_iam_policy_document\.dms_key-policy_[0-9A-F]+\.json\}$/);
    const bySid = Object.fromEntries(statements(json, 'key-policy').map((s: any) => [s.sid, s]));
    expect(bySid.AlarmPublishers.condition).toEqual([
      { test: 'StringEquals', variable: 'aws:SourceAccount', values: ['123456789012'] },
      { test: 'ArnLike', variable: 'aws:SourceArn', values: ['arn:aws:cloudwatch:eu-west-1:123456789012:alarm:test-dr-*'] },
    ]);
    expect(bySid.DmsEventPublishers.condition).toEqual([
      { test: 'StringEquals', variable: 'aws:SourceAccount', values: ['123456789012'] },
    ]);
    for (const st of Object.values<any>(bySid)) {
      if (st.principals[0].type === 'Service') expect(st.condition.length).toBeGreaterThan(0);
    }
  });

  it('exposes the task resource id (last ARN segment) for metric dimensions', () => {
    const { dms } = synth();
    expect(dms.instanceId).toBe('test-dr-dms');
    const text = Testing.synthScope((scope) => {
      new TerraformOutput(scope, 'task_resource_id', { value: synthTaskResourceId(scope) });
    });
    expect(JSON.parse(text).output.task_resource_id.value).toMatch(
      /^\$\{element\(split\(":", aws_dms_replication_task\.dms_task_\w+\.replication_task_arn\), 6\)\}$/,
    );
  });

  it.each([
    [{ engineVersion: '3.5.4' }, /prop engineVersion "3.5.4" is too old for PostgreSQL 17 .*; use "3.6.1" or later/],
    [{ engineVersion: '3.6' }, /prop engineVersion "3.6" is too old .* or not "major.minor.patch"; use "3.6.1" or later/],
    [{ subnetIds: ['subnet-a'] }, /prop subnetIds \["subnet-a"\] has 1 subnet\(s\); a Multi-AZ instance needs subnets in at least 2 AZs/],
    [{ heartbeatFrequencyMinutes: 0 }, /prop heartbeatFrequencyMinutes 0 is not allowed; use a whole number of minutes >= 1/],
    [{ logRetentionDays: 10 }, /prop logRetentionDays 10 is not a CloudWatch Logs retention; use one of 1, 3, 5/],
  ])('rejects %o', (props, message) => {
    expect(() => synth(props)).toThrow(ValidationError);
    expect(() => synth(props)).toThrow(message);
  });
});

describe('compareVersions', () => {
  it.each([
    ['3.6.1', '3.6.1', 0],
    ['3.5.4', '3.6.1', -1],
    ['3.10.0', '3.9.9', 1],
    ['3.6', '3.6.0', 0],
  ])('compares %s with %s', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });
});

describe('DmsReplication task settings', () => {
  it('refuses tokens in the values serialised into the task settings and table mappings', () => {
    expect(() =>
      Testing.synthScope((scope) => {
        const password = new TerraformVariable(scope, 'pw', { type: 'string', sensitive: true }).stringValue;
        const schema = new TerraformVariable(scope, 'schema', { type: 'string' }).stringValue;
        new DmsReplication(scope, 'dms', { ...PROPS, target: { ...PROPS.target, password }, schemas: [schema] } as DmsReplicationProps);
      }),
    ).toThrow(/prop schemas .* is a token; the task settings and table mappings need literal values/);
  });
});

describe('DmsReplication instance class', () => {
  it.each([
    ['dms.r6i.3xlarge', /prop instanceClass "dms\.r6i\.3xlarge" is not a size DMS offers for dms\.r6i; use dms\.r6i\.<size> with size large, xlarge, .*32xlarge$/],
    ['db.r6i.large', /prop instanceClass "db\.r6i\.large" is not a DMS replication instance class; use "dms\.<family>\.<size>" with family t3, c5, c6i, c7i, r5, r6i, r7i/],
  ])('rejects %s before any resource exists', (instanceClass, pattern) => {
    const stack = Testing.synthScope((scope) => {
      expect(
        () => new DmsReplication(scope, 'dms', { ...PROPS, target: { ...PROPS.target, password: 'unused' }, instanceClass } as DmsReplicationProps),
      ).toThrow(pattern);
    });
    expect(JSON.parse(stack).resource).toBeUndefined();
  });

  it('accepts every class of DMS_INSTANCE_CLASSES and skips a token', () => {
    for (const [family, sizes] of Object.entries(DMS_INSTANCE_CLASSES)) {
      for (const size of sizes) expect(dmsInstanceClassProblem(`dms.${family}.${size}`)).toBeUndefined();
    }
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        const instanceClass = new TerraformVariable(scope, 'instance_class', { type: 'string' }).stringValue;
        new DmsReplication(scope, 'dms', { ...PROPS, target: { ...PROPS.target, password: 'unused' }, instanceClass } as DmsReplicationProps);
      }),
    );
    expect(one(json, 'aws_dms_replication_instance').replication_instance_class).toBe('${var.instance_class}');
  });
});
