import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, pointsAt } from '../../private/attrs';

/**
 * S3 buckets log access.
 *
 * Server access logs (or CloudTrail data events) show who read or changed objects.
 */
export class S3BucketAccessLogged extends PolicyRule {
  public readonly id = 'AWS-S3-7';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'S3 buckets log access';
  public readonly explanation = 'Server access logs (or CloudTrail data events) show who read or changed objects.';
  public readonly fix = 'Add an aws_s3_bucket_logging with a target bucket.';
  public readonly resourceTypes = ['aws_s3_bucket'];
  public readonly checkov = 'CKV_AWS_18';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return check(r.related('aws_s3_bucket_logging').some((l) => pointsAt(l.attrs.bucket, r.address, [a.bucket])));
  }
}
