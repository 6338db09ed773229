import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeSet } from '../../private/attrs';

/**
 * AKS clusters enforce network policies.
 *
 * Without a network policy engine, NetworkPolicy objects have no effect.
 */
export class AksNetworkPolicy extends PolicyRule {
  public readonly id = 'AZ-AKS-3';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'AKS clusters enforce network policies';
  public readonly explanation = 'Without a network policy engine, NetworkPolicy objects have no effect.';
  public readonly fix = 'Set network_profile { network_policy = "azure", "calico" or "cilium" }.';
  public readonly resourceTypes = ['azurerm_kubernetes_cluster'];
  public readonly checkov = 'CKV_AZURE_7';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(get(a, 'network_profile.network_policy'));
  }
}
