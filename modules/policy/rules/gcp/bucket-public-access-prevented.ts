import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeOneOf } from '../../private/attrs';

/**
 * Storage buckets enforce public access prevention.
 *
 * Enforced prevention stops any grant to allUsers or allAuthenticatedUsers.
 */
export class BucketPublicAccessPrevented extends PolicyRule {
  public readonly id = 'GCP-GCS-2';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Storage buckets enforce public access prevention';
  public readonly explanation = 'Enforced prevention stops any grant to allUsers or allAuthenticatedUsers.';
  public readonly fix = 'Set public_access_prevention = "enforced".';
  public readonly resourceTypes = ['google_storage_bucket'];
  public readonly checkov = 'CKV_GCP_114';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeOneOf(a.public_access_prevention, ['enforced']);
  }
}
