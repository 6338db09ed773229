import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { blocks, check, get, isRef, pointsAt } from '../../private/attrs';

/**
 * S3 buckets are encrypted with KMS by default.
 *
 * A default KMS encryption configuration makes every new object encrypted under a key whose use is logged.
 */
export class S3BucketKmsEncrypted extends PolicyRule {
  public readonly id = 'AWS-S3-2';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'S3 buckets are encrypted with KMS by default';
  public readonly explanation =
    'A default KMS encryption configuration makes every new object encrypted under a key whose use is logged.';
  public readonly fix = 'Add an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm aws:kms.';
  public readonly resourceTypes = ['aws_s3_bucket'];
  public readonly checkov = 'CKV_AWS_145';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const configs = r
      .related('aws_s3_bucket_server_side_encryption_configuration')
      .filter((c) => pointsAt(c.attrs.bucket, r.address, [a.bucket]));
    return check(
      configs.some((c) =>
        blocks(c.attrs.rule).some((x) => {
          const algo = get(x, 'apply_server_side_encryption_by_default.sse_algorithm');
          return isRef(algo) || String(algo).startsWith('aws:kms');
        })
      )
    );
  }
}
