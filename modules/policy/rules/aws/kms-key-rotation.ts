import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { isRef, mustBeTrue } from '../../private/attrs';

/**
 * Symmetric KMS keys rotate yearly.
 *
 * Rotation limits how much data one key version protects.
 */
export class KmsKeyRotation extends PolicyRule {
  public readonly id = 'AWS-KMS-1';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Symmetric KMS keys rotate yearly';
  public readonly explanation = 'Rotation limits how much data one key version protects.';
  public readonly fix = 'Set enable_key_rotation = true.';
  public readonly resourceTypes = ['aws_kms_key'];
  public readonly checkov = 'CKV_AWS_7';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const spec = a.customer_master_key_spec;
    if (spec !== undefined && spec !== 'SYMMETRIC_DEFAULT' && !isRef(spec)) return 'not-applicable';
    return mustBeTrue(a.enable_key_rotation);
  }
}
