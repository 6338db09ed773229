import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeTrue } from '../../private/attrs';

/**
 * AKS clusters run the Azure Policy add-on.
 *
 * Azure Policy enforces pod security baselines at admission.
 */
export class AksAzurePolicy extends PolicyRule {
  public readonly id = 'AZ-AKS-7';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'AKS clusters run the Azure Policy add-on';
  public readonly explanation = 'Azure Policy enforces pod security baselines at admission.';
  public readonly fix = 'Set azure_policy_enabled = true.';
  public readonly resourceTypes = ['azurerm_kubernetes_cluster'];
  public readonly checkov = 'CKV_AZURE_116';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(a.azure_policy_enabled);
  }
}
