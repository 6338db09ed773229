import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, get, isRef } from '../../private/attrs';
import { KUBERNETES_WORKLOADS, podViewOf } from '../../private/pod-spec';

/**
 * Containers have a memory limit.
 *
 * Without a limit one leaking container can exhaust the node and get others killed.
 */
export class ContainerMemoryLimit extends PolicyRule {
  public readonly id = 'K8S-POD-10';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Containers have a memory limit';
  public readonly explanation = 'Without a limit one leaking container can exhaust the node and get others killed.';
  public readonly fix = 'Set resources { limits = { memory } } on each container.';
  public readonly resourceTypes = KUBERNETES_WORKLOADS;
  public readonly checkov = 'CKV_K8S_13';

  public evaluate(r: PolicyResource): RuleResult {
    const view = podViewOf(r);
    if (!view) return 'not-applicable';
    return check(
      view.containers.every((c) => {
        const lim = get(c, 'resources.limits');
        return isRef(lim) || (typeof lim === 'object' && lim !== null && 'memory' in lim);
      })
    );
  }
}
