import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeOneOf } from '../../private/attrs';

/**
 * Firestore databases have point-in-time recovery enabled.
 *
 * Without it a bad write or delete can only be undone from a scheduled backup, if there is one.
 */
export class FirestorePointInTimeRecovery extends PolicyRule {
  public readonly id = 'GCP-FS-1';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Firestore databases have point-in-time recovery enabled';
  public readonly explanation =
    'Without it a bad write or delete can only be undone from a scheduled backup, if there is one.';
  public readonly fix = 'Set point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED".';
  public readonly resourceTypes = ['google_firestore_database'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeOneOf(a.point_in_time_recovery_enablement, ['POINT_IN_TIME_RECOVERY_ENABLED']);
  }
}
