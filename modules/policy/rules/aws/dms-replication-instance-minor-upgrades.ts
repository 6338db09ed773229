import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeTrue } from '../../private/attrs';

/**
 * DMS replication instances take minor version upgrades.
 *
 * Minor versions carry security fixes.
 */
export class DmsReplicationInstanceMinorUpgrades extends PolicyRule {
  public readonly id = 'AWS-DMS-4';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'DMS replication instances take minor version upgrades';
  public readonly explanation = 'Minor versions carry security fixes.';
  public readonly fix = 'Set auto_minor_version_upgrade = true.';
  public readonly resourceTypes = ['aws_dms_replication_instance'];
  public readonly checkov = 'CKV_AWS_222';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(a.auto_minor_version_upgrade);
  }
}
