import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, isSet, mustBeTrue } from '../../private/attrs';

/**
 * Cloud SQL instances have automated backups.
 *
 * Backups are the only way back from data loss or corruption.
 */
export class CloudSqlBackups extends PolicyRule {
  public readonly id = 'GCP-SQL-3';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Cloud SQL instances have automated backups';
  public readonly explanation = 'Backups are the only way back from data loss or corruption.';
  public readonly fix = 'Set settings.backup_configuration { enabled = true }.';
  public readonly resourceTypes = ['google_sql_database_instance'];
  public readonly checkov = 'CKV_GCP_14';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (isSet(a.master_instance_name)) return 'not-applicable';
    return mustBeTrue(get(a, 'settings.backup_configuration.enabled'));
  }
}
