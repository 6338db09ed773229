import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, isRef } from '../../private/attrs';

/**
 * API Gateway routes have an authorizer.
 *
 * A route with authorization NONE is public.
 */
export class ApiRouteAuthorized extends PolicyRule {
  public readonly id = 'AWS-APIGW-3';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'API Gateway routes have an authorizer';
  public readonly explanation = 'A route with authorization NONE is public.';
  public readonly fix = 'Set authorization_type (JWT, AWS_IAM or CUSTOM) on the route.';
  public readonly resourceTypes = ['aws_apigatewayv2_route'];
  public readonly checkov = 'CKV_AWS_309';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return check(
      isRef(a.authorization_type) || (a.authorization_type !== undefined && a.authorization_type !== 'NONE')
    );
  }
}
