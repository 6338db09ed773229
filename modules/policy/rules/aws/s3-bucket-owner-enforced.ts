import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, get, mustBeOneOf, pointsAt } from '../../private/attrs';

/**
 * S3 buckets disable ACLs (BucketOwnerEnforced).
 *
 * With ACLs disabled, only policies grant access, and every object belongs to the bucket owner.
 */
export class S3BucketOwnerEnforced extends PolicyRule {
  public readonly id = 'AWS-S3-4';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'S3 buckets disable ACLs (BucketOwnerEnforced)';
  public readonly explanation =
    'With ACLs disabled, only policies grant access, and every object belongs to the bucket owner.';
  public readonly fix = 'Add an aws_s3_bucket_ownership_controls with object_ownership "BucketOwnerEnforced".';
  public readonly resourceTypes = ['aws_s3_bucket'];
  public readonly checkov = 'CKV2_AWS_65';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return check(
      r
        .related('aws_s3_bucket_ownership_controls')
        .some(
          (o) =>
            pointsAt(o.attrs.bucket, r.address, [a.bucket]) &&
            mustBeOneOf(get(o.attrs, 'rule.object_ownership'), ['BucketOwnerEnforced']) === 'compliant'
        )
    );
  }
}
