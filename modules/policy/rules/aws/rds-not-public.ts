import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeFalse } from '../../private/attrs';

/**
 * RDS instances are not publicly accessible.
 *
 * A public endpoint is reachable from the internet wherever the security group allows.
 */
export class RdsNotPublic extends PolicyRule {
  public readonly id = 'AWS-RDS-5';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'RDS instances are not publicly accessible';
  public readonly explanation = 'A public endpoint is reachable from the internet wherever the security group allows.';
  public readonly fix = 'Set publicly_accessible = false (the default).';
  public readonly resourceTypes = ['aws_db_instance'];
  public readonly checkov = 'CKV_AWS_17';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeFalse(a.publicly_accessible);
  }
}
