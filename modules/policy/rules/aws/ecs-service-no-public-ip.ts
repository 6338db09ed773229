import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeFalse } from '../../private/attrs';

/**
 * ECS services do not give tasks public IPs.
 *
 * Tasks belong in private subnets behind a load balancer.
 */
export class EcsServiceNoPublicIp extends PolicyRule {
  public readonly id = 'AWS-ECS-6';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'ECS services do not give tasks public IPs';
  public readonly explanation = 'Tasks belong in private subnets behind a load balancer.';
  public readonly fix = 'Set network_configuration { assign_public_ip = false }.';
  public readonly resourceTypes = ['aws_ecs_service'];
  public readonly checkov = 'CKV_AWS_333';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeFalse(get(a, 'network_configuration.assign_public_ip'));
  }
}
