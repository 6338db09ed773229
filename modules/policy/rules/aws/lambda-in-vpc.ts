import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeSet } from '../../private/attrs';

/**
 * Lambda functions run in a VPC.
 *
 * In a VPC, a function reaches private resources through security groups and its egress can be controlled.
 */
export class LambdaInVpc extends PolicyRule {
  public readonly id = 'AWS-LAMBDA-1';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Lambda functions run in a VPC';
  public readonly explanation =
    'In a VPC, a function reaches private resources through security groups and its egress can be controlled.';
  public readonly fix = 'Set vpc_config { subnet_ids, security_group_ids }.';
  public readonly resourceTypes = ['aws_lambda_function'];
  public readonly checkov = 'CKV_AWS_117';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(get(a, 'vpc_config.subnet_ids'));
  }
}
