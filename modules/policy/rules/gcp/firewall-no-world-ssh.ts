import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check } from '../../private/attrs';
import { gcpIngressRules } from '../../private/network';

/**
 * Firewalls do not open SSH (22) to the internet.
 *
 * SSH from 0.0.0.0/0 invites brute force; use IAP TCP forwarding (35.235.240.0/20).
 */
export class FirewallNoWorldSsh extends PolicyRule {
  public readonly id = 'GCP-FW-1';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Firewalls do not open SSH (22) to the internet';
  public readonly explanation = 'SSH from 0.0.0.0/0 invites brute force; use IAP TCP forwarding (35.235.240.0/20).';
  public readonly fix = 'Narrow source_ranges or remove port 22.';
  public readonly resourceTypes = ['google_compute_firewall'];
  public readonly checkov = 'CKV_GCP_2';

  public evaluate(r: PolicyResource): RuleResult {
    const rules = gcpIngressRules(r);
    if (rules.length === 0) return 'not-applicable';
    return check(!rules.some((x) => x.world && x.covers(22)));
  }
}
