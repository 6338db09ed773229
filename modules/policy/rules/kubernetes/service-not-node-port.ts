import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, get } from '../../private/attrs';

/**
 * Services are not exposed as NodePort.
 *
 * A NodePort opens the port on every node, bypassing the load balancer.
 */
export class ServiceNotNodePort extends PolicyRule {
  public readonly id = 'K8S-SVC-1';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Services are not exposed as NodePort';
  public readonly explanation = 'A NodePort opens the port on every node, bypassing the load balancer.';
  public readonly fix = 'Use ClusterIP behind an ingress, or LoadBalancer.';
  public readonly resourceTypes = ['kubernetes_service', 'kubernetes_service_v1'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return check(get(a, 'spec.type') !== 'NodePort');
  }
}
