import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeTrue } from '../../private/attrs';

/**
 * Load balancers are deletion-protected.
 *
 * Deleting a load balancer changes its DNS name and drops traffic.
 */
export class LoadBalancerDeletionProtection extends PolicyRule {
  public readonly id = 'AWS-ALB-3';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Load balancers are deletion-protected';
  public readonly explanation = 'Deleting a load balancer changes its DNS name and drops traffic.';
  public readonly fix = 'Set enable_deletion_protection = true.';
  public readonly resourceTypes = ['aws_lb', 'aws_alb'];
  public readonly checkov = 'CKV_AWS_150';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(a.enable_deletion_protection);
  }
}
