import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeSet } from '../../private/attrs';

/**
 * Firestore databases are encrypted with a customer key.
 *
 * A customer key can be audited and revoked.
 */
export class FirestoreCustomerKey extends PolicyRule {
  public readonly id = 'GCP-FS-3';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Firestore databases are encrypted with a customer key';
  public readonly explanation = 'A customer key can be audited and revoked.';
  public readonly fix =
    'Set cmek_config { kms_key_name } (a key in the database location; it can only be set at creation).';
  public readonly resourceTypes = ['google_firestore_database'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(get(a, 'cmek_config.kms_key_name'));
  }
}
