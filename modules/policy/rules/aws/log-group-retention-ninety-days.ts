import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeAtLeast } from '../../private/attrs';

/**
 * CloudWatch log groups keep logs at least 90 days.
 *
 * Shorter retention loses the evidence of anything not noticed within weeks; dev relaxes this on purpose and says so with a suppression.
 */
export class LogGroupRetentionNinetyDays extends PolicyRule {
  public readonly id = 'AWS-LOG-3';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'CloudWatch log groups keep logs at least 90 days';
  public readonly explanation =
    'Shorter retention loses the evidence of anything not noticed within weeks; dev relaxes this on purpose and says so with a suppression.';
  public readonly fix = 'Set retention_in_days to 90 or more.';
  public readonly resourceTypes = ['aws_cloudwatch_log_group'];
  public readonly checkov = 'CKV_AWS_66';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const days = a.retention_in_days;
    if (days === undefined || days === null || days === 0) return 'compliant';
    return mustBeAtLeast(days, 90);
  }
}
