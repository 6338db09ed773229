import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformResource, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { ValidationError } from '../../core/validation-error';
import type { AppliedSuppression } from '../suppressions';
import type { PolicyReport } from '../report';
import type { PolicyLevel } from '../rule';
import {
  type ControlRefs,
  FRAMEWORK_IDS,
  FRAMEWORKS,
  type FrameworkId,
  normalizeControlId,
  REF_KEYS,
} from './frameworks';
import { RULE_CONTROLS, type RuleMapping } from './rule-controls';
import { appendTo } from '../../core/multimap';

/** Report format version; bump when a field changes meaning. */
export const COMPLIANCE_REPORT_VERSION = 1;

/** A control of a baseline stack (the shape of `AWS_BASELINE_CONTROLS` and its GCP and Azure peers). */
export interface BaselineControlInput {
  /** Stable id, e.g. `AWS-BL-CLOUDTRAIL`. */
  readonly id: string;
  /** What the control does, in one line. */
  readonly summary: string;
  /** Terraform resource types that evidence it; the first is the one that must exist. */
  readonly resourceTypes: readonly string[];
  /** Framework control ids it supports; `cis` ids are bare (`3.1`), of the set's benchmark. */
  readonly frameworks: ControlRefs;
}

/** The controls of one baseline stack family. */
export interface BaselineControlSet {
  /** The family's stack name suffix: its resources are those of `<env>-<stack>`, e.g. `aws-baseline`. */
  readonly stack: string;
  /** Prefix of its CIS ids in the catalogue (a key of `CIS_BENCHMARKS`): `AWS`, `GCP`, `Azure`. */
  readonly cisBenchmark: string;
  /** The family's controls. */
  readonly controls: readonly BaselineControlInput[];
}

/** An environment as the report sees it: its name and the frameworks it claims. */
export interface ComplianceEnvironment {
  /** Environment name, the prefix of its stacks (`dev` for `dev-aws-network`). */
  readonly name: string;
  /** Frameworks the environment claims (`<cloud>.baseline.complianceFrameworks`), e.g. `pci-dss`. */
  readonly frameworks: readonly string[];
  /** Where the claim was read, for error messages (e.g. `config/prod.yaml`). @default - the environment name */
  readonly source?: string;
}

/** A synthesized resource (see {@link resourceInventory}). */
export interface ComplianceResource {
  /** Terraform resource type. */
  readonly type: string;
  /** `<type>.<name>`. */
  readonly address: string;
  /** Stack name. */
  readonly stack: string;
}

/** What shows that a control is met: a compliant finding or a baseline resource. */
export type ComplianceEvidence =
  | { readonly kind: 'rule'; readonly rule: string; readonly stack: string; readonly resource: string }
  | { readonly kind: 'baseline'; readonly control: string; readonly stack: string; readonly resource: string };

/** A breach against a control: an open one, or one accepted by a suppression (with its reason). */
export interface ComplianceBreach {
  readonly rule: string;
  /** The rule's level: after a synth that succeeded, open breaches are `warning`s (errors stop synth). */
  readonly level: PolicyLevel;
  readonly stack: string;
  readonly resource: string;
  /** The suppression's reason (suppressed breaches only). */
  readonly reason?: string;
  /** Where the suppression came from (suppressed breaches only). */
  readonly suppressedBy?: AppliedSuppression['source'];
}

/**
 * Status of a control in one environment:
 * - `covered`: evidence, and no breach;
 * - `covered-with-exceptions`: evidence, and suppressed breaches only (reasons in `suppressed`);
 * - `failing`: at least one open (unsuppressed) breach;
 * - `suppressed`: no evidence, only suppressed breaches;
 * - `not-evidenced`: no rule finding and no baseline resource in this environment;
 * - `process`: cannot be covered by infrastructure code.
 */
export type ControlStatus = 'covered' | 'covered-with-exceptions' | 'failing' | 'suppressed' | 'not-evidenced' | 'process';

