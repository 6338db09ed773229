import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeTrue } from '../../private/attrs';

/**
 * DynamoDB tables are deletion-protected.
 *
 * Deletion protection stops a wrong plan from dropping the table.
 */
export class DynamoDbDeletionProtection extends PolicyRule {
  public readonly id = 'AWS-DDB-3';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'DynamoDB tables are deletion-protected';
  public readonly explanation = 'Deletion protection stops a wrong plan from dropping the table.';
  public readonly fix = 'Set deletion_protection_enabled = true.';
  public readonly resourceTypes = ['aws_dynamodb_table'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(a.deletion_protection_enabled);
  }
}
