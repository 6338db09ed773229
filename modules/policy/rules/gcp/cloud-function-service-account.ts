import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeSet } from '../../private/attrs';

/**
 * Cloud Functions run as a dedicated service account.
 *
 * The default compute service account has Editor on the project.
 */
export class CloudFunctionServiceAccount extends PolicyRule {
  public readonly id = 'GCP-FN-3';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Cloud Functions run as a dedicated service account';
  public readonly explanation = 'The default compute service account has Editor on the project.';
  public readonly fix = 'Set service_config.service_account_email.';
  public readonly resourceTypes = ['google_cloudfunctions2_function'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(get(a, 'service_config.service_account_email'));
  }
}