/** One control of a framework in one environment. */
export interface ControlResult {
  readonly id: string;
  readonly title: string;
  readonly status: ControlStatus;
  /** Rules and baseline controls mapped to it (what could evidence it). */
  readonly supportedBy: { readonly rules: readonly string[]; readonly baseline: readonly string[] };
  readonly evidence: readonly ComplianceEvidence[];
  readonly failing: readonly ComplianceBreach[];
  readonly suppressed: readonly ComplianceBreach[];
  /** Why a process control cannot be covered. */
  readonly note?: string;
}

/** Counts of a framework's controls by status. */
export type FrameworkSummary = Readonly<Record<ControlStatus, number>>;

/** One framework in one environment. */
export interface FrameworkResult {
  readonly framework: FrameworkId;
  readonly name: string;
  readonly version: string;
  /** Whether the environment claims the framework. */
  readonly claimed: boolean;
  readonly summary: FrameworkSummary;
  readonly controls: readonly ControlResult[];
}

/** Result of {@link complianceReport}. */
export interface ComplianceReport {
  /** {@link COMPLIANCE_REPORT_VERSION}. */
  readonly version: number;
  readonly environments: readonly {
    readonly name: string;
    readonly claims: readonly FrameworkId[];
    readonly frameworks: readonly FrameworkResult[];
  }[];
  /** The process controls of every framework: what the project cannot cover. */
  readonly notCoverable: readonly { readonly framework: FrameworkId; readonly id: string; readonly title: string; readonly note?: string }[];
}

const WHERE = 'compliance map';

/** Every control id of the catalogue, by framework. */
function catalogueIds(): Map<FrameworkId, Set<string>> {
  return new Map(FRAMEWORKS.map((f) => [f.id, new Set(f.controls.map((c) => c.id))]));
}

/** The catalogue ids a set of references names, by framework (`cis` ids prefixed when `cisPrefix` is given). */
function refsOf(refs: ControlRefs, cisPrefix?: string): Map<FrameworkId, string[]> {
  const out = new Map<FrameworkId, string[]>();
  for (const framework of FRAMEWORK_IDS) {
    const ids = refs[REF_KEYS[framework]] ?? [];
    out.set(
      framework,
      ids.map((id) => normalizeControlId(framework, framework === 'cis' && cisPrefix ? `${cisPrefix} ${id}` : id))
    );
  }
  return out;
}

/**
 * What is wrong with the map: a rule without an entry, an entry for no rule, an entry with no
 * control and no reason, a control id missing from the catalogue (rules and baseline controls).
 * Empty when the map is sound.
 *
 * @param options.staleEntries report map entries for rules not in `ruleIds` (default true)
 */
export function complianceMapProblems(
  ruleIds: readonly string[],
  baselineControls: readonly BaselineControlSet[],
  map: Readonly<Record<string, RuleMapping>> = RULE_CONTROLS,
  options: { readonly staleEntries?: boolean } = {}
): string[] {
  const problems: string[] = [];
  const known = catalogueIds();
  const check = (owner: string, refs: ControlRefs, cisPrefix?: string): void => {
    for (const [framework, ids] of refsOf(refs, cisPrefix)) {
      for (const id of ids) {
        if (!known.get(framework)?.has(id)) problems.push(`${owner}: ${framework} control "${id}" is not in the framework catalogue`);
      }
    }
  };
  for (const id of ruleIds) {
    const entry = map[id];
    if (!entry) {
      problems.push(`${id}: the rule has no entry in RULE_CONTROLS`);
      continue;
    }
    const count = Object.values(entry.controls).reduce((n, ids: readonly string[] | undefined) => n + (ids?.length ?? 0), 0);
    if (count === 0 && !entry.reason?.trim()) problems.push(`${id}: supports no control and gives no reason`);
    check(id, entry.controls);
  }
  for (const id of options.staleEntries === false ? [] : Object.keys(map)) {
    if (!ruleIds.includes(id)) problems.push(`${id}: RULE_CONTROLS has an entry for a rule that is not in the pack`);
  }
  for (const set of baselineControls) {
    for (const control of set.controls) check(`${set.stack} ${control.id}`, control.frameworks, set.cisBenchmark);
  }
  return problems;
}

