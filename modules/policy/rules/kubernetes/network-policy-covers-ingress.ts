import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { asList, check, get, isRef } from '../../private/attrs';

/**
 * Network policies restrict ingress.
 *
 * A policy whose policy_types omit Ingress leaves inbound traffic open.
 */
export class NetworkPolicyCoversIngress extends PolicyRule {
  public readonly id = 'K8S-NET-2';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Network policies restrict ingress';
  public readonly explanation = 'A policy whose policy_types omit Ingress leaves inbound traffic open.';
  public readonly fix = 'Include "Ingress" in spec.policy_types.';
  public readonly resourceTypes = ['kubernetes_network_policy', 'kubernetes_network_policy_v1'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const types = get(a, 'spec.policy_types');
    return check(isRef(types) || asList(types).includes('Ingress'));
  }
}
