import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { asList, check, isRef } from '../../private/attrs';
import { containerDefinitions } from '../../private/ecs';

/**
 * ECS container environments hold no secrets in plain text.
 *
 * Environment values are visible to anyone who can describe the task definition.
 */
export class EcsNoPlaintextSecrets extends PolicyRule {
  public readonly id = 'AWS-ECS-5';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'ECS container environments hold no secrets in plain text';
  public readonly explanation = 'Environment values are visible to anyone who can describe the task definition.';
  public readonly fix = 'Pass secrets with "secrets" (valueFrom a Secrets Manager or SSM ARN).';
  public readonly resourceTypes = ['aws_ecs_task_definition'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const defs = containerDefinitions(a.container_definitions);
    if (!defs) return 'compliant';
    return check(
      defs.every((d) =>
        asList(d.environment).every((e) => {
          const v = e as { name?: unknown; value?: unknown };
          return (
            !/(PASSWORD|SECRET|TOKEN|PRIVATE_KEY|API_KEY)/i.test(String(v.name)) || isRef(v.value) || v.value === ''
          );
        })
      )
    );
  }
}
