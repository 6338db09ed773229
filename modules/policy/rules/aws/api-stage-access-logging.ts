import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeSet } from '../../private/attrs';

/**
 * API Gateway stages write access logs.
 *
 * Access logs are the record of who called the API.
 */
export class ApiStageAccessLogging extends PolicyRule {
  public readonly id = 'AWS-APIGW-1';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'API Gateway stages write access logs';
  public readonly explanation = 'Access logs are the record of who called the API.';
  public readonly fix = 'Set access_log_settings { destination_arn, format }.';
  public readonly resourceTypes = ['aws_apigatewayv2_stage', 'aws_api_gateway_stage'];
  public readonly checkov = 'CKV_AWS_76';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(get(a, 'access_log_settings.destination_arn'));
  }
}
