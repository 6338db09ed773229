import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check } from '../../private/attrs';
import { azureIngressRules } from '../../private/network';

/**
 * Network security groups admit the internet only on ports 80 and 443.
 *
 * Any other port open to * or Internet is an attack surface.
 */
export class NsgNoWorldIngress extends PolicyRule {
  public readonly id = 'AZ-NSG-3';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Network security groups admit the internet only on ports 80 and 443';
  public readonly explanation = 'Any other port open to * or Internet is an attack surface.';
  public readonly fix = 'Narrow source_address_prefix or open only 80/443.';
  public readonly resourceTypes = ['azurerm_network_security_group', 'azurerm_network_security_rule'];

  public evaluate(r: PolicyResource): RuleResult {
    const rules = azureIngressRules(r);
    if (rules.length === 0) return 'not-applicable';
    return check(rules.every((x) => !x.world || x.onlyPorts([80, 443])));
  }
}
