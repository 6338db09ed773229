import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeAtLeast } from '../../private/attrs';

/**
 * CloudWatch log groups keep logs at least 365 days.
 *
 * Incidents are often found months later; a year of logs is the common audit baseline.
 */
export class LogGroupRetentionOneYear extends PolicyRule {
  public readonly id = 'AWS-LOG-2';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'CloudWatch log groups keep logs at least 365 days';
  public readonly explanation = 'Incidents are often found months later; a year of logs is the common audit baseline.';
  public readonly fix = 'Set retention_in_days to 365 or more (0/unset keeps logs forever).';
  public readonly resourceTypes = ['aws_cloudwatch_log_group'];
  public readonly checkov = 'CKV_AWS_338';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const days = a.retention_in_days;
    if (days === undefined || days === null || days === 0) return 'compliant';
    return mustBeAtLeast(days, 365);
  }
}
