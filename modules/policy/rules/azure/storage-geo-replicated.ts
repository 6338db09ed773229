import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeOneOf } from '../../private/attrs';

/**
 * Storage accounts replicate to another region.
 *
 * LRS/ZRS data is lost with the region.
 */
export class StorageGeoReplicated extends PolicyRule {
  public readonly id = 'AZ-ST-6';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Storage accounts replicate to another region';
  public readonly explanation = 'LRS/ZRS data is lost with the region.';
  public readonly fix = 'Set account_replication_type to GRS, RAGRS, GZRS or RAGZRS.';
  public readonly resourceTypes = ['azurerm_storage_account'];
  public readonly checkov = 'CKV_AZURE_206';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeOneOf(a.account_replication_type, ['GRS', 'RAGRS', 'GZRS', 'RAGZRS']);
  }
}
