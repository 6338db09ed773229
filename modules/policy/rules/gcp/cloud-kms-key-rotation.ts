import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, isRef } from '../../private/attrs';

/**
 * Cloud KMS keys rotate at least every 90 days.
 *
 * Rotation limits how much data one key version protects.
 */
export class CloudKmsKeyRotation extends PolicyRule {
  public readonly id = 'GCP-KMS-1';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Cloud KMS keys rotate at least every 90 days';
  public readonly explanation = 'Rotation limits how much data one key version protects.';
  public readonly fix = 'Set rotation_period to 7776000s or less.';
  public readonly resourceTypes = ['google_kms_crypto_key'];
  public readonly checkov = 'CKV_GCP_43';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (a.purpose !== undefined && a.purpose !== 'ENCRYPT_DECRYPT' && !isRef(a.purpose)) return 'not-applicable';
    const period = a.rotation_period;
    if (isRef(period)) return 'compliant';
    if (period === undefined) return 'non-compliant';
    return check(parseFloat(String(period)) <= 7776000);
  }
}
