import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { SecretManagerSecret } from '@cdktf/provider-google/lib/secret-manager-secret';
import { SecretManagerSecretVersion } from '@cdktf/provider-google/lib/secret-manager-secret-version';
import { SqlDatabase } from '@cdktf/provider-google/lib/sql-database';
import { SqlDatabaseInstance } from '@cdktf/provider-google/lib/sql-database-instance';
import { SqlUser } from '@cdktf/provider-google/lib/sql-user';
import { Password } from '@cdktf/provider-random/lib/password';
import { TerraformOutput, Testing } from 'cdktf';
import { ValidationError } from '../../../modules/core/validation-error';
import { CloudSqlPostgres, type CloudSqlPostgresProps } from '../../../modules/gcp/cloud-sql-postgres';

const NETWORK = 'https://www.googleapis.com/compute/v1/projects/acme-test-1/global/networks/test-network';

const BASE: CloudSqlPostgresProps = {
  instanceName: 'test-postgres',
  region: 'europe-west1',
  privateNetwork: NETWORK,
  allocatedIpRange: 'test-psa-range',
  serviceNetworkingConnectionId: 'projects/acme-test-1/global/networks/test-network:servicenetworking.googleapis.com',
};

function synth(patch: Partial<CloudSqlPostgresProps> = {}): string {
  return Testing.synthScope((scope) => {
    new CloudSqlPostgres(scope, 'postgres', { ...BASE, ...patch });
  });
}

/** Every resource of one type in the synthesized JSON, keyed by its logical id. */
function resources(json: string, type: string): Record<string, any> {
  return JSON.parse(json).resource?.[type] ?? {};
}

function instance(json: string): any {
  const all = Object.values(resources(json, 'google_sql_database_instance'));
  expect(all).toHaveLength(1);
  return all[0];
}

function flagsOf(json: string): Record<string, string> {
  return Object.fromEntries(instance(json).settings.database_flags.map((f: any) => [f.name, f.value]));
}

