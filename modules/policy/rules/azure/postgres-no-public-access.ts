import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { isRef, isSet, mustBeFalse } from '../../private/attrs';

/**
 * PostgreSQL flexible servers are not reachable from the internet.
 *
 * Public network access exposes the server wherever firewall rules allow.
 */
export class PostgresNoPublicAccess extends PolicyRule {
  public readonly id = 'AZ-PG-1';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'PostgreSQL flexible servers are not reachable from the internet';
  public readonly explanation = 'Public network access exposes the server wherever firewall rules allow.';
  public readonly fix =
    'Set delegated_subnet_id and private_dns_zone_id (VNet integration) or public_network_access_enabled = false.';
  public readonly resourceTypes = ['azurerm_postgresql_flexible_server'];
  public readonly checkov = 'CKV_AZURE_68';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (isSet(a.delegated_subnet_id) || isRef(a.delegated_subnet_id)) return 'compliant';
    return mustBeFalse(a.public_network_access_enabled, false);
  }
}
