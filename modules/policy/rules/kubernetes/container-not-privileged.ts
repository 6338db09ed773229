import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, get, isFalseOrRef } from '../../private/attrs';
import { KUBERNETES_WORKLOADS, podViewOf } from '../../private/pod-spec';

/**
 * Containers are not privileged.
 *
 * A privileged container has every capability and access to host devices.
 */
export class ContainerNotPrivileged extends PolicyRule {
  public readonly id = 'K8S-POD-5';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Containers are not privileged';
  public readonly explanation = 'A privileged container has every capability and access to host devices.';
  public readonly fix = 'Remove security_context { privileged = true }.';
  public readonly resourceTypes = KUBERNETES_WORKLOADS;
  public readonly checkov = 'CKV_K8S_16';

  public evaluate(r: PolicyResource): RuleResult {
    const view = podViewOf(r);
    if (!view) return 'not-applicable';
    return check(view.allContainers.every((c) => isFalseOrRef(get(c, 'security_context.privileged') ?? false)));
  }
}
