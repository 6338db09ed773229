import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeSet } from '../../private/attrs';

/**
 * Storage buckets log access.
 *
 * Usage logs record requests to the bucket.
 */
export class BucketAccessLogged extends PolicyRule {
  public readonly id = 'GCP-GCS-4';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Storage buckets log access';
  public readonly explanation = 'Usage logs record requests to the bucket.';
  public readonly fix = 'Set logging { log_bucket }.';
  public readonly resourceTypes = ['google_storage_bucket'];
  public readonly checkov = 'CKV_GCP_62';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(get(a, 'logging.log_bucket'));
  }
}
