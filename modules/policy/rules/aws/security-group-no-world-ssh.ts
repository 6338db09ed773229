import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check } from '../../private/attrs';
import { awsIngressRules } from '../../private/network';

/**
 * Security groups do not open SSH (22) to the internet.
 *
 * SSH from anywhere invites brute force; use SSM Session Manager or a bastion range.
 */
export class SecurityGroupNoWorldSsh extends PolicyRule {
  public readonly id = 'AWS-VPC-5';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Security groups do not open SSH (22) to the internet';
  public readonly explanation = 'SSH from anywhere invites brute force; use SSM Session Manager or a bastion range.';
  public readonly fix = 'Remove the 0.0.0.0/0 (or ::/0) rule for port 22.';
  public readonly resourceTypes = [
    'aws_security_group',
    'aws_vpc_security_group_ingress_rule',
    'aws_security_group_rule',
  ];
  public readonly checkov = 'CKV_AWS_24';

  public evaluate(r: PolicyResource): RuleResult {
    const rules = awsIngressRules(r);
    if (rules.length === 0) return 'not-applicable';
    return check(!rules.some((x) => x.world && x.covers(22)));
  }
}
