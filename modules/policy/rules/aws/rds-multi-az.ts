import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeTrue } from '../../private/attrs';

/**
 * RDS instances are Multi-AZ.
 *
 * A single-AZ instance is down for the whole of an AZ outage or a host failure; dev relaxes this on purpose and says so with a suppression.
 */
export class RdsMultiAz extends PolicyRule {
  public readonly id = 'AWS-RDS-3';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'RDS instances are Multi-AZ';
  public readonly explanation =
    'A single-AZ instance is down for the whole of an AZ outage or a host failure; dev relaxes this on purpose and says so with a suppression.';
  public readonly fix = 'Set multi_az = true (multiAz).';
  public readonly resourceTypes = ['aws_db_instance'];
  public readonly checkov = 'CKV_AWS_157';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(a.multi_az);
  }
}
