import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeSet } from '../../private/attrs';

/**
 * API Gateway HTTP stages set throttling limits.
 *
 * Without limits one client can exhaust the account quota and the back end.
 */
export class ApiStageThrottled extends PolicyRule {
  public readonly id = 'AWS-APIGW-2';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'API Gateway HTTP stages set throttling limits';
  public readonly explanation = 'Without limits one client can exhaust the account quota and the back end.';
  public readonly fix = 'Set default_route_settings { throttling_rate_limit, throttling_burst_limit }.';
  public readonly resourceTypes = ['aws_apigatewayv2_stage'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(get(a, 'default_route_settings.throttling_rate_limit'));
  }
}
