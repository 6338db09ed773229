import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { block, blocks, check, get, isRef, isSet, mustBeSet } from '../../private/attrs';

/**
 * Secret Manager secrets are encrypted with a customer key.
 *
 * A customer key can be audited and revoked.
 */
export class SecretCustomerKey extends PolicyRule {
  public readonly id = 'GCP-SM-1';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Secret Manager secrets are encrypted with a customer key';
  public readonly explanation = 'A customer key can be audited and revoked.';
  public readonly fix =
    'Set replication { user_managed { replicas { customer_managed_encryption } } } (or auto { customer_managed_encryption }).';
  public readonly resourceTypes = ['google_secret_manager_secret'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const rep = block(a.replication);
    if (isRef(a.replication)) return 'compliant';
    const auto = block(rep?.auto);
    if (auto) return mustBeSet(get(auto, 'customer_managed_encryption.kms_key_name'));
    const replicas = blocks(get(rep, 'user_managed.replicas')).concat(blocks(block(rep?.user_managed)?.replicas));
    return check(
      replicas.length > 0 &&
        replicas.every(
          (x) =>
            isSet(get(x, 'customer_managed_encryption.kms_key_name')) ||
            isRef(get(x, 'customer_managed_encryption.kms_key_name'))
        )
    );
  }
}
