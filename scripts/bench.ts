/**
 * `npm run bench`: wall time and peak memory (median of several runs) of the project's own loops.
 *
 * Peak memory is the largest sum of resident memory over the whole process tree (jest workers,
 * terraform children included), sampled every 50 ms from /proc. A benchmark, never a test: it
 * prints a table and the budgets, and exits 0 either way unless BENCH_STRICT=1.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

interface Case {
  readonly name: string;
  readonly cmd: string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly runs: number;
  readonly budgetSeconds?: number;
  readonly budgetMb?: number;
  readonly note?: string;
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const text = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    // the process ended between two reads
  }
  return out;
}

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function treeRssKb(root: number): number {
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rssKb(pid);
    stack.push(...childrenOf(pid));
  }
  return total;
}

function measure(c: Case): Promise<{ seconds: number; mb: number; code: number }> {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const child = spawn(c.cmd[0]!, c.cmd.slice(1), { env: { ...process.env, ...c.env }, stdio: 'ignore' });
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, treeRssKb(child.pid!))), 50);
    child.on('close', (code) => {
      clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      resolve({ seconds, mb: peak / 1024, code: code ?? -1 });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const node = process.execPath;
  const cases: Case[] = [
    {
      name: 'synth, all shipped environments (app: node + swc register)',
      cmd: [node, '-r', './scripts/register.js', 'main.ts'],
      env: { CDKTF_OUTDIR: path.join(out, 'app.out') },
      runs,
      budgetSeconds: 1,
      budgetMb: 250,
    },
    {
      name: 'the same synth without the policy pack',
      cmd: [node, '-r', './scripts/register.js', 'main.ts'],
      env: { CDKTF_OUTDIR: path.join(out, 'nopolicy.out'), BENCH_SKIP_POLICY_PACK: '1' },
      runs,
      note: 'POLICY_SHARE',
    },
    {
      name: 'cdktf synth (CLI around the same app)',
      cmd: [node, 'node_modules/.bin/cdktf', 'synth', '--output', path.join(out, 'cli.out')],
      env: { CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: 'true', CI: '1' },
      runs: Math.max(1, Math.ceil(runs / 2)),
      note: 'CLI_OVERHEAD',
    },
    {
      name: 'type-check (tsc --noEmit, strict)',
      cmd: [node, 'node_modules/.bin/tsc', '--noEmit', '-p', 'tsconfig.json'],
      runs: Math.max(1, Math.ceil(runs / 2)),
      budgetSeconds: 15,
    },
    {
      name: 'test suite (jest + @swc/jest)',
      cmd: [node, 'node_modules/.bin/jest', '--silent'],
      runs: Math.max(1, Math.ceil(runs / 2)),
      budgetSeconds: 25,
    },
  ];
  const rows: string[][] = [];
  let over = false;
  for (const c of cases) {
    const samples = [];
    for (let i = 0; i < c.runs; i++) {
      const m = await measure(c);
      if (m.code !== 0) throw new Error(`${c.name} failed (exit ${m.code}): ${c.cmd.join(' ')}`);
      samples.push(m);
      process.stderr.write('.');
    }
    const s = median(samples.map((x) => x.seconds));
    const mb = median(samples.map((x) => x.mb));
    const budget = [c.budgetSeconds ? `<= ${c.budgetSeconds} s` : '', c.budgetMb ? `<= ${c.budgetMb} MB` : '']
      .filter(Boolean)
      .join(', ');
    const ok = (!c.budgetSeconds || s <= c.budgetSeconds) && (!c.budgetMb || mb <= c.budgetMb);
    if (!ok) over = true;
    rows.push([c.name, `${s.toFixed(2)} s`, `${Math.round(mb)} MB`, String(c.runs), budget || '-', budget ? (ok ? 'ok' : 'OVER') : c.note ?? '']);
  }
  // The CLI runs the same app: what it adds is the difference of the two medians.
  const app = rows.find((r) => r[0]!.startsWith('synth, all'));
  for (const r of rows) {
    if (r[5] === 'CLI_OVERHEAD' && app) r[5] = `the CLI adds ${(parseFloat(r[1]!) - parseFloat(app[1]!)).toFixed(1)} s to the app's synth`;
    if (r[5] === 'POLICY_SHARE' && app) {
      const share = (parseFloat(app[1]!) - parseFloat(r[1]!)) / parseFloat(r[1]!);
      r[5] = `the policy pack adds ${(share * 100).toFixed(0)} % to synth (budget <= 15 %)`;
    }
  }
  fs.rmSync(out, { recursive: true, force: true });
  process.stderr.write('\n');
  console.log('| what | wall time (median) | peak memory (median) | runs | budget | |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log(`\n${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  if (over && process.env.BENCH_STRICT === '1') process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