/** Throws a ValidationError naming the environment file and field for a framework that is not in the catalogue. */
function checkClaims(env: ComplianceEnvironment): FrameworkId[] {
  env.frameworks.forEach((claim, i) => {
    if (!(FRAMEWORK_IDS as readonly string[]).includes(claim)) {
      throw new ValidationError(
        `${WHERE} of ${env.source ?? env.name}`,
        `complianceFrameworks[${i}]`,
        claim,
        `is not a framework of the compliance map; use one of ${FRAMEWORK_IDS.join(', ')}`
      );
    }
  });
  return [...new Set(env.frameworks as FrameworkId[])];
}

/** Whether a stack belongs to an environment (the longest matching environment name wins). */
function stackEnvironment(stack: string, names: readonly string[]): string | undefined {
  return names.filter((n) => stack.startsWith(`${n}-`)).sort((a, b) => b.length - a.length)[0];
}

/**
 * The compliance report: per environment and framework, each catalogued control with its status,
 * the rule findings and baseline resources that evidence it, its open and suppressed breaches,
 * and the process controls no infrastructure code can cover.
 *
 * A control is `covered` only with evidence behind it: a compliant finding of a rule mapped to
 * it, or (baseline controls) a resource of the control's first resource type in the
 * environment's `<env>-<set.stack>` stack.
 *
 * @param policyReport the policy pack's report of the same synth
 * @param baselineControls the controls of the baseline stack families
 * @param environments the environments synthesized and the frameworks each claims
 * @param resources every synthesized resource ({@link resourceInventory}); baseline evidence comes from it
 * @throws ValidationError when an environment claims an unknown framework, or the map names a
 *   control the catalogue lacks or misses a rule of the report
 */
