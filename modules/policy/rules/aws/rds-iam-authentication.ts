import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeTrue } from '../../private/attrs';

/**
 * RDS instances accept IAM authentication.
 *
 * IAM database authentication replaces long-lived passwords with short-lived tokens.
 */
export class RdsIamAuthentication extends PolicyRule {
  public readonly id = 'AWS-RDS-8';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'RDS instances accept IAM authentication';
  public readonly explanation = 'IAM database authentication replaces long-lived passwords with short-lived tokens.';
  public readonly fix = 'Set iam_database_authentication_enabled = true.';
  public readonly resourceTypes = ['aws_db_instance'];
  public readonly checkov = 'CKV_AWS_161';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(a.iam_database_authentication_enabled);
  }
}
