import { Wafv2WebAcl, type Wafv2WebAclRule } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { type TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';

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

/** Scopes: REGIONAL (ALB, API Gateway) or CLOUDFRONT (created in us-east-1). */
export const WAF_SCOPES = ['REGIONAL', 'CLOUDFRONT'] as const;

/** Defaults of {@link WebAcl}. */
export const WEB_ACL_DEFAULTS = {
  managedRuleGroups: ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList'],
  /** Requests per 5 minutes from one IP before it is blocked. */
  rateLimitPer5Minutes: 2000,
} as const;

/** Limits of {@link WebAcl}. @see https://docs.aws.amazon.com/waf/latest/APIReference/API_RateBasedStatement.html */
export const WEB_ACL_LIMITS = {
  rateLimitPer5Minutes: { min: 10, max: 2000000000 },
} as const;

/** Why a managed rule group name is not offered, or `undefined` when it is. */
export function wafRuleGroupProblem(name: string): string | undefined {
  return (WAF_MANAGED_RULE_GROUPS as readonly string[]).includes(name) ? undefined : `is not an AWS managed rule group this project offers; use one of ${WAF_MANAGED_RULE_GROUPS.join(', ')}`;
}

/** Props of {@link WebAcl}. */
export interface WebAclProps {
  /** Web ACL name (letters, digits, - and _, at most 128). */
  readonly name: string;
  /** REGIONAL (ALB, API Gateway stage) or CLOUDFRONT (the provider must be in us-east-1). */
  readonly scope: (typeof WAF_SCOPES)[number];
  /** AWS managed rule groups, in priority order. @default - common, known bad inputs, IP reputation */
  readonly managedRuleGroups?: readonly string[];
  /** Requests per 5 minutes from one IP before it is blocked. @default 2000 */
  readonly rateLimitPer5Minutes?: number;
  /** The AWS provider to create it with (a us-east-1 one for CLOUDFRONT). @default - the stack's default AWS provider */
  readonly provider?: TerraformProvider;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * A WAFv2 web ACL: allows by default, then blocks what the AWS managed rule groups match and IPs
 * above a request rate; every rule sends metrics and samples requests.
 *
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/wafv2_web_acl
 */
export class WebAcl extends Construct {
  public readonly acl: Wafv2WebAcl;
  public readonly arn: string;

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
    this.acl = new Wafv2WebAcl(this, 'acl', {
      provider: props.provider,
      name: props.name,
      scope: props.scope,
      description: `Managed rule groups and a per-IP rate limit for ${props.name}`,
      defaultAction: { allow: {} },
      rule: rules,
      visibilityConfig: visibility(props.name),
      tags: props.tags ?? {},
    });
    this.arn = this.acl.arn;
  }
}
