import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeFalse } from '../../private/attrs';

/**
 * Storage accounts allow no public blob access.
 *
 * Public containers publish their blobs to anyone with the URL.
 */
export class StorageNoPublicBlobs extends PolicyRule {
  public readonly id = 'AZ-ST-3';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Storage accounts allow no public blob access';
  public readonly explanation = 'Public containers publish their blobs to anyone with the URL.';
  public readonly fix = 'Set allow_nested_items_to_be_public = false.';
  public readonly resourceTypes = ['azurerm_storage_account'];
  public readonly checkov = 'CKV_AZURE_190';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeFalse(a.allow_nested_items_to_be_public, false);
  }
}
