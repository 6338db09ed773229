import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeSet } from '../../private/attrs';

/**
 * Asynchronously invoked Lambda functions have a dead-letter target.
 *
 * Failed asynchronous events are dropped after retries unless sent to a DLQ or destination.
 */
export class LambdaDeadLetterQueue extends PolicyRule {
  public readonly id = 'AWS-LAMBDA-4';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Asynchronously invoked Lambda functions have a dead-letter target';
  public readonly explanation =
    'Failed asynchronous events are dropped after retries unless sent to a DLQ or destination.';
  public readonly fix =
    'Set dead_letter_config { target_arn } (or an aws_lambda_function_event_invoke_config destination).';
  public readonly resourceTypes = ['aws_lambda_function'];
  public readonly checkov = 'CKV_AWS_116';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(get(a, 'dead_letter_config.target_arn'));
  }
}
