import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, get, isRef, isSet, isTrueOrRef, isWorld } from '../../private/attrs';

/**
 * AKS API servers are private or limited to known ranges.
 *
 * A public Kubernetes API open to everyone is scanned and attacked constantly.
 */
export class AksApiNotPublic extends PolicyRule {
  public readonly id = 'AZ-AKS-1';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'AKS API servers are private or limited to known ranges';
  public readonly explanation = 'A public Kubernetes API open to everyone is scanned and attacked constantly.';
  public readonly fix = 'Set private_cluster_enabled = true or api_server_access_profile { authorized_ip_ranges }.';
  public readonly resourceTypes = ['azurerm_kubernetes_cluster'];
  public readonly checkov = 'CKV_AZURE_115';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (isTrueOrRef(a.private_cluster_enabled)) return 'compliant';
    const ranges = get(a, 'api_server_access_profile.authorized_ip_ranges');
    return check(isRef(ranges) || (isSet(ranges) && !isWorld(ranges)));
  }
}
