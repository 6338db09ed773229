import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeSet } from '../../private/attrs';

/**
 * RDS instances are encrypted with a customer KMS key.
 *
 * The AWS-managed key cannot be shared with another account (DR copies) nor revoked.
 */
export class RdsCustomerKey extends PolicyRule {
  public readonly id = 'AWS-RDS-2';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'RDS instances are encrypted with a customer KMS key';
  public readonly explanation = 'The AWS-managed key cannot be shared with another account (DR copies) nor revoked.';
  public readonly fix = 'Set kms_key_id to a customer KMS key ARN.';
  public readonly resourceTypes = ['aws_db_instance'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(a.kms_key_id);
  }
}
