import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, isRef, isSet, mustBeSet } from '../../private/attrs';

/**
 * Lambda environment variables are encrypted with a customer KMS key.
 *
 * Environment variables are readable by anyone who can read the function configuration unless encrypted with a key they cannot use.
 */
export class LambdaEnvironmentCustomerKey extends PolicyRule {
  public readonly id = 'AWS-LAMBDA-3';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Lambda environment variables are encrypted with a customer KMS key';
  public readonly explanation =
    'Environment variables are readable by anyone who can read the function configuration unless encrypted with a key they cannot use.';
  public readonly fix = 'Set kms_key_arn when the function has environment variables.';
  public readonly resourceTypes = ['aws_lambda_function'];
  public readonly checkov = 'CKV_AWS_173';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (!isSet(get(a, 'environment.variables')) && !isRef(get(a, 'environment.variables'))) return 'not-applicable';
    return mustBeSet(a.kms_key_arn);
  }
}
