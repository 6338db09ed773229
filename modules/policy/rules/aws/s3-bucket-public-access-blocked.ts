import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, pointsAt } from '../../private/attrs';

/**
 * S3 buckets have a public access block.
 *
 * Without a bucket-level block, one ACL or policy change can publish the bucket.
 */
export class S3BucketPublicAccessBlocked extends PolicyRule {
  public readonly id = 'AWS-S3-1';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'S3 buckets have a public access block';
  public readonly explanation = 'Without a bucket-level block, one ACL or policy change can publish the bucket.';
  public readonly fix = 'Add an aws_s3_bucket_public_access_block for the bucket with all four settings true.';
  public readonly resourceTypes = ['aws_s3_bucket'];
  public readonly checkov = 'CKV2_AWS_6';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return check(
      r.related('aws_s3_bucket_public_access_block').some((b) => pointsAt(b.attrs.bucket, r.address, [a.bucket]))
    );
  }
}
