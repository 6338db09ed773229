import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeSet } from '../../private/attrs';

/**
 * Pub/Sub topics are encrypted with a customer key.
 *
 * A customer key can be audited and revoked; without one Google encrypts the messages with its own key.
 */
export class PubsubTopicCustomerKey extends PolicyRule {
  public readonly id = 'GCP-PS-1';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Pub/Sub topics are encrypted with a customer key';
  public readonly explanation =
    'A customer key can be audited and revoked; without one Google encrypts the messages with its own key.';
  public readonly fix = 'Set kms_key_name (the Pub/Sub service agent needs encrypt/decrypt on it).';
  public readonly resourceTypes = ['google_pubsub_topic'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(a.kms_key_name);
  }
}
