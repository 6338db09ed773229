import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { TerraformStack, Testing } from 'cdktf';
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

describe('WebAcl logging', () => {
  it('logs requests to a KMS-encrypted aws-waf-logs-<name> group kept 365 days, with credentials redacted', () => {
    const json = synth({ scope: 'REGIONAL' });
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, { name: 'aws-waf-logs-test-edge', retention_in_days: 365, kms_key_id: expect.stringContaining('aws_kms_key.waf_log-key_') });
    expect(json).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
    expect(json).toHaveResourceWithProperties(Wafv2WebAclLoggingConfiguration, {
      resource_arn: expect.stringContaining('aws_wafv2_web_acl.waf_acl_'),
      log_destination_configs: [expect.stringContaining('aws_cloudwatch_log_group.waf_log-group_')],
      redacted_fields: [{ single_header: { name: 'authorization' } }, { single_header: { name: 'cookie' } }],
    });
  });

  it('lets CloudWatch Logs use the key only for that log group', () => {
    const docs = JSON.parse(synth()).data.aws_iam_policy_document;
    const logs = Object.values<any>(docs).flatMap((d) => d.statement).find((s) => s.sid === 'AllowCloudWatchLogsForTheseLogGroups');
    expect(logs.condition[0].values[0]).toMatch(/:log-group:aws-waf-logs-test-edge$/);
  });

  it('logs nothing when logging is off, and takes a retention CloudWatch accepts', () => {
    const json = synth({ enableLogging: false });
    expect(json).not.toHaveResource(CloudwatchLogGroup);
    expect(json).not.toHaveResource(Wafv2WebAclLoggingConfiguration);
    expect(() => synth({ logRetentionDays: 42 })).toThrow(/prop logRetentionDays 42 is not allowed; use one of 1, 3, 5/);
  });

  it('creates the ACL, its log group, key and their data sources with the given provider', () => {
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        const east = new AwsProvider(scope, 'east', { alias: 'us_east_1', region: 'us-east-1' });
        new WebAcl(scope, 'waf', { ...BASE, provider: east });
      }),
    );
    for (const type of ['aws_wafv2_web_acl', 'aws_cloudwatch_log_group', 'aws_kms_key', 'aws_kms_alias', 'aws_wafv2_web_acl_logging_configuration']) {
      for (const r of Object.values<any>(json.resource[type])) expect(r.provider).toBe('aws.us_east_1');
    }
    for (const type of ['aws_region', 'aws_caller_identity', 'aws_iam_policy_document']) {
      for (const d of Object.values<any>(json.data[type])) expect(d.provider).toBe('aws.us_east_1');
    }
  });
});

describe('WebAcl as HCL', () => {
  it('writes rule statements as nested blocks (the binding types them as any), which Terraform requires', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'hcl');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new WebAcl(stack, 'waf', { ...BASE, scope: 'REGIONAL' });
    const hcl = Testing.synthHcl(stack);
    expect(hcl).toMatch(/statement \{\s*managed_rule_group_statement \{\s*name = "AWSManagedRulesCommonRuleSet"\s*vendor_name = "AWS"\s*\}\s*\}/);
    expect(hcl).toMatch(/statement \{\s*rate_based_statement \{\s*limit = 2000\s*aggregate_key_type = "IP"\s*\}\s*\}/);
    expect(hcl).not.toMatch(/statement = \{/);
  });
});
