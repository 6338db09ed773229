import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, isRef } from '../../private/attrs';
import { KUBERNETES_WORKLOADS, podViewOf } from '../../private/pod-spec';

/**
 * Container images are pinned by digest.
 *
 * A tag can be moved to another image; a digest cannot.
 */
export class ContainerImageDigest extends PolicyRule {
  public readonly id = 'K8S-POD-14';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Container images are pinned by digest';
  public readonly explanation = 'A tag can be moved to another image; a digest cannot.';
  public readonly fix = 'Reference images as name@sha256:<digest>.';
  public readonly resourceTypes = KUBERNETES_WORKLOADS;
  public readonly checkov = 'CKV_K8S_43';

  public evaluate(r: PolicyResource): RuleResult {
    const view = podViewOf(r);
    if (!view) return 'not-applicable';
    return check(view.allContainers.every((c) => isRef(c.image) || String(c.image).includes('@sha256:')));
  }
}
