import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeTrue } from '../../private/attrs';

/**
 * GKE clusters use shielded nodes.
 *
 * Shielded nodes prove their identity to the control plane.
 */
export class GkeShieldedNodes extends PolicyRule {
  public readonly id = 'GCP-GKE-4';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'GKE clusters use shielded nodes';
  public readonly explanation = 'Shielded nodes prove their identity to the control plane.';
  public readonly fix = 'Leave enable_shielded_nodes = true (the default).';
  public readonly resourceTypes = ['google_container_cluster'];
  public readonly checkov = 'CKV_GCP_71';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(a.enable_shielded_nodes, true);
  }
}
