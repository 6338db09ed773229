import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeSet } from '../../private/attrs';

/**
 * CloudWatch log groups are encrypted with a customer KMS key.
 *
 * Logs carry hostnames, queries and errors; a customer key lets access be revoked and audited.
 */
export class LogGroupEncrypted extends PolicyRule {
  public readonly id = 'AWS-LOG-1';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'CloudWatch log groups are encrypted with a customer KMS key';
  public readonly explanation =
    'Logs carry hostnames, queries and errors; a customer key lets access be revoked and audited.';
  public readonly fix = 'Set kms_key_id to a KMS key ARN.';
  public readonly resourceTypes = ['aws_cloudwatch_log_group'];
  public readonly checkov = 'CKV_AWS_158';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(a.kms_key_id);
  }
}
