import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeSet } from '../../private/attrs';

/**
 * RDS instances export their logs to CloudWatch.
 *
 * Database logs (connections, errors, slow queries) are lost with the instance unless exported.
 */
export class RdsLogsExported extends PolicyRule {
  public readonly id = 'AWS-RDS-7';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'RDS instances export their logs to CloudWatch';
  public readonly explanation =
    'Database logs (connections, errors, slow queries) are lost with the instance unless exported.';
  public readonly fix = 'Set enabled_cloudwatch_logs_exports (e.g. ["postgresql", "upgrade"]).';
  public readonly resourceTypes = ['aws_db_instance'];
  public readonly checkov = 'CKV_AWS_129';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(a.enabled_cloudwatch_logs_exports);
  }
}
