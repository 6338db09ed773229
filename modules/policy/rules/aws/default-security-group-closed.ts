import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { blocks, check } from '../../private/attrs';

/**
 * The default security group allows no traffic.
 *
 * Resources launched without a security group land in the default one; it must not let anything in or out.
 */
export class DefaultSecurityGroupClosed extends PolicyRule {
  public readonly id = 'AWS-VPC-2';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'The default security group allows no traffic';
  public readonly explanation =
    'Resources launched without a security group land in the default one; it must not let anything in or out.';
  public readonly fix = 'Manage it with aws_default_security_group and no ingress/egress blocks.';
  public readonly resourceTypes = ['aws_default_security_group'];
  public readonly checkov = 'CKV2_AWS_12';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return check(blocks(a.ingress).length === 0 && blocks(a.egress).length === 0);
  }
}
