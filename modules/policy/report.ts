import * as fs from 'node:fs';
import * as path from 'node:path';
import type { App } from 'cdktf';
import { TerraformStack } from 'cdktf';
import { ValidationError } from '../core/validation-error';
import type { PolicyFinding } from './pack';
import { PolicyPack } from './pack';
import type { PolicyLevel, PolicyRule } from './rule';
import { ALL_RULES } from './rules';
import type { PolicySuppression } from './suppressions';
import { checkSuppression } from './suppressions';
import { appendTo } from '../core/multimap';

/** Report format version; bump when a field changes meaning. */
export const POLICY_REPORT_VERSION = 1;

/** The rule table of a report. */
export interface PolicyRuleInfo {
  readonly id: string;
  readonly level: PolicyLevel;
  readonly summary: string;
  readonly checkov?: string;
}

/** Result of {@link runPolicyPack}: every rule on every resource it applies to. */
export interface PolicyReport {
  /** {@link POLICY_REPORT_VERSION}. */
  readonly version: number;
  /** The rules that were applied. */
  readonly rules: readonly PolicyRuleInfo[];
  /** One finding per applicable (rule, resource), in construct-tree order. */
  readonly findings: readonly PolicyFinding[];
  /** Environment suppressions that matched no breach (stale, candidates for removal). */
  readonly unusedSuppressions: readonly (PolicySuppression & {
    readonly scope: string;
  })[];
}

/** Options of {@link runPolicyPack}. */
export interface PolicyPackOptions {
  /**
   * Suppressions by environment name (`dev`, applies to every `dev-*` stack) or by stack name
   * (`dev-aws-database`).
   * @default - none
   */
  readonly environmentSuppressions?: Readonly<Record<string, readonly PolicySuppression[]>>;
  /**
   * The rules to apply.
   * @default ALL_RULES
   */
  readonly rules?: readonly PolicyRule[];
}

/** The environment of a stack: the first `-` segment of its name (`prod-aws-network` -> `prod`). */
export function environmentOf(stack: string): string {
  return stack.split('-')[0] ?? stack;
}

/**
 * Evaluates the policy pack over every stack of the app, before `app.synth()` writes anything.
 *
 * Walks the construct tree once (the pack is a cdktf aspect, visited here directly so a breach
 * can stop synth before any file exists). Call it after all stacks are built.
 *
 * @throws ValidationError when a suppression names no known rule or has no reason
 */
export function runPolicyPack(app: App, options: PolicyPackOptions = {}): PolicyReport {
  const rules = options.rules ?? ALL_RULES;
  const known = new Set(rules.map((r) => r.id));
  const bySource = options.environmentSuppressions ?? {};
  for (const [scope, list] of Object.entries(bySource)) {
    list.forEach((s, i) => {
      checkSuppression(`policy suppressions of ${scope}`, `[${i}]`, s);
      if (!known.has(s.rule)) {
        throw new ValidationError(
          `policy suppressions of ${scope}`,
          `[${i}].rule`,
          s.rule,
          'is not a rule of the policy pack; see docs/policy.md for the rule ids'
        );
      }
    });
  }
  const forStack = new Map<string, readonly PolicySuppression[]>();
  const suppressionsOf = (stack: string): readonly PolicySuppression[] => {
    let list = forStack.get(stack);
    if (!list) {
      list = [
        ...(bySource[stack] ?? []),
        ...(stack !== environmentOf(stack) ? bySource[environmentOf(stack)] ?? [] : []),
      ];
      forStack.set(stack, list);
    }
    return list;
  };
  const pack = new PolicyPack(rules, suppressionsOf);
  for (const stack of app.node.children) {
    if (!(stack instanceof TerraformStack)) continue;
    for (const node of stack.node.findAll()) pack.visit(node);
  }
  const used = new Set(
    pack.findings
      .filter((f) => f.suppressedBy === 'environment')
      .map((f) => `${f.stack}\u0000${f.rule}\u0000${f.reason}`)
  );
  const stacks = app.node.children.filter((c) => c instanceof TerraformStack).map((c) => c.node.id);
  const unusedSuppressions = Object.entries(bySource).flatMap(([scope, list]) =>
    list
      .filter(
        (s) =>
          !stacks.some(
            (st) =>
              (st === scope || environmentOf(st) === scope) && used.has(`${st}\u0000${s.rule}\u0000${s.reason.trim()}`)
          )
      )
      .map((s) => ({ ...s, scope }))
  );
  return {
    version: POLICY_REPORT_VERSION,
    rules: rules.map((r) => ({
      id: r.id,
      level: r.level,
      summary: r.summary,
      ...(r.checkov ? { checkov: r.checkov } : {}),
    })),
    findings: pack.findings,
    unusedSuppressions,
  };
}

