import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { PostgresDatabase } from '../../modules/aws/postgres-database';
import type { AwsDatabaseOutputs, AwsNetworkOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { awsProvider } from '../private/providers';
import { type AwsDatabaseConfig, effectiveRdsParameters, rdsIdentifier, rdsMaxAllocatedStorageGb } from './config';

/** Props of {@link AwsDatabaseStack}. */
export interface AwsDatabaseStackProps extends EnvironmentStackProps {
  /** The `aws.database` section. */
  readonly config: AwsDatabaseConfig;
  /** Outputs of `<env>-aws-network`: the VPC and the DB subnet group over the database subnets. */
  readonly network: AwsNetworkOutputs;
}

/**
 * `<env>-aws-database`: the environment's RDS for PostgreSQL 17 primary from `aws.database`, the
 * source of the AWS-to-GCP DMS replication link (see docs/aws-database.md).
 *
 * Deploy order: the instance takes the VPC id and DB subnet group from `<env>-aws-network`, so
 * cdktf makes this stack depend on it.
 */
export class AwsDatabaseStack extends EnvironmentStack {
  public readonly outputs: AwsDatabaseOutputs;
  /** The database construct (for stacks that need more than the outputs). */
  public readonly postgres: PostgresDatabase;

  constructor(scope: Construct, name: string, props: AwsDatabaseStackProps) {
    super(scope, name, props);
    const { environment: env, config, network } = props;
    awsProvider(this, env);

    this.postgres = new PostgresDatabase(this, 'postgres', {
      identifier: rdsIdentifier(env.name, config),
      vpcId: network.vpcId,
      dbSubnetGroupName: network.dbSubnetGroupName,
      engineVersion: config.engineVersion,
      instanceClass: config.instanceClass,
      allocatedStorageGb: config.allocatedStorageGb,
      maxAllocatedStorageGb: rdsMaxAllocatedStorageGb(config),
      multiAz: config.multiAz,
      deletionProtection: config.deletionProtection,
      skipFinalSnapshot: config.skipFinalSnapshot,
      backupRetentionDays: config.backupRetentionDays,
      backupWindow: config.backupWindow,
      maintenanceWindow: config.maintenanceWindow,
      autoMinorVersionUpgrade: config.autoMinorVersionUpgrade,
      applyImmediately: config.applyImmediately,
      caCertIdentifier: config.caCertIdentifier,
      databaseName: config.databaseName,
      masterUsername: config.masterUsername,
      allowedSecurityGroupIds: config.allowedSecurityGroupIds,
      allowedCidrs: config.allowedCidrs,
      parameters: effectiveRdsParameters(config),
      enableReadReplica: config.readReplica.enabled,
      ...(config.readReplica.instanceClass ? { replicaInstanceClass: config.readReplica.instanceClass } : {}),
      enableAlarms: config.alarms.enabled,
      alarmThresholds: {
        cpuPercent: config.alarms.cpuPercent,
        freeStorageBytes: config.alarms.freeStorageBytes,
        freeableMemoryBytes: config.alarms.freeableMemoryBytes,
        connections: config.alarms.connections,
        replicaLagSeconds: config.alarms.replicaLagSeconds,
      },
      alarmEmails: config.alarms.emails,
      performanceInsightsRetentionDays: config.performanceInsightsRetentionDays,
      monitoringIntervalSeconds: config.monitoringIntervalSeconds,
      logRetentionDays: config.logRetentionDays,
    });

    const db = this.postgres;
    this.outputs = {
      endpoint: db.endpoint,
      address: db.address,
      port: db.port,
      instanceId: db.instance.identifier,
      instanceArn: db.instance.arn,
      securityGroupId: db.securityGroup.id,
      secretArn: db.secretArn,
      kmsKeyArn: db.key.arn,
      parameterGroupName: db.parameterGroup.name,
      databaseName: config.databaseName,
      resourceId: db.instance.resourceId,
    };

    const output = (id: string, value: unknown, description: string): TerraformOutput =>
      new TerraformOutput(this, id, { value, description });
    output('endpoint', this.outputs.endpoint, 'host:port of the primary');
    output('address', this.outputs.address, 'Host name of the primary');
    output('port', this.outputs.port, 'Port of the primary');
    output('instance_id', this.outputs.instanceId, 'RDS DB identifier of the primary');
    output('instance_arn', this.outputs.instanceArn, 'ARN of the primary');
    output('security_group_id', this.outputs.securityGroupId, 'Security group of the database (5432 ingress)');
    output('master_secret_arn', this.outputs.secretArn, 'Secrets Manager secret RDS manages for the master user');
    output('kms_key_arn', this.outputs.kmsKeyArn, 'KMS key of storage, secret, logs, Performance Insights and alarms');
    output('parameter_group_name', this.outputs.parameterGroupName, 'DB parameter group');
    if (db.replica) {
      output('replica_address', db.replica.address, 'Host name of the read replica');
      output('replica_instance_id', db.replica.identifier, 'RDS DB identifier of the read replica');
    }
    if (db.alarms) output('alarm_topic_arn', db.alarms.topic.arn, 'SNS topic of the CloudWatch alarms');
  }
}
