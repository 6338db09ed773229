import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { blocks, check, isRef } from '../../private/attrs';
import { KUBERNETES_WORKLOADS, podViewOf } from '../../private/pod-spec';

/**
 * Containers have a liveness probe.
 *
 * Without one a hung process is never restarted.
 */
export class ContainerLivenessProbe extends PolicyRule {
  public readonly id = 'K8S-POD-11';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Containers have a liveness probe';
  public readonly explanation = 'Without one a hung process is never restarted.';
  public readonly fix = 'Set liveness_probe on each container.';
  public readonly resourceTypes = KUBERNETES_WORKLOADS;
  public readonly checkov = 'CKV_K8S_8';

  public evaluate(r: PolicyResource): RuleResult {
    const view = podViewOf(r);
    if (!view) return 'not-applicable';
    return check(view.containers.every((c) => isRef(c.liveness_probe) || blocks(c.liveness_probe).length > 0));
  }
}
