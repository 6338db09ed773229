import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeFalse } from '../../private/attrs';
import { KUBERNETES_WORKLOADS, podViewOf } from '../../private/pod-spec';

/**
 * Pods do not share the host IPC namespace.
 *
 * Host IPC lets a container read shared memory of other processes.
 */
export class PodNoHostIpc extends PolicyRule {
  public readonly id = 'K8S-POD-8';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Pods do not share the host IPC namespace';
  public readonly explanation = 'Host IPC lets a container read shared memory of other processes.';
  public readonly fix = 'Set host_ipc = false (the default).';
  public readonly resourceTypes = KUBERNETES_WORKLOADS;
  public readonly checkov = 'CKV_K8S_18';

  public evaluate(r: PolicyResource): RuleResult {
    const view = podViewOf(r);
    if (!view) return 'not-applicable';
    return mustBeFalse(view.pod.host_ipc);
  }
}
