import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, isRef, mustBeTrue } from '../../private/attrs';

/**
 * GKE clusters enforce network policies.
 *
 * Without enforcement, NetworkPolicy objects have no effect.
 */
export class GkeNetworkPolicy extends PolicyRule {
  public readonly id = 'GCP-GKE-3';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'GKE clusters enforce network policies';
  public readonly explanation = 'Without enforcement, NetworkPolicy objects have no effect.';
  public readonly fix =
    'Set datapath_provider = "ADVANCED_DATAPATH" (Dataplane V2) or network_policy { enabled = true }.';
  public readonly resourceTypes = ['google_container_cluster'];
  public readonly checkov = 'CKV_GCP_12';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (a.datapath_provider === 'ADVANCED_DATAPATH' || isRef(a.datapath_provider) || a.enable_autopilot === true)
      return 'compliant';
    return mustBeTrue(get(a, 'network_policy.enabled'));
  }
}
