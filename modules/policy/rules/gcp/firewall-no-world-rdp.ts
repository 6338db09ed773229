import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check } from '../../private/attrs';
import { gcpIngressRules } from '../../private/network';

/**
 * Firewalls do not open RDP (3389) to the internet.
 *
 * RDP from anywhere invites brute force.
 */
export class FirewallNoWorldRdp extends PolicyRule {
  public readonly id = 'GCP-FW-2';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Firewalls do not open RDP (3389) to the internet';
  public readonly explanation = 'RDP from anywhere invites brute force.';
  public readonly fix = 'Narrow source_ranges or remove port 3389.';
  public readonly resourceTypes = ['google_compute_firewall'];
  public readonly checkov = 'CKV_GCP_3';

  public evaluate(r: PolicyResource): RuleResult {
    const rules = gcpIngressRules(r);
    if (rules.length === 0) return 'not-applicable';
    return check(!rules.some((x) => x.world && x.covers(3389)));
  }
}
