import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeFalse } from '../../private/attrs';

/**
 * RDS instances take a final snapshot when deleted.
 *
 * Without it, deleting the instance deletes the data for good.
 */
export class RdsFinalSnapshot extends PolicyRule {
  public readonly id = 'AWS-RDS-11';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'RDS instances take a final snapshot when deleted';
  public readonly explanation = 'Without it, deleting the instance deletes the data for good.';
  public readonly fix = 'Set skip_final_snapshot = false and a final_snapshot_identifier.';
  public readonly resourceTypes = ['aws_db_instance'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeFalse(a.skip_final_snapshot, false);
  }
}
