import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeSet } from '../../private/attrs';

/**
 * KMS keys have an explicit key policy.
 *
 * The default key policy gives the whole account IAM control of the key; an explicit policy names who may use it.
 */
export class KmsKeyHasPolicy extends PolicyRule {
  public readonly id = 'AWS-KMS-3';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'KMS keys have an explicit key policy';
  public readonly explanation =
    'The default key policy gives the whole account IAM control of the key; an explicit policy names who may use it.';
  public readonly fix = 'Set policy (a jsonencoded key policy).';
  public readonly resourceTypes = ['aws_kms_key'];
  public readonly checkov = 'CKV2_AWS_64';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(a.policy);
  }
}
