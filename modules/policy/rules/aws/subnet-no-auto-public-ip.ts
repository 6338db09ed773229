import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeFalse } from '../../private/attrs';

/**
 * Subnets do not give instances public IPs automatically.
 *
 * An instance should only be public when it asks to be; load balancers and NAT gateways do not need the subnet default.
 */
export class SubnetNoAutoPublicIp extends PolicyRule {
  public readonly id = 'AWS-VPC-3';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Subnets do not give instances public IPs automatically';
  public readonly explanation =
    'An instance should only be public when it asks to be; load balancers and NAT gateways do not need the subnet default.';
  public readonly fix = 'Set map_public_ip_on_launch = false (the default).';
  public readonly resourceTypes = ['aws_subnet'];
  public readonly checkov = 'CKV_AWS_130';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeFalse(a.map_public_ip_on_launch);
  }
}
