import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, isRef } from '../../private/attrs';
import { containerDefinitions } from '../../private/ecs';

/**
 * ECS containers have a read-only root filesystem.
 *
 * A writable root filesystem lets an intruder change binaries; write to volumes instead.
 */
export class EcsReadOnlyRootFilesystem extends PolicyRule {
  public readonly id = 'AWS-ECS-2';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'ECS containers have a read-only root filesystem';
  public readonly explanation =
    'A writable root filesystem lets an intruder change binaries; write to volumes instead.';
  public readonly fix = 'Set "readonlyRootFilesystem": true in each container definition.';
  public readonly resourceTypes = ['aws_ecs_task_definition'];
  public readonly checkov = 'CKV_AWS_336';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const defs = containerDefinitions(a.container_definitions);
    if (!defs) return 'compliant';
    return check(defs.every((d) => d.readonlyRootFilesystem === true || isRef(d.readonlyRootFilesystem)));
  }
}
