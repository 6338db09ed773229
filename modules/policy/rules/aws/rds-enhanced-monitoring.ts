import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeAtLeast } from '../../private/attrs';

/**
 * RDS instances have enhanced monitoring.
 *
 * OS-level metrics (memory, swap, I/O per process) are only available with enhanced monitoring.
 */
export class RdsEnhancedMonitoring extends PolicyRule {
  public readonly id = 'AWS-RDS-10';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'RDS instances have enhanced monitoring';
  public readonly explanation =
    'OS-level metrics (memory, swap, I/O per process) are only available with enhanced monitoring.';
  public readonly fix = 'Set monitoring_interval (1-60 s) and monitoring_role_arn.';
  public readonly resourceTypes = ['aws_db_instance'];
  public readonly checkov = 'CKV_AWS_118';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeAtLeast(a.monitoring_interval, 1);
  }
}
