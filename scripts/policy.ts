/**
 * `npm run policy [-- --env dev] [--status non-compliant|suppressed|compliant|open] [--level error|warning] [--file path]`:
 * prints the policy report that synth wrote (`cdktf.out/policy/report.json`) as a table.
 *
 * By default every finding that is not compliant (open breaches and suppressed ones) is shown;
 * `--status all` shows the compliant ones too. Exits 1 when the report is missing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PolicyFinding, PolicyReport } from '../modules/policy';
import { environmentOf, policyReportPath, summarizePolicyReport } from '../modules/policy';

const USAGE =
  'usage: npm run policy -- [--env <name>] [--status non-compliant|suppressed|compliant|open|all] [--level error|warning] [--file <report.json>]';

function parseArgs(argv: readonly string[]): Record<string, string> {
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    const value = argv[i + 1];
    if (!['--env', '--status', '--level', '--file'].includes(flag) || value === undefined) {
      process.stderr.write(`${USAGE}\n`);
      process.exit(2);
    }
    args[flag.slice(2)] = value;
    i++;
  }
  const allowed: Record<string, readonly string[]> = {
    status: ['open', 'all', 'non-compliant', 'suppressed', 'compliant'],
    level: ['error', 'warning'],
  };
  for (const [flag, values] of Object.entries(allowed)) {
    const value = args[flag];
    if (value !== undefined && !values.includes(value)) {
      process.stderr.write(`--${flag} "${value}" is not allowed; use one of ${values.join(', ')}\n${USAGE}\n`);
      process.exit(2);
    }
  }
  return args;
}

/** Keeps the findings that pass the filters. */
export function filterFindings(findings: readonly PolicyFinding[], args: Record<string, string>): PolicyFinding[] {
  const status = args.status ?? 'open';
  return findings.filter(
    (f) =>
      (args.env === undefined || environmentOf(f.stack) === args.env) &&
      (args.level === undefined || f.level === args.level) &&
      (status === 'all' || (status === 'open' ? f.status !== 'compliant' : f.status === status))
  );
}

/** Renders findings as a plain-text table: rule, level, status, stack, resource, reason. */
export function findingsTable(findings: readonly PolicyFinding[]): string {
  const header = ['rule', 'level', 'status', 'stack', 'resource', 'reason'];
  const rows = findings.map((f) => [f.rule, f.level, f.status, f.stack, f.resource, f.reason ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

if (require.main === module) {
  const args = parseArgs(process.argv.slice(2));
  const file = path.resolve(args.file ?? policyReportPath(process.env.CDKTF_OUTDIR ?? 'cdktf.out'));
  if (!fs.existsSync(file)) {
    process.stderr.write(`${file} does not exist; run \`npm run synth\` first (it writes the policy report)\n`);
    process.exit(1);
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as PolicyReport;
  const shown = filterFindings(report.findings, args);
  console.log(shown.length > 0 ? findingsTable(shown) : 'no findings match');
  console.log('');
  for (const line of summarizePolicyReport(report)) {
    if (args.env === undefined || line.startsWith(`${args.env}:`)) console.log(line);
  }
  for (const s of report.unusedSuppressions ?? []) {
    console.log(`unused suppression in ${s.scope}: ${s.rule}${s.resource ? ` on ${s.resource}` : ''} (${s.reason})`);
  }
}
