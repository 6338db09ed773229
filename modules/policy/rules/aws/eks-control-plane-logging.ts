import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { asList, check, isRef } from '../../private/attrs';

/**
 * EKS clusters log the API server, audit and authenticator.
 *
 * Control-plane logs record every API call and who made it.
 */
export class EksControlPlaneLogging extends PolicyRule {
  public readonly id = 'AWS-EKS-3';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'EKS clusters log the API server, audit and authenticator';
  public readonly explanation = 'Control-plane logs record every API call and who made it.';
  public readonly fix = 'Set enabled_cluster_log_types to include api, audit and authenticator.';
  public readonly resourceTypes = ['aws_eks_cluster'];
  public readonly checkov = 'CKV_AWS_37';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const types = a.enabled_cluster_log_types;
    if (isRef(types)) return 'compliant';
    return check(['api', 'audit', 'authenticator'].every((t) => asList(types).includes(t)));
  }
}
