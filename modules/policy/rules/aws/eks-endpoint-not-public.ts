import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, get, isRef, isSet, isWorld } from '../../private/attrs';

/**
 * EKS API endpoints are private or limited to known CIDRs.
 *
 * A public Kubernetes API open to 0.0.0.0/0 is scanned and attacked constantly.
 */
export class EksEndpointNotPublic extends PolicyRule {
  public readonly id = 'AWS-EKS-1';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'EKS API endpoints are private or limited to known CIDRs';
  public readonly explanation = 'A public Kubernetes API open to 0.0.0.0/0 is scanned and attacked constantly.';
  public readonly fix = 'Set vpc_config { endpoint_public_access = false } or public_access_cidrs to known ranges.';
  public readonly resourceTypes = ['aws_eks_cluster'];
  public readonly checkov = 'CKV_AWS_39';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const pub = get(a, 'vpc_config.endpoint_public_access');
    if (pub === false || isRef(pub)) return 'compliant';
    const cidrs = get(a, 'vpc_config.public_access_cidrs');
    return check(isRef(cidrs) || (isSet(cidrs) && !isWorld(cidrs)));
  }
}
