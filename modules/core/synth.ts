import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdktf';
import { type HclModulesOptions, writeHclModules } from './hcl-modules';
import { tempPathBeside } from './temp-path';

/**
 * Synthesizes into a staging folder and swaps it in only when the whole run succeeded.
 *
 * A bad environment file or a failing construct check leaves the previous `cdktf.out`
 * untouched: nothing of the failed run is written into it. Files that synth does not produce
 * (each stack folder's `.terraform/`, `.terraform.lock.hcl`, plans) are carried over into the
 * new output so `terraform init` is not lost on every synth; the same holds for the composed
 * environment roots (`environments/<env>/`: `.terraform/`, a user's `backend.tf`). The replaced
 * output is renamed aside and deleted in the background.
 *
 * Besides the stacks, every stack is written as a child module (`modules/<stack>/`) and each
 * environment as one composed root (`environments/<env>/`, `environments/<env>-aws/`), built
 * from the synthesized JSON by modules/core/hcl-modules, inside the staging folder so they are
 * part of the same swap.
 *
 * @param build adds the stacks to the app
 * @param outdir the final output folder
 * @param hclModules how stacks map to environments for the modules; `false` skips the modules
 * @default outdir - `$CDKTF_OUTDIR` (set by the cdktf CLI), else `cdktf.out`
 * @default hclModules - environment = stack name up to the first `-`
 */
export function synthAtomically(
  build: (app: App) => void,
  outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out',
  hclModules: HclModulesOptions | false = {},
  hooks: SynthHooks = {},
): void {
  const target = path.resolve(outdir);
  const staging = tempPathBeside(target, 'staging');
  try {
    const app = new App({ outdir: staging });
    build(app);
    hooks.beforeSynth?.(app);
    app.synth();
    if (hclModules !== false) writeHclModules(staging, hclModules);
    hooks.afterSynth?.(staging);
    carryOverLocalFiles(target, staging, 'stacks');
    carryOverLocalFiles(target, staging, 'environments');
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  const previous = tempPathBeside(target, 'previous');
  const replaced = fs.existsSync(target);
  if (replaced) fs.renameSync(target, previous);
  fs.renameSync(staging, target);
  if (replaced) removeInBackground(previous);
}

/**
 * Deletes a folder nobody reads any more on the other core: hundreds of directories take about
 * 0.1 s to delete here, the synth need not wait for it. Where `rm` cannot be started, it is
 * deleted before returning.
 */
function removeInBackground(dir: string): void {
  if (process.platform !== 'win32') {
    try {
      spawn('rm', ['-rf', '--', dir], { detached: true, stdio: 'ignore' }).on('error', () => fs.rmSync(dir, { recursive: true, force: true })).unref();
      return;
    } catch {
      // fall through
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Steps the app adds to an atomic synth; a throw from either writes nothing. */
export interface SynthHooks {
  /** After the stacks are built, before anything is written (checks such as the policy pack). @default - none */
  readonly beforeSynth?: (app: App) => void;
  /** After everything was written to the staging folder, before the swap (reports). @default - none */
  readonly afterSynth?: (staging: string) => void;
}

/** Moves files of the old output's stack (or environment) folders that the new synth did not write. */
function carryOverLocalFiles(oldOut: string, newOut: string, kind: 'stacks' | 'environments'): void {
  const oldStacks = path.join(oldOut, kind);
  const newStacks = path.join(newOut, kind);
  if (!fs.existsSync(oldStacks) || !fs.existsSync(newStacks)) return;
  for (const stack of fs.readdirSync(newStacks)) {
    const from = path.join(oldStacks, stack);
    if (!fs.existsSync(from)) continue;
    for (const entry of fs.readdirSync(from)) {
      const dest = path.join(newStacks, stack, entry);
      if (!fs.existsSync(dest)) fs.renameSync(path.join(from, entry), dest);
    }
  }
}
