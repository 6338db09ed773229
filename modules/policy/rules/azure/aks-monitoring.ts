import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeSet } from '../../private/attrs';

/**
 * AKS clusters send logs to Log Analytics.
 *
 * Container Insights collects node and pod logs and metrics.
 */
export class AksMonitoring extends PolicyRule {
  public readonly id = 'AZ-AKS-5';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'AKS clusters send logs to Log Analytics';
  public readonly explanation = 'Container Insights collects node and pod logs and metrics.';
  public readonly fix = 'Set oms_agent { log_analytics_workspace_id }.';
  public readonly resourceTypes = ['azurerm_kubernetes_cluster'];
  public readonly checkov = 'CKV_AZURE_4';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(get(a, 'oms_agent.log_analytics_workspace_id'));
  }
}
