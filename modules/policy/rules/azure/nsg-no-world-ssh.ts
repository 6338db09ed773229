import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check } from '../../private/attrs';
import { azureIngressRules } from '../../private/network';

/**
 * Network security groups do not open SSH (22) to the internet.
 *
 * SSH from anywhere invites brute force; use Bastion.
 */
export class NsgNoWorldSsh extends PolicyRule {
  public readonly id = 'AZ-NSG-1';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Network security groups do not open SSH (22) to the internet';
  public readonly explanation = 'SSH from anywhere invites brute force; use Bastion.';
  public readonly fix = 'Narrow source_address_prefix or remove port 22.';
  public readonly resourceTypes = ['azurerm_network_security_group', 'azurerm_network_security_rule'];
  public readonly checkov = 'CKV_AZURE_10';

  public evaluate(r: PolicyResource): RuleResult {
    const rules = azureIngressRules(r);
    if (rules.length === 0) return 'not-applicable';
    return check(!rules.some((x) => x.world && x.covers(22)));
  }
}
