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
 * IAM roles cannot be assumed by any principal.
 *
 * A trust policy with Principal "*" (without conditions) lets any AWS account assume the role.
 */
export class IamRoleTrustNotOpen extends PolicyRule {
  public readonly id = 'AWS-IAM-3';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'IAM roles cannot be assumed by any principal';
  public readonly explanation =
    'A trust policy with Principal "*" (without conditions) lets any AWS account assume the role.';
  public readonly fix = 'Name the service or account principals in assume_role_policy.';
  public readonly resourceTypes = ['aws_iam_role'];
  public readonly checkov = 'CKV_AWS_60';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const doc = jsonDocument(a.assume_role_policy);
    if (doc === undefined) return 'not-applicable';
    return check(
      !statements(doc).some(
        (s) =>
          s.Effect !== 'Deny' &&
          s.Condition === undefined &&
          (s.Principal === '*' || asList((s.Principal as Record<string, unknown> | undefined)?.AWS).includes('*'))
      )
    );
  }
}
