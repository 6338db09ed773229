import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeSet } from '../../private/attrs';

/**
 * GKE clusters use Workload Identity.
 *
 * Without it, pods use the node service account and can read the metadata server.
 */
export class GkeWorkloadIdentity extends PolicyRule {
  public readonly id = 'GCP-GKE-2';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'GKE clusters use Workload Identity';
  public readonly explanation = 'Without it, pods use the node service account and can read the metadata server.';
  public readonly fix = 'Set workload_identity_config { workload_pool = "<project>.svc.id.goog" }.';
  public readonly resourceTypes = ['google_container_cluster'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(get(a, 'workload_identity_config.workload_pool'));
  }
}
