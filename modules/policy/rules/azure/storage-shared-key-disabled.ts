import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeFalse } from '../../private/attrs';

/**
 * Storage accounts disable shared key access.
 *
 * Account keys give full access and cannot be scoped; Entra ID can.
 */
export class StorageSharedKeyDisabled extends PolicyRule {
  public readonly id = 'AZ-ST-5';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Storage accounts disable shared key access';
  public readonly explanation = 'Account keys give full access and cannot be scoped; Entra ID can.';
  public readonly fix = 'Set shared_access_key_enabled = false.';
  public readonly resourceTypes = ['azurerm_storage_account'];
  public readonly checkov = 'CKV2_AZURE_40';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeFalse(a.shared_access_key_enabled, false);
  }
}
