import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeTrue } from '../../private/attrs';

/**
 * DynamoDB tables are encrypted with a customer KMS key.
 *
 * The default AWS-owned key cannot be audited or revoked.
 */
export class DynamoDbCustomerKey extends PolicyRule {
  public readonly id = 'AWS-DDB-2';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'DynamoDB tables are encrypted with a customer KMS key';
  public readonly explanation = 'The default AWS-owned key cannot be audited or revoked.';
  public readonly fix = 'Set server_side_encryption { enabled = true, kms_key_arn = ... }.';
  public readonly resourceTypes = ['aws_dynamodb_table'];
  public readonly checkov = 'CKV_AWS_119';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(get(a, 'server_side_encryption.enabled'));
  }
}
