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
 * IAM policies do not allow every action of a service ("s3:*").
 *
 * Service-wide wildcards include destructive and permission-changing actions.
 */
export class IamPolicyNoWildcardActions extends PolicyRule {
  public readonly id = 'AWS-IAM-2';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'IAM policies do not allow every action of a service ("s3:*")';
  public readonly explanation = 'Service-wide wildcards include destructive and permission-changing actions.';
  public readonly fix = 'List the actions the principal needs.';
  public readonly resourceTypes = [
    'aws_iam_policy',
    'aws_iam_role_policy',
    'aws_iam_user_policy',
    'aws_iam_group_policy',
  ];
  public readonly checkov = 'CKV_AWS_63';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const doc = jsonDocument(a.policy);
    if (doc === undefined) return 'not-applicable';
    return check(
      !statements(doc).some(
        (s) =>
          s.Effect !== 'Deny' && asList(s.Action).some((x) => typeof x === 'string' && (x === '*' || x.endsWith(':*')))
      )
    );
  }
}
