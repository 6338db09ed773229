import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { block, blocks, check, get, isRef } from '../../private/attrs';

/**
 * Cloud SQL PostgreSQL logs connections and disconnections.
 *
 * Connection logs record who connected from where.
 */
export class CloudSqlConnectionLogging extends PolicyRule {
  public readonly id = 'GCP-SQL-8';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Cloud SQL PostgreSQL logs connections and disconnections';
  public readonly explanation = 'Connection logs record who connected from where.';
  public readonly fix = 'Set database_flags log_connections = on and log_disconnections = on.';
  public readonly resourceTypes = ['google_sql_database_instance'];
  public readonly checkov = 'CKV_GCP_108';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (!String(a.database_version).startsWith('POSTGRES') && !isRef(a.database_version)) return 'not-applicable';
    const flags = get(a, 'settings.database_flags');
    if (isRef(flags)) return 'compliant';
    const on = (name: string): boolean =>
      blocks((block(a.settings) ?? {}).database_flags).some(
        (f) => f.name === name && (f.value === 'on' || isRef(f.value))
      );
    return check(on('log_connections') && on('log_disconnections'));
  }
}
