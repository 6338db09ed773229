import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeSet } from '../../private/attrs';

/**
 * Storage buckets are encrypted with a customer key.
 *
 * A customer key can be audited and revoked.
 */
export class BucketCustomerKey extends PolicyRule {
  public readonly id = 'GCP-GCS-5';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Storage buckets are encrypted with a customer key';
  public readonly explanation = 'A customer key can be audited and revoked.';
  public readonly fix = 'Set encryption { default_kms_key_name }.';
  public readonly resourceTypes = ['google_storage_bucket'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(get(a, 'encryption.default_kms_key_name'));
  }
}
