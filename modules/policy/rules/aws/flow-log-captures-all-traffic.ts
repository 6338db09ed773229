import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeOneOf } from '../../private/attrs';

/**
 * Flow logs capture accepted and rejected traffic.
 *
 * Logging only rejects misses the connections that succeeded, which are the ones an investigation needs.
 */
export class FlowLogCapturesAllTraffic extends PolicyRule {
  public readonly id = 'AWS-VPC-8';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Flow logs capture accepted and rejected traffic';
  public readonly explanation =
    'Logging only rejects misses the connections that succeeded, which are the ones an investigation needs.';
  public readonly fix = 'Set traffic_type = "ALL".';
  public readonly resourceTypes = ['aws_flow_log'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeOneOf(a.traffic_type, ['ALL']);
  }
}
