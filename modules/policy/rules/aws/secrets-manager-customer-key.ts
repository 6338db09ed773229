import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeSet } from '../../private/attrs';

/**
 * Secrets Manager secrets are encrypted with a customer KMS key.
 *
 * A customer key is needed to share a secret across accounts and to audit and revoke its use.
 */
export class SecretsManagerCustomerKey extends PolicyRule {
  public readonly id = 'AWS-SM-1';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Secrets Manager secrets are encrypted with a customer KMS key';
  public readonly explanation =
    'A customer key is needed to share a secret across accounts and to audit and revoke its use.';
  public readonly fix = 'Set kms_key_id.';
  public readonly resourceTypes = ['aws_secretsmanager_secret'];
  public readonly checkov = 'CKV_AWS_149';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(a.kms_key_id);
  }
}
