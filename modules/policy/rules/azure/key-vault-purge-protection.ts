import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeTrue } from '../../private/attrs';

/**
 * Key vaults have purge protection.
 *
 * Without it a deleted vault and its keys can be purged at once, losing everything they encrypt.
 */
export class KeyVaultPurgeProtection extends PolicyRule {
  public readonly id = 'AZ-KV-1';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Key vaults have purge protection';
  public readonly explanation =
    'Without it a deleted vault and its keys can be purged at once, losing everything they encrypt.';
  public readonly fix = 'Set purge_protection_enabled = true.';
  public readonly resourceTypes = ['azurerm_key_vault'];
  public readonly checkov = 'CKV_AZURE_110';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(a.purge_protection_enabled);
  }
}
