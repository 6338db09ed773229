import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeOneOf } from '../../private/attrs';

/**
 * Lambda functions have X-Ray tracing active.
 *
 * Traces show where a request spent its time across services.
 */
export class LambdaTracing extends PolicyRule {
  public readonly id = 'AWS-LAMBDA-2';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Lambda functions have X-Ray tracing active';
  public readonly explanation = 'Traces show where a request spent its time across services.';
  public readonly fix = 'Set tracing_config { mode = "Active" }.';
  public readonly resourceTypes = ['aws_lambda_function'];
  public readonly checkov = 'CKV_AWS_50';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeOneOf(get(a, 'tracing_config.mode'), ['Active']);
  }
}
