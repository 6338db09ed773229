import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeTrue } from '../../private/attrs';

/**
 * Storage buckets use uniform bucket-level access.
 *
 * Object ACLs make access impossible to review from IAM alone.
 */
export class BucketUniformAccess extends PolicyRule {
  public readonly id = 'GCP-GCS-1';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Storage buckets use uniform bucket-level access';
  public readonly explanation = 'Object ACLs make access impossible to review from IAM alone.';
  public readonly fix = 'Set uniform_bucket_level_access = true.';
  public readonly resourceTypes = ['google_storage_bucket'];
  public readonly checkov = 'CKV_GCP_29';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(a.uniform_bucket_level_access);
  }
}
