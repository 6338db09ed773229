/**
 * `npm run bench`: wall time and peak memory (median of several runs) of the project's own loops.
 *
 * Peak memory is measured over the whole process tree (jest workers, terraform children included),
 * sampled from /proc every 50 ms for the first 2 s, then every 250 ms, two ways
 * (scripts/lib/process-memory.ts): with each executable's file pages counted once (the budget is
 * checked against this one), and the sum of every process's resident memory, which counts node's
 * code twice in `npm run synth` (npm's process and the app's). Both are printed.
 *
 * A benchmark, never a test: it prints a table and the budgets, and exits 0 either way unless
 * BENCH_STRICT=1. BENCH_RUNS=<n> sets the runs per case (default 5), BENCH_ONLY=<regular
 * expression> selects cases by name.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { treeMemory } from './lib/process-memory';

interface Case {
  readonly name: string;
  readonly cmd: string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly runs: number;
  readonly budgetSeconds?: number;
  readonly budgetMb?: number;
  readonly note?: string;
  /** A folder deleted before each run (the output of a first synth). @default - none */
  readonly emptyBefore?: string;
  /** Run once, unmeasured, before the measured runs (a "warm" case after a change). @default false */
  readonly warmUp?: boolean;
  /** Measured in turns with the other such cases (one run of each, then the next). @default false */
  readonly inTurns?: boolean;
}

/** One measured run: wall time, the two peaks of memory (MB, see the file's comment), exit code. */
interface Sample {
  readonly seconds: number;
  readonly mb: number;
  readonly rssSumMb: number;
  readonly code: number;
}

function measure(c: Case): Promise<Sample> {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const child = spawn(c.cmd[0]!, c.cmd.slice(1), { env: { ...process.env, ...c.env }, stdio: 'ignore' });
    let peak = 0;
    let peakRssSum = 0;
    // Every 50 ms for the first 2 s (a synth's peak is short), then every 250 ms: walking /proc
    // over a test run's tree (jest's threads, each Terraform's Go threads) every 50 ms cost the
    // measured run a tenth of a core.
    let timer: NodeJS.Timeout;
    const sample = () => {
      const m = treeMemory(child.pid!);
      peak = Math.max(peak, m.fileOnceKb);
      peakRssSum = Math.max(peakRssSum, m.rssSumKb);
      timer = setTimeout(sample, Number(process.hrtime.bigint() - start) / 1e6 < 2000 ? 50 : 250);
    };
    timer = setTimeout(sample, 50);
    child.on('close', (code) => {
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      resolve({ seconds, mb: peak / 1024, rssSumMb: peakRssSum / 1024, code: code ?? -1 });
    });
  });
}

/** Stacks in a synth output folder (its cdktf manifest). */
function stackCount(outdir: string): number {
  return Object.keys((JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as { stacks: object }).stacks).length;
}

