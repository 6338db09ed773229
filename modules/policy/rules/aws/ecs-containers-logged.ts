import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check } from '../../private/attrs';
import { containerDefinitions } from '../../private/ecs';

/**
 * ECS containers send their logs somewhere.
 *
 * Without a logConfiguration, container output is lost.
 */
export class EcsContainersLogged extends PolicyRule {
  public readonly id = 'AWS-ECS-3';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'ECS containers send their logs somewhere';
  public readonly explanation = 'Without a logConfiguration, container output is lost.';
  public readonly fix = 'Set "logConfiguration" (awslogs or FireLens) in each container definition.';
  public readonly resourceTypes = ['aws_ecs_task_definition'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const defs = containerDefinitions(a.container_definitions);
    if (!defs) return 'compliant';
    return check(defs.every((d) => d.logConfiguration !== undefined));
  }
}
