import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeTrue } from '../../private/attrs';

/**
 * Storage accounts keep blob versions.
 *
 * Without versioning an overwritten or deleted blob cannot be restored.
 */
export class StorageBlobVersioning extends PolicyRule {
  public readonly id = 'AZ-ST-7';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Storage accounts keep blob versions';
  public readonly explanation = 'Without versioning an overwritten or deleted blob cannot be restored.';
  public readonly fix = 'Set blob_properties { versioning_enabled = true }.';
  public readonly resourceTypes = ['azurerm_storage_account'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(get(a, 'blob_properties.versioning_enabled'), false);
  }
}
