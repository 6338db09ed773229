import { XrayGroup } from '@cdktf/provider-aws/lib/xray-group';
import { XraySamplingRule } from '@cdktf/provider-aws/lib/xray-sampling-rule';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';

/** Limits of sampling rules and groups. @see https://docs.aws.amazon.com/xray/latest/api/API_SamplingRule.html */
export const XRAY_LIMITS = {
  priority: [1, 9999],
  ruleNameLength: 32,
  groupNameLength: 32,
} as const;

/** Defaults of a sampling rule: match every request of the environment's services. */
export const XRAY_RULE_DEFAULTS = { serviceName: '*', serviceType: '*', host: '*', httpMethod: '*', urlPath: '*', reservoirSize: 1 } as const;

/** One sampling rule. */
export interface XraySamplingRuleSpec {
  /** Lower is evaluated first (1-9999). */
  readonly priority: number;
  /** Share of the requests traced beyond the reservoir (0-1). */
  readonly fixedRate: number;
  /** Requests per second traced before the fixed rate applies. @default 1 */
  readonly reservoirSize?: number;
  /** Service name pattern. @default "*" */
  readonly serviceName?: string;
  /** URL path pattern. @default "*" */
  readonly urlPath?: string;
  /** HTTP method pattern. @default "*" */
  readonly httpMethod?: string;
}

/** Props of {@link XrayTracing}. */
export interface XrayTracingProps {
  /** Prefix of every rule and group name (the environment), so environments sharing an account do not collide. */
  readonly namePrefix: string;
  /** Sampling rules keyed by name (`<prefix>-<name>`). @default - none */
  readonly samplingRules?: Record<string, XraySamplingRuleSpec>;
  /** Groups keyed by name (`<prefix>-<name>`), each a filter expression (e.g. `fault = true OR error = true`). @default - none */
  readonly groups?: Record<string, string>;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/** X-Ray sampling rules and groups (with Insights) of an environment. */
export class XrayTracing extends Construct {
  constructor(scope: Construct, id: string, props: XrayTracingProps) {
    super(scope, id);
    for (const [name, rule] of Object.entries(props.samplingRules ?? {})) {
      const ruleName = `${props.namePrefix}-${name}`;
      if (ruleName.length > XRAY_LIMITS.ruleNameLength) {
        throw new ValidationError(this, `samplingRules.${name}`, ruleName, `makes a rule name ${ruleName.length} characters long; X-Ray allows ${XRAY_LIMITS.ruleNameLength}, use a shorter name`);
      }
      const [minP, maxP] = XRAY_LIMITS.priority;
      if (!Token.isUnresolved(rule.priority) && (!Number.isInteger(rule.priority) || rule.priority < minP || rule.priority > maxP)) {
        throw new ValidationError(this, `samplingRules.${name}.priority`, rule.priority, `is not allowed; use ${minP} to ${maxP}`);
      }
      if (!Token.isUnresolved(rule.fixedRate) && !(rule.fixedRate >= 0 && rule.fixedRate <= 1)) {
        throw new ValidationError(this, `samplingRules.${name}.fixedRate`, rule.fixedRate, 'is not a share; use 0 to 1 (e.g. 0.05 for 5 %)');
      }
      new XraySamplingRule(this, `rule-${name}`, {
        ruleName,
        priority: rule.priority,
        fixedRate: rule.fixedRate,
        reservoirSize: rule.reservoirSize ?? XRAY_RULE_DEFAULTS.reservoirSize,
        serviceName: rule.serviceName ?? XRAY_RULE_DEFAULTS.serviceName,
        serviceType: XRAY_RULE_DEFAULTS.serviceType,
        host: XRAY_RULE_DEFAULTS.host,
        httpMethod: rule.httpMethod ?? XRAY_RULE_DEFAULTS.httpMethod,
        urlPath: rule.urlPath ?? XRAY_RULE_DEFAULTS.urlPath,
        resourceArn: '*',
        version: 1,
        tags: props.tags,
      });
    }
    for (const [name, filterExpression] of Object.entries(props.groups ?? {})) {
      const groupName = `${props.namePrefix}-${name}`;
      if (groupName.length > XRAY_LIMITS.groupNameLength) {
        throw new ValidationError(this, `groups.${name}`, groupName, `makes a group name ${groupName.length} characters long; X-Ray allows ${XRAY_LIMITS.groupNameLength}, use a shorter name`);
      }
      if (!Token.isUnresolved(filterExpression) && filterExpression.trim() === '') {
        throw new ValidationError(this, `groups.${name}`, filterExpression, 'is empty; give a filter expression, e.g. "fault = true OR error = true"');
      }
      new XrayGroup(this, `group-${name}`, { groupName, filterExpression, insightsConfiguration: { insightsEnabled: true }, tags: props.tags });
    }
  }
}
