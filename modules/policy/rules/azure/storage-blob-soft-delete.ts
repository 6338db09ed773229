import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { block, check, isSet } from '../../private/attrs';

/**
 * Storage accounts soft-delete blobs and containers.
 *
 * Without soft delete a deleted blob or container is gone at once.
 */
export class StorageBlobSoftDelete extends PolicyRule {
  public readonly id = 'AZ-ST-8';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Storage accounts soft-delete blobs and containers';
  public readonly explanation = 'Without soft delete a deleted blob or container is gone at once.';
  public readonly fix =
    'Set blob_properties { delete_retention_policy { days } container_delete_retention_policy { days } }.';
  public readonly resourceTypes = ['azurerm_storage_account'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const props = block(a.blob_properties);
    return check(
      isSet(block(props?.delete_retention_policy)) && isSet(block(props?.container_delete_retention_policy))
    );
  }
}
