import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeTrue } from '../../private/attrs';

/**
 * DMS replication instances are Multi-AZ.
 *
 * A single-AZ replication instance stops replication during an AZ outage, exactly when DR matters.
 */
export class DmsReplicationInstanceMultiAz extends PolicyRule {
  public readonly id = 'AWS-DMS-3';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'DMS replication instances are Multi-AZ';
  public readonly explanation =
    'A single-AZ replication instance stops replication during an AZ outage, exactly when DR matters.';
  public readonly fix = 'Set multi_az = true.';
  public readonly resourceTypes = ['aws_dms_replication_instance'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(a.multi_az);
  }
}
