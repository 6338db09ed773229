import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check } from '../../private/attrs';

/**
 * S3 bucket ACLs grant no public access.
 *
 * public-read and public-read-write canned ACLs publish the bucket.
 */
export class S3BucketAclPrivate extends PolicyRule {
  public readonly id = 'AWS-S3-9';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'S3 bucket ACLs grant no public access';
  public readonly explanation = 'public-read and public-read-write canned ACLs publish the bucket.';
  public readonly fix = 'Use acl "private" (or disable ACLs with BucketOwnerEnforced).';
  public readonly resourceTypes = ['aws_s3_bucket_acl'];
  public readonly checkov = 'CKV_AWS_20';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return check(!['public-read', 'public-read-write', 'authenticated-read'].includes(String(a.acl)));
  }
}
