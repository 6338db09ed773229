import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeOneOf } from '../../private/attrs';

/**
 * Lambda function URLs require IAM authentication.
 *
 * A function URL with authorization NONE is a public endpoint.
 */
export class LambdaUrlAuthenticated extends PolicyRule {
  public readonly id = 'AWS-LAMBDA-7';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Lambda function URLs require IAM authentication';
  public readonly explanation = 'A function URL with authorization NONE is a public endpoint.';
  public readonly fix = 'Set authorization_type = "AWS_IAM" or put the function behind API Gateway.';
  public readonly resourceTypes = ['aws_lambda_function_url'];
  public readonly checkov = 'CKV_AWS_258';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeOneOf(a.authorization_type, ['AWS_IAM']);
  }
}