/** Path of the report inside an output folder. */
export function policyReportPath(outdir: string): string {
  return path.join(outdir, 'policy', 'report.json');
}

/** Writes `<outdir>/policy/report.json` and returns its path. */
export function writePolicyReport(report: PolicyReport, outdir: string): string {
  const file = policyReportPath(outdir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

/** One line per environment: `dev: 212 checks on 97 resources, 3 errors, 14 warnings, 5 suppressed`. */
export function summarizePolicyReport(report: PolicyReport): string[] {
  const envs = new Map<string, PolicyFinding[]>();
  for (const f of report.findings) {
    const env = environmentOf(f.stack);
    appendTo(envs, env, f);
  }
  return [...envs.entries()].map(([env, findings]) => {
    const resources = new Set(findings.map((f) => `${f.stack}/${f.resource}`)).size;
    const open = findings.filter((f) => f.status === 'non-compliant');
    const errors = open.filter((f) => f.level === 'error').length;
    const warnings = open.length - errors;
    const suppressed = findings.filter((f) => f.status === 'suppressed').length;
    return `${env}: ${findings.length} checks on ${resources} resources, ${errors} ${
      errors === 1 ? 'error' : 'errors'
    }, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}, ${suppressed} suppressed`;
  });
}

/**
 * The unsuppressed error-level breaches, one message each, naming stack, resource and rule:
 * `dev-aws-database: aws_db_instance.x (dev-aws-database/postgres/instance) breaks AWS-RDS-3: RDS instances are Multi-AZ; set ...`.
 * Warnings never appear here.
 */
export function policyErrors(report: PolicyReport, rules: readonly PolicyRule[] = ALL_RULES): string[] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  return report.findings
    .filter((f) => f.status === 'non-compliant' && f.level === 'error')
    .map((f) => {
      const rule = byId.get(f.rule);
      const what = rule ? `: ${rule.summary}; ${rule.fix}` : '';
      return `${f.stack}: ${f.resource} (${f.path}) breaks ${f.rule}${what} (or suppress ${f.rule} with a reason)`;
    });
}

/** Thrown by {@link assertPolicy}: the unsuppressed error-level breaches of a report. */
export class PolicyError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(
      `${problems.length} policy ${problems.length === 1 ? 'error' : 'errors'}:\n${problems
        .map((p) => `  - ${p}`)
        .join('\n')}`
    );
    this.name = 'PolicyError';
  }
}

/** Throws a {@link PolicyError} when the report has unsuppressed error-level breaches. */
export function assertPolicy(report: PolicyReport, rules: readonly PolicyRule[] = ALL_RULES): void {
  const problems = policyErrors(report, rules);
  if (problems.length > 0) throw new PolicyError(problems);
}

/**
 * The suppressions a report applied, as a Markdown table for docs/policy.md: one row per rule,
 * stack family (the stack name without its environment), construct path inside the stack and
 * reason, with the environments it applied in.
 */
export function suppressionTableMarkdown(report: PolicyReport): string {
  const rows = new Map<string, { envs: Set<string>; cells: string[] }>();
  for (const f of report.findings) {
    if (f.status !== 'suppressed') continue;
    const env = environmentOf(f.stack);
    const family = f.stack.slice(env.length + 1);
    const inStack = f.path.startsWith(`${f.stack}/`) ? f.path.slice(f.stack.length + 1) : f.path;
    const key = [f.rule, family, inStack, f.suppressedBy, f.reason].join('|');
    const row = rows.get(key) ?? { envs: new Set<string>(), cells: [f.rule, family, `\`${inStack}\``, f.suppressedBy ?? '', f.reason ?? ''] };
    row.envs.add(env);
    rows.set(key, row);
  }
  const lines = ['| rule | stack | resource | suppressed in | environments | reason |', '|---|---|---|---|---|---|'];
  for (const key of [...rows.keys()].sort()) {
    const { envs, cells } = rows.get(key)!;
    lines.push(`| ${cells[0]} | ${cells[1]} | ${cells[2]} | ${cells[3]} | ${[...envs].sort().join(', ')} | ${cells[4]} |`);
  }
  return lines.join('\n');
}
