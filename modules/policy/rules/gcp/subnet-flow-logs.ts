import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { blocks, check, isRef } from '../../private/attrs';

/**
 * Subnets have VPC flow logs.
 *
 * Flow logs record the connections of every VM and GKE node.
 */
export class SubnetFlowLogs extends PolicyRule {
  public readonly id = 'GCP-NET-2';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Subnets have VPC flow logs';
  public readonly explanation = 'Flow logs record the connections of every VM and GKE node.';
  public readonly fix = 'Set log_config { aggregation_interval, flow_sampling, metadata }.';
  public readonly resourceTypes = ['google_compute_subnetwork'];
  public readonly checkov = 'CKV_GCP_26';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (['REGIONAL_MANAGED_PROXY', 'GLOBAL_MANAGED_PROXY', 'INTERNAL_HTTPS_LOAD_BALANCER'].includes(String(a.purpose)))
      return 'not-applicable';
    return check(isRef(a.log_config) || blocks(a.log_config).length > 0);
  }
}
