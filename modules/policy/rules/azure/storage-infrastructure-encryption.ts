import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeTrue } from '../../private/attrs';

/**
 * Storage accounts encrypt data twice (infrastructure encryption).
 *
 * A second layer of encryption at the infrastructure level, with a different key and algorithm, protects data if one layer is compromised.
 */
export class StorageInfrastructureEncryption extends PolicyRule {
  public readonly id = 'AZ-ST-9';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Storage accounts encrypt data twice (infrastructure encryption)';
  public readonly explanation =
    'A second layer of encryption at the infrastructure level, with a different key and algorithm, protects data if one layer is compromised.';
  public readonly fix =
    'Set infrastructure_encryption_enabled = true (only at creation: changing it replaces the account).';
  public readonly resourceTypes = ['azurerm_storage_account'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(a.infrastructure_encryption_enabled, false);
  }
}
