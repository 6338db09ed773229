import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeSet } from '../../private/attrs';

/**
 * Cloud Functions reach private resources through the VPC.
 *
 * A VPC connector keeps traffic to databases off the internet.
 */
export class CloudFunctionVpcConnector extends PolicyRule {
  public readonly id = 'GCP-FN-2';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Cloud Functions reach private resources through the VPC';
  public readonly explanation = 'A VPC connector keeps traffic to databases off the internet.';
  public readonly fix = 'Set service_config.vpc_connector.';
  public readonly resourceTypes = ['google_cloudfunctions2_function'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(get(a, 'service_config.vpc_connector'));
  }
}
