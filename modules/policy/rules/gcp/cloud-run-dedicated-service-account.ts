import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeSet } from '../../private/attrs';

/**
 * Cloud Run services run as a dedicated service account.
 *
 * The default compute service account has Editor on the project.
 */
export class CloudRunDedicatedServiceAccount extends PolicyRule {
  public readonly id = 'GCP-RUN-3';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Cloud Run services run as a dedicated service account';
  public readonly explanation = 'The default compute service account has Editor on the project.';
  public readonly fix = 'Set template.service_account.';
  public readonly resourceTypes = ['google_cloud_run_v2_service'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(get(a, 'template.service_account'));
  }
}
