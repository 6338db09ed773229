import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeTrue } from '../../private/attrs';

/**
 * RDS instances copy their tags to snapshots.
 *
 * Snapshots without tags lose their owner and cost allocation.
 */
export class RdsCopyTagsToSnapshot extends PolicyRule {
  public readonly id = 'AWS-RDS-12';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'RDS instances copy their tags to snapshots';
  public readonly explanation = 'Snapshots without tags lose their owner and cost allocation.';
  public readonly fix = 'Set copy_tags_to_snapshot = true.';
  public readonly resourceTypes = ['aws_db_instance'];
  public readonly checkov = 'CKV2_AWS_60';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(a.copy_tags_to_snapshot);
  }
}
