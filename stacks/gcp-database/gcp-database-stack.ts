import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { CloudSqlPostgres } from '../../modules/gcp/cloud-sql-postgres';
import type { GcpDatabaseOutputs, GcpNetworkOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { googleProvider } from '../private/google-provider';
import { gcpLabels } from '../private/providers';
import { type GcpDatabaseConfig, cloudSqlInstanceName, cloudSqlTier, effectiveCloudSqlFlags } from './config';

/** Props of {@link GcpDatabaseStack}. */
export interface GcpDatabaseStackProps extends EnvironmentStackProps {
  /** The `gcp.database` section. */
  readonly config: GcpDatabaseConfig;
  /**
   * The instance's `role` label: `dr-standby` when it is the standby of the DR link.
   *
   * @default 'database'
   */
  readonly role?: 'database' | 'dr-standby';
  /** Outputs of `<env>-gcp-network`: network self link, private-services-access range and connection. */
  readonly network: GcpNetworkOutputs;
}

/**
 * `<env>-gcp-database`: the environment's Cloud SQL for PostgreSQL instance on a private IP, the
 * standby of the AWS-to-GCP DR link, with an application database and user whose password is
 * kept in Secret Manager.
 *
 * Deploy order: the instance takes the network's self link, range name and connection id from
 * `<env>-gcp-network`, so cdktf makes this stack depend on it and deploys the network (and its
 * service networking connection) first.
 */
export class GcpDatabaseStack extends EnvironmentStack {
  public readonly outputs: GcpDatabaseOutputs;
  /** The instance construct (for stacks that need more than the outputs). */
  public readonly postgres: CloudSqlPostgres;

  constructor(scope: Construct, name: string, props: GcpDatabaseStackProps) {
    super(scope, name, props);
    const { environment: env, config, network } = props;
    googleProvider(this, env);
    new RandomProvider(this, 'random');

    this.postgres = new CloudSqlPostgres(this, 'postgres', {
      instanceName: cloudSqlInstanceName(env.name, config),
      region: env.gcp.region,
      privateNetwork: network.networkSelfLink,
      allocatedIpRange: network.privateServiceAccessRangeName,
      serviceNetworkingConnectionId: network.serviceNetworkingConnectionId,
      databaseVersion: config.databaseVersion,
      edition: config.edition,
      tier: cloudSqlTier(config),
      availabilityType: config.availabilityType,
      diskSizeGb: config.diskSizeGb,
      diskAutoresizeLimitGb: config.diskAutoresizeLimitGb,
      enableBackups: config.backup.enabled,
      backupStartTime: config.backup.startTime,
      enablePointInTimeRecovery: config.backup.pointInTimeRecovery,
      retainedBackups: config.backup.retainedBackups,
      transactionLogRetentionDays: config.backup.transactionLogRetentionDays,
      maintenanceDay: config.maintenanceWindow.day,
      maintenanceHour: config.maintenanceWindow.hour,
      maintenanceUpdateTrack: config.maintenanceWindow.updateTrack,
      deletionProtection: config.deletionProtection,
      databaseFlags: effectiveCloudSqlFlags(config),
      sslMode: config.sslMode,
      enableQueryInsights: config.queryInsights,
      databaseName: config.databaseName,
      userName: config.userName,
      iamServiceAccounts: config.iamServiceAccounts,
      labels: { ...gcpLabels(env), role: props.role ?? 'database' },
    });

    const pg = this.postgres;
    this.outputs = {
      instanceName: pg.instanceName,
      connectionName: pg.connectionName,
      privateIp: pg.privateIpAddress,
      databaseName: pg.database.name,
      secretId: pg.secretId,
      serverCaCert: pg.serverCaCert,
    };

    // None of these is secret: the password stays in Secret Manager, the CA cert is public.
    new TerraformOutput(this, 'instance_name', { value: this.outputs.instanceName });
    new TerraformOutput(this, 'connection_name', { value: this.outputs.connectionName });
    new TerraformOutput(this, 'private_ip', { value: this.outputs.privateIp });
    new TerraformOutput(this, 'database_name', { value: this.outputs.databaseName });
    new TerraformOutput(this, 'user_name', { value: pg.credentials.user.name });
    new TerraformOutput(this, 'password_secret_id', {
      description: 'Secret Manager secret holding the application user password',
      value: this.outputs.secretId,
    });
    new TerraformOutput(this, 'server_ca_cert', {
      description: 'PEM of the server CA (DMS verify-ca)',
      value: this.outputs.serverCaCert,
    });
  }
}
