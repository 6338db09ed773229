import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeAtLeast } from '../../private/attrs';

/**
 * PostgreSQL flexible servers keep backups at least 7 days.
 *
 * Point-in-time restore only reaches back as far as the retention.
 */
export class PostgresBackupRetention extends PolicyRule {
  public readonly id = 'AZ-PG-4';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'PostgreSQL flexible servers keep backups at least 7 days';
  public readonly explanation = 'Point-in-time restore only reaches back as far as the retention.';
  public readonly fix = 'Set backup_retention_days to 7 or more (default 7).';
  public readonly resourceTypes = ['azurerm_postgresql_flexible_server'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeAtLeast(a.backup_retention_days, 7, true);
  }
}
