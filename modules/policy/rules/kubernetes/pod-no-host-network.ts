import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeFalse } from '../../private/attrs';
import { KUBERNETES_WORKLOADS, podViewOf } from '../../private/pod-spec';

/**
 * Pods do not use the host network.
 *
 * The host network namespace exposes node services and bypasses network policies.
 */
export class PodNoHostNetwork extends PolicyRule {
  public readonly id = 'K8S-POD-6';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Pods do not use the host network';
  public readonly explanation = 'The host network namespace exposes node services and bypasses network policies.';
  public readonly fix = 'Set host_network = false (the default).';
  public readonly resourceTypes = KUBERNETES_WORKLOADS;
  public readonly checkov = 'CKV_K8S_19';

  public evaluate(r: PolicyResource): RuleResult {
    const view = podViewOf(r);
    if (!view) return 'not-applicable';
    return mustBeFalse(view.pod.host_network);
  }
}
