import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeOneOf } from '../../private/attrs';

/**
 * Firestore databases have delete protection enabled.
 *
 * A database without it can be deleted, with all its data, by one API call or terraform destroy.
 */
export class FirestoreDeleteProtection extends PolicyRule {
  public readonly id = 'GCP-FS-2';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Firestore databases have delete protection enabled';
  public readonly explanation =
    'A database without it can be deleted, with all its data, by one API call or terraform destroy.';
  public readonly fix = 'Set delete_protection_state = "DELETE_PROTECTION_ENABLED".';
  public readonly resourceTypes = ['google_firestore_database'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeOneOf(a.delete_protection_state, ['DELETE_PROTECTION_ENABLED']);
  }
}
