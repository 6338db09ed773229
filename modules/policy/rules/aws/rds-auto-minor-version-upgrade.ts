import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeTrue } from '../../private/attrs';

/**
 * RDS instances take minor version upgrades.
 *
 * Minor versions carry security fixes.
 */
export class RdsAutoMinorVersionUpgrade extends PolicyRule {
  public readonly id = 'AWS-RDS-9';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'RDS instances take minor version upgrades';
  public readonly explanation = 'Minor versions carry security fixes.';
  public readonly fix = 'Leave auto_minor_version_upgrade = true (the default).';
  public readonly resourceTypes = ['aws_db_instance'];
  public readonly checkov = 'CKV_AWS_226';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(a.auto_minor_version_upgrade, true);
  }
}
