import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeSet } from '../../private/attrs';

/**
 * Key Vault secrets have an expiry date.
 *
 * An expiry forces rotation.
 */
export class KeyVaultSecretExpires extends PolicyRule {
  public readonly id = 'AZ-KV-4';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Key Vault secrets have an expiry date';
  public readonly explanation = 'An expiry forces rotation.';
  public readonly fix = 'Set expiration_date.';
  public readonly resourceTypes = ['azurerm_key_vault_secret', 'azurerm_key_vault_key'];
  public readonly checkov = 'CKV_AZURE_41';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(a.expiration_date);
  }
}
