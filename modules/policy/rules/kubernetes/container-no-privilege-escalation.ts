import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, get, isFalseOrRef } from '../../private/attrs';
import { KUBERNETES_WORKLOADS, podViewOf } from '../../private/pod-spec';

/**
 * Containers cannot escalate privileges.
 *
 * allowPrivilegeEscalation lets setuid binaries gain more rights than the process started with.
 */
export class ContainerNoPrivilegeEscalation extends PolicyRule {
  public readonly id = 'K8S-POD-3';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Containers cannot escalate privileges';
  public readonly explanation =
    'allowPrivilegeEscalation lets setuid binaries gain more rights than the process started with.';
  public readonly fix = 'Set security_context { allow_privilege_escalation = false } on each container.';
  public readonly resourceTypes = KUBERNETES_WORKLOADS;
  public readonly checkov = 'CKV_K8S_20';

  public evaluate(r: PolicyResource): RuleResult {
    const view = podViewOf(r);
    if (!view) return 'not-applicable';
    return check(view.allContainers.every((c) => isFalseOrRef(get(c, 'security_context.allow_privilege_escalation'))));
  }
}
