import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeTrue } from '../../private/attrs';

/**
 * RDS instances encrypt their storage.
 *
 * Unencrypted storage, snapshots and replicas expose data to anyone who gets a copy.
 */
export class RdsStorageEncrypted extends PolicyRule {
  public readonly id = 'AWS-RDS-1';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'RDS instances encrypt their storage';
  public readonly explanation = 'Unencrypted storage, snapshots and replicas expose data to anyone who gets a copy.';
  public readonly fix = 'Set storage_encrypted = true (storageEncrypted).';
  public readonly resourceTypes = ['aws_db_instance'];
  public readonly checkov = 'CKV_AWS_16';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(a.storage_encrypted);
  }
}
