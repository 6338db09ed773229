import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdktf';

/**
 * Synthesizes into a staging folder and swaps it in only when the whole run succeeded.
 *
 * A bad environment file or a failing construct check leaves the previous `cdktf.out`
 * untouched: nothing of the failed run is written into it. Files that synth does not produce
 * (each stack folder's `.terraform/`, `.terraform.lock.hcl`, plans) are carried over into the
 * new output so `terraform init` is not lost on every synth.
 *
 * @param build adds the stacks to the app
 * @param outdir the final output folder
 * @default outdir - `$CDKTF_OUTDIR` (set by the cdktf CLI), else `cdktf.out`
 */
export function synthAtomically(build: (app: App) => void, outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out'): void {
  const target = path.resolve(outdir);
  const staging = `${target}.staging-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    const app = new App({ outdir: staging });
    build(app);
    app.synth();
    carryOverLocalFiles(target, staging);
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  const previous = `${target}.previous-${process.pid}`;
  if (fs.existsSync(target)) fs.renameSync(target, previous);
  fs.renameSync(staging, target);
  fs.rmSync(previous, { recursive: true, force: true });
}

/** Moves files of the old output's stack folders that the new synth did not write. */
function carryOverLocalFiles(oldOut: string, newOut: string): void {
  const oldStacks = path.join(oldOut, 'stacks');
  const newStacks = path.join(newOut, 'stacks');
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
