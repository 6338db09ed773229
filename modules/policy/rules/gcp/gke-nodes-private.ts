import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeTrue } from '../../private/attrs';

/**
 * GKE nodes have no public IPs.
 *
 * Public node IPs expose kubelets and node ports to the internet.
 */
export class GkeNodesPrivate extends PolicyRule {
  public readonly id = 'GCP-GKE-1';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'GKE nodes have no public IPs';
  public readonly explanation = 'Public node IPs expose kubelets and node ports to the internet.';
  public readonly fix = 'Set private_cluster_config { enable_private_nodes = true }.';
  public readonly resourceTypes = ['google_container_cluster'];
  public readonly checkov = 'CKV_GCP_64';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (get(a, 'network_config.enable_private_nodes') === true) return 'compliant';
    return mustBeTrue(get(a, 'private_cluster_config.enable_private_nodes'));
  }
}
