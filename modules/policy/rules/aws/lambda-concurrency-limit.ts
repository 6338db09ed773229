import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, isRef } from '../../private/attrs';

/**
 * Lambda functions have reserved concurrency.
 *
 * Without a limit, one function can use the whole account concurrency and starve the others (or a database).
 */
export class LambdaConcurrencyLimit extends PolicyRule {
  public readonly id = 'AWS-LAMBDA-5';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Lambda functions have reserved concurrency';
  public readonly explanation =
    'Without a limit, one function can use the whole account concurrency and starve the others (or a database).';
  public readonly fix = 'Set reserved_concurrent_executions.';
  public readonly resourceTypes = ['aws_lambda_function'];
  public readonly checkov = 'CKV_AWS_115';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const v = a.reserved_concurrent_executions;
    return check(isRef(v) || (typeof v === 'number' && v >= 0));
  }
}
