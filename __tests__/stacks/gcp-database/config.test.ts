import * as fs from 'node:fs';
import {
  cloudSqlInstanceName,
  cloudSqlMajor,
  cloudSqlMaxConnections,
  cloudSqlSslMode,
  cloudSqlTier,
  effectiveCloudSqlFlags,
  gcpDatabaseSection,
} from '../../../stacks/gcp-database/config';
import { environmentProblems, parseEnvironmentText as parseEnvironment, testEnvironment } from '../../helpers/environment';

/** Problems of an environment file: the base input with `patch` merged in, as `file: path message`. */
function problemsOf(patch: Record<string, any>): string[] {
  return environmentProblems(patch);
}

/** A `gcp.database` patch (enabled unless said otherwise). */
function database(patch: Record<string, any>): Record<string, any> {
  return { gcp: { database: { enabled: true, ...patch } } };
}

/** The parsed gcp.database section of a valid test environment with `patch` (enabled) in it. */
function databaseOf(patch: Record<string, any> = {}) {
  return testEnvironment(database(patch)).section(gcpDatabaseSection);
}

describe('gcp.database config', () => {
  it('parses from nothing, disabled, with secure defaults', () => {
    const config = testEnvironment().section(gcpDatabaseSection);
    expect(config).toEqual({
      enabled: false,
      databaseVersion: 'POSTGRES_17',
      edition: 'ENTERPRISE',
      availabilityType: 'REGIONAL',
      diskSizeGb: 20,
      diskAutoresizeLimitGb: 0,
      backup: {
        enabled: true,
        startTime: '03:00',
        pointInTimeRecovery: true,
        retainedBackups: 14,
        transactionLogRetentionDays: 7,
      },
      maintenanceWindow: { day: 7, hour: 4, updateTrack: 'stable' },
      deletionProtection: true,
      databaseName: 'app',
      userName: 'app',
      iamServiceAccounts: [],
      flags: {},
      sslMode: 'ENCRYPTED_ONLY',
      queryInsights: true,
    });
  });

  it('accepts a complete ENTERPRISE_PLUS configuration', () => {
    expect(
      problemsOf(
        database({
          instanceName: 'orders-pg',
          databaseVersion: 'POSTGRES_16',
          edition: 'ENTERPRISE_PLUS',
          tier: 'db-perf-optimized-N-8',
          diskSizeGb: 100,
          diskAutoresizeLimitGb: 100,
          backup: { retainedBackups: 35, transactionLogRetentionDays: 35 },
          maintenanceWindow: { day: 1, hour: 0, updateTrack: 'week5' },
          iamServiceAccounts: ['orders-api@acme-test-1.iam.gserviceaccount.com'],
          flags: { work_mem: '64MB', 'cloudsql.enable_pgaudit': true },
        })
      )
    ).toEqual([]);
  });

  it.each([
    ['db-custom-1-3840', 'ENTERPRISE', 'REGIONAL'],
    ['db-custom-2-7680', 'ENTERPRISE', 'REGIONAL'],
    ['db-custom-96-638976', 'ENTERPRISE', 'REGIONAL'],
    ['db-g1-small', 'ENTERPRISE', 'ZONAL'],
    ['db-f1-micro', 'ENTERPRISE', 'ZONAL'],
    ['db-perf-optimized-N-2', 'ENTERPRISE_PLUS', 'REGIONAL'],
    ['db-perf-optimized-N-128', 'ENTERPRISE_PLUS', 'ZONAL'],
  ])('accepts tier %s with edition %s, %s', (tier, edition, availabilityType) => {
    expect(problemsOf(database({ tier, edition, availabilityType }))).toEqual([]);
  });

  describe('rejects, naming the field and what is allowed', () => {
    it.each<[string, Record<string, any>, RegExp]>([
      [
        'an unsupported database version',
        { databaseVersion: 'POSTGRES_13' },
        /^config\/test\.yaml: gcp\.database\.databaseVersion "POSTGRES_13" is not allowed; allowed values: "POSTGRES_14", "POSTGRES_15", "POSTGRES_16", "POSTGRES_17"$/,
      ],
      [
        'a MySQL version',
        { databaseVersion: 'MYSQL_8_0' },
        /gcp\.database\.databaseVersion "MYSQL_8_0" is not allowed; allowed values: .*"POSTGRES_17"/,
      ],
      [
        'an ENTERPRISE tier with edition ENTERPRISE_PLUS',
        { edition: 'ENTERPRISE_PLUS', tier: 'db-custom-2-7680' },
        /^config\/test\.yaml: gcp\.database\.tier "db-custom-2-7680" is not a machine type of edition ENTERPRISE_PLUS; use db-perf-optimized-N-<vcpus> with vcpus one of 2, 4, 8, .*, or set edition: ENTERPRISE$/,
      ],
      [
        'a perf-optimized tier with edition ENTERPRISE',
        { tier: 'db-perf-optimized-N-4' },
        /gcp\.database\.tier "db-perf-optimized-N-4" is not a machine type of edition ENTERPRISE; set edition: ENTERPRISE_PLUS, or use db-custom-<vcpus>-<memory MB>/,
      ],
      [
        'a perf-optimized size that does not exist',
        { edition: 'ENTERPRISE_PLUS', tier: 'db-perf-optimized-N-6' },
        /gcp\.database\.tier "db-perf-optimized-N-6" is not an offered db-perf-optimized-N size; use .*2, 4, 8, 16, 32, 48, 64, 80, 96, 128/,
      ],
      [
        'a predefined tier PostgreSQL does not offer',
        { tier: 'db-n1-standard-2' },
        /gcp\.database\.tier "db-n1-standard-2" is not a Cloud SQL for PostgreSQL machine type of edition ENTERPRISE; use db-custom-<vcpus>-<memory MB>/,
      ],
      [
        'an odd vCPU count',
        { tier: 'db-custom-3-7680' },
        /gcp\.database\.tier "db-custom-3-7680" is not a valid custom machine: 3 vCPUs; use db-custom-<vcpus>-<memory MB> \(vcpus 1 or even 2-96/,
      ],
      [
        'memory not a multiple of 256 MB',
        { tier: 'db-custom-2-7000' },
        /gcp\.database\.tier "db-custom-2-7000" is not a valid custom machine: 7000 MB must be a multiple of 256 and at least 3840/,
      ],
      [
        'too much memory per vCPU',
        { tier: 'db-custom-2-16384' },
        /gcp\.database\.tier "db-custom-2-16384" is not a valid custom machine: 2 vCPUs take 3840-13312 MB of memory/,
      ],
      [
        'too little memory per vCPU',
        { tier: 'db-custom-16-10240' },
        /gcp\.database\.tier "db-custom-16-10240" is not a valid custom machine: 16 vCPUs take 14848-106496 MB/,
      ],
      [
        'a shared-core tier with REGIONAL',
        { tier: 'db-f1-micro' },
        /^config\/test\.yaml: gcp\.database\.tier "db-f1-micro" is not allowed with availabilityType REGIONAL .*; use a db-custom-<vcpus>-<memory MB> tier, e\.g\. "db-custom-1-3840", or availabilityType: ZONAL$/,
      ],
      [
        'a tier that is not a machine type name',
        { tier: 'large' },
        /gcp\.database\.tier "large" is not a Cloud SQL machine type; use e\.g\. "db-custom-2-7680"/,
      ],
      [
        'a disk below the minimum',
        { diskSizeGb: 5 },
        /^config\/test\.yaml: gcp\.database\.diskSizeGb 5 is out of range; allowed: a value >= 10$/,
      ],
      [
        'an autoresize limit below the disk size',
        { diskSizeGb: 100, diskAutoresizeLimitGb: 50 },
        /^config\/test\.yaml: gcp\.database\.diskAutoresizeLimitGb 50 is below diskSizeGb \(100\); use 0 \(unlimited\) or at least 100$/,
      ],
      [
        'zero retained backups',
        { backup: { retainedBackups: 0 } },
        /^config\/test\.yaml: gcp\.database\.backup\.retainedBackups 0 is out of range; allowed: a value >= 1$/,
      ],
      [
        'more than 365 retained backups',
        { backup: { retainedBackups: 366 } },
        /gcp\.database\.backup\.retainedBackups 366 is out of range; allowed: a value <= 365/,
      ],
      [
        'log retention over 7 days on ENTERPRISE',
        { backup: { transactionLogRetentionDays: 8 } },
        /^config\/test\.yaml: gcp\.database\.backup\.transactionLogRetentionDays 8 is not allowed for edition ENTERPRISE; use 1-7 days, or edition: ENTERPRISE_PLUS for up to 35$/,
      ],
      [
        'log retention over 35 days on ENTERPRISE_PLUS',
        { edition: 'ENTERPRISE_PLUS', backup: { transactionLogRetentionDays: 36 } },
        /gcp\.database\.backup\.transactionLogRetentionDays 36 is out of range; allowed: a value <= 35/,
      ],
      [
        'zero days of log retention',
        { backup: { transactionLogRetentionDays: 0 } },
        /gcp\.database\.backup\.transactionLogRetentionDays 0 is out of range; allowed: a value >= 1/,
      ],
      [
        'more log days than retained backups',
        { edition: 'ENTERPRISE_PLUS', backup: { retainedBackups: 10, transactionLogRetentionDays: 14 } },
        /gcp\.database\.backup\.transactionLogRetentionDays 14 is more than backup\.retainedBackups \(10\); .*use at most 10/,
      ],
      [
        'PITR without backups',
        { availabilityType: 'ZONAL', backup: { enabled: false } },
        /^config\/test\.yaml: gcp\.database\.backup\.pointInTimeRecovery true is not possible with backup\.enabled false; enable backups, or set pointInTimeRecovery: false$/,
      ],
      [
        'a backup start time that is not HH:MM',
        { backup: { startTime: '3am' } },
        /gcp\.database\.backup\.startTime "3am" is not a time of day; use HH:MM in 24-hour UTC/,
      ],
      [
        'maintenance day 0',
        { maintenanceWindow: { day: 0 } },
        /gcp\.database\.maintenanceWindow\.day 0 is out of range; allowed: a value >= 1/,
      ],
      [
        'maintenance day 8',
        { maintenanceWindow: { day: 8 } },
        /gcp\.database\.maintenanceWindow\.day 8 is out of range; allowed: a value <= 7/,
      ],
      [
        'maintenance hour 24',
        { maintenanceWindow: { hour: 24 } },
        /gcp\.database\.maintenanceWindow\.hour 24 is out of range; allowed: a value <= 23/,
      ],
      [
        'an instance name with capitals',
        { instanceName: 'Prod-Postgres' },
        /^config\/test\.yaml: gcp\.database\.instanceName "Prod-Postgres" is not a valid Cloud SQL instance name; use 1-98 lowercase letters, digits and "-", starting with a letter and not ending with "-"$/,
      ],
      [
        'an instance name starting with a digit',
        { instanceName: '1pg' },
        /gcp\.database\.instanceName "1pg" is not a valid Cloud SQL instance name/,
      ],
      [
        'an instance name ending with a hyphen',
        { instanceName: 'pg-' },
        /gcp\.database\.instanceName "pg-" is not a valid Cloud SQL instance name/,
      ],
      [
        'an instance name with "_"',
        { instanceName: 'my_pg' },
        /gcp\.database\.instanceName "my_pg" is not a valid Cloud SQL instance name/,
      ],
      [
        'an instance name too long with the project id',
        { instanceName: `p${'g'.repeat(90)}` },
        /gcp\.database\.instanceName "pg+\.\.\. is too long for project "acme-test-1": "<project>:<instance>" must be at most 98 characters; use at most 86$/,
      ],
      [
        'a reserved database name',
        { databaseName: 'postgres' },
        /^config\/test\.yaml: gcp\.database\.databaseName "postgres" is reserved by PostgreSQL or Cloud SQL; use another name/,
      ],
      [
        'a user name that is not an identifier',
        { userName: 'App-User' },
        /gcp\.database\.userName "App-User" is not a plain PostgreSQL identifier; use 1-63 lowercase letters, digits and "_"/,
      ],
      ['a cloudsql* user name', { userName: 'cloudsqlrepl' }, /gcp\.database\.userName "cloudsqlrepl" is reserved/],
      [
        'a service account that is not an email',
        { iamServiceAccounts: ['orders-api'] },
        /gcp\.database\.iamServiceAccounts\[0\] "orders-api" is not a user-managed service account email/,
      ],
      [
        'a flag name with capitals',
        { flags: { Work_Mem: '4MB' } },
        /^config\/test\.yaml: gcp\.database\.flags\.Work_Mem "Work_Mem" is not a PostgreSQL flag name; use lowercase letters, digits, "_" and "\."$/,
      ],
      [
        'an unencrypted SSL mode',
        { sslMode: 'ALLOW_UNENCRYPTED_AND_ENCRYPTED' },
        /gcp\.database\.sslMode "ALLOW_UNENCRYPTED_AND_ENCRYPTED" is not allowed; allowed values: "ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"$/,
      ],
      [
        'an unknown field',
        { requireSsl: true },
        /gcp\.database\.requireSsl is not a known field; allowed fields here: enabled, instanceName, databaseVersion/,
      ],
    ])('%s', (_name, patch, pattern) => {
      expect(problemsOf(database(patch))).toEqual([expect.stringMatching(pattern)]);
    });

    it('backups off with REGIONAL (HA needs backups)', () => {
      expect(problemsOf(database({ backup: { enabled: false, pointInTimeRecovery: false } }))).toEqual([
        'config/test.yaml: gcp.database.backup.enabled false is not allowed with availabilityType REGIONAL (HA needs automated backups); use true, or availabilityType: ZONAL',
      ]);
    });

    it('an enabled database without the GCP network', () => {
      expect(problemsOf({ gcp: { network: { enabled: false }, database: { enabled: true } } })).toEqual([
        'config/test.yaml: gcp.database.enabled true is not possible with gcp.network.enabled false: the instance takes its private IP from that network; enable the network or set enabled: false',
      ]);
    });

    it('logical decoding turned off while the DR link is enabled (reported once, by the DR checks)', () => {
      const problems = problemsOf({
        dr: { enabled: true },
        ...database({ flags: { 'cloudsql.logical_decoding': 'off' } }),
      });
      expect(problems.filter((p) => p.includes(' gcp.database.'))).toEqual([
        expect.stringMatching(
          /^config\/test\.yaml: gcp\.database\.flags\.cloudsql\.logical_decoding "off" is not "on"; .*set cloudsql\.logical_decoding to "on"$/
        ),
      ]);
    });

    it('client certificates required while the DR link is enabled', () => {
      const problems = problemsOf({
        dr: { enabled: true },
        ...database({ sslMode: 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED' }),
      });
      expect(problems.filter((p) => p.includes(' gcp.database.'))).toEqual([
        'config/test.yaml: gcp.database.sslMode "TRUSTED_CLIENT_CERTIFICATE_REQUIRED" is not allowed while dr.enabled: AWS DMS presents no client certificate; use ENCRYPTED_ONLY',
      ]);
    });

    it('reports cross-field problems together with a broken field elsewhere in the file', () => {
      const problems = problemsOf({ aws: { accountId: 'x' }, ...database({ tier: 'db-perf-optimized-N-2' }) });
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^config\/test\.yaml: aws\.accountId /),
          expect.stringMatching(
            /^config\/test\.yaml: gcp\.database\.tier "db-perf-optimized-N-2" is not a machine type of edition ENTERPRISE/
          ),
        ])
      );
    });
  });

  it('accepts logical decoding off and client certificates when the DR link is disabled', () => {
    expect(
      problemsOf(
        database({ flags: { 'cloudsql.logical_decoding': 'off' }, sslMode: 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED' })
      )
    ).toEqual([]);
  });
});

describe('Cloud SQL settings the DR link reads', () => {
  it('defaults the instance name and tier from the environment and edition', () => {
    const db = databaseOf();
    expect(cloudSqlInstanceName('test', db)).toBe('test-postgres');
    expect(cloudSqlInstanceName('prod', db)).toBe('prod-postgres');
    expect(cloudSqlTier(db)).toBe('db-custom-2-7680');
    expect(cloudSqlTier(databaseOf({ edition: 'ENTERPRISE_PLUS' }))).toBe('db-perf-optimized-N-2');
    expect(cloudSqlInstanceName('test', databaseOf({ instanceName: 'orders-pg' }))).toBe('orders-pg');
  });

  it.each([
    ['POSTGRES_14', 14],
    ['POSTGRES_16', 16],
    ['POSTGRES_17', 17],
  ])('gives the major of %s as %d', (databaseVersion, major) => {
    expect(cloudSqlMajor(databaseOf({ databaseVersion }))).toBe(major);
  });

  it('is TLS-only by default, and keeps the mode the file asks for', () => {
    expect(cloudSqlSslMode(databaseOf())).toBe('ENCRYPTED_ONLY');
    expect(cloudSqlSslMode(databaseOf({ sslMode: 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED' }))).toBe(
      'TRUSTED_CLIENT_CERTIFICATE_REQUIRED',
    );
  });

  it('gives the secure default flags, with logical decoding and IAM authentication on', () => {
    expect(effectiveCloudSqlFlags(databaseOf())).toEqual({
      'cloudsql.enable_pglogical': 'on',
      'cloudsql.iam_authentication': 'on',
      'cloudsql.logical_decoding': 'on',
      log_connections: 'on',
      log_disconnections: 'on',
      log_lock_waits: 'on',
      log_min_duration_statement: '-1',
      log_temp_files: '0',
      max_connections: '420',
    });
  });

  it('merges the environment flags over the defaults, as strings, keys sorted', () => {
    const flags = effectiveCloudSqlFlags(
      databaseOf({ flags: { work_mem: '64MB', log_min_duration_statement: 500, 'cloudsql.enable_pgaudit': true } })
    );
    expect(flags.work_mem).toBe('64MB');
    expect(flags.log_min_duration_statement).toBe('500');
    expect(flags['cloudsql.enable_pgaudit']).toBe('on');
    expect(flags['cloudsql.logical_decoding']).toBe('on');
    expect(Object.keys(flags)).toEqual([
      'cloudsql.enable_pgaudit',
      'cloudsql.enable_pglogical',
      'cloudsql.iam_authentication',
      'cloudsql.logical_decoding',
      'log_connections',
      'log_disconnections',
      'log_lock_waits',
      'log_min_duration_statement',
      'log_temp_files',
      'max_connections',
      'work_mem',
    ]);
  });

  it.each([
    ['db-f1-micro', 'ZONAL', 45],
    ['db-g1-small', 'ZONAL', 70],
    ['db-custom-1-3840', 'REGIONAL', 120],
    ['db-custom-1-6144', 'REGIONAL', 220],
    ['db-custom-2-7680', 'REGIONAL', 420],
    ['db-custom-4-15360', 'REGIONAL', 520],
    ['db-custom-8-30720', 'REGIONAL', 620],
    ['db-custom-16-61440', 'REGIONAL', 820],
    ['db-custom-32-131072', 'REGIONAL', 1020],
  ])('sizes max_connections for %s (%s) as %d', (tier, availabilityType, max) => {
    const db = databaseOf({ tier, availabilityType });
    expect(cloudSqlMaxConnections(db)).toBe(max);
    expect(effectiveCloudSqlFlags(db).max_connections).toBe(`${max}`);
  });

  it('sizes max_connections of an Enterprise Plus machine from its 8 GB per vCPU', () => {
    expect(cloudSqlMaxConnections(databaseOf({ edition: 'ENTERPRISE_PLUS', tier: 'db-perf-optimized-N-16' }))).toBe(1020);
  });

  it('takes YAML booleans and numbers in the flags as "on"/"off" and strings', () => {
    const flags = effectiveCloudSqlFlags(databaseOf({ flags: { 'cloudsql.logical_decoding': false, max_connections: 300 } }));
    expect(flags['cloudsql.logical_decoding']).toBe('off');
    expect(flags.max_connections).toBe('300');
  });

  it('takes max_connections from the flags when set', () => {
    const db = databaseOf({ flags: { max_connections: 1500 } });
    expect(cloudSqlMaxConnections(db)).toBe(1500);
    expect(effectiveCloudSqlFlags(db).max_connections).toBe('1500');
  });
});

describe('shipped environment files', () => {
  it.each(['dev', 'staging', 'prod'])('config/%s.yaml has a valid, enabled gcp.database', (name) => {
    const { config, problems } = parseEnvironment(
      `config/${name}.yaml`,
      fs.readFileSync(`config/${name}.yaml`, 'utf8')
    );
    expect(problems).toEqual([]);
    const db = config!.section(gcpDatabaseSection);
    expect(db.enabled).toBe(true);
    expect(db.availabilityType).toBe(name === 'dev' ? 'ZONAL' : 'REGIONAL');
    expect(db.deletionProtection).toBe(name !== 'dev');
  });
});
