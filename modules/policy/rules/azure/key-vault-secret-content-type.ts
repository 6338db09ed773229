import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeSet } from '../../private/attrs';

/**
 * Key Vault secrets state their content type.
 *
 * The content type tells an operator what the secret is and how to rotate it.
 */
export class KeyVaultSecretContentType extends PolicyRule {
  public readonly id = 'AZ-KV-5';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Key Vault secrets state their content type';
  public readonly explanation = 'The content type tells an operator what the secret is and how to rotate it.';
  public readonly fix = 'Set content_type.';
  public readonly resourceTypes = ['azurerm_key_vault_secret'];
  public readonly checkov = 'CKV_AZURE_114';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(a.content_type);
  }
}
