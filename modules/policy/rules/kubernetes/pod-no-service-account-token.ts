import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeFalse } from '../../private/attrs';
import { KUBERNETES_WORKLOADS, podViewOf } from '../../private/pod-spec';

/**
 * Pods do not mount a service account token unless they need one.
 *
 * A mounted token lets anyone in the pod call the Kubernetes API as its service account.
 */
export class PodNoServiceAccountToken extends PolicyRule {
  public readonly id = 'K8S-POD-16';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Pods do not mount a service account token unless they need one';
  public readonly explanation =
    'A mounted token lets anyone in the pod call the Kubernetes API as its service account.';
  public readonly fix = 'Set automount_service_account_token = false on the pod (true only where the API is used).';
  public readonly resourceTypes = KUBERNETES_WORKLOADS;
  public readonly checkov = 'CKV_K8S_38';

  public evaluate(r: PolicyResource): RuleResult {
    const view = podViewOf(r);
    if (!view) return 'not-applicable';
    return mustBeFalse(view.pod.automount_service_account_token, false);
  }
}
