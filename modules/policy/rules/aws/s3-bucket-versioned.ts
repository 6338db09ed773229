import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, get, mustBeOneOf, pointsAt } from '../../private/attrs';

/**
 * S3 buckets are versioned.
 *
 * Versioning is what makes an overwrite or a delete recoverable.
 */
export class S3BucketVersioned extends PolicyRule {
  public readonly id = 'AWS-S3-3';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'S3 buckets are versioned';
  public readonly explanation = 'Versioning is what makes an overwrite or a delete recoverable.';
  public readonly fix = 'Add an aws_s3_bucket_versioning with status "Enabled".';
  public readonly resourceTypes = ['aws_s3_bucket'];
  public readonly checkov = 'CKV_AWS_21';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return check(
      r
        .related('aws_s3_bucket_versioning')
        .some(
          (v) =>
            pointsAt(v.attrs.bucket, r.address, [a.bucket]) &&
            mustBeOneOf(get(v.attrs, 'versioning_configuration.status'), ['Enabled']) === 'compliant'
        )
    );
  }
}
