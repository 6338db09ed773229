import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, get, isTrueOrRef } from '../../private/attrs';
import { KUBERNETES_WORKLOADS, podViewOf } from '../../private/pod-spec';

/**
 * Containers have a read-only root filesystem.
 *
 * A writable root filesystem lets an intruder change binaries; write to emptyDir volumes instead.
 */
export class ContainerReadOnlyRootFilesystem extends PolicyRule {
  public readonly id = 'K8S-POD-2';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Containers have a read-only root filesystem';
  public readonly explanation =
    'A writable root filesystem lets an intruder change binaries; write to emptyDir volumes instead.';
  public readonly fix = 'Set security_context { read_only_root_filesystem = true } on each container.';
  public readonly resourceTypes = KUBERNETES_WORKLOADS;
  public readonly checkov = 'CKV_K8S_22';

  public evaluate(r: PolicyResource): RuleResult {
    const view = podViewOf(r);
    if (!view) return 'not-applicable';
    return check(view.allContainers.every((c) => isTrueOrRef(get(c, 'security_context.read_only_root_filesystem'))));
  }
}
