import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, isRef, isTrueOrRef } from '../../private/attrs';
import { effective, KUBERNETES_WORKLOADS, podViewOf } from '../../private/pod-spec';

/**
 * Containers run as a non-root user.
 *
 * A process running as root in a container is root on the host after any escape.
 */
export class PodRunsAsNonRoot extends PolicyRule {
  public readonly id = 'K8S-POD-1';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Containers run as a non-root user';
  public readonly explanation = 'A process running as root in a container is root on the host after any escape.';
  public readonly fix = 'Set security_context { run_as_non_root = true } (pod or container) or run_as_user > 0.';
  public readonly resourceTypes = KUBERNETES_WORKLOADS;
  public readonly checkov = 'CKV_K8S_23';

  public evaluate(r: PolicyResource): RuleResult {
    const view = podViewOf(r);
    if (!view) return 'not-applicable';
    return check(
      view.allContainers.every(
        (c) =>
          isTrueOrRef(effective(view, c, 'run_as_non_root')) ||
          Number(effective(view, c, 'run_as_user')) > 0 ||
          isRef(effective(view, c, 'run_as_user'))
      )
    );
  }
}
