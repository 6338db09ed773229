import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeFalse } from '../../private/attrs';
import { KUBERNETES_WORKLOADS, podViewOf } from '../../private/pod-spec';

/**
 * Pods do not share the host PID namespace.
 *
 * Host PIDs let a container see and signal every process on the node.
 */
export class PodNoHostPid extends PolicyRule {
  public readonly id = 'K8S-POD-7';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Pods do not share the host PID namespace';
  public readonly explanation = 'Host PIDs let a container see and signal every process on the node.';
  public readonly fix = 'Set host_pid = false (the default).';
  public readonly resourceTypes = KUBERNETES_WORKLOADS;
  public readonly checkov = 'CKV_K8S_17';

  public evaluate(r: PolicyResource): RuleResult {
    const view = podViewOf(r);
    if (!view) return 'not-applicable';
    return mustBeFalse(view.pod.host_pid);
  }
}
