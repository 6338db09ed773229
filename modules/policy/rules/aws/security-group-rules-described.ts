import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { blocks, check, isRef } from '../../private/attrs';

/**
 * Security groups and their rules have a description.
 *
 * A rule without a description cannot be reviewed: nobody knows why it exists.
 */
export class SecurityGroupRulesDescribed extends PolicyRule {
  public readonly id = 'AWS-VPC-7';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Security groups and their rules have a description';
  public readonly explanation = 'A rule without a description cannot be reviewed: nobody knows why it exists.';
  public readonly fix = 'Set description on the group and on every rule.';
  public readonly resourceTypes = [
    'aws_security_group',
    'aws_vpc_security_group_ingress_rule',
    'aws_vpc_security_group_egress_rule',
    'aws_security_group_rule',
  ];
  public readonly checkov = 'CKV_AWS_23';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const own = r.type === 'aws_security_group' ? [a.description] : [a.description];
    const inline =
      r.type === 'aws_security_group' ? [...blocks(a.ingress), ...blocks(a.egress)].map((x) => x.description) : [];
    return check(
      [...own, ...inline].every(
        (d) => isRef(d) || (typeof d === 'string' && d.trim() !== '' && d !== 'Managed by Terraform')
      )
    );
  }
}
