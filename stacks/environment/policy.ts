import { z } from 'zod';
import type { ConfigProblem } from '../../modules/core/config/errors';
import { didYouMean } from '../../modules/core/config/suggest';
import { defineSection } from '../../modules/core/config/section';
import { ALL_RULES } from '../../modules/policy/rules';

/** Every rule id of the policy pack (docs/policy.md). */
const RULE_IDS = ALL_RULES.map((r) => r.id);

const SuppressionSchema = z.strictObject({
  /** Rule id of the policy pack, e.g. `AWS-RDS-3` (docs/policy.md lists them). */
  rule: z.string().superRefine((id, ctx) => {
    if (!RULE_IDS.includes(id)) {
      ctx.addIssue({
        code: 'custom',
        input: id,
        message: `is not a rule of the policy pack${didYouMean(id, RULE_IDS)}; use a rule id from docs/policy.md, e.g. "AWS-RDS-3"`,
      });
    }
  }),
  /**
   * Construct path of the resource (or a construct above it), inside its stack (`postgres/primary`)
   * or absolute (`dev-aws-database/postgres`); a trailing `*` matches every path starting with
   * what precedes it. @default - every resource of the environment's stacks
   */
  resource: z.string().min(1).optional(),
  /** Why the finding is accepted here: required, printed in the report and in synth's summary. */
  reason: z
    .string()
    .trim()
    .min(10, { message: 'is too short a reason; say why this environment accepts the finding (at least 10 characters)' }),
});

/**
 * `policy`: environment-wide exceptions to the policy pack (`dev` without deletion protection...),
 * each with its reason. Exceptions that belong to one construct are made in code, next to it,
 * with `suppress(scope, rule, reason)`.
 */
export const policySection = defineSection({
  path: 'policy',
  optional: true,
  schema: z.strictObject({
    /** Findings this environment accepts, each with its reason. @default [] */
    suppressions: z.array(SuppressionSchema).default([]),
  }),
  check: (policy, _env, report) => {
    const seen = new Map<string, number>();
    policy.suppressions.forEach((s, i) => {
      const key = `${s.rule} ${s.resource ?? '*'}`;
      const first = seen.get(key);
      if (first !== undefined) {
        report(
          ['policy', 'suppressions', i],
          { rule: s.rule, resource: s.resource },
          `suppresses the same rule and resource as policy.suppressions[${first}]; give each rule and resource once (one reason)`,
        );
      } else {
        seen.set(key, i);
      }
    });
  },
});

/**
 * Environment suppressions that matched no finding: a typo in the resource path, or an exception
 * that is no longer needed. Each is a config problem naming the entry (a stale suppression
 * would silently accept the next breach it happens to match).
 */
export function unusedSuppressionProblems(
  unused: readonly { readonly scope: string; readonly rule: string; readonly resource?: string; readonly reason: string }[],
  envs: readonly { readonly file: string; readonly config: { readonly name: string; section: (s: typeof policySection) => { suppressions: readonly { rule: string; resource?: string | undefined; reason: string }[] } } }[],
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const u of unused) {
    const env = envs.find((e) => e.config.name === u.scope);
    if (!env) continue;
    const i = env.config.section(policySection).suppressions.findIndex((s) => s.rule === u.rule && s.resource === u.resource && s.reason === u.reason);
    problems.push({
      file: env.file,
      path: `policy.suppressions[${i}]`,
      message: `(${u.rule}${u.resource ? ` on ${u.resource}` : ''}) matches no finding of the policy pack; fix the resource path (a construct path inside the stack, e.g. "postgres/primary") or remove the entry`,
    });
  }
  return problems;
}
