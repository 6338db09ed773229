import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { blocks, check, isRef } from '../../private/attrs';

/**
 * PostgreSQL flexible servers are encrypted with a customer key.
 *
 * A customer key can be audited and revoked.
 */
export class PostgresCustomerKey extends PolicyRule {
  public readonly id = 'AZ-PG-5';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'PostgreSQL flexible servers are encrypted with a customer key';
  public readonly explanation = 'A customer key can be audited and revoked.';
  public readonly fix = 'Set customer_managed_key { key_vault_key_id, primary_user_assigned_identity_id }.';
  public readonly resourceTypes = ['azurerm_postgresql_flexible_server'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return check(isRef(a.customer_managed_key) || blocks(a.customer_managed_key).length > 0);
  }
}