export function complianceReport(
  policyReport: PolicyReport,
  baselineControls: readonly BaselineControlSet[],
  environments: readonly ComplianceEnvironment[],
  resources: readonly ComplianceResource[] = []
): ComplianceReport {
  const claims = new Map(environments.map((env) => [env.name, checkClaims(env)]));
  const ruleIds = [...new Set([...policyReport.rules.map((r) => r.id), ...policyReport.findings.map((f) => f.rule)])];
  // A report of a few rules (tests, a custom pack) is not a stale map: only its own rules must be mapped.
  const problems = complianceMapProblems(ruleIds, baselineControls, RULE_CONTROLS, { staleEntries: false });
  if (problems.length > 0) {
    throw new ValidationError(WHERE, 'RULE_CONTROLS / baseline controls', problems[0], `is wrong (${problems.length} problems: ${problems.join('; ')})`);
  }

  // Which rules and baseline controls support each (framework, control).
  const key = (framework: FrameworkId, id: string): string => `${framework}\u0000${id}`;
  const rulesFor = new Map<string, string[]>();
  const baselineFor = new Map<string, { set: BaselineControlSet; control: BaselineControlInput }[]>();
  for (const id of [...new Set([...Object.keys(RULE_CONTROLS), ...ruleIds])]) {
    for (const [framework, ids] of refsOf(RULE_CONTROLS[id]?.controls ?? {})) {
      for (const c of ids) appendTo(rulesFor, key(framework, c), id);
    }
  }
  for (const set of baselineControls) {
    for (const control of set.controls) {
      for (const [framework, ids] of refsOf(control.frameworks, set.cisBenchmark)) {
        for (const c of ids) appendTo(baselineFor, key(framework, c), { set, control });
      }
    }
  }

  const names = environments.map((e) => e.name);
  // The resources of each stack, in inventory order (looked up per control and baseline set).
  const resourcesOf = new Map<string, ComplianceResource[]>();
  for (const r of resources) appendTo(resourcesOf, r.stack, r);
  const findingsOf = new Map<string, PolicyReport['findings'][number][]>();
  for (const f of policyReport.findings) {
    const env = stackEnvironment(f.stack, names);
    if (env) appendTo(findingsOf, env, f);
  }

  const result: ComplianceReport['environments'][number][] = environments.map((env) => {
    const findings = findingsOf.get(env.name) ?? [];
    const byRule = new Map<string, typeof findings>();
    for (const f of findings) appendTo(byRule, f.rule, f);
    const claimed = claims.get(env.name) ?? [];
    const frameworks = FRAMEWORKS.map((framework): FrameworkResult => {
      const controls = framework.controls.map((control): ControlResult => {
        const rules = rulesFor.get(key(framework.id, control.id)) ?? [];
        const baseline = baselineFor.get(key(framework.id, control.id)) ?? [];
        const supportedBy = { rules, baseline: baseline.map((b) => b.control.id) };
        if (control.process) {
          return { id: control.id, title: control.title, status: 'process', supportedBy, evidence: [], failing: [], suppressed: [], ...(control.note ? { note: control.note } : {}) };
        }
        const evidence: ComplianceEvidence[] = [];
        const failing: ComplianceBreach[] = [];
        const suppressed: ComplianceBreach[] = [];
        for (const rule of rules) {
          for (const f of byRule.get(rule) ?? []) {
            const at = { rule, stack: f.stack, resource: f.resource };
            const breach = { rule, level: f.level, stack: f.stack, resource: f.resource };
            if (f.status === 'compliant') evidence.push({ kind: 'rule', ...at });
            else if (f.status === 'suppressed') suppressed.push({ ...breach, reason: f.reason ?? '(no reason recorded)', ...(f.suppressedBy ? { suppressedBy: f.suppressedBy } : {}) });
            else failing.push(breach);
          }
        }
        for (const { set, control: bl } of baseline) {
          const stack = `${env.name}-${set.stack}`;
          const inStack = (resourcesOf.get(stack) ?? []).filter((r) => bl.resourceTypes.includes(r.type));
          if (!inStack.some((r) => r.type === bl.resourceTypes[0])) continue;
          for (const r of inStack) evidence.push({ kind: 'baseline', control: bl.id, stack, resource: r.address });
        }
        const status: ControlStatus =
          failing.length > 0
            ? 'failing'
            : evidence.length > 0
              ? suppressed.length > 0
                ? 'covered-with-exceptions'
                : 'covered'
              : suppressed.length > 0
                ? 'suppressed'
                : 'not-evidenced';
        return { id: control.id, title: control.title, status, supportedBy, evidence, failing, suppressed };
      });
      const summary = Object.fromEntries(
        (['covered', 'covered-with-exceptions', 'failing', 'suppressed', 'not-evidenced', 'process'] as const).map((s) => [
          s,
          controls.filter((c) => c.status === s).length,
        ])
      ) as Record<ControlStatus, number>;
      return { framework: framework.id, name: framework.name, version: framework.version, claimed: claimed.includes(framework.id), summary, controls };
    });
    return { name: env.name, claims: claimed, frameworks };
  });

  return {
    version: COMPLIANCE_REPORT_VERSION,
    environments: result,
    notCoverable: FRAMEWORKS.flatMap((f) =>
      f.controls.filter((c) => c.process).map((c) => ({ framework: f.id, id: c.id, title: c.title, ...(c.note ? { note: c.note } : {}) }))
    ),
  };
}

/** Every Terraform resource of the app's stacks (type, address, stack): the baseline evidence. */
export function resourceInventory(app: IConstruct): ComplianceResource[] {
  const out: ComplianceResource[] = [];
  for (const stack of app.node.children) {
    if (!(stack instanceof TerraformStack)) continue;
    for (const node of stack.node.findAll()) {
      if (!(node instanceof TerraformResource)) continue;
      out.push({ type: node.terraformResourceType, address: `${node.terraformResourceType}.${node.friendlyUniqueId}`, stack: stack.node.id });
    }
  }
  return out;
}

