import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { blocks, check, isRef } from '../../private/attrs';

/**
 * ECS clusters have Container Insights.
 *
 * Container Insights collects per-task CPU, memory and network metrics.
 */
export class EcsClusterContainerInsights extends PolicyRule {
  public readonly id = 'AWS-ECS-7';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'ECS clusters have Container Insights';
  public readonly explanation = 'Container Insights collects per-task CPU, memory and network metrics.';
  public readonly fix = 'Set setting { name = "containerInsights", value = "enabled" }.';
  public readonly resourceTypes = ['aws_ecs_cluster'];
  public readonly checkov = 'CKV_AWS_65';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (isRef(a.setting)) return 'compliant';
    return check(
      blocks(a.setting).some(
        (s) => s.name === 'containerInsights' && (s.value === 'enabled' || s.value === 'enhanced' || isRef(s.value))
      )
    );
  }
}
