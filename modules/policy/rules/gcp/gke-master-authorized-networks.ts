import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { blocks, check, get, isRef } from '../../private/attrs';

/**
 * GKE control planes accept only authorized networks.
 *
 * The API endpoint should not be reachable from the whole internet.
 */
export class GkeMasterAuthorizedNetworks extends PolicyRule {
  public readonly id = 'GCP-GKE-6';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'GKE control planes accept only authorized networks';
  public readonly explanation = 'The API endpoint should not be reachable from the whole internet.';
  public readonly fix = 'Set master_authorized_networks_config { cidr_blocks { ... } } or a private endpoint.';
  public readonly resourceTypes = ['google_container_cluster'];
  public readonly checkov = 'CKV_GCP_20';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (get(a, 'private_cluster_config.enable_private_endpoint') === true) return 'compliant';
    return check(isRef(a.master_authorized_networks_config) || blocks(a.master_authorized_networks_config).length > 0);
  }
}
