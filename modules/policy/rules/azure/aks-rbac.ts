import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeTrue } from '../../private/attrs';

/**
 * AKS clusters use Kubernetes RBAC.
 *
 * Without RBAC every authenticated user is cluster admin.
 */
export class AksRbac extends PolicyRule {
  public readonly id = 'AZ-AKS-2';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'AKS clusters use Kubernetes RBAC';
  public readonly explanation = 'Without RBAC every authenticated user is cluster admin.';
  public readonly fix = 'Leave role_based_access_control_enabled = true (the default).';
  public readonly resourceTypes = ['azurerm_kubernetes_cluster'];
  public readonly checkov = 'CKV_AZURE_5';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(a.role_based_access_control_enabled, true);
  }
}
