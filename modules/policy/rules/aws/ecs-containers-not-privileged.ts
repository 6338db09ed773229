import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check } from '../../private/attrs';
import { containerDefinitions } from '../../private/ecs';

/**
 * ECS containers are not privileged.
 *
 * A privileged container has root access to the host.
 */
export class EcsContainersNotPrivileged extends PolicyRule {
  public readonly id = 'AWS-ECS-1';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'ECS containers are not privileged';
  public readonly explanation = 'A privileged container has root access to the host.';
  public readonly fix = 'Remove "privileged": true from container_definitions.';
  public readonly resourceTypes = ['aws_ecs_task_definition'];
  public readonly checkov = 'CKV_AWS_334';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const defs = containerDefinitions(a.container_definitions);
    if (!defs) return 'compliant';
    return check(defs.every((d) => d.privileged !== true));
  }
}
