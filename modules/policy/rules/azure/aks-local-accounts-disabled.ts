import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeTrue } from '../../private/attrs';

/**
 * AKS clusters disable local accounts.
 *
 * Local admin credentials bypass Entra ID and cannot be audited per user.
 */
export class AksLocalAccountsDisabled extends PolicyRule {
  public readonly id = 'AZ-AKS-4';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'AKS clusters disable local accounts';
  public readonly explanation = 'Local admin credentials bypass Entra ID and cannot be audited per user.';
  public readonly fix = 'Set local_account_disabled = true (with Entra ID integration).';
  public readonly resourceTypes = ['azurerm_kubernetes_cluster'];
  public readonly checkov = 'CKV_AZURE_141';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(a.local_account_disabled);
  }
}
