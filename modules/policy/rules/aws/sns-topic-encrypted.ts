import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeSet } from '../../private/attrs';

/**
 * SNS topics are encrypted with KMS.
 *
 * Messages at rest in SNS can carry alarm details and event payloads.
 */
export class SnsTopicEncrypted extends PolicyRule {
  public readonly id = 'AWS-SNS-1';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'SNS topics are encrypted with KMS';
  public readonly explanation = 'Messages at rest in SNS can carry alarm details and event payloads.';
  public readonly fix = 'Set kms_master_key_id.';
  public readonly resourceTypes = ['aws_sns_topic'];
  public readonly checkov = 'CKV_AWS_26';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(a.kms_master_key_id);
  }
}
