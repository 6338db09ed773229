import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeOneOf } from '../../private/attrs';

/**
 * GKE nodes expose the GKE metadata server to pods.
 *
 * GKE_METADATA hides node credentials from pods (Workload Identity).
 */
export class GkeNodeMetadataServer extends PolicyRule {
  public readonly id = 'GCP-GKE-11';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'GKE nodes expose the GKE metadata server to pods';
  public readonly explanation = 'GKE_METADATA hides node credentials from pods (Workload Identity).';
  public readonly fix = 'Set node_config.workload_metadata_config { mode = "GKE_METADATA" }.';
  public readonly resourceTypes = ['google_container_node_pool'];
  public readonly checkov = 'CKV_GCP_69';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeOneOf(get(a, 'node_config.workload_metadata_config.mode'), ['GKE_METADATA']);
  }
}