/** npm's own command line script (the bench runs it with this Node, as `npm` would). */
function npmCli(): string {
  return process.env.npm_execpath ?? path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * A config folder of `count` environments made from the shipped ones (config/*.yaml): the first
 * three are the shipped files; each further one is a copy in an account, project and subscription
 * of its own (`isolated: true`, so its address plan may repeat the original's), named `<env><n>`.
 */
export function generateEnvironments(count: number, dir: string): void {
  const shipped = fs.readdirSync('config').filter((f) => f.endsWith('.yaml')).sort();
  fs.mkdirSync(dir, { recursive: true });
  for (let k = 0; k < count; k++) {
    const file = shipped[k % shipped.length]!;
    const copy = Math.floor(k / shipped.length);
    let text = fs.readFileSync(path.join('config', file), 'utf8');
    const name = /^name: (\S+)$/m.exec(text)![1]!;
    if (copy > 0) {
      const account = /^ {2}accountId: "(\d{12})"$/m.exec(text)![1]!;
      const project = /^ {2}projectId: (\S+)$/m.exec(text)![1]!;
      const subscription = /^ {2}subscriptionId: (\S+)$/m.exec(text)![1]!;
      text = text
        .replaceAll(account, `${account.slice(0, 10)}${String(copy).padStart(2, '0')}`)
        .replaceAll(project, `${project}-${copy}`)
        .replaceAll(subscription, `${subscription.slice(0, -2)}${String(copy).padStart(2, '0')}`)
        .replace(/^name: .*$/m, `name: ${name}${copy + 1}\nisolated: true`);
    }
    fs.writeFileSync(path.join(dir, copy > 0 ? `${name}${copy + 1}.yaml` : file), text);
  }
}

async function main(): Promise<void> {
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const node = process.execPath;
  const app = [node, 'scripts/app.js', 'main.ts'];
  const scaling = [1, 3, 9].map((n) => {
    const dir = path.join(out, `config-${n}`);
    generateEnvironments(n, dir);
    return { n, dir };
  });
  // Warm the bundle and its code cache, as every run after the first finds them.
  await measure({ name: 'warm-up', cmd: app, env: { CDKTF_OUTDIR: path.join(out, 'warm.out') }, runs: 1 });
  const cases: Case[] = [
    {
      name: 'npm run synth, all shipped environments (npm, then the bundled app with its code cache)',
      cmd: [node, npmCli(), 'run', '-s', 'synth'],
      env: { CDKTF_OUTDIR: path.join(out, 'npm.out') },
      runs,
      inTurns: true,
      budgetSeconds: 1,
      budgetMb: 250,
    },
    {
      name: 'the app alone, as npm runs it (node scripts/app.js main.ts)',
      cmd: app,
      env: { CDKTF_OUTDIR: path.join(out, 'app.out') },
      runs,
      inTurns: true,
    },
    {
      name: 'the same synth into an empty output folder (a fresh clone: every file written)',
      cmd: app,
      env: { CDKTF_OUTDIR: path.join(out, 'empty.out') },
      emptyBefore: path.join(out, 'empty.out'),
      runs,
      inTurns: true,
    },
    {
      name: 'the same synth, environment files parsed again (INFRA_CONFIG_CACHE=off: as after editing them)',
      cmd: app,
      env: { CDKTF_OUTDIR: path.join(out, 'noconfigcache.out'), INFRA_CONFIG_CACHE: 'off' },
      runs,
      inTurns: true,
    },
    {
      name: 'the same synth without the policy pack',
      cmd: app,
      env: { CDKTF_OUTDIR: path.join(out, 'nopolicy.out'), BENCH_SKIP_POLICY_PACK: '1' },
      runs,
      inTurns: true,
      note: 'POLICY_SHARE',
    },
    {
      name: 'the same synth unbundled (swc require hook, INFRA_NO_BUNDLE=1)',
      cmd: app,
      env: { CDKTF_OUTDIR: path.join(out, 'nobundle.out'), INFRA_NO_BUNDLE: '1' },
      runs,
      inTurns: true,
    },
    {
      name: 'the same synth, standard cdktf setup (ts-node --transpile-only)',
      cmd: [node, 'node_modules/.bin/ts-node', '--transpile-only', 'main.ts'],
      env: { CDKTF_OUTDIR: path.join(out, 'tsnode.out') },
      runs: Math.max(1, Math.ceil(runs / 2)),
      inTurns: true,
      note: 'TS_NODE_RATIO',
    },
    ...scaling.map(({ n, dir }) => ({
      name: `synth of ${n} environment${n === 1 ? '' : 's'} (generated from the shipped ones)`,
      cmd: app,
      env: { CDKTF_OUTDIR: path.join(out, `scale-${n}.out`), INFRA_CONFIG_DIR: dir },
      runs,
      inTurns: true,
      note: `SCALE_${n}`,
    })),
    {
      name: 'cdktf synth (CLI around the same app)',
      cmd: [node, 'node_modules/.bin/cdktf', 'synth', '--output', path.join(out, 'cli.out')],
      env: { CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: 'true', CI: '1' },
      runs: Math.max(1, Math.ceil(runs / 2)),
      inTurns: true,
      note: 'CLI_OVERHEAD',
    },
    {
      name: 'type-check, warm (npm run typecheck: tsc --noEmit --incremental)',
      cmd: [node, 'node_modules/.bin/tsc', '--noEmit', '--incremental', '--tsBuildInfoFile', path.join('.cache', 'tsc', 'tsbuildinfo'), '-p', 'tsconfig.json'],
      runs: Math.max(1, Math.ceil(runs / 2)),
      budgetSeconds: 15,
      warmUp: true,
    },
    {
      name: 'type-check, cold (tsc --noEmit, no build info)',
      cmd: [node, 'node_modules/.bin/tsc', '--noEmit', '-p', 'tsconfig.json'],
      runs: 1,
    },
    {
      name: 'test suite, warm (npm test: caches of the last run kept)',
      cmd: [node, 'node_modules/.bin/jest', '--silent'],
      runs: Math.max(1, Math.ceil(runs / 2)),
      budgetSeconds: 25,
      warmUp: true,
    },
    {
      name: 'test suite, cold (no Terraform verdict, bundle, swc, asl, config, chart, shipped-synth, asset or jest cache: as CI runs it)',
      // A jest cache folder of its own, empty: jest orders files by the durations it keeps there,
      // and a fresh clone (CI) has none, so the files that run Terraform start first (sequencer.js).
      cmd: [node, 'node_modules/.bin/jest', '--silent', '--cacheDirectory', path.join(out, 'jest-cold-cache')],
      emptyBefore: path.join(out, 'jest-cold-cache'),
      env: { TERRAFORM_VERDICT_CACHE: 'off', INFRA_ASL_CACHE: 'off', BENCH_COLD: '1' },
      runs: 1,
      budgetSeconds: 90,
    },
  ];
  const rows: string[][] = [];
  const failed = new Set<string>();
  let over = false;
  // BENCH_ONLY=<regular expression>: only the cases whose name matches (e.g. 'synth|ts-node').
  const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, 'i') : undefined;
  const selected = cases.filter((x) => !only || only.test(x.name));
  const samplesOf = new Map<Case, Sample[]>(selected.map((c) => [c, []]));
  const runOnce = async (c: Case) => {
    if (c.emptyBefore) fs.rmSync(c.emptyBefore, { recursive: true, force: true });
    if (c.env?.BENCH_COLD) for (const d of ['bundle', 'swc', 'asl-verdicts', 'config-yaml', 'chart-yaml', 'terraform-verdicts', 'synth', 'assets']) fs.rmSync(path.join('.cache', d), { recursive: true, force: true });
    const m = await measure(c);
    if (m.code !== 0) {
      // Reported in the table, not thrown: the other measurements still count.
      process.stderr.write(`\n${c.name} failed (exit ${m.code}): ${c.cmd.join(' ')}\n`);
      failed.add(c.name);
    }
    samplesOf.get(c)!.push(m);
    process.stderr.write('.');
  };
  // The synth cases run in turns (run 1 of each, then run 2 of each...): this machine's speed
  // drifts by tens of percent within minutes, and the table compares these cases with each other.
  const turns = selected.filter((c) => c.inTurns);
  for (let i = 0; i < Math.max(0, ...turns.map((c) => c.runs)); i++) for (const c of turns) if (i < c.runs) await runOnce(c);
  // The policy pack's share: the app with and without it, back to back, in alternating order, as
  // many pairs as the bench has runs (at least 9). The share is the median of the pairs' ratios:
  // a pair is measured within seconds, so the machine's drift between the turns above stays out.
  const withPack = selected.find((c) => c.name.startsWith('the app alone'));
  const withoutPack = selected.find((c) => c.note === 'POLICY_SHARE');
  let policyShare: { median: number; pairs: number } | undefined;
  if (withPack && withoutPack) {
    const ratios: number[] = [];
    for (let i = 0; i < Math.max(9, runs); i++) {
      const order = i % 2 === 0 ? [withPack, withoutPack] : [withoutPack, withPack];
      const [a, b] = [await measure(order[0]!), await measure(order[1]!)];
      const [w, wo] = i % 2 === 0 ? [a, b] : [b, a];
      if (w.code === 0 && wo.code === 0) ratios.push(w.seconds / wo.seconds - 1);
      process.stderr.write('.');
    }
    if (ratios.length > 0) policyShare = { median: median(ratios), pairs: ratios.length };
  }
  for (const c of selected.filter((x) => !x.inTurns)) {
    // A warm case measures the caches a previous run left: one run first fills them.
    if (c.warmUp) await measure(c);
    for (let i = 0; i < c.runs; i++) await runOnce(c);
  }
  for (const c of selected) {
    const samples = samplesOf.get(c)!;
    const s = median(samples.map((x) => x.seconds));
    const mb = median(samples.map((x) => x.mb));
    const rssSumMb = median(samples.map((x) => x.rssSumMb));
    const budget = [c.budgetSeconds ? `<= ${c.budgetSeconds} s` : '', c.budgetMb ? `<= ${c.budgetMb} MB` : '']
      .filter(Boolean)
      .join(', ');
    const timeOk = !c.budgetSeconds || s <= c.budgetSeconds;
    const memoryOk = !c.budgetMb || mb <= c.budgetMb;
    const ok = timeOk && memoryOk;
    if (!ok) over = true;
    // Which budget, when a case has both.
    const verdict = ok ? 'ok' : c.budgetSeconds && c.budgetMb ? `${timeOk ? 'time ok' : 'time OVER'}, ${memoryOk ? 'memory ok' : 'memory OVER'}` : 'OVER';
    if (failed.has(c.name)) {
      rows.push([c.name, 'failed', '-', String(c.runs), budget || '-', 'FAILED: run it alone to see why', '-']);
      over = true;
      continue;
    }
    rows.push([c.name, `${s.toFixed(2)} s`, `${Math.round(mb)} MB`, String(c.runs), budget || '-', budget ? verdict : c.note ?? '', `${Math.round(rssSumMb)} MB`]);
  }
  // The CLI, npm and ts-node run the same app: compared with the app alone (the difference or the
  // ratio of the medians).
  const synth = rows.find((r) => r[0]!.startsWith('the app alone'));
  const one = rows.find((r) => r[5] === 'SCALE_1');
  for (const r of rows) {
    if (r[5] === 'TS_NODE_RATIO' && synth) r[5] = `${(parseFloat(r[1]!) / parseFloat(synth[1]!)).toFixed(1)}x the app's synth (budget: app at least 4x faster)`;
    if (r[5]?.startsWith('SCALE_') && one) {
      const n = Number(r[5].slice(6));
      const stacks = stackCount(path.join(out, `scale-${n}.out`));
      r[5] = `${stacks} stacks; ${n === 1 ? 'base' : `${(parseFloat(r[1]!) / parseFloat(one[1]!)).toFixed(1)}x the 1-environment synth`}`;
    }
    if (r[0]!.startsWith('npm run synth') && synth) {
      r[5] =
        `${r[5]}; npm adds ${(parseFloat(r[1]!) - parseFloat(synth[1]!)).toFixed(2)} s and ${parseFloat(r[2]!) - parseFloat(synth[2]!)} MB ` +
        `(its own process; ${parseFloat(r[6]!) - parseFloat(synth[6]!)} MB by the RSS sum, which counts node's code twice) to the app alone`;
    }
    if (r[5] === 'CLI_OVERHEAD' && synth) r[5] = `the CLI adds ${(parseFloat(r[1]!) - parseFloat(synth[1]!)).toFixed(1)} s to the app's synth`;
    if (r[5] === 'POLICY_SHARE' && policyShare) {
      const share = policyShare.median;
      r[5] = `the policy pack adds ${(share * 100).toFixed(0)} % to synth (median of ${policyShare.pairs} back-to-back pairs; budget <= 15 %: ${share <= 0.15 ? 'ok' : 'OVER'})`;
    } else if (r[5] === 'POLICY_SHARE') {
      r[5] = 'the policy share needs the app-alone case too';
    }
  }
  fs.rmSync(out, { recursive: true, force: true });
  process.stderr.write('\n');
  console.log('| what | wall time (median) | peak memory (median; file pages once) | RSS summed (median) | runs | budget | |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${[r[0], r[1], r[2], r[6], r[3], r[4], r[5]].join(' | ')} |`);
  console.log(`\n${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  if (over && process.env.BENCH_STRICT === '1') process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
