import { App, TerraformResource, TerraformStack, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import type { PolicyRule, RuleResult } from '../../../modules/policy/rule';
import { policyResourceOf } from '../../../modules/policy/rule';
import { ALL_RULES } from '../../../modules/policy/rules';

/**
 * One rule's fixture: builds real provider resources in a fresh stack, compliant or not, and
 * returns the resource the rule must judge.
 */
export interface RuleFixture {
  /** Rule id, e.g. `AWS-RDS-1`. */
  readonly rule: string;
  /** Builds the compliant (`ok`) or non-compliant variant. */
  readonly build: (scope: Construct, ok: boolean) => TerraformResource;
}

/** The rule with an id (throws when unknown, so a fixture with a typo fails). */
export function ruleById(id: string): PolicyRule {
  const rule = ALL_RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
}

/** Builds a fixture variant in a fresh stack and evaluates its rule on the returned resource. */
export function evaluateFixture(fixture: RuleFixture, ok: boolean): RuleResult {
  const app: App = Testing.app();
  const stack = new TerraformStack(app, 'test-policy');
  const resource = fixture.build(stack, ok);
  const rule = ruleById(fixture.rule);
  if (!rule.resourceTypes.includes(resource.terraformResourceType)) {
    throw new Error(`${fixture.rule} does not apply to ${resource.terraformResourceType}`);
  }
  return rule.evaluate(policyResourceOf(resource));
}

/**
 * Registers, per fixture, a compliant and a non-compliant test, plus (given an id prefix) a test
 * that every rule of the prefix has a fixture.
 */
export function describeRuleFixtures(prefix: string | undefined, fixtures: readonly RuleFixture[]): void {
  if (prefix !== undefined) {
    it(`has a fixture for every ${prefix} rule`, () => {
      const covered = new Set(fixtures.map((f) => f.rule));
      const missing = ALL_RULES.filter((r) => r.id.startsWith(prefix) && !covered.has(r.id)).map((r) => r.id);
      expect(missing).toEqual([]);
    });
  }
  describe.each(fixtures.map((f) => [f.rule, f] as const))('%s', (_id, fixture) => {
    it('passes the compliant fixture', () => {
      expect(evaluateFixture(fixture, true)).toBe('compliant');
    });
    it('flags the non-compliant fixture', () => {
      expect(evaluateFixture(fixture, false)).toBe('non-compliant');
    });
  });
}
