import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, isSet, mustBeTrue } from '../../private/attrs';

/**
 * Cloud SQL instances have point-in-time recovery.
 *
 * PITR restores to any second within the log retention, not just the nightly backup.
 */
export class CloudSqlPointInTimeRecovery extends PolicyRule {
  public readonly id = 'GCP-SQL-4';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Cloud SQL instances have point-in-time recovery';
  public readonly explanation = 'PITR restores to any second within the log retention, not just the nightly backup.';
  public readonly fix = 'Set settings.backup_configuration.point_in_time_recovery_enabled = true.';
  public readonly resourceTypes = ['google_sql_database_instance'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (isSet(a.master_instance_name)) return 'not-applicable';
    return mustBeTrue(get(a, 'settings.backup_configuration.point_in_time_recovery_enabled'));
  }
}
