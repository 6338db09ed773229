import {
  cloudSqlInstanceNameProblem,
  cloudSqlTierProblem,
  defaultCloudSqlTier,
  parseCloudSqlTier,
  postgresMajor,
  postgresNameProblem,
  transactionLogRetentionProblem,
} from '../../../modules/gcp/cloud-sql-rules';

describe('Cloud SQL rules', () => {
  it.each([
    ['db-custom-2-7680', { kind: 'custom', vcpus: 2, memoryMb: 7680 }],
    ['db-perf-optimized-N-4', { kind: 'perf-optimized', vcpus: 4, memoryMb: 32768 }],
    ['db-f1-micro', { kind: 'shared-core', vcpus: 0, memoryMb: 614 }],
    ['db-n1-standard-1', undefined],
  ])('parses %s', (tier, shape) => {
    expect(parseCloudSqlTier(tier)).toEqual(shape);
  });

  it.each([
    // memory bounds of custom machines: 0.9-6.5 GB per vCPU, >= 3840, multiple of 256
    ['db-custom-1-3840', true],
    ['db-custom-1-6656', true],
    ['db-custom-1-6912', false],
    ['db-custom-1-3584', false],
    ['db-custom-4-26624', true],
    ['db-custom-4-26880', false],
    ['db-custom-96-88576', true],
    ['db-custom-96-88320', false],
    ['db-custom-98-638976', false],
    ['db-custom-0-3840', false],
  ])('on ENTERPRISE, %s is allowed: %s', (tier, ok) => {
    expect(cloudSqlTierProblem(tier, 'ENTERPRISE', 'REGIONAL') === undefined).toBe(ok);
  });

  it('allows shared core only when zonal, and perf-optimized only on Enterprise Plus', () => {
    expect(cloudSqlTierProblem('db-g1-small', 'ENTERPRISE', 'ZONAL')).toBeUndefined();
    expect(cloudSqlTierProblem('db-g1-small', 'ENTERPRISE', 'REGIONAL')).toMatch(
      /^is not allowed with availabilityType REGIONAL/
    );
    expect(cloudSqlTierProblem('db-g1-small', 'ENTERPRISE_PLUS', 'ZONAL')).toMatch(
      /^is not a machine type of edition ENTERPRISE_PLUS/
    );
    expect(cloudSqlTierProblem('db-perf-optimized-N-2', 'ENTERPRISE_PLUS', 'REGIONAL')).toBeUndefined();
    expect(cloudSqlTierProblem('db-perf-optimized-N-2', 'ENTERPRISE', 'REGIONAL')).toMatch(
      /set edition: ENTERPRISE_PLUS/
    );
  });

  it('gives each edition a default tier that its own rule accepts', () => {
    for (const edition of ['ENTERPRISE', 'ENTERPRISE_PLUS'] as const) {
      expect(cloudSqlTierProblem(defaultCloudSqlTier(edition), edition, 'REGIONAL')).toBeUndefined();
    }
  });

  it.each([
    ['a', true],
    ['a'.repeat(98), true],
    ['a'.repeat(99), false],
    ['pg-1', true],
    ['pg-', false],
    ['-pg', false],
    ['9pg', false],
    ['PG', false],
    ['p.g', false],
  ])('instance name %s is allowed: %s', (name, ok) => {
    expect(cloudSqlInstanceNameProblem(name) === undefined).toBe(ok);
  });

  it.each([
    ['app', true],
    ['_app1', true],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['1app', false],
    ['postgres', false],
    ['cloudsqlsuperuser', false],
    ['pg_reader', false],
  ])('database or user name %s is allowed: %s', (name, ok) => {
    expect(postgresNameProblem(name) === undefined).toBe(ok);
  });

  it('limits log retention to 7 days on Enterprise and 35 on Enterprise Plus', () => {
    expect(transactionLogRetentionProblem(7, 'ENTERPRISE')).toBeUndefined();
    expect(transactionLogRetentionProblem(8, 'ENTERPRISE')).toMatch(/use 1-7 days/);
    expect(transactionLogRetentionProblem(35, 'ENTERPRISE_PLUS')).toBeUndefined();
    expect(transactionLogRetentionProblem(36, 'ENTERPRISE_PLUS')).toMatch(/use 1-35 days/);
    expect(transactionLogRetentionProblem(0, 'ENTERPRISE_PLUS')).toMatch(/use 1-35 days/);
  });

  it('reads the major of a version and refuses a non-PostgreSQL one', () => {
    expect(postgresMajor('POSTGRES_15')).toBe(15);
    expect(() => postgresMajor('MYSQL_8_0')).toThrow(
      /databaseVersion "MYSQL_8_0" is not a PostgreSQL version; use one of POSTGRES_14/
    );
  });
});
