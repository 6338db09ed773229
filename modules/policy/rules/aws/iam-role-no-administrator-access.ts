import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check } from '../../private/attrs';

/**
 * Roles do not carry the AdministratorAccess managed policy.
 *
 * Workload roles need named permissions, never full administrator rights.
 */
export class IamRoleNoAdministratorAccess extends PolicyRule {
  public readonly id = 'AWS-IAM-5';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Roles do not carry the AdministratorAccess managed policy';
  public readonly explanation = 'Workload roles need named permissions, never full administrator rights.';
  public readonly fix =
    'Attach a policy with the needed actions instead of arn:aws:iam::aws:policy/AdministratorAccess.';
  public readonly resourceTypes = [
    'aws_iam_role_policy_attachment',
    'aws_iam_policy_attachment',
    'aws_iam_group_policy_attachment',
    'aws_iam_user_policy_attachment',
  ];
  public readonly checkov = 'CKV_AWS_274';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return check(!String(a.policy_arn).endsWith(':policy/AdministratorAccess'));
  }
}
