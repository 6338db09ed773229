import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempPathBeside } from '../../modules/core/temp-path';

const ROOT = path.resolve(__dirname, '../..');

/** Everything a synth of the shipped environments reads: sources, config, app code, the lock file. */
const INPUTS = ['main.ts', 'modules', 'stacks', 'config', 'apps', 'package-lock.json', 'scripts/app.js', 'cdktf.json'];

function hashInputs(hash: crypto.Hash): void {
  const walk = (rel: string) => {
    const full = path.join(ROOT, rel);
    const stat = fs.statSync(full);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(full).sort()) if (entry !== 'node_modules' && !entry.startsWith('.') && entry !== '__pycache__') walk(path.join(rel, entry));
    } else {
      hash.update(`\0${rel}\0`);
      hash.update(fs.readFileSync(full));
    }
  };
  for (const input of INPUTS) walk(input);
}

/** The test run (set by jest's global set-up; the workers are threads of one process). */
export const TEST_RUN_ENV = 'INFRA_TEST_RUN_ID';

/** Blocks this thread for `ms` milliseconds (worker threads cannot await inside a synchronous helper). */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** A lock older than this was left by a killed run. */
const STALE_LOCK_MS = 10 * 60 * 1000;

/**
 * The app's synth of the shipped environments (config/), as `npm run synth` writes it.
 *
 * Kept in `.cache/synth/<key>/` under a SHA-256 of every byte it can read (the sources, config/,
 * apps/, package-lock.json, the launcher) and of `env`, so a warm test run does not synthesize
 * the same inputs again; any change to any of them synthesizes anew. A cold run
 * (`TERRAFORM_VERDICT_CACHE=off`) does not use what an earlier run kept, but synthesizes each key
 * once for the whole run. One worker synthesizes a key at a time (a lock folder beside the entry);
 * the others wait for its result instead of synthesizing the same inputs beside it. The folder is
 * shared: callers must not write into it.
 *
 * @param env extra environment of the synth (e.g. `SYNTH_HCL_OUTPUT: 'true'`)
 * @returns the output folder
 */
export function shippedSynth(env: Record<string, string> = {}): string {
  const hash = crypto.createHash('sha256');
  hash.update(`shipped-synth/v1\0${process.version}\0${JSON.stringify(env)}`);
  hashInputs(hash);
  const key = hash.digest('hex');
  const dir = path.join(ROOT, '.cache', 'synth', key);
  const cold = /^(off|0|false|no)$/i.test(process.env.TERRAFORM_VERDICT_CACHE ?? '');
  const run = process.env[TEST_RUN_ENV];
  const runFile = path.join(dir, 'run.txt');
  // Usable: complete (the manifest is written last, and the folder appears by rename), and in a
  // cold run made by this run.
  const usable = () => fs.existsSync(path.join(dir, 'manifest.json')) && (!cold || (run !== undefined && fs.existsSync(runFile) && fs.readFileSync(runFile, 'utf8') === run));
  const reuse = (how: string) => {
    console.log(`shipped synth ${JSON.stringify(env)}: ${how} ${key.slice(0, 12)}`);
    return dir;
  };
  if (usable()) return reuse(cold ? 'synthesized earlier in this run,' : 'from cache');
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const lock = `${dir}.lock`;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    try {
      if (Date.now() - fs.statSync(lock).mtimeMs > STALE_LOCK_MS) fs.rmSync(lock, { recursive: true, force: true });
    } catch {
      // released meanwhile
    }
    sleep(100);
    if (usable()) return reuse('synthesized by another worker meanwhile, using');
  }
  try {
    if (usable()) return reuse('synthesized by another worker meanwhile, using');
    const out = tempPathBeside(dir, 'synth');
    const started = Date.now();
    const r = spawnSync(process.execPath, ['scripts/app.js', 'main.ts'], { cwd: ROOT, env: { ...process.env, ...env, CDKTF_OUTDIR: out }, encoding: 'utf8' });
    if (r.status !== 0) {
      fs.rmSync(out, { recursive: true, force: true });
      throw new Error(`synth of the shipped environments failed: ${r.stderr}`);
    }
    fs.writeFileSync(path.join(out, 'env.json'), JSON.stringify(env));
    if (run !== undefined) fs.writeFileSync(path.join(out, 'run.txt'), run);
    // An entry of an earlier run (cold runs do not use it) is replaced; only the lock holder writes.
    if (fs.existsSync(dir)) fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(out, dir);
    // Older entries of the same kind are not used again.
    for (const old of fs.readdirSync(path.dirname(dir))) {
      if (old !== key && !old.includes('.')) {
        const manifest = path.join(path.dirname(dir), old, 'env.json');
        if (fs.existsSync(manifest) && fs.readFileSync(manifest, 'utf8') === JSON.stringify(env)) fs.rmSync(path.join(path.dirname(dir), old), { recursive: true, force: true });
      }
    }
    console.log(`shipped synth ${JSON.stringify(env)}: ran in ${((Date.now() - started) / 1000).toFixed(1)} s, cached as ${key.slice(0, 12)}`);
    return dir;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}
