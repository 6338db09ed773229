import { AWS_NETWORK_DEFAULTS } from '../../modules/aws/network';
import { POSTGRES_DATABASE_DEFAULTS } from '../../modules/aws/postgres-database';
import { FLOW_LOG_DEFAULTS } from '../../modules/aws/vpc-flow-log';
import { AZURE_POSTGRES_DEFAULTS } from '../../modules/azure/postgres-rules';
import { DMS_REPLICATION_DEFAULTS } from '../../modules/dr/dms-replication';
import { FAILOVER_DNS_DEFAULTS } from '../../modules/dr/dr-failover-dns';
import { AWS_DR_VPN_DEFAULTS } from '../../modules/dr/aws-dr-vpn';
import { DEFAULT_INSIDE_CIDRS, DEFAULT_VPN_PROPOSAL } from '../../modules/dr/vpn-limits';
import { CLOUD_SQL_DEFAULTS } from '../../modules/gcp/cloud-sql-rules';
import { STATE_DEFAULTS } from '../../modules/state/s3-state-backend';
import { awsDatabaseSection } from '../../stacks/aws-database/config';
import { awsNetworkSection } from '../../stacks/aws-network/config';
import { azureDatabaseSection } from '../../stacks/azure-database/config';
import { drSection } from '../../stacks/dr/config';
import { gcpDatabaseSection } from '../../stacks/gcp-database/config';
import { stateSection } from '../../stacks/state-backend/config';

/**
 * Every default of a config section is the default of the construct it feeds: the schema takes it
 * from the construct's exported defaults, so the two cannot drift apart. A literal written into a
 * schema instead makes one of these fail as soon as the construct's default changes.
 */
describe('config defaults are the constructs\' defaults', () => {
  it('aws.network', () => {
    const n = awsNetworkSection.schema.parse({ cidr: '10.0.0.0/16' });
    expect(n.natGateways).toBe(AWS_NETWORK_DEFAULTS.natGateways);
    expect(n.interfaceEndpoints).toEqual([...AWS_NETWORK_DEFAULTS.interfaceEndpoints]);
    expect(n.gatewayEndpoints).toEqual([...AWS_NETWORK_DEFAULTS.gatewayEndpoints]);
    expect(n.ipv6).toBe(AWS_NETWORK_DEFAULTS.enableIpv6);
    expect(n.flowLogs).toMatchObject({
      destination: FLOW_LOG_DEFAULTS.destination,
      retentionDays: FLOW_LOG_DEFAULTS.retentionDays,
      trafficType: FLOW_LOG_DEFAULTS.trafficType,
    });
  });

  it('aws.database', () => {
    const db = awsDatabaseSection.schema.parse({});
    const D = POSTGRES_DATABASE_DEFAULTS;
    expect(db).toMatchObject({
      engineVersion: D.engineVersion,
      instanceClass: D.instanceClass,
      allocatedStorageGb: D.allocatedStorageGb,
      multiAz: D.multiAz,
      deletionProtection: D.deletionProtection,
      skipFinalSnapshot: D.skipFinalSnapshot,
      backupRetentionDays: D.backupRetentionDays,
      backupWindow: D.backupWindow,
      maintenanceWindow: D.maintenanceWindow,
      autoMinorVersionUpgrade: D.autoMinorVersionUpgrade,
      applyImmediately: D.applyImmediately,
      caCertIdentifier: D.caCertIdentifier,
      databaseName: D.databaseName,
      masterUsername: D.masterUsername,
      performanceInsightsRetentionDays: D.performanceInsightsRetentionDays,
      monitoringIntervalSeconds: D.monitoringIntervalSeconds,
      logRetentionDays: D.logRetentionDays,
    });
  });

  it('gcp.database', () => {
    const db = gcpDatabaseSection.schema.parse({});
    const D = CLOUD_SQL_DEFAULTS;
    expect(db).toMatchObject({
      databaseVersion: D.databaseVersion,
      edition: D.edition,
      availabilityType: D.availabilityType,
      diskSizeGb: D.diskSizeGb,
      diskAutoresizeLimitGb: D.diskAutoresizeLimitGb,
      deletionProtection: D.deletionProtection,
      sslMode: D.sslMode,
      queryInsights: D.enableQueryInsights,
      databaseName: D.databaseName,
      userName: D.userName,
      backup: {
        enabled: D.enableBackups,
        startTime: D.backupStartTime,
        pointInTimeRecovery: D.enablePointInTimeRecovery,
        retainedBackups: D.retainedBackups,
        transactionLogRetentionDays: D.transactionLogRetentionDays,
      },
      maintenanceWindow: { day: D.maintenanceDay, hour: D.maintenanceHour, updateTrack: D.maintenanceUpdateTrack },
    });
  });

  it('azure.database', () => {
    const db = azureDatabaseSection.schema.parse({});
    const D = AZURE_POSTGRES_DEFAULTS;
    expect(db).toMatchObject({
      version: D.version,
      skuName: D.skuName,
      storageMb: D.storageMb,
      autoGrow: D.enableAutoGrow,
      highAvailability: D.highAvailability,
      backupRetentionDays: D.backupRetentionDays,
      geoRedundantBackup: D.enableGeoRedundantBackup,
      databaseName: D.databaseName,
      administratorLogin: D.administratorLogin,
      administratorPasswordVersion: D.administratorPasswordVersion,
      logMinDurationStatementMs: D.logMinDurationStatementMs,
      deletionProtection: D.enableDeletionProtection,
    });
  });

  it('dr', () => {
    const dr = drSection.schema.parse({});
    expect(dr.vpn.gatewayType).toBe(AWS_DR_VPN_DEFAULTS.gatewayType);
    expect(dr.vpn.tunnelInsideCidrs).toEqual([...DEFAULT_INSIDE_CIDRS]);
    expect(dr.vpn.phase1).toEqual(DEFAULT_VPN_PROPOSAL);
    expect(dr.vpn.phase2).toEqual(DEFAULT_VPN_PROPOSAL);
    const D = DMS_REPLICATION_DEFAULTS;
    expect(dr.dms).toMatchObject({
      instanceClass: D.instanceClass,
      allocatedStorageGb: D.allocatedStorageGb,
      engineVersion: D.engineVersion,
      schemas: [...D.schemas],
      heartbeatFrequencyMinutes: D.heartbeatFrequencyMinutes,
      lobMaxSizeKb: D.lobMaxSizeKb,
      rpoTargetSeconds: D.rpoTargetSeconds,
      logRetentionDays: D.logRetentionDays,
    });
    expect(dr.failover).toMatchObject({ recordName: FAILOVER_DNS_DEFAULTS.recordName, ttlSeconds: FAILOVER_DNS_DEFAULTS.ttlSeconds });
  });

  it('state', () => {
    const state = stateSection.schema.parse({ bucket: 'acme-tfstate', region: 'eu-west-1' });
    expect(state.locking).toBe(STATE_DEFAULTS.locking);
    expect(state.noncurrentVersionExpirationDays).toBe(STATE_DEFAULTS.noncurrentVersionExpirationDays);
  });
});
