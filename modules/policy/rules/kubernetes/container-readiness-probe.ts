import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { blocks, check, isRef } from '../../private/attrs';
import { KUBERNETES_WORKLOADS, podViewOf } from '../../private/pod-spec';

/**
 * Containers have a readiness probe.
 *
 * Without one traffic reaches pods before they can serve it.
 */
export class ContainerReadinessProbe extends PolicyRule {
  public readonly id = 'K8S-POD-12';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Containers have a readiness probe';
  public readonly explanation = 'Without one traffic reaches pods before they can serve it.';
  public readonly fix = 'Set readiness_probe on each container.';
  public readonly resourceTypes = KUBERNETES_WORKLOADS;
  public readonly checkov = 'CKV_K8S_9';

  public evaluate(r: PolicyResource): RuleResult {
    const view = podViewOf(r);
    if (!view) return 'not-applicable';
    return check(view.containers.every((c) => isRef(c.readiness_probe) || blocks(c.readiness_probe).length > 0));
  }
}
