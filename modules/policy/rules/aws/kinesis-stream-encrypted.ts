import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeOneOf } from '../../private/attrs';

/**
 * Kinesis data streams are encrypted with KMS.
 *
 * Without server-side encryption records are stored unencrypted for the whole retention period.
 */
export class KinesisStreamEncrypted extends PolicyRule {
  public readonly id = 'AWS-KIN-1';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Kinesis data streams are encrypted with KMS';
  public readonly explanation =
    'Without server-side encryption records are stored unencrypted for the whole retention period.';
  public readonly fix = 'Set encryption_type = "KMS" and kms_key_id (a customer key, or alias/aws/kinesis).';
  public readonly resourceTypes = ['aws_kinesis_stream'];
  public readonly checkov = 'CKV_AWS_43';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeOneOf(a.encryption_type, ['KMS']);
  }
}
