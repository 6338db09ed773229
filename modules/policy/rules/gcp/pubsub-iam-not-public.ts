import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { asList, check } from '../../private/attrs';

/**
 * Pub/Sub topic and subscription IAM grants nothing to allUsers or allAuthenticatedUsers.
 *
 * Such a grant lets anyone publish to the topic or read the subscription.
 */
export class PubsubIamNotPublic extends PolicyRule {
  public readonly id = 'GCP-PS-4';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Pub/Sub topic and subscription IAM grants nothing to allUsers or allAuthenticatedUsers';
  public readonly explanation = 'Such a grant lets anyone publish to the topic or read the subscription.';
  public readonly fix = 'Grant named principals only.';
  public readonly resourceTypes = [
    'google_pubsub_topic_iam_member',
    'google_pubsub_topic_iam_binding',
    'google_pubsub_subscription_iam_member',
    'google_pubsub_subscription_iam_binding',
  ];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return check(
      ![...asList(a.member), ...asList(a.members)].some((m) => m === 'allUsers' || m === 'allAuthenticatedUsers')
    );
  }
}
