import type { IConstruct } from 'constructs';
import { ValidationError } from '../core/validation-error';

/**
 * An environment-wide suppression, from config: one rule, optionally for some resources only.
 *
 * @example
 * { rule: 'AWS-RDS-3', reason: 'dev runs one instance to save cost' }
 * { rule: 'AWS-LOG-2', resource: 'aws-database/*', reason: 'dev keeps logs 30 days' }
 */
export interface PolicySuppression {
  /** The rule id, e.g. `AWS-RDS-3`. */
  readonly rule: string;
  /**
   * Construct path of the resource (or of a construct above it), absolute
   * (`dev-aws-database/postgres`) or inside its stack (`postgres/instance`); a trailing `*`
   * matches every path starting with what precedes it.
   * @default - every resource of the stacks the suppression is given for
   */
  readonly resource?: string;
  /** Why the breach is accepted; required, printed in the report. */
  readonly reason: string;
}

/** A suppression that matched a finding, as recorded in the report. */
export interface AppliedSuppression {
  /** The reason given. */
  readonly reason: string;
  /** Where it came from: `code` (`suppress()` on a construct) or `environment`. */
  readonly source: 'code' | 'environment';
}

const RULE_ID = /^[A-Z0-9]+(-[A-Z0-9]+)+$/;
const inCode = new WeakMap<IConstruct, Map<string, string>>();

/** Throws a ValidationError unless the rule id is well formed and the reason is not blank. */
export function checkSuppression(where: IConstruct | string, prop: string, s: PolicySuppression): void {
  if (typeof s.rule !== 'string' || !RULE_ID.test(s.rule)) {
    throw new ValidationError(
      where,
      `${prop}.rule`,
      s.rule,
      'is not a policy rule id; use an id such as "AWS-RDS-3" (see docs/policy.md)'
    );
  }
  if (typeof s.reason !== 'string' || s.reason.trim() === '') {
    throw new ValidationError(where, `${prop}.reason`, s.reason, `is required: say why ${s.rule} is accepted here`);
  }
  if (s.resource !== undefined && (typeof s.resource !== 'string' || s.resource.trim() === '')) {
    throw new ValidationError(
      where,
      `${prop}.resource`,
      s.resource,
      'must be a construct path, optionally ending in *'
    );
  }
}

/**
 * Suppresses a rule for a construct and everything under it, with the reason (required) that
 * the report prints. Call it next to the construct that needs it.
 *
 * @example suppress(this.instance, 'AWS-RDS-3', 'single-AZ in dev: the environment is rebuilt nightly');
 */
export function suppress(scope: IConstruct, rule: string, reason: string): void {
  checkSuppression(scope, 'suppress', { rule, reason });
  const here = inCode.get(scope) ?? new Map<string, string>();
  here.set(rule, reason.trim());
  inCode.set(scope, here);
  scope.node.addMetadata('policy-suppression', { rule, reason: reason.trim() });
}

/** The nearest in-code suppression of a rule on the construct or one of its scopes. */
export function findSuppression(node: IConstruct, rule: string): AppliedSuppression | undefined {
  const scopes = node.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const reason = inCode.get(scopes[i] as IConstruct)?.get(rule);
    if (reason !== undefined) return { reason, source: 'code' };
  }
  return undefined;
}

/** Whether a suppression's `resource` pattern matches a construct path (absolute or inside its stack). */
export function matchesResource(pattern: string | undefined, path: string, stack: string): boolean {
  if (pattern === undefined) return true;
  const inStack = path.startsWith(`${stack}/`) ? path.slice(stack.length + 1) : path;
  const matches = (candidate: string): boolean => {
    if (pattern.endsWith('*')) return candidate.startsWith(pattern.slice(0, -1));
    return candidate === pattern || candidate.startsWith(`${pattern}/`);
  };
  return matches(path) || matches(inStack);
}
