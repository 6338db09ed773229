import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, get, isRef, pointsAt } from '../../private/attrs';

/**
 * Namespaces have a network policy.
 *
 * Without one every pod accepts traffic from every other pod in the cluster.
 */
export class NamespaceHasNetworkPolicy extends PolicyRule {
  public readonly id = 'K8S-NET-1';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Namespaces have a network policy';
  public readonly explanation = 'Without one every pod accepts traffic from every other pod in the cluster.';
  public readonly fix = 'Add a kubernetes_network_policy_v1 in the namespace (a default deny with pod_selector {}).';
  public readonly resourceTypes = ['kubernetes_namespace', 'kubernetes_namespace_v1'];
  public readonly checkov = 'kubescape C-0260';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const name = get(a, 'metadata.name');
    const policies = [...r.related('kubernetes_network_policy_v1'), ...r.related('kubernetes_network_policy')];
    return check(
      policies.some((p) => {
        const ns = get(p.attrs, 'metadata.namespace');
        return pointsAt(ns, r.address) || (ns !== undefined && !isRef(ns) && ns === name);
      })
    );
  }
}
