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

/**
 * The app's synth of the shipped environments (config/), as `npm run synth` writes it.
 *
 * Kept in `.cache/synth/<key>/` under a SHA-256 of every byte it can read (the sources, config/,
 * apps/, package-lock.json, the launcher) and of `env`, so a warm test run does not synthesize
 * the same inputs again; any change to any of them synthesizes anew. `TERRAFORM_VERDICT_CACHE=off`
 * (a cold run) always synthesizes. The folder is shared: callers must not write into it.
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
  if (!cold && fs.existsSync(path.join(dir, 'manifest.json'))) {
    console.log(`shipped synth ${JSON.stringify(env)}: from cache ${key.slice(0, 12)}`);
    return dir;
  }
  const out = tempPathBeside(dir, 'synth');
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const started = Date.now();
  const r = spawnSync(process.execPath, ['scripts/app.js', 'main.ts'], { cwd: ROOT, env: { ...process.env, ...env, CDKTF_OUTDIR: out }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`synth of the shipped environments failed: ${r.stderr}`);
  // Another worker thread may have synthesized the same inputs meanwhile: a folder only ever
  // appears complete (by rename), so the first one stays and is used by both.
  try {
    fs.renameSync(out, dir);
  } catch (err) {
    if (!fs.existsSync(path.join(dir, 'manifest.json'))) throw err;
    fs.rmSync(out, { recursive: true, force: true });
    console.log(`shipped synth ${JSON.stringify(env)}: synthesized by another worker meanwhile, using ${key.slice(0, 12)}`);
    return dir;
  }
  // Older entries of the same kind are not used again.
  for (const old of fs.readdirSync(path.dirname(dir))) {
    if (old !== key && !old.includes('.')) {
      const manifest = path.join(path.dirname(dir), old, 'env.json');
      if (fs.existsSync(manifest) && fs.readFileSync(manifest, 'utf8') === JSON.stringify(env)) fs.rmSync(path.join(path.dirname(dir), old), { recursive: true, force: true });
    }
  }
  fs.writeFileSync(path.join(dir, 'env.json'), JSON.stringify(env));
  console.log(`shipped synth ${JSON.stringify(env)}: ran in ${((Date.now() - started) / 1000).toFixed(1)} s, cached as ${key.slice(0, 12)}`);
  return dir;
}
