import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Testing } from 'cdktf';
import { WebAcl, type WebAclProps } from '../../../modules/aws/web-acl';
import { ValidationError } from '../../../modules/core/validation-error';

const BASE: WebAclProps = { name: 'test-edge', scope: 'CLOUDFRONT' };

function synth(props: Partial<WebAclProps> = {}): string {
  return Testing.synthScope((scope) => new WebAcl(scope, 'waf', { ...BASE, ...props }));
}

function acl(json: string): any {
  return Object.values(JSON.parse(json).resource.aws_wafv2_web_acl)[0];
}

describe('WebAcl', () => {
  const json = synth();

  it('runs the common, known-bad-inputs and IP-reputation AWS managed groups by default, then a per-IP rate limit', () => {
    const rules = acl(json).rule;
    expect(rules.map((r: any) => [r.priority, r.name])).toEqual([
      [1, 'AWSManagedRulesCommonRuleSet'],
      [2, 'AWSManagedRulesKnownBadInputsRuleSet'],
      [3, 'AWSManagedRulesAmazonIpReputationList'],
      [4, 'rate-limit-per-ip'],
    ]);
    expect(rules[0].statement).toEqual({ managed_rule_group_statement: { name: 'AWSManagedRulesCommonRuleSet', vendor_name: 'AWS' } });
    expect(rules[3]).toMatchObject({ action: { block: {} }, statement: { rate_based_statement: { limit: 2000, aggregate_key_type: 'IP' } } });
  });

  it('records metrics and samples for the ACL and every rule', () => {
    expect(json).toHaveResourceWithProperties(Wafv2WebAcl, { scope: 'CLOUDFRONT', visibility_config: { cloudwatch_metrics_enabled: true, sampled_requests_enabled: true, metric_name: 'test-edge' } });
    for (const r of acl(json).rule) expect(r.visibility_config).toMatchObject({ cloudwatch_metrics_enabled: true, sampled_requests_enabled: true });
  });

  it.each([
    [{ managedRuleGroups: ['AWSManagedRulesMadeUp'] }, /managedRuleGroups\[0\] "AWSManagedRulesMadeUp" is not an AWS managed rule group this project offers; use one of AWSManagedRulesCommonRuleSet, AWSManagedRulesKnownBadInputsRuleSet/],
    [{ managedRuleGroups: ['AWSManagedRulesSQLiRuleSet', 'AWSManagedRulesSQLiRuleSet'] }, /managedRuleGroups\[1\] "AWSManagedRulesSQLiRuleSet" is listed twice/],
    [{ rateLimitPer5Minutes: 5 }, /rateLimitPer5Minutes 5 is not allowed; use 10 to 2000000000/],
    [{ scope: 'GLOBAL' as any }, /scope "GLOBAL" is not a WAF scope; use REGIONAL or CLOUDFRONT/],
  ])('rejects %j', (props, pattern) => {
    expect(() => synth(props as Partial<WebAclProps>)).toThrow(ValidationError);
    expect(() => synth(props as Partial<WebAclProps>)).toThrow(pattern);
  });
});
