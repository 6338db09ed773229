import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check } from '../../private/attrs';
import { azureIngressRules } from '../../private/network';

/**
 * Network security groups do not open RDP (3389) to the internet.
 *
 * RDP from anywhere invites brute force; use Bastion.
 */
export class NsgNoWorldRdp extends PolicyRule {
  public readonly id = 'AZ-NSG-2';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Network security groups do not open RDP (3389) to the internet';
  public readonly explanation = 'RDP from anywhere invites brute force; use Bastion.';
  public readonly fix = 'Narrow source_address_prefix or remove port 3389.';
  public readonly resourceTypes = ['azurerm_network_security_group', 'azurerm_network_security_rule'];
  public readonly checkov = 'CKV_AZURE_9';

  public evaluate(r: PolicyResource): RuleResult {
    const rules = azureIngressRules(r);
    if (rules.length === 0) return 'not-applicable';
    return check(!rules.some((x) => x.world && x.covers(3389)));
  }
}
