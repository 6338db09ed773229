import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, isRef } from '../../private/attrs';
import { KUBERNETES_WORKLOADS, podViewOf } from '../../private/pod-spec';

/**
 * Container images name a version, not latest.
 *
 * latest (or no tag) makes a rollout run whatever was pushed last.
 */
export class ContainerImageNotLatest extends PolicyRule {
  public readonly id = 'K8S-POD-13';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Container images name a version, not latest';
  public readonly explanation = 'latest (or no tag) makes a rollout run whatever was pushed last.';
  public readonly fix = 'Use an explicit tag or a digest (image@sha256:...).';
  public readonly resourceTypes = KUBERNETES_WORKLOADS;
  public readonly checkov = 'CKV_K8S_14';

  public evaluate(r: PolicyResource): RuleResult {
    const view = podViewOf(r);
    if (!view) return 'not-applicable';
    return check(
      view.allContainers.every((c) => {
        const image = c.image;
        if (isRef(image)) return true;
        const s = String(image);
        if (s.includes('@sha256:')) return true;
        const tag = /:([^/:]+)$/.exec(s)?.[1];
        return tag !== undefined && tag !== 'latest';
      })
    );
  }
}
