import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check } from '../../private/attrs';
import { gcpIngressRules } from '../../private/network';

/**
 * Firewalls admit the internet only on ports 80 and 443.
 *
 * Any other port open to 0.0.0.0/0 is an attack surface.
 */
export class FirewallNoWorldIngress extends PolicyRule {
  public readonly id = 'GCP-FW-3';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Firewalls admit the internet only on ports 80 and 443';
  public readonly explanation = 'Any other port open to 0.0.0.0/0 is an attack surface.';
  public readonly fix = 'Narrow source_ranges (health checks: 35.191.0.0/16, 130.211.0.0/22) or open only 80/443.';
  public readonly resourceTypes = ['google_compute_firewall'];

  public evaluate(r: PolicyResource): RuleResult {
    const rules = gcpIngressRules(r);
    if (rules.length === 0) return 'not-applicable';
    return check(rules.every((x) => !x.world || x.onlyPorts([80, 443])));
  }
}
