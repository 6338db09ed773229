import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { all, mustBeTrue } from '../../private/attrs';

/**
 * S3 public access blocks set all four settings.
 *
 * Each of the four settings closes a different path to public access (ACLs, policies, and ignoring existing ones).
 */
export class S3PublicAccessBlockComplete extends PolicyRule {
  public readonly id = 'AWS-S3-8';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'S3 public access blocks set all four settings';
  public readonly explanation =
    'Each of the four settings closes a different path to public access (ACLs, policies, and ignoring existing ones).';
  public readonly fix =
    'Set block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets to true.';
  public readonly resourceTypes = ['aws_s3_bucket_public_access_block'];
  public readonly checkov = 'CKV_AWS_53';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return all(
      ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'].map((k) =>
        mustBeTrue(a[k])
      )
    );
  }
}
