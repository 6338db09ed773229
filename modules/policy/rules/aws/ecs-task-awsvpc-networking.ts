import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeOneOf } from '../../private/attrs';

/**
 * ECS tasks use awsvpc networking.
 *
 * awsvpc gives each task its own network interface and security group; host mode shares the host network.
 */
export class EcsTaskAwsvpcNetworking extends PolicyRule {
  public readonly id = 'AWS-ECS-4';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'ECS tasks use awsvpc networking';
  public readonly explanation =
    'awsvpc gives each task its own network interface and security group; host mode shares the host network.';
  public readonly fix = 'Set network_mode = "awsvpc" (required by Fargate).';
  public readonly resourceTypes = ['aws_ecs_task_definition'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeOneOf(a.network_mode, ['awsvpc']);
  }
}
