import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeFalse } from '../../private/attrs';

/**
 * VPC networks do not create subnets automatically.
 *
 * Auto mode creates a subnet in every region with fixed ranges that overlap the address plan.
 */
export class NetworkCustomSubnets extends PolicyRule {
  public readonly id = 'GCP-NET-1';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'VPC networks do not create subnets automatically';
  public readonly explanation =
    'Auto mode creates a subnet in every region with fixed ranges that overlap the address plan.';
  public readonly fix = 'Set auto_create_subnetworks = false.';
  public readonly resourceTypes = ['google_compute_network'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeFalse(a.auto_create_subnetworks, false);
  }
}
