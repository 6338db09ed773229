import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, get, isRef } from '../../private/attrs';
import { KUBERNETES_WORKLOADS, podViewOf } from '../../private/pod-spec';

/**
 * Containers request CPU and memory.
 *
 * Requests are what the scheduler places pods by; without them nodes are overcommitted.
 */
export class ContainerResourceRequests extends PolicyRule {
  public readonly id = 'K8S-POD-9';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Containers request CPU and memory';
  public readonly explanation = 'Requests are what the scheduler places pods by; without them nodes are overcommitted.';
  public readonly fix = 'Set resources { requests = { cpu, memory } } on each container.';
  public readonly resourceTypes = KUBERNETES_WORKLOADS;
  public readonly checkov = 'CKV_K8S_10';

  public evaluate(r: PolicyResource): RuleResult {
    const view = podViewOf(r);
    if (!view) return 'not-applicable';
    return check(
      view.containers.every((c) => {
        const req = get(c, 'resources.requests');
        return isRef(req) || (typeof req === 'object' && req !== null && 'cpu' in req && 'memory' in req);
      })
    );
  }
}
