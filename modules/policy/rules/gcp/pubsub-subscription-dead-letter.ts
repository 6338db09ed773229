import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeSet, referencedAddresses } from '../../private/attrs';

/**
 * Pub/Sub subscriptions have a dead-letter policy.
 *
 * Without one a message that keeps failing is redelivered until it expires, and lost. A
 * subscription that reads a dead-letter topic of another subscription in the same stack is
 * not judged: it is where dead letters end up.
 */
export class PubsubSubscriptionDeadLetter extends PolicyRule {
  public readonly id = 'GCP-PS-2';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Pub/Sub subscriptions have a dead-letter policy';
  public readonly explanation = 'Without one a message that keeps failing is redelivered until it expires, and lost.';
  public readonly fix =
    'Set dead_letter_policy { dead_letter_topic, max_delivery_attempts } (not needed on the subscription that reads the dead-letter topic).';
  public readonly resourceTypes = ['google_pubsub_subscription'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (this.readsDeadLetterTopic(r)) return 'not-applicable';
    return mustBeSet(get(a, 'dead_letter_policy.dead_letter_topic'));
  }

  /** Whether the subscription's topic is another subscription's dead-letter topic (same reference or name). */
  private readsDeadLetterTopic(r: PolicyResource): boolean {
    const topic = r.attrs.topic;
    const topicRefs = topicAddresses(topic);
    return r.related('google_pubsub_subscription').some((other) => {
      if (other.address === r.address) return false;
      const dlq = get(other.attrs, 'dead_letter_policy.dead_letter_topic');
      if (dlq === undefined || dlq === null) return false;
      if (typeof dlq === 'string' && typeof topic === 'string' && dlq === topic) return true;
      return topicAddresses(dlq).some((t) => topicRefs.includes(t));
    });
  }
}

/** The `google_pubsub_topic.<name>` addresses a value refers to. */
function topicAddresses(value: unknown): string[] {
  return referencedAddresses(value)
    .filter((id) => id.startsWith('google_pubsub_topic.'))
    .map((id) => id.split('.').slice(0, 2).join('.'));
}
