import {
  RDS_POSTGRES_INSTANCE_FAMILIES,
  RDS_POSTGRES_VERSIONS,
  backupWindowProblem,
  engineVersionProblem,
  instanceClassProblem,
  maintenanceWindowProblem,
  performanceInsightsRetentionProblem,
  postgresMajor,
  postgresParameterFamily,
  rdsIdentifierProblem,
  windowsOverlap,
} from '../../../modules/aws/rds-limits';

describe('rds-limits', () => {
  it('offers only PostgreSQL 17 versions', () => {
    for (const v of RDS_POSTGRES_VERSIONS) {
      expect(postgresMajor(v)).toBe(17);
      expect(engineVersionProblem(v)).toBeUndefined();
    }
    expect(postgresParameterFamily('17.6')).toBe('postgres17');
    expect(engineVersionProblem('17')).toMatch(/use one of/);
  });

  it('accepts Graviton and Intel classes and rejects other engines\' families', () => {
    for (const c of ['db.m7g.large', 'db.t4g.medium', 'db.r8g.48xlarge', 'db.m6i.32xlarge', 'db.x2iedn.xlarge']) {
      expect(instanceClassProblem(c)).toBeUndefined();
    }
    for (const c of ['db.z1d.large', 'db.x1e.xlarge', 'cache.m7g.large', 'db.m7g', 'db.t4g.48xlarge']) {
      expect(instanceClassProblem(c)).toBeDefined();
    }
    expect(Object.keys(RDS_POSTGRES_INSTANCE_FAMILIES)).toEqual(expect.arrayContaining(['t4g', 'm7g', 'r7g', 'm8g', 'r8g']));
  });

  it('checks RDS identifiers', () => {
    expect(rdsIdentifierProblem('a')).toBeUndefined();
    expect(rdsIdentifierProblem(`a${'1'.repeat(62)}`)).toBeUndefined();
    expect(rdsIdentifierProblem(`a${'1'.repeat(63)}`)).toMatch(/64 characters/);
    expect(rdsIdentifierProblem('a.b')).toMatch(/characters other than/);
  });

  it('accepts 7, months and 731 days of Performance Insights', () => {
    for (const d of [7, 31, 62, 372, 713, 731]) expect(performanceInsightsRetentionProblem(d)).toBeUndefined();
    for (const d of [0, 1, 14, 30, 744, 732]) expect(performanceInsightsRetentionProblem(d)).toBeDefined();
  });

  it('checks window formats and lengths', () => {
    expect(backupWindowProblem('23:45-00:15')).toBeUndefined();
    expect(backupWindowProblem('23:45-00:05')).toMatch(/30 minutes/);
    expect(backupWindowProblem('24:00-01:00')).toMatch(/hh24:mi/);
    expect(maintenanceWindowProblem('sun:23:30-mon:00:30')).toBeUndefined();
    expect(maintenanceWindowProblem('sun:04:00-sun:04:10')).toMatch(/30 minutes/);
    expect(maintenanceWindowProblem('Sun:04:00-Sun:05:00')).toBeUndefined();
  });

  it.each([
    ['03:00-04:00', 'sun:04:30-sun:05:30', false],
    ['03:00-04:00', 'sun:04:00-sun:05:00', false],
    ['03:00-04:00', 'sun:03:59-sun:05:00', true],
    ['03:00-04:00', 'tue:02:00-tue:03:01', true],
    ['23:30-00:30', 'mon:00:00-mon:01:00', true],
    ['23:30-00:30', 'sun:23:00-mon:02:00', true],
    ['10:00-11:00', 'sat:23:00-sun:09:59', false],
  ])('backup %s and maintenance %s overlap: %s', (backup, maintenance, expected) => {
    expect(windowsOverlap(backup, maintenance)).toBe(expected);
  });
});
