import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check } from '../../private/attrs';
import { awsIngressRules } from '../../private/network';

/**
 * Security groups admit the internet only on ports 80 and 443.
 *
 * Any other port open to 0.0.0.0/0 or ::/0 (SSH, databases, all traffic) is an attack surface.
 */
export class SecurityGroupNoWorldIngress extends PolicyRule {
  public readonly id = 'AWS-VPC-4';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Security groups admit the internet only on ports 80 and 443';
  public readonly explanation =
    'Any other port open to 0.0.0.0/0 or ::/0 (SSH, databases, all traffic) is an attack surface.';
  public readonly fix = 'Restrict the source to a CIDR or security group, or open only 80/443.';
  public readonly resourceTypes = [
    'aws_security_group',
    'aws_vpc_security_group_ingress_rule',
    'aws_security_group_rule',
  ];

  public evaluate(r: PolicyResource): RuleResult {
    const rules = awsIngressRules(r);
    if (rules.length === 0) return 'not-applicable';
    return check(rules.every((x) => !x.world || x.onlyPorts([80, 443])));
  }
}
