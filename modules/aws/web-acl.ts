import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Wafv2WebAcl, type Wafv2WebAclRule } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { TerraformDataSource, type TerraformProvider, TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { CLOUDWATCH_RETENTION_ALLOWED, isCloudwatchRetention } from './log-retention';
import { CustomerKey } from './private/customer-key';

/**
 * AWS managed rule groups this construct offers, by name.
 *
 * @see https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html
 */
export const WAF_MANAGED_RULE_GROUPS = [
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesAnonymousIpList',
  'AWSManagedRulesSQLiRuleSet',
  'AWSManagedRulesLinuxRuleSet',
  'AWSManagedRulesUnixRuleSet',
  'AWSManagedRulesAdminProtectionRuleSet',
  'AWSManagedRulesBotControlRuleSet',
] as const;
export type WafManagedRuleGroup = (typeof WAF_MANAGED_RULE_GROUPS)[number];

/** Scopes: REGIONAL (ALB, API Gateway REST API; not HTTP APIs) or CLOUDFRONT (created in us-east-1). @see https://docs.aws.amazon.com/waf/latest/APIReference/Welcome.html */
export const WAF_SCOPES = ['REGIONAL', 'CLOUDFRONT'] as const;

/** Defaults of {@link WebAcl}. */
export const WEB_ACL_DEFAULTS = {
  managedRuleGroups: ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList'],
  /** Requests per 5 minutes from one IP before it is blocked. */
  rateLimitPer5Minutes: 2000,
  /** Days the request logs (`aws-waf-logs-<name>`) are kept. */
  logRetentionDays: 365,
  /** Headers never written to the request logs (credentials and sessions). */
  redactedHeaders: ['authorization', 'cookie'],
} as const;

/**
 * Prefix AWS WAF requires of a logging destination's name.
 *
 * @see https://docs.aws.amazon.com/waf/latest/APIReference/API_PutLoggingConfiguration.html
 */
export const WAF_LOG_GROUP_PREFIX = 'aws-waf-logs-';

/** Limits of {@link WebAcl}. @see https://docs.aws.amazon.com/waf/latest/APIReference/API_RateBasedStatement.html */
export const WEB_ACL_LIMITS = {
  rateLimitPer5Minutes: { min: 10, max: 2000000000 },
} as const;

/** Why a managed rule group name is not offered, or `undefined` when it is. */
export function wafRuleGroupProblem(name: string): string | undefined {
  return (WAF_MANAGED_RULE_GROUPS as readonly string[]).includes(name) ? undefined : `is not an AWS managed rule group this project offers; use one of ${WAF_MANAGED_RULE_GROUPS.join(', ')}`;
}

/** Terraform block metadata of a plain nested object (cdktf's HCL renderer needs it to write blocks). */
function hclBlock(value: Record<string, unknown>): Record<string, unknown> {
  const field = (v: unknown): unknown =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? hclBlock(v as Record<string, unknown>) : { value: v, isBlock: false, type: 'simple', storageClassType: typeof v };
  return { value: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, field(v)])), isBlock: true, type: 'list', storageClassType: 'Wafv2WebAclRuleStatementList' };
}

/**
 * `aws_wafv2_web_acl` whose rule statements `cdktf synth --hcl` writes as nested blocks: the binding
 * types `statement` as `any` and would write it as an argument, which Terraform refuses. (The JSON
 * synth needs nothing: JSON has no block/argument distinction.)
 */
class Wafv2WebAclResource extends Wafv2WebAcl {
  protected override synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = super.synthesizeHclAttributes();
    const rules = attrs.rule?.value;
    if (Array.isArray(rules)) {
      for (const rule of rules) if (rule?.statement && !rule.statement.isBlock) rule.statement = hclBlock(rule.statement.value);
    }
    return attrs;
  }
}

