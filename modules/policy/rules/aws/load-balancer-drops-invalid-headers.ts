import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { isRef, mustBeTrue } from '../../private/attrs';

/**
 * Application load balancers drop invalid HTTP headers.
 *
 * Invalid headers are used for request smuggling.
 */
export class LoadBalancerDropsInvalidHeaders extends PolicyRule {
  public readonly id = 'AWS-ALB-1';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Application load balancers drop invalid HTTP headers';
  public readonly explanation = 'Invalid headers are used for request smuggling.';
  public readonly fix = 'Set drop_invalid_header_fields = true.';
  public readonly resourceTypes = ['aws_lb', 'aws_alb'];
  public readonly checkov = 'CKV_AWS_131';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (a.load_balancer_type !== undefined && a.load_balancer_type !== 'application' && !isRef(a.load_balancer_type))
      return 'not-applicable';
    return mustBeTrue(a.drop_invalid_header_fields);
  }
}
