import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, isSet, mustBeTrue } from '../../private/attrs';

/**
 * Load balancers write access logs.
 *
 * Access logs are the record of every request that reached the service.
 */
export class LoadBalancerAccessLogs extends PolicyRule {
  public readonly id = 'AWS-ALB-2';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Load balancers write access logs';
  public readonly explanation = 'Access logs are the record of every request that reached the service.';
  public readonly fix = 'Set access_logs { bucket, enabled = true }.';
  public readonly resourceTypes = ['aws_lb', 'aws_alb'];
  public readonly checkov = 'CKV_AWS_91';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(get(a, 'access_logs.enabled'), isSet(get(a, 'access_logs.bucket')));
  }
}
