import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeOneOf } from '../../private/attrs';

/**
 * Storage accounts deny network access by default.
 *
 * Only listed networks and private endpoints should reach the account.
 */
export class StorageNetworkDeny extends PolicyRule {
  public readonly id = 'AZ-ST-4';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Storage accounts deny network access by default';
  public readonly explanation = 'Only listed networks and private endpoints should reach the account.';
  public readonly fix = 'Set network_rules { default_action = "Deny" } or public_network_access_enabled = false.';
  public readonly resourceTypes = ['azurerm_storage_account'];
  public readonly checkov = 'CKV_AZURE_35';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (a.public_network_access_enabled === false) return 'compliant';
    return mustBeOneOf(get(a, 'network_rules.default_action'), ['Deny']);
  }
}
