import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, pointsAt } from '../../private/attrs';

/**
 * S3 buckets have a lifecycle configuration.
 *
 * Without one, old versions and incomplete uploads are kept and paid for forever.
 */
export class S3BucketLifecycle extends PolicyRule {
  public readonly id = 'AWS-S3-6';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'S3 buckets have a lifecycle configuration';
  public readonly explanation = 'Without one, old versions and incomplete uploads are kept and paid for forever.';
  public readonly fix = 'Add an aws_s3_bucket_lifecycle_configuration.';
  public readonly resourceTypes = ['aws_s3_bucket'];
  public readonly checkov = 'CKV2_AWS_61';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return check(
      r.related('aws_s3_bucket_lifecycle_configuration').some((l) => pointsAt(l.attrs.bucket, r.address, [a.bucket]))
    );
  }
}
