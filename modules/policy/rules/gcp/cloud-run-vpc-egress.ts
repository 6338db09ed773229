import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { block, blocks, check, get, isRef } from '../../private/attrs';

/**
 * Cloud Run services reach private resources through the VPC.
 *
 * Direct VPC egress or a connector keeps traffic to databases off the internet.
 */
export class CloudRunVpcEgress extends PolicyRule {
  public readonly id = 'GCP-RUN-4';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Cloud Run services reach private resources through the VPC';
  public readonly explanation = 'Direct VPC egress or a connector keeps traffic to databases off the internet.';
  public readonly fix = 'Set template.vpc_access { network_interfaces or connector }.';
  public readonly resourceTypes = ['google_cloud_run_v2_service'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return check(isRef(get(a, 'template.vpc_access')) || blocks(get(block(a.template), 'vpc_access')).length > 0);
  }
}
