import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { block, get, mustBeSet } from '../../private/attrs';

/**
 * Pub/Sub push subscriptions send an OIDC token.
 *
 * Without a token the push endpoint cannot tell Pub/Sub from anyone else on the internet, so it must accept unauthenticated requests.
 */
export class PubsubPushAuthenticated extends PolicyRule {
  public readonly id = 'GCP-PS-3';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Pub/Sub push subscriptions send an OIDC token';
  public readonly explanation =
    'Without a token the push endpoint cannot tell Pub/Sub from anyone else on the internet, so it must accept unauthenticated requests.';
  public readonly fix = 'Set push_config { oidc_token { service_account_email } } and keep the endpoint authenticated.';
  public readonly resourceTypes = ['google_pubsub_subscription'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const push = block(a.push_config);
    if (!push) return 'not-applicable';
    return mustBeSet(get(push, 'oidc_token.service_account_email'));
  }
}
