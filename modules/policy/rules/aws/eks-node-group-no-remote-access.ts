import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { blocks, check } from '../../private/attrs';

/**
 * EKS node groups do not open SSH.
 *
 * Nodes should be reached with SSM, not SSH from a security group.
 */
export class EksNodeGroupNoRemoteAccess extends PolicyRule {
  public readonly id = 'AWS-EKS-5';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'EKS node groups do not open SSH';
  public readonly explanation = 'Nodes should be reached with SSM, not SSH from a security group.';
  public readonly fix = 'Remove remote_access from the node group.';
  public readonly resourceTypes = ['aws_eks_node_group'];
  public readonly checkov = 'CKV_AWS_100';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return check(blocks(a.remote_access).length === 0);
  }
}
