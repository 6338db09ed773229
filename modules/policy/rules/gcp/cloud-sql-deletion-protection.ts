import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { all, get, mustBeTrue } from '../../private/attrs';

/**
 * Cloud SQL instances are deletion-protected.
 *
 * Without it a wrong plan destroys the database; dev relaxes this on purpose and says so with a suppression.
 */
export class CloudSqlDeletionProtection extends PolicyRule {
  public readonly id = 'GCP-SQL-6';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Cloud SQL instances are deletion-protected';
  public readonly explanation =
    'Without it a wrong plan destroys the database; dev relaxes this on purpose and says so with a suppression.';
  public readonly fix =
    'Leave deletion_protection = true (provider default) and set settings.deletion_protection_enabled = true.';
  public readonly resourceTypes = ['google_sql_database_instance'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return all([
      mustBeTrue(a.deletion_protection, true),
      mustBeTrue(get(a, 'settings.deletion_protection_enabled'), true),
    ]);
  }
}
