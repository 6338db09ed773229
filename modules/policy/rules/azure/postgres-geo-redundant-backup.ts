import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeTrue } from '../../private/attrs';

/**
 * PostgreSQL flexible servers keep geo-redundant backups.
 *
 * Geo-redundant backups survive a regional outage.
 */
export class PostgresGeoRedundantBackup extends PolicyRule {
  public readonly id = 'AZ-PG-3';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'PostgreSQL flexible servers keep geo-redundant backups';
  public readonly explanation = 'Geo-redundant backups survive a regional outage.';
  public readonly fix = 'Set geo_redundant_backup_enabled = true.';
  public readonly resourceTypes = ['azurerm_postgresql_flexible_server'];
  public readonly checkov = 'CKV_AZURE_136';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(a.geo_redundant_backup_enabled);
  }
}