/** Props of {@link WebAcl}. */
export interface WebAclProps {
  /** Web ACL name (letters, digits, - and _, at most 128). */
  readonly name: string;
  /** REGIONAL (ALB, API Gateway REST API stage; AWS WAF does not protect HTTP APIs) or CLOUDFRONT (the provider must be in us-east-1). */
  readonly scope: (typeof WAF_SCOPES)[number];
  /** AWS managed rule groups, in priority order. @default - common, known bad inputs, IP reputation */
  readonly managedRuleGroups?: readonly string[];
  /** Requests per 5 minutes from one IP before it is blocked. @default 2000 */
  readonly rateLimitPer5Minutes?: number;
  /** The AWS provider to create it (and its log group and key) with: a us-east-1 one for CLOUDFRONT. @default - the stack's default AWS provider */
  readonly provider?: TerraformProvider;
  /** Log every request to a KMS-encrypted log group `aws-waf-logs-<name>` (authorization and cookie headers redacted). @default true */
  readonly enableLogging?: boolean;
  /** Days the request logs are kept. @default 365 */
  readonly logRetentionDays?: number;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * A WAFv2 web ACL: allows by default, then blocks what the AWS managed rule groups match and IPs
 * above a request rate; every rule sends metrics and samples requests. Requests are logged to a
 * CloudWatch log group `aws-waf-logs-<name>` encrypted with its own customer key (WAF adds the log
 * group's resource policy itself when logging is enabled), with the authorization and cookie headers
 * redacted.
 *
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/wafv2_web_acl
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/wafv2_web_acl_logging_configuration
 * @see https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html
 */
export class WebAcl extends Construct {
  public readonly acl: Wafv2WebAcl;
  public readonly arn: string;
  /** Name of the request log group, when logging is enabled. */
  public readonly logGroupName?: string;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const groups = props.managedRuleGroups ?? WEB_ACL_DEFAULTS.managedRuleGroups;
    const rate = props.rateLimitPer5Minutes ?? WEB_ACL_DEFAULTS.rateLimitPer5Minutes;
    if (!Token.isUnresolved(props.name) && !/^[A-Za-z0-9_-]{1,128}$/.test(props.name)) {
      throw new ValidationError(this, 'name', props.name, 'is not a web ACL name; use 1 to 128 letters, digits, - and _');
    }
    if (!(WAF_SCOPES as readonly string[]).includes(props.scope)) {
      throw new ValidationError(this, 'scope', props.scope, `is not a WAF scope; use ${WAF_SCOPES.join(' or ')}`);
    }
    groups.forEach((g, i) => {
      const problem = wafRuleGroupProblem(g);
      if (problem) throw new ValidationError(this, `managedRuleGroups[${i}]`, g, problem);
      if (groups.indexOf(g) !== i) throw new ValidationError(this, `managedRuleGroups[${i}]`, g, 'is listed twice; list each group once');
    });
    const { min, max } = WEB_ACL_LIMITS.rateLimitPer5Minutes;
    if (!Number.isInteger(rate) || rate < min || rate > max) {
      throw new ValidationError(this, 'rateLimitPer5Minutes', rate, `is not allowed; use ${min} to ${max} requests per 5 minutes`);
    }
    const logRetentionDays = props.logRetentionDays ?? WEB_ACL_DEFAULTS.logRetentionDays;
    if (!isCloudwatchRetention(logRetentionDays)) {
      throw new ValidationError(this, 'logRetentionDays', logRetentionDays, `is not allowed; ${CLOUDWATCH_RETENTION_ALLOWED}`);
    }
    const visibility = (metric: string) => ({ cloudwatchMetricsEnabled: true, metricName: metric, sampledRequestsEnabled: true });
    // `statement` is untyped in the binding: written as Terraform JSON (snake_case).
    const rules: Wafv2WebAclRule[] = [
      ...groups.map((g, i) => ({
        name: g,
        priority: i + 1,
        overrideAction: { none: {} },
        statement: { managed_rule_group_statement: { name: g, vendor_name: 'AWS' } },
        visibilityConfig: visibility(`${props.name}-${g}`),
      })),
      {
        name: 'rate-limit-per-ip',
        priority: groups.length + 1,
        action: { block: {} },
        statement: { rate_based_statement: { limit: rate, aggregate_key_type: 'IP' } },
        visibilityConfig: visibility(`${props.name}-rate-limit`),
      },
    ];
    this.acl = new Wafv2WebAclResource(this, 'acl', {
      name: props.name,
      scope: props.scope,
      description: `Managed rule groups and a per-IP rate limit for ${props.name}`,
      defaultAction: { allow: {} },
      rule: rules,
      visibilityConfig: visibility(props.name),
      tags: props.tags ?? {},
    });
    this.arn = this.acl.arn;

    if (props.enableLogging ?? true) {
      const logGroupName = `${WAF_LOG_GROUP_PREFIX}${props.name}`;
      const key = new CustomerKey(this, 'log-key', { description: `Encrypts the request logs of web ACL ${props.name}`, alias: `waf/${props.name}`, logGroupNames: [logGroupName], tags: props.tags });
      const logGroup = new CloudwatchLogGroup(this, 'log-group', { name: logGroupName, retentionInDays: logRetentionDays, kmsKeyId: key.arn, tags: props.tags ?? {} });
      this.logGroupName = logGroup.name;
      new Wafv2WebAclLoggingConfiguration(this, 'logging', {
        resourceArn: this.acl.arn,
        // The log group's ARN without the `:*` suffix, as WAF expects.
        logDestinationConfigs: [logGroup.arn],
        redactedFields: WEB_ACL_DEFAULTS.redactedHeaders.map((name) => ({ singleHeader: { name } })),
      });
    }
    // Everything here (the key and its data sources too) lives where the ACL does: us-east-1 for CLOUDFRONT.
    if (props.provider) {
      for (const c of this.node.findAll()) if (c instanceof TerraformResource || c instanceof TerraformDataSource) c.provider = props.provider;
    }
  }
}
