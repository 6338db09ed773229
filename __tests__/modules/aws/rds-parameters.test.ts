import {
  DEFAULT_RDS_POSTGRES_PARAMETERS,
  mergeRdsParameters,
  rdsApplyMethod,
  rdsParameterProblem,
} from '../../../modules/aws/rds-parameters';

describe('rds-parameters', () => {
  it('defaults to TLS only and logical replication for DMS', () => {
    expect(DEFAULT_RDS_POSTGRES_PARAMETERS).toMatchObject({
      'rds.force_ssl': '1',
      'rds.logical_replication': '1',
      wal_sender_timeout: '60000',
    });
    expect(Number(DEFAULT_RDS_POSTGRES_PARAMETERS.max_replication_slots)).toBeGreaterThanOrEqual(5);
    expect(Number(DEFAULT_RDS_POSTGRES_PARAMETERS.max_wal_senders)).toBeGreaterThanOrEqual(5);
  });

  it('does not log DDL statements, which would put role passwords in the logs', () => {
    expect(DEFAULT_RDS_POSTGRES_PARAMETERS.log_statement).toBeUndefined();
  });

  it('applies static parameters at the next reboot', () => {
    for (const name of ['rds.logical_replication', 'max_replication_slots', 'max_wal_senders', 'shared_preload_libraries']) {
      expect(rdsApplyMethod(name)).toBe('pending-reboot');
    }
    expect(rdsApplyMethod('rds.force_ssl')).toBe('immediate');
    expect(rdsApplyMethod('log_min_duration_statement')).toBe('immediate');
  });

  it('merges overrides over the defaults', () => {
    expect(mergeRdsParameters({ max_wal_senders: '30' })).toMatchObject({ max_wal_senders: '30', 'rds.force_ssl': '1' });
    expect(mergeRdsParameters()).toEqual(DEFAULT_RDS_POSTGRES_PARAMETERS);
  });

  it.each([
    ['rds.force_ssl', '1', undefined],
    ['rds.force_ssl', '0', /may not turn off TLS/],
    ['wal_sender_timeout', '0', undefined],
    ['wal_sender_timeout', '10000', undefined],
    ['wal_sender_timeout', '9999', /use 0 \(no timeout\) or 10000 ms or more/],
    ['wal_sender_timeout', '1min', /use 0/],
    ['max_wal_senders', '0', /use a whole number >= 1/],
    ['work_mem', '4096', undefined],
  ])('%s = %s', (name, value, expected) => {
    const problem = rdsParameterProblem(name, value);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });
});
