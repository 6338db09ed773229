import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { asList, check, jsonDocument } from '../../private/attrs';

/** The statements of an IAM policy document. */
function statements(doc: unknown): Array<Record<string, unknown>> {
  const s = (doc as { Statement?: unknown } | null)?.Statement;
  return (Array.isArray(s) ? s : s ? [s] : []).filter(
    (x): x is Record<string, unknown> => typeof x === 'object' && x !== null
  );
}

/**
 * IAM policies do not grant "*" on "*".
 *
 * Full administrator rights in a workload policy turn any compromise into an account takeover.
 */
export class IamPolicyNoAdmin extends PolicyRule {
  public readonly id = 'AWS-IAM-1';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'IAM policies do not grant "*" on "*"';
  public readonly explanation =
    'Full administrator rights in a workload policy turn any compromise into an account takeover.';
  public readonly fix = 'Name the actions and resources the principal needs.';
  public readonly resourceTypes = [
    'aws_iam_policy',
    'aws_iam_role_policy',
    'aws_iam_user_policy',
    'aws_iam_group_policy',
  ];
  public readonly checkov = 'CKV_AWS_62';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const doc = jsonDocument(a.policy);
    if (doc === undefined) return 'not-applicable';
    return check(
      !statements(doc).some(
        (s) => s.Effect !== 'Deny' && asList(s.Action).includes('*') && asList(s.Resource).includes('*')
      )
    );
  }
}
