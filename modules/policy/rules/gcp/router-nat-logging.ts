import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeTrue } from '../../private/attrs';

/**
 * Cloud NAT logs errors at least.
 *
 * NAT logs show port exhaustion and dropped connections.
 */
export class RouterNatLogging extends PolicyRule {
  public readonly id = 'GCP-NET-4';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Cloud NAT logs errors at least';
  public readonly explanation = 'NAT logs show port exhaustion and dropped connections.';
  public readonly fix = 'Set log_config { enable = true, filter = "ERRORS_ONLY" }.';
  public readonly resourceTypes = ['google_compute_router_nat'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(get(a, 'log_config.enable'));
  }
}
