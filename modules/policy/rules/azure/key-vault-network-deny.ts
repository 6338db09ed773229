import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeOneOf } from '../../private/attrs';

/**
 * Key vaults deny network access by default.
 *
 * Only listed networks (and trusted services) should reach the vault.
 */
export class KeyVaultNetworkDeny extends PolicyRule {
  public readonly id = 'AZ-KV-2';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Key vaults deny network access by default';
  public readonly explanation = 'Only listed networks (and trusted services) should reach the vault.';
  public readonly fix = 'Set network_acls { default_action = "Deny", bypass = "AzureServices" }.';
  public readonly resourceTypes = ['azurerm_key_vault'];
  public readonly checkov = 'CKV_AZURE_109';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (a.public_network_access_enabled === false) return 'compliant';
    return mustBeOneOf(get(a, 'network_acls.default_action'), ['Deny']);
  }
}
