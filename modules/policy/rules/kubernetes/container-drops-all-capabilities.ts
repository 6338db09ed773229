import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { asList, check, get, isRef } from '../../private/attrs';
import { KUBERNETES_WORKLOADS, podViewOf } from '../../private/pod-spec';

/**
 * Containers drop all Linux capabilities.
 *
 * Default capabilities (NET_RAW, ...) allow spoofing and more; add back only what is needed.
 */
export class ContainerDropsAllCapabilities extends PolicyRule {
  public readonly id = 'K8S-POD-4';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Containers drop all Linux capabilities';
  public readonly explanation =
    'Default capabilities (NET_RAW, ...) allow spoofing and more; add back only what is needed.';
  public readonly fix = 'Set security_context { capabilities { drop = ["ALL"] } } on each container.';
  public readonly resourceTypes = KUBERNETES_WORKLOADS;
  public readonly checkov = 'CKV_K8S_37';

  public evaluate(r: PolicyResource): RuleResult {
    const view = podViewOf(r);
    if (!view) return 'not-applicable';
    return check(
      view.allContainers.every((c) => {
        const drop = get(c, 'security_context.capabilities.drop');
        return isRef(drop) || asList(drop).some((x) => String(x).toUpperCase() === 'ALL');
      })
    );
  }
}
