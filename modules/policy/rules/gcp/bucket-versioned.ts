import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeTrue } from '../../private/attrs';

/**
 * Storage buckets are versioned.
 *
 * Versioning makes an overwrite or a delete recoverable.
 */
export class BucketVersioned extends PolicyRule {
  public readonly id = 'GCP-GCS-3';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Storage buckets are versioned';
  public readonly explanation = 'Versioning makes an overwrite or a delete recoverable.';
  public readonly fix = 'Set versioning { enabled = true }.';
  public readonly resourceTypes = ['google_storage_bucket'];
  public readonly checkov = 'CKV_GCP_78';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(get(a, 'versioning.enabled'));
  }
}
