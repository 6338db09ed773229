import {
  awsDatabaseSection,
  effectiveRdsParameters,
  rdsEngineMajor,
  rdsIdentifier,
  rdsMaxAllocatedStorageGb,
} from '../../../stacks/aws-database/config';
import { environmentProblems, loadEnvironments, merge, testEnvironment } from '../../helpers/environment';

/** Problems of an environment file: the base input with `database` merged into aws.database. */
function problemsOf(database: Record<string, any>, patch: Record<string, any> = {}): string[] {
  return environmentProblems(merge({ aws: { database } }, patch));
}

/** The parsed aws.database section of a valid test environment with `database` merged in. */
function databaseOf(database: Record<string, any> = {}) {
  return testEnvironment({ aws: { database } }).section(awsDatabaseSection);
}

describe('aws.database config', () => {
  it('parses from {} with secure defaults', () => {
    const db = databaseOf();
    expect(db).toMatchObject({
      enabled: false,
      engineVersion: '17.6',
      instanceClass: 'db.m7g.large',
      allocatedStorageGb: 20,
      multiAz: true,
      deletionProtection: true,
      skipFinalSnapshot: false,
      backupRetentionDays: 7,
      backupWindow: '03:00-04:00',
      maintenanceWindow: 'sun:04:30-sun:05:30',
      autoMinorVersionUpgrade: true,
      caCertIdentifier: 'rds-ca-rsa2048-g1',
      databaseName: 'app',
      allowedSecurityGroupIds: [],
      allowedCidrs: [],
      parameters: {},
      readReplica: { enabled: false },
      alarms: { enabled: true, cpuPercent: 80, freeStorageBytes: 5 * 1024 ** 3, replicaLagSeconds: 300 },
      performanceInsightsRetentionDays: 7,
      monitoringIntervalSeconds: 60,
      logRetentionDays: 365,
    });
    expect(db.identifier).toBeUndefined();
    expect(rdsIdentifier('test', db)).toBe('test-postgres');
    expect(rdsIdentifier('prod', databaseOf({ identifier: 'orders-db' }))).toBe('orders-db');
    expect(rdsMaxAllocatedStorageGb(db)).toBe(100);
    expect(rdsMaxAllocatedStorageGb({ allocatedStorageGb: 500 })).toBe(1000);
  });

  it('accepts a full configuration', () => {
    expect(
      problemsOf({
        enabled: true,
        identifier: 'orders-db',
        engineVersion: '17.9',
        instanceClass: 'db.r7g.2xlarge',
        allocatedStorageGb: 200,
        maxAllocatedStorageGb: 1000,
        multiAz: true,
        backupRetentionDays: 35,
        backupWindow: '23:30-00:30',
        maintenanceWindow: 'sat:01:00-sat:02:00',
        allowedSecurityGroupIds: ['sg-0123456789abcdef0'],
        allowedCidrs: ['10.0.0.0/16', '100.64.0.0/10'],
        parameters: { max_wal_senders: 20, log_min_duration_statement: '500', shared_preload_libraries: 'pg_stat_statements,pglogical' },
        readReplica: { enabled: true, instanceClass: 'db.r7g.large' },
        alarms: { cpuPercent: 90, connections: 1000, emails: ['oncall@example.com'] },
        performanceInsightsRetentionDays: 731,
        monitoringIntervalSeconds: 15,
        logRetentionDays: 731,
      }),
    ).toEqual([]);
  });

  it('accepts every shipped environment and enables the database in each', () => {
    const envs = loadEnvironments('config');
    const byName = Object.fromEntries(envs.map((e) => [e.config.name, e.config.section(awsDatabaseSection)]));
    expect(byName.prod).toMatchObject({ enabled: true, multiAz: true, deletionProtection: true, backupRetentionDays: 14 });
    expect(byName.staging).toMatchObject({ enabled: true });
    expect(byName.dev).toMatchObject({
      enabled: true,
      instanceClass: 'db.t4g.medium',
      multiAz: false,
      deletionProtection: false,
      skipFinalSnapshot: true,
    });
  });

  describe('effectiveRdsParameters', () => {
    it('holds the DMS source prerequisites, TLS enforcement and logging by default', () => {
      expect(effectiveRdsParameters(databaseOf())).toMatchObject({
        'rds.logical_replication': '1',
        'rds.force_ssl': '1',
        wal_sender_timeout: '60000',
        max_replication_slots: '10',
        max_wal_senders: '10',
        log_min_duration_statement: '1000',
        log_connections: '1',
        log_disconnections: '1',
        log_lock_waits: '1',
      });
    });

    it('takes numbers in the file as strings, and gives the defaults when nothing is overridden', () => {
      expect(effectiveRdsParameters(databaseOf({ parameters: { max_wal_senders: 30 } })).max_wal_senders).toBe('30');
      expect(effectiveRdsParameters({ parameters: {} })['rds.force_ssl']).toBe('1');
    });

    it('merges overrides over the defaults, as strings', () => {
      const params = effectiveRdsParameters(databaseOf({ parameters: { max_wal_senders: 25, work_mem: '65536' } }));
      expect(params.max_wal_senders).toBe('25');
      expect(params.work_mem).toBe('65536');
      expect(params['rds.logical_replication']).toBe('1');
    });
  });

  it('rdsEngineMajor gives the major version as a number', () => {
    expect(rdsEngineMajor(databaseOf())).toBe(17);
    expect(rdsEngineMajor(databaseOf({ engineVersion: '17.10' }))).toBe(17);
  });

  describe('rejects', () => {
    const cases: [string, Record<string, any>, RegExp][] = [
      ['an unsupported engine version', { engineVersion: '16.4' }, /aws\.database\.engineVersion "16\.4" is not an RDS for PostgreSQL 17 version .*use one of 17\.5, 17\.6/],
      ['a retired 17.x version', { engineVersion: '17.2' }, /aws\.database\.engineVersion "17\.2" .*use one of 17\.5/],
      ['an instance class of another engine family', { instanceClass: 'db.z1d.large' }, /aws\.database\.instanceClass "db\.z1d\.large" is not an RDS for PostgreSQL instance class; use "db\.<family>\.<size>" with a family of t3, t4g/],
      ['an instance class without the db. prefix', { instanceClass: 'm7g.large' }, /aws\.database\.instanceClass "m7g\.large" is not an RDS for PostgreSQL instance class/],
      ['a size the family lacks', { instanceClass: 'db.t4g.4xlarge' }, /aws\.database\.instanceClass "db\.t4g\.4xlarge" is not a size of the db\.t4g family; use one of db\.t4g\.micro/],
      ['a replica class that is not valid', { readReplica: { enabled: true, instanceClass: 'db.m7g.huge' } }, /aws\.database\.readReplica\.instanceClass "db\.m7g\.huge" is not a size of the db\.m7g family/],
      ['storage below the gp3 minimum', { allocatedStorageGb: 10 }, /aws\.database\.allocatedStorageGb 10 is out of range; allowed: a value >= 20/],
      ['storage above the maximum', { allocatedStorageGb: 70000 }, /aws\.database\.allocatedStorageGb 70000 is out of range; allowed: a value <= 65536/],
      ['a ceiling at or below the allocated storage', { allocatedStorageGb: 200, maxAllocatedStorageGb: 200 }, /aws\.database\.maxAllocatedStorageGb 200 is not above allocatedStorageGb \(200\); use a larger ceiling/],
      ['a ceiling below the allocated storage', { allocatedStorageGb: 200, maxAllocatedStorageGb: 100 }, /aws\.database\.maxAllocatedStorageGb 100 is not above allocatedStorageGb \(200\)/],
      ['backup retention above 35 days', { backupRetentionDays: 36 }, /aws\.database\.backupRetentionDays 36 is out of range; allowed: a value <= 35/],
      ['negative backup retention', { backupRetentionDays: -1 }, /aws\.database\.backupRetentionDays -1 is out of range; allowed: a value >= 0/],
      ['a read replica with backups off', { backupRetentionDays: 0, readReplica: { enabled: true } }, /aws\.database\.backupRetentionDays 0 turns automated backups off, but readReplica\.enabled needs them on the source; use 1-35 days/],
      ['an identifier over 63 characters', { identifier: `a${'b'.repeat(63)}` }, /aws\.database\.identifier "a{1}b+" is 64 characters long; use 1-63 letters, digits and hyphens/],
      ['an identifier with other characters', { identifier: 'orders_db' }, /aws\.database\.identifier "orders_db" has characters other than letters, digits and hyphens; use 1-63/],
      ['an identifier starting with a digit', { identifier: '1orders' }, /aws\.database\.identifier "1orders" does not start with a letter; use 1-63 letters/],
      ['an identifier ending with a hyphen', { identifier: 'orders-' }, /aws\.database\.identifier "orders-" ends with a hyphen; use 1-63/],
      ['an identifier with two hyphens in a row', { identifier: 'orders--db' }, /aws\.database\.identifier "orders--db" has two hyphens in a row; use 1-63/],
      ['an empty identifier', { identifier: '' }, /aws\.database\.identifier "" is 0 characters long; use 1-63/],
      ['an identifier too long for the replica suffix', { identifier: `a${'b'.repeat(59)}`, readReplica: { enabled: true } }, /aws\.database\.identifier "ab+" is too long for a read replica named "<identifier>-replica"; use at most 55 characters/],
      ['a malformed backup window', { backupWindow: '3:00-4:00' }, /aws\.database\.backupWindow "3:00-4:00" is not a backup window; use "hh24:mi-hh24:mi" in UTC/],
      ['a backup window under 30 minutes', { backupWindow: '03:00-03:15' }, /aws\.database\.backupWindow "03:00-03:15" is shorter than 30 minutes/],
      ['a malformed maintenance window', { maintenanceWindow: 'sunday:04:00-sunday:05:00' }, /aws\.database\.maintenanceWindow "sunday:04:00-sunday:05:00" is not a maintenance window; use "ddd:hh24:mi-ddd:hh24:mi"/],
      ['a maintenance window overlapping the backup window', { maintenanceWindow: 'wed:03:30-wed:04:30' }, /aws\.database\.maintenanceWindow "wed:03:30-wed:04:30" overlaps the daily backupWindow "03:00-04:00"/],
      ['a maintenance window overlapping a backup window across midnight', { backupWindow: '23:30-00:30', maintenanceWindow: 'mon:00:00-mon:01:00' }, /aws\.database\.maintenanceWindow "mon:00:00-mon:01:00" overlaps the daily backupWindow "23:30-00:30"/],
      ['a Performance Insights retention that is not 7 or months', { performanceInsightsRetentionDays: 30 }, /aws\.database\.performanceInsightsRetentionDays 30 is not a Performance Insights retention period; use 7 \(free tier\), a multiple of 31/],
      ['a monitoring interval RDS lacks', { monitoringIntervalSeconds: 20 }, /aws\.database\.monitoringIntervalSeconds 20 is not allowed; allowed values: 0, 1, 5, 10, 15, 30, 60/],
      ['a log retention CloudWatch lacks', { logRetentionDays: 100 }, /aws\.database\.logRetentionDays 100 is not allowed; allowed values: 1, 3, 5/],
      ['a public CIDR', { allowedCidrs: ['0.0.0.0/0'] }, /aws\.database\.allowedCidrs\[0\] "0\.0\.0\.0\/0" is not a private range; .*RFC 1918/],
      ['a malformed security group id', { allowedSecurityGroupIds: ['default'] }, /aws\.database\.allowedSecurityGroupIds\[0\] "default" is not a security group id; use "sg-"/],
      ['turning TLS enforcement off', { parameters: { 'rds.force_ssl': 0 } }, /aws\.database\.parameters\.rds\.force_ssl "0" may not turn off TLS enforcement; remove the override or set "1"/],
      ['a wal_sender_timeout DMS cannot use', { parameters: { wal_sender_timeout: 5000 } }, /aws\.database\.parameters\.wal_sender_timeout "5000" is not usable for DMS change capture; use 0 \(no timeout\) or 10000 ms or more/],
      ['no replication slots', { parameters: { max_replication_slots: 0 } }, /aws\.database\.parameters\.max_replication_slots "0" leaves no room for logical replication; use a whole number >= 1/],
      ['a malformed parameter name', { parameters: { 'Log Connections': 1 } }, /aws\.database\.parameters\.Log Connections "Log Connections" is not a PostgreSQL parameter name/],
      ['a reserved master user name', { masterUsername: 'rdsadmin' }, /aws\.database\.masterUsername "rdsadmin" is reserved by RDS; use another name/],
      ['a malformed database name', { databaseName: 'my-app' }, /aws\.database\.databaseName "my-app" is not a valid PostgreSQL name; use 1-63 letters, digits and underscores/],
      ['a free-storage alarm at or above the allocated storage', { alarms: { freeStorageBytes: 30 * 1024 ** 3 } }, /aws\.database\.alarms\.freeStorageBytes 32212254720 is not below the allocated storage \(20 GiB = 21474836480 bytes\)/],
      ['a CPU threshold above 100%', { alarms: { cpuPercent: 150 } }, /aws\.database\.alarms\.cpuPercent 150 is out of range; allowed: a value <= 100/],
      ['an unknown field', { storageType: 'io2' }, /aws\.database\.storageType is not a known field; allowed fields here: enabled, identifier, engineVersion/],
    ];
    it.each(cases)('%s', (_what, database, pattern) => {
      const problems = problemsOf(database);
      expect(problems.join('\n')).toMatch(pattern);
    });

    it('a database without the AWS network', () => {
      expect(problemsOf({ enabled: true }, { aws: { network: { enabled: false } } }).join('\n')).toMatch(
        /aws\.database\.enabled true needs the AWS network .*set aws\.network\.enabled: true or aws\.database\.enabled: false/,
      );
    });

    it('logical decoding off while the DR link is on', () => {
      expect(
        problemsOf({ enabled: true, parameters: { 'rds.logical_replication': 0 } }, { dr: { enabled: true } }).join('\n'),
      ).toMatch(/aws\.database\.parameters\.rds\.logical_replication "0" turns logical decoding off, but dr\.enabled replicates/);
    });

    it('backups off on the primary of the DR link', () => {
      expect(problemsOf({ enabled: true, backupRetentionDays: 0 }, { dr: { enabled: true } }).join('\n')).toMatch(
        /aws\.database\.backupRetentionDays 0 turns automated backups off, but dr\.enabled makes this database the primary of the DR link; use 1-35 days/,
      );
      expect(problemsOf({ enabled: true, backupRetentionDays: 0 })).toEqual([]);
    });

    it('reports a cross-field problem together with a field problem of the same file', () => {
      const problems = problemsOf({ engineVersion: '15.0', allocatedStorageGb: 50, maxAllocatedStorageGb: 40 });
      expect(problems.join('\n')).toMatch(/engineVersion "15\.0"/);
      expect(problems.join('\n')).toMatch(/maxAllocatedStorageGb 40 is not above allocatedStorageGb \(50\)/);
    });

    it('reports a cross-field problem together with a field problem of another section', () => {
      expect(problemsOf({ allocatedStorageGb: 50, maxAllocatedStorageGb: 40 }, { gcp: { network: { routingMode: 'WORLDWIDE' } } })).toEqual([
        'config/test.yaml: gcp.network.routingMode "WORLDWIDE" is not allowed; allowed values: "REGIONAL", "GLOBAL"',
        'config/test.yaml: aws.database.maxAllocatedStorageGb 40 is not above allocatedStorageGb (50); use a larger ceiling for storage autoscaling, e.g. 100',
      ]);
    });
  });
});
