import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeOneOf } from '../../private/attrs';

/**
 * Cloud Functions accept internal traffic only.
 *
 * ALLOW_ALL exposes the function URL to the internet.
 */
export class CloudFunctionIngressRestricted extends PolicyRule {
  public readonly id = 'GCP-FN-1';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Cloud Functions accept internal traffic only';
  public readonly explanation = 'ALLOW_ALL exposes the function URL to the internet.';
  public readonly fix = 'Set service_config.ingress_settings = "ALLOW_INTERNAL_ONLY" or "ALLOW_INTERNAL_AND_GCLB".';
  public readonly resourceTypes = ['google_cloudfunctions2_function'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeOneOf(get(a, 'service_config.ingress_settings'), ['ALLOW_INTERNAL_ONLY', 'ALLOW_INTERNAL_AND_GCLB']);
  }
}
