import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, pointsAt } from '../../private/attrs';

/**
 * S3 buckets have a bucket policy (TLS-only access at least).
 *
 * A bucket policy is where TLS-only access (aws:SecureTransport) and the allowed principals are enforced.
 */
export class S3BucketHasPolicy extends PolicyRule {
  public readonly id = 'AWS-S3-5';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'S3 buckets have a bucket policy (TLS-only access at least)';
  public readonly explanation =
    'A bucket policy is where TLS-only access (aws:SecureTransport) and the allowed principals are enforced.';
  public readonly fix = 'Add an aws_s3_bucket_policy denying requests without aws:SecureTransport.';
  public readonly resourceTypes = ['aws_s3_bucket'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return check(r.related('aws_s3_bucket_policy').some((p) => pointsAt(p.attrs.bucket, r.address, [a.bucket])));
  }
}
