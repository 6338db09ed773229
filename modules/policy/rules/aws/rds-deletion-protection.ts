import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeTrue } from '../../private/attrs';

/**
 * RDS instances are deletion-protected.
 *
 * Without it a wrong plan or a renamed construct destroys the database.
 */
export class RdsDeletionProtection extends PolicyRule {
  public readonly id = 'AWS-RDS-4';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'RDS instances are deletion-protected';
  public readonly explanation = 'Without it a wrong plan or a renamed construct destroys the database.';
  public readonly fix = 'Set deletion_protection = true (deletionProtection).';
  public readonly resourceTypes = ['aws_db_instance'];
  public readonly checkov = 'CKV_AWS_293';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(a.deletion_protection);
  }
}
