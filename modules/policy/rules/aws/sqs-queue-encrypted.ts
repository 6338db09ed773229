import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { isRef, isSet, mustBeTrue } from '../../private/attrs';

/**
 * SQS queues are encrypted.
 *
 * Queued messages at rest must be encrypted, with KMS or SQS-managed keys.
 */
export class SqsQueueEncrypted extends PolicyRule {
  public readonly id = 'AWS-SQS-1';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'SQS queues are encrypted';
  public readonly explanation = 'Queued messages at rest must be encrypted, with KMS or SQS-managed keys.';
  public readonly fix = 'Set kms_master_key_id, or sqs_managed_sse_enabled = true (the provider default).';
  public readonly resourceTypes = ['aws_sqs_queue'];
  public readonly checkov = 'CKV_AWS_27';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (isSet(a.kms_master_key_id) || isRef(a.kms_master_key_id)) return 'compliant';
    return mustBeTrue(a.sqs_managed_sse_enabled, true);
  }
}