describe('CloudSqlPostgres', () => {
  describe('secure defaults', () => {
    const json = synth();

    it('gives the instance a private IP only, on the given network and range', () => {
      expect(json).toHaveResourceWithProperties(SqlDatabaseInstance, {
        settings: expect.objectContaining({
          ip_configuration: {
            ipv4_enabled: false,
            private_network: NETWORK,
            allocated_ip_range: 'test-psa-range',
            ssl_mode: 'ENCRYPTED_ONLY',
          },
        }),
      });
      expect(instance(json).settings.ip_configuration.authorized_networks).toBeUndefined();
    });

    it('requires TLS with ssl_mode ENCRYPTED_ONLY and never the removed require_ssl', () => {
      expect(instance(json).settings.ip_configuration.ssl_mode).toBe('ENCRYPTED_ONLY');
      expect(json).not.toContain('require_ssl');
    });

    it('protects the instance from deletion at the Terraform and the API level', () => {
      expect(json).toHaveResourceWithProperties(SqlDatabaseInstance, {
        deletion_protection: true,
        settings: expect.objectContaining({ deletion_protection_enabled: true, retain_backups_on_delete: true }),
      });
      expect(json).toHaveResourceWithProperties(SecretManagerSecret, { deletion_protection: true });
    });

    it('takes daily backups with point-in-time recovery and counted retention', () => {
      expect(instance(json).settings.backup_configuration).toEqual({
        enabled: true,
        start_time: '03:00',
        point_in_time_recovery_enabled: true,
        transaction_log_retention_days: 7,
        backup_retention_settings: { retained_backups: 14, retention_unit: 'COUNT' },
      });
    });

    it('turns on logical decoding, pglogical and IAM authentication', () => {
      expect(flagsOf(json)).toEqual(
        expect.objectContaining({
          'cloudsql.logical_decoding': 'on',
          'cloudsql.enable_pglogical': 'on',
          'cloudsql.iam_authentication': 'on',
        })
      );
    });

    it('logs connections, disconnections, lock waits and temp files, but no statement text', () => {
      expect(flagsOf(json)).toEqual(
        expect.objectContaining({
          log_connections: 'on',
          log_disconnections: 'on',
          log_lock_waits: 'on',
          log_temp_files: '0',
          log_min_duration_statement: '-1',
        })
      );
    });

    it('sizes max_connections for the default machine', () => {
      expect(flagsOf(json).max_connections).toBe('420');
    });

    it('runs PostgreSQL 17 on a 2 vCPU Enterprise machine with HA and autoresizing SSD', () => {
      expect(json).toHaveResourceWithProperties(SqlDatabaseInstance, {
        name: 'test-postgres',
        region: 'europe-west1',
        database_version: 'POSTGRES_17',
        settings: expect.objectContaining({
          edition: 'ENTERPRISE',
          tier: 'db-custom-2-7680',
          availability_type: 'REGIONAL',
          disk_type: 'PD_SSD',
          disk_size: 20,
          disk_autoresize: true,
          disk_autoresize_limit: 0,
        }),
      });
    });

    it('has a Sunday 04:00 stable maintenance window and Query Insights without client addresses', () => {
      expect(instance(json).settings.maintenance_window).toEqual({ day: 7, hour: 4, update_track: 'stable' });
      expect(instance(json).settings.insights_config).toEqual({
        query_insights_enabled: true,
        query_string_length: 1024,
        record_application_tags: true,
        record_client_address: false,
      });
    });

    it('enables the Cloud SQL Admin and Secret Manager APIs without disabling them on destroy', () => {
      for (const service of ['sqladmin.googleapis.com', 'secretmanager.googleapis.com']) {
        expect(json).toHaveResourceWithProperties(ProjectService, { service, disable_on_destroy: false });
      }
      const [sqlAdminId] = Object.entries(resources(json, 'google_project_service')).find(
        ([, r]) => r.service === 'sqladmin.googleapis.com'
      )!;
      expect(instance(json).depends_on).toEqual([`google_project_service.${sqlAdminId}`]);
    });

    it('stops a plan when the service networking connection is missing', () => {
      expect(instance(json).lifecycle.precondition).toEqual([
        {
          condition: `\${(length("${BASE.serviceNetworkingConnectionId}") >= 1)}`,
          error_message: expect.stringContaining('deploy the network stack first'),
        },
      ]);
    });

    it('creates the application database and a built-in user on the instance', () => {
      expect(json).toHaveResourceWithProperties(SqlDatabase, {
        name: 'app',
        instance: expect.stringMatching(/^\$\{google_sql_database_instance\.[^.]+\.name\}$/),
      });
      expect(json).toHaveResourceWithProperties(SqlUser, {
        name: 'app',
        type: 'BUILT_IN',
        instance: expect.stringMatching(/^\$\{google_sql_database_instance\.[^.]+\.name\}$/),
      });
    });

    it('keeps the password in Secret Manager in the instance region, write-only from an ephemeral password', () => {
      expect(json).toHaveResourceWithProperties(SecretManagerSecret, {
        secret_id: 'test-postgres-app-password',
        replication: { user_managed: { replicas: [{ location: 'europe-west1' }] } },
      });
      const passwordRef = expect.stringMatching(/^\$\{ephemeral\.random_password\.[^.]+\.result\}$/);
      expect(json).toHaveResourceWithProperties(SecretManagerSecretVersion, { secret_data_wo: passwordRef });
      expect(json).toHaveResourceWithProperties(SqlUser, { password_wo: passwordRef });
      expect(json).not.toHaveResource(Password);
      expect(Object.values<any>(JSON.parse(json).ephemeral.random_password)[0]).toMatchObject({ length: 32, special: true });
    });
  });

  it('applies every setting it is given', () => {
    const json = synth({
      databaseVersion: 'POSTGRES_16',
      edition: 'ENTERPRISE_PLUS',
      tier: 'db-perf-optimized-N-8',
      availabilityType: 'ZONAL',
      diskSizeGb: 100,
      diskAutoresizeLimitGb: 500,
      backupStartTime: '22:30',
      retainedBackups: 40,
      transactionLogRetentionDays: 35,
      maintenanceDay: 2,
      maintenanceHour: 23,
      maintenanceUpdateTrack: 'canary',
      deletionProtection: false,
      databaseFlags: { work_mem: '64MB', max_connections: '900' },
      sslMode: 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED',
      enableQueryInsights: false,
      databaseName: 'orders',
      userName: 'orders_app',
      labels: { environment: 'test', role: 'dr-standby' },
    });
    const r = instance(json);
    expect(r.database_version).toBe('POSTGRES_16');
    expect(r.deletion_protection).toBe(false);
    expect(r.settings).toEqual(
      expect.objectContaining({
        edition: 'ENTERPRISE_PLUS',
        tier: 'db-perf-optimized-N-8',
        availability_type: 'ZONAL',
        disk_size: 100,
        disk_autoresize_limit: 500,
        deletion_protection_enabled: false,
        user_labels: { environment: 'test', role: 'dr-standby' },
        maintenance_window: { day: 2, hour: 23, update_track: 'canary' },
      })
    );
    expect(r.settings.backup_configuration).toEqual(
      expect.objectContaining({
        start_time: '22:30',
        transaction_log_retention_days: 35,
        backup_retention_settings: { retained_backups: 40, retention_unit: 'COUNT' },
      })
    );
    expect(r.settings.ip_configuration.ssl_mode).toBe('TRUSTED_CLIENT_CERTIFICATE_REQUIRED');
    expect(r.settings.insights_config.query_insights_enabled).toBe(false);
    expect(flagsOf(json)).toEqual(
      expect.objectContaining({ work_mem: '64MB', max_connections: '900', 'cloudsql.logical_decoding': 'on' })
    );
    expect(json).toHaveResourceWithProperties(SqlDatabase, { name: 'orders' });
    expect(json).toHaveResourceWithProperties(SqlUser, { name: 'orders_app', type: 'BUILT_IN' });
    expect(json).toHaveResourceWithProperties(SecretManagerSecret, {
      secret_id: 'test-postgres-orders_app-password',
      deletion_protection: false,
      labels: { environment: 'test', role: 'dr-standby' },
    });
  });

  it('sends the flags sorted by name so the plan stays stable', () => {
    const names = instance(synth({ databaseFlags: { autovacuum: 'on', work_mem: '8MB' } })).settings.database_flags.map(
      (f: any) => f.name
    );
    expect(names).toEqual([...names].sort());
  });

  it('leaves the log retention out when point-in-time recovery is off', () => {
    const r = instance(synth({ availabilityType: 'ZONAL', enablePointInTimeRecovery: false }));
    expect(r.settings.backup_configuration.point_in_time_recovery_enabled).toBe(false);
    expect(r.settings.backup_configuration.transaction_log_retention_days).toBeUndefined();
  });

  it('has no precondition when no connection id is given', () => {
    expect(instance(synth({ serviceNetworkingConnectionId: undefined })).lifecycle).toBeUndefined();
  });

  it('adds an IAM database user per service account, named as Cloud SQL expects', () => {
    const json = synth({ iamServiceAccounts: ['orders-api@acme-test-1.iam.gserviceaccount.com'] });
    expect(json).toHaveResourceWithProperties(SqlUser, {
      name: 'orders-api@acme-test-1.iam',
      type: 'CLOUD_IAM_SERVICE_ACCOUNT',
    });
    const iam = Object.values(resources(json, 'google_sql_user')).filter(
      (u: any) => u.type === 'CLOUD_IAM_SERVICE_ACCOUNT'
    );
    expect(iam).toHaveLength(1);
    expect((iam[0] as any).password).toBeUndefined();
  });

  it('exposes the outputs the DR link needs, with the server CA unmarked as sensitive', () => {
    const json = Testing.synthScope((scope) => {
      const pg = new CloudSqlPostgres(scope, 'postgres', BASE);
      for (const key of ['instanceName', 'connectionName', 'privateIpAddress', 'secretId', 'serverCaCert'] as const) {
        new TerraformOutput(scope, key, { value: pg[key] });
      }
    });
    const outputs = Object.fromEntries(
      Object.entries(JSON.parse(json).output).map(([k, o]: [string, any]) => [k, o.value])
    );
    expect(outputs).toEqual({
      instanceName: expect.stringMatching(/^\$\{google_sql_database_instance\.[^.]+\.name\}$/),
      connectionName: expect.stringMatching(/^\$\{google_sql_database_instance\.[^.]+\.connection_name\}$/),
      privateIpAddress: expect.stringMatching(/^\$\{google_sql_database_instance\.[^.]+\.private_ip_address\}$/),
      secretId: expect.stringMatching(/^\$\{google_secret_manager_secret\.[^.]+\.id\}$/),
      serverCaCert: expect.stringMatching(
        /^\$\{nonsensitive\(google_sql_database_instance\.[^.]+\.server_ca_cert\[0\]\.cert\)\}$/
      ),
    });
  });

  describe('rejects bad props before creating anything, quoting the prop and what is allowed', () => {
    it.each<[string, Partial<CloudSqlPostgresProps>, RegExp]>([
      [
        'instance name',
        { instanceName: 'Test_PG' },
        /postgres: prop instanceName "Test_PG" is not a valid Cloud SQL instance name; use 1-98 lowercase letters/,
      ],
      [
        'database version',
        { databaseVersion: 'POSTGRES_13' },
        /postgres: prop databaseVersion "POSTGRES_13" is not supported; use one of POSTGRES_14, POSTGRES_15, POSTGRES_16, POSTGRES_17/,
      ],
      [
        'tier for the edition',
        { edition: 'ENTERPRISE_PLUS', tier: 'db-custom-2-7680' },
        /postgres: prop tier "db-custom-2-7680" is not a machine type of edition ENTERPRISE_PLUS; use db-perf-optimized-N-/,
      ],
      [
        'shared core with HA',
        { tier: 'db-g1-small' },
        /postgres: prop tier "db-g1-small" is not allowed with availabilityType REGIONAL/,
      ],
      ['disk size', { diskSizeGb: 9 }, /postgres: prop diskSizeGb 9 is out of range; use 10-65536 GB/],
      [
        'autoresize limit',
        { diskSizeGb: 50, diskAutoresizeLimitGb: 40 },
        /postgres: prop diskAutoresizeLimitGb 40 is below diskSizeGb \(50\) .*; use 0 \(unlimited\) or 50-65536/,
      ],
      ['retained backups', { retainedBackups: 400 }, /postgres: prop retainedBackups 400 is out of range; use 1-365/],
      [
        'log retention for ENTERPRISE',
        { transactionLogRetentionDays: 10 },
        /postgres: prop transactionLogRetentionDays 10 is not allowed for edition ENTERPRISE; use 1-7 days/,
      ],
      [
        'log retention above retained backups',
        { retainedBackups: 5 },
        /postgres: prop transactionLogRetentionDays 7 is more than retainedBackups \(5\); use at most 5/,
      ],
      [
        'backup start time',
        { backupStartTime: '25:00' },
        /postgres: prop backupStartTime "25:00" is not a time of day; use HH:MM/,
      ],
      [
        'PITR without backups',
        { availabilityType: 'ZONAL', enableBackups: false },
        /postgres: prop enablePointInTimeRecovery true needs enableBackups/,
      ],
      [
        'HA without backups',
        { enableBackups: false, enablePointInTimeRecovery: false },
        /postgres: prop enableBackups false must be true with availabilityType REGIONAL/,
      ],
      [
        'maintenance day',
        { maintenanceDay: 0 },
        /postgres: prop maintenanceDay 0 is out of range; use 1 \(Monday\) to 7 \(Sunday\)/,
      ],
      ['maintenance hour', { maintenanceHour: 24 }, /postgres: prop maintenanceHour 24 is out of range; use 0-23/],
      [
        'update track',
        { maintenanceUpdateTrack: 'fast' },
        /postgres: prop maintenanceUpdateTrack "fast" is not an update track; use one of canary, stable, week5/,
      ],
      [
        'unencrypted SSL',
        { sslMode: 'ALLOW_UNENCRYPTED_AND_ENCRYPTED' as any },
        /postgres: prop sslMode "ALLOW_UNENCRYPTED_AND_ENCRYPTED" is not allowed; use one of ENCRYPTED_ONLY, TRUSTED_CLIENT_CERTIFICATE_REQUIRED/,
      ],
      ['database name', { databaseName: 'template1' }, /postgres: prop databaseName "template1" is reserved/],
      ['user name', { userName: 'pg_admin' }, /app-user: prop userName "pg_admin" is reserved/],
      [
        'service account',
        { iamServiceAccounts: ['someone@example.com'] },
        /postgres: prop iamServiceAccounts\[0\] "someone@example.com" is not a service account email/,
      ],
      [
        'two service accounts with the same account name',
        { iamServiceAccounts: ['api@p-one.iam.gserviceaccount.com', 'api@p-two.iam.gserviceaccount.com'] },
        /postgres: prop iamServiceAccounts\[1\] "api@p-two\.iam\.gserviceaccount\.com" has the same account name as "api@p-one\.iam\.gserviceaccount\.com"; give each IAM database user a distinct account name/,
      ],
    ])('%s', (_name, patch, pattern) => {
      expect(() => synth(patch)).toThrow(ValidationError);
      expect(() => synth(patch)).toThrow(pattern);
    });
  });

  it('keeps every other address when a middle IAM service account is removed', () => {
    const addresses = (json: string) =>
      Object.entries(JSON.parse(json).resource as Record<string, object>).flatMap(([type, byId]) =>
        Object.keys(byId).map((id) => `${type}.${id}`)
      );
    const sa = (name: string) => `${name}@acme-test-1.iam.gserviceaccount.com`;
    const before = addresses(synth({ iamServiceAccounts: [sa('api'), sa('worker'), sa('cron')] }));
    const after = addresses(synth({ iamServiceAccounts: [sa('api'), sa('cron')] }));
    expect(before.filter((a) => !after.includes(a))).toEqual([
      expect.stringMatching(/^google_sql_user\.postgres_iam-worker_[0-9A-F]{8}$/),
    ]);
    expect(after.filter((a) => !before.includes(a))).toEqual([]);
  });
});
