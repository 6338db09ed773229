import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeOneOf } from '../../private/attrs';

/**
 * Cloud Run services accept internal (or load balancer) traffic only.
 *
 * INGRESS_TRAFFIC_ALL exposes the service URL to the internet, bypassing a load balancer and Cloud Armor.
 */
export class CloudRunIngressRestricted extends PolicyRule {
  public readonly id = 'GCP-RUN-1';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Cloud Run services accept internal (or load balancer) traffic only';
  public readonly explanation =
    'INGRESS_TRAFFIC_ALL exposes the service URL to the internet, bypassing a load balancer and Cloud Armor.';
  public readonly fix = 'Set ingress = "INGRESS_TRAFFIC_INTERNAL_ONLY" or "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER".';
  public readonly resourceTypes = ['google_cloud_run_v2_service'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeOneOf(a.ingress, ['INGRESS_TRAFFIC_INTERNAL_ONLY', 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER']);
  }
}
