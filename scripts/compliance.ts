/**
 * `npm run compliance [-- --env prod] [--framework pci-dss] [--status covered|failing|suppressed|not-evidenced|process|gaps|all] [--strict] [--file path]`:
 * prints the compliance report that synth wrote (`cdktf.out/compliance/report.json`, with
 * `report.md` beside it): per environment and framework, each control's status, the rules and
 * baseline resources that evidence it, its failing and suppressed breaches (with reasons), and the
 * process controls infrastructure code cannot cover. docs/compliance.md explains the map.
 *
 * By default every control is shown (`--status all`); `--status gaps` shows what is not covered
 * (failing, suppressed only, not evidenced). `--strict` exits 3 when a framework an environment
 * claims has a failing control. Exits 1 when the report is missing, 2 on a bad argument.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ComplianceReport, ControlResult } from '../modules/policy/compliance';
import { complianceReportPath, FRAMEWORK_IDS, summarizeComplianceReport } from '../modules/policy/compliance';

const STATUSES = ['all', 'gaps', 'covered', 'covered-with-exceptions', 'failing', 'suppressed', 'not-evidenced', 'process'] as const;
const USAGE = `usage: npm run compliance -- [--env <name>] [--framework ${FRAMEWORK_IDS.join('|')}] [--status ${STATUSES.join('|')}] [--strict] [--file <report.json>]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

/** Parses the flags; exits 2 on an unknown flag or value. */
export function parseArgs(argv: readonly string[]): Record<string, string> {
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    if (flag === '--strict') {
      args.strict = 'true';
      continue;
    }
    const value = argv[i + 1];
    if (!['--env', '--framework', '--status', '--file'].includes(flag) || value === undefined) fail(`unknown argument "${flag}"`);
    args[flag.slice(2)] = value;
    i++;
  }
  if (args.framework !== undefined && !(FRAMEWORK_IDS as readonly string[]).includes(args.framework)) {
    fail(`--framework "${args.framework}" is not allowed; use one of ${FRAMEWORK_IDS.join(', ')}`);
  }
  if (args.status !== undefined && !(STATUSES as readonly string[]).includes(args.status)) {
    fail(`--status "${args.status}" is not allowed; use one of ${STATUSES.join(', ')}`);
  }
  return args;
}

/** Whether a control passes the `--status` filter. */
export function statusMatches(control: ControlResult, status = 'all'): boolean {
  if (status === 'all') return true;
  if (status === 'gaps') return ['failing', 'suppressed', 'not-evidenced'].includes(control.status);
  return control.status === status;
}

/** Plain-text table of controls: id, status, evidence (count and sources), breaches with reasons. */
export function controlsTable(controls: readonly ControlResult[]): string {
  const header = ['control', 'status', 'evidence', 'breaches'];
  const rows = controls.map((c) => {
    const sources = [...new Set(c.evidence.map((e) => (e.kind === 'rule' ? e.rule : e.control)))];
    const breaches = [
      ...c.failing.map((b) => `open ${b.level} ${b.rule} ${b.stack}/${b.resource}`),
      ...c.suppressed.map((b) => `suppressed ${b.rule} ${b.stack}/${b.resource}: ${b.reason}`),
    ];
    return [
      c.id,
      c.status,
      c.evidence.length > 0 ? `${c.evidence.length}: ${sources.join(', ')}` : c.status === 'process' ? (c.note ?? '') : '-',
      breaches.join('; '),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => Math.min((r[i] ?? '').length, 60))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The claimed frameworks with a failing control, as `prod pci-dss: 1.4.4, 4.2.1`. */
export function claimedFailures(report: ComplianceReport): string[] {
  return report.environments.flatMap((env) =>
    env.frameworks
      .filter((f) => f.claimed && f.summary.failing > 0)
      .map((f) => `${env.name} ${f.framework}: ${f.controls.filter((c) => c.status === 'failing').map((c) => c.id).join(', ')}`)
  );
}

if (require.main === module) {
  const args = parseArgs(process.argv.slice(2));
  const file = path.resolve(args.file ?? complianceReportPath(process.env.CDKTF_OUTDIR ?? 'cdktf.out'));
  if (!fs.existsSync(file)) {
    process.stderr.write(`${file} does not exist; run \`npm run synth\` first (it writes the compliance report)\n`);
    process.exit(1);
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as ComplianceReport;
  for (const env of report.environments) {
    if (args.env !== undefined && env.name !== args.env) continue;
    for (const framework of env.frameworks) {
      if (args.framework !== undefined && framework.framework !== args.framework) continue;
      const shown = framework.controls.filter((c) => statusMatches(c, args.status));
      console.log(`\n${env.name}: ${framework.name} ${framework.version}${framework.claimed ? ' (claimed)' : ''}`);
      console.log(shown.length > 0 ? controlsTable(shown) : 'no controls match');
    }
  }
  console.log('');
  for (const line of summarizeComplianceReport(report)) {
    const [env, framework] = line.split(' ');
    if ((args.env === undefined || env === args.env) && (args.framework === undefined || framework === args.framework)) console.log(line);
  }
  console.log(`\n${report.notCoverable.length} process controls cannot be covered by infrastructure code (--status process lists them); ${path.join(path.dirname(file), 'report.md')} has the summary`);
  const failures = claimedFailures(report).filter((l) => args.env === undefined || l.startsWith(`${args.env} `));
  if (failures.length > 0) {
    console.log(`\nclaimed frameworks with failing controls:\n${failures.map((l) => `  - ${l}`).join('\n')}`);
    if (args.strict) process.exit(3);
  }
}
