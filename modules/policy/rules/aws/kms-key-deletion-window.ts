import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeAtLeast } from '../../private/attrs';

/**
 * KMS keys wait at least 14 days before deletion.
 *
 * Everything encrypted with a deleted key is lost; the window is the time to notice and cancel.
 */
export class KmsKeyDeletionWindow extends PolicyRule {
  public readonly id = 'AWS-KMS-2';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'KMS keys wait at least 14 days before deletion';
  public readonly explanation =
    'Everything encrypted with a deleted key is lost; the window is the time to notice and cancel.';
  public readonly fix = 'Set deletion_window_in_days to 14-30 (default 30).';
  public readonly resourceTypes = ['aws_kms_key'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeAtLeast(a.deletion_window_in_days, 14, true);
  }
}
