import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, isRef, isSet } from '../../private/attrs';

/**
 * IAM policies are attached to roles or groups, not users.
 *
 * Per-user permissions drift and are forgotten when people leave.
 */
export class IamNoUserPolicies extends PolicyRule {
  public readonly id = 'AWS-IAM-4';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'IAM policies are attached to roles or groups, not users';
  public readonly explanation = 'Per-user permissions drift and are forgotten when people leave.';
  public readonly fix = 'Attach the policy to a group or role.';
  public readonly resourceTypes = [
    'aws_iam_user_policy',
    'aws_iam_user_policy_attachment',
    'aws_iam_group_policy_attachment',
    'aws_iam_role_policy_attachment',
    'aws_iam_policy_attachment',
  ];
  public readonly checkov = 'CKV_AWS_40';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (r.type === 'aws_iam_policy_attachment') return check(!isSet(a.users) && !isRef(a.users));
    return check(!r.type.startsWith('aws_iam_user'));
  }
}
