import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeSet } from '../../private/attrs';

/**
 * Cloud SQL instances are encrypted with a customer key (CMEK).
 *
 * A customer key can be audited and revoked.
 */
export class CloudSqlCustomerKey extends PolicyRule {
  public readonly id = 'GCP-SQL-7';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Cloud SQL instances are encrypted with a customer key (CMEK)';
  public readonly explanation = 'A customer key can be audited and revoked.';
  public readonly fix = 'Set encryption_key_name to a Cloud KMS key.';
  public readonly resourceTypes = ['google_sql_database_instance'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(a.encryption_key_name);
  }
}
