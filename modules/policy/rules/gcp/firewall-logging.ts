import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { blocks, check, isRef } from '../../private/attrs';

/**
 * Firewalls log their matches.
 *
 * Firewall logs show what was allowed and denied, per rule.
 */
export class FirewallLogging extends PolicyRule {
  public readonly id = 'GCP-FW-4';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Firewalls log their matches';
  public readonly explanation = 'Firewall logs show what was allowed and denied, per rule.';
  public readonly fix = 'Set log_config { metadata = "INCLUDE_ALL_METADATA" }.';
  public readonly resourceTypes = ['google_compute_firewall'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return check(isRef(a.log_config) || blocks(a.log_config).length > 0);
  }
}
