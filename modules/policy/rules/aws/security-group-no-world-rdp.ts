import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check } from '../../private/attrs';
import { awsIngressRules } from '../../private/network';

/**
 * Security groups do not open RDP (3389) to the internet.
 *
 * RDP from anywhere invites brute force.
 */
export class SecurityGroupNoWorldRdp extends PolicyRule {
  public readonly id = 'AWS-VPC-6';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Security groups do not open RDP (3389) to the internet';
  public readonly explanation = 'RDP from anywhere invites brute force.';
  public readonly fix = 'Remove the 0.0.0.0/0 (or ::/0) rule for port 3389.';
  public readonly resourceTypes = [
    'aws_security_group',
    'aws_vpc_security_group_ingress_rule',
    'aws_security_group_rule',
  ];
  public readonly checkov = 'CKV_AWS_25';

  public evaluate(r: PolicyResource): RuleResult {
    const rules = awsIngressRules(r);
    if (rules.length === 0) return 'not-applicable';
    return check(!rules.some((x) => x.world && x.covers(3389)));
  }
}
