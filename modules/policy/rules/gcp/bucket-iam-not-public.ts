import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { asList, check } from '../../private/attrs';

/**
 * Storage bucket IAM grants nothing to allUsers or allAuthenticatedUsers.
 *
 * Such a grant publishes the bucket.
 */
export class BucketIamNotPublic extends PolicyRule {
  public readonly id = 'GCP-GCS-6';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Storage bucket IAM grants nothing to allUsers or allAuthenticatedUsers';
  public readonly explanation = 'Such a grant publishes the bucket.';
  public readonly fix = 'Grant named principals only.';
  public readonly resourceTypes = ['google_storage_bucket_iam_member', 'google_storage_bucket_iam_binding'];
  public readonly checkov = 'CKV_GCP_28';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return check(
      ![...asList(a.member), ...asList(a.members)].some((m) => m === 'allUsers' || m === 'allAuthenticatedUsers')
    );
  }
}
