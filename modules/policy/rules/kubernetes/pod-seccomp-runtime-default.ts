import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, get, isRef } from '../../private/attrs';
import { effective, KUBERNETES_WORKLOADS, podViewOf } from '../../private/pod-spec';

/**
 * Pods use the RuntimeDefault (or a Localhost) seccomp profile.
 *
 * Seccomp blocks syscalls containers never need.
 */
export class PodSeccompRuntimeDefault extends PolicyRule {
  public readonly id = 'K8S-POD-15';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Pods use the RuntimeDefault (or a Localhost) seccomp profile';
  public readonly explanation = 'Seccomp blocks syscalls containers never need.';
  public readonly fix = 'Set security_context { seccomp_profile { type = "RuntimeDefault" } } on the pod.';
  public readonly resourceTypes = KUBERNETES_WORKLOADS;
  public readonly checkov = 'CKV_K8S_31';

  public evaluate(r: PolicyResource): RuleResult {
    const view = podViewOf(r);
    if (!view) return 'not-applicable';
    return check(
      view.allContainers.every((c) => {
        const t = effective(view, c, 'seccomp_profile');
        const type = get(t, 'type');
        return isRef(t) || isRef(type) || type === 'RuntimeDefault' || type === 'Localhost';
      })
    );
  }
}