const STATUS_LABEL: Readonly<Record<ControlStatus, string>> = {
  covered: 'covered',
  'covered-with-exceptions': 'covered, with suppressed exceptions',
  failing: 'FAILING',
  suppressed: 'suppressed only (not covered)',
  'not-evidenced': 'not evidenced in this environment',
  process: 'process control: not coverable by infrastructure code',
};

/** One line per environment and framework: `dev soc2 (claimed): 7 covered, 1 failing, 2 not evidenced, 10 process`. */
export function summarizeComplianceReport(report: ComplianceReport): string[] {
  return report.environments.flatMap((env) =>
    env.frameworks.map((f) => {
      const s = f.summary;
      const covered = s.covered + s['covered-with-exceptions'];
      return `${env.name} ${f.framework}${f.claimed ? ' (claimed)' : ''}: ${covered} covered${
        s['covered-with-exceptions'] ? ` (${s['covered-with-exceptions']} with exceptions)` : ''
      }, ${s.failing} failing, ${s.suppressed} suppressed, ${s['not-evidenced']} not evidenced, ${s.process} process`;
    })
  );
}

/** The Markdown summary written beside the JSON report. */
export function complianceMarkdown(report: ComplianceReport): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  const lines: string[] = ['# Compliance report', '', 'Generated by synth from the policy report and the baseline stacks (docs/compliance.md explains the map).', ''];
  for (const line of summarizeComplianceReport(report)) lines.push(`- ${line}`);
  for (const env of report.environments) {
    lines.push('', `## ${env.name}`, '', `Claims: ${env.claims.length > 0 ? env.claims.join(', ') : 'none'}`);
    for (const f of env.frameworks) {
      lines.push('', `### ${f.name}, ${f.version}${f.claimed ? ', claimed' : ''}`, '', '| control | status | evidence | failing / suppressed |', '|---|---|---|---|');
      for (const c of f.controls) {
        if (c.status === 'process') continue;
        const rules = [...new Set(c.evidence.map((e) => (e.kind === 'rule' ? e.rule : e.control)))];
        const evidence = c.evidence.length > 0 ? `${c.evidence.length} (${rules.slice(0, 6).join(', ')}${rules.length > 6 ? ', ...' : ''})` : '-';
        const breaches = [
          ...c.failing.map((b) => `open ${b.level}: ${b.rule} on ${b.resource}`),
          ...c.suppressed.map((b) => `suppressed: ${b.rule} on ${b.resource} (${b.reason})`),
        ];
        const shown = breaches.slice(0, 5).join('<br>') + (breaches.length > 5 ? `<br>... ${breaches.length - 5} more` : '');
        lines.push(`| ${cell(c.id)} ${cell(c.title)} | ${STATUS_LABEL[c.status]} | ${cell(evidence)} | ${cell(shown || '-')} |`);
      }
    }
  }
  lines.push('', '## Not coverable by infrastructure code', '', '| framework | control | why |', '|---|---|---|');
  for (const c of report.notCoverable) lines.push(`| ${c.framework} | ${cell(c.id)} ${cell(c.title)} | ${cell(c.note ?? '')} |`);
  return `${lines.join('\n')}\n`;
}

/** Path of the JSON report inside an output folder. */
export function complianceReportPath(outdir: string): string {
  return path.join(outdir, 'compliance', 'report.json');
}

/** Writes `<outdir>/compliance/report.json` and `report.md` beside it; returns the JSON path. */
export function writeComplianceReport(report: ComplianceReport, outdir: string): string {
  const file = complianceReportPath(outdir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(path.join(path.dirname(file), 'report.md'), complianceMarkdown(report));
  return file;
}
