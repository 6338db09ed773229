import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeTrue } from '../../private/attrs';

/**
 * DynamoDB tables have point-in-time recovery.
 *
 * PITR restores a table to any second of the last 35 days after a bad write.
 */
export class DynamoDbPointInTimeRecovery extends PolicyRule {
  public readonly id = 'AWS-DDB-1';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'DynamoDB tables have point-in-time recovery';
  public readonly explanation = 'PITR restores a table to any second of the last 35 days after a bad write.';
  public readonly fix = 'Set point_in_time_recovery { enabled = true }.';
  public readonly resourceTypes = ['aws_dynamodb_table'];
  public readonly checkov = 'CKV_AWS_28';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(get(a, 'point_in_time_recovery.enabled'));
  }
}
