import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeSet } from '../../private/attrs';

/**
 * DMS replication instances are encrypted with a customer KMS key.
 *
 * The instance storage holds cached changes of the replicated database.
 */
export class DmsReplicationInstanceCustomerKey extends PolicyRule {
  public readonly id = 'AWS-DMS-2';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'DMS replication instances are encrypted with a customer KMS key';
  public readonly explanation = 'The instance storage holds cached changes of the replicated database.';
  public readonly fix = 'Set kms_key_arn.';
  public readonly resourceTypes = ['aws_dms_replication_instance'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(a.kms_key_arn);
  }
}
