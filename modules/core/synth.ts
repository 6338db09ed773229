import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdktf';
import { type CommitResult, commitOutput } from './commit-output';
import { sharingElementJson } from './element-json';
import { type HclModulesOptions, type SynthesizedStack, readSynthesizedStacks, writeHclModules } from './hcl-modules';
import { phase } from './phase-timer';
import { abandonedTempPaths, inMemoryFolder, removeInBackground, tempPathBeside } from './temp-path';

/**
 * Synthesizes into a staging folder and commits it to the output only when the whole run succeeded.
 *
 * A bad environment file or a failing construct check leaves the previous `cdktf.out`
 * untouched: nothing of the failed run is written into it. The staging folder is in memory
 * (`/dev/shm`) where the system has one, else beside the output; `$INFRA_SYNTH_STAGING` names
 * another parent folder. The commit ({@link commitOutput}) writes only the files whose bytes
 * differ from the previous output and deletes what the new output no longer has, so an unchanged
 * synth writes nothing. Files that synth does not produce (each stack folder's `.terraform/`,
 * `.terraform.lock.hcl`, plans) are kept so `terraform init` is not lost on every synth; the same
 * holds for the composed environment roots (`environments/<env>/`: `.terraform/`, a user's
 * `backend.tf`). `manifest.json` is removed first and written last when anything changes.
 *
 * Besides the stacks, every stack is written as a child module (`modules/<stack>/`) and each
 * environment as one composed root (`environments/<env>/`, `environments/<env>-aws/`), built
 * from the synthesized JSON by modules/core/hcl-modules, inside the staging folder so they are
 * part of the same commit.
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
): CommitResult {
  const target = path.resolve(outdir);
  const staging = stagingFolder(target);
  try {
    const app = new App({ outdir: staging });
    phase('build the constructs', () => build(app));
    // Nothing changes the constructs from here to the end of app.synth(): the policy pack's and
    // the synthesizer's toTerraform() of an element is computed once (element-json.ts).
    sharingElementJson(() => {
      phase('checks before synth (policy pack)', () => hooks.beforeSynth?.(app));
      phase('synthesize the stacks', () => app.synth());
    });
    // The JSON stacks, read once for the modules and the reports (they only read them).
    let stacks: SynthesizedStack[] | undefined;
    const synthesized = () => (stacks ??= readSynthesizedStacks(staging));
    if (hclModules !== false) phase('HCL modules and roots', () => writeHclModules(staging, hclModules, synthesized()));
    phase('reports after synth', () => hooks.afterSynth?.(staging, synthesized));
    return phase('write what changed to the output', () => commitOutput(staging, target, { keepLocalFilesIn: ['stacks', 'environments'], writeLast: 'manifest.json' }));
  } finally {
    removeInBackground(staging);
  }
}

/** A new, empty staging folder: in memory where possible (see {@link synthAtomically}). */
function stagingFolder(target: string): string {
  const candidates = [process.env.INFRA_SYNTH_STAGING, inMemoryFolder()].filter((d): d is string => !!d);
  for (const parent of candidates) {
    try {
      fs.accessSync(parent, fs.constants.W_OK);
      // Staging folders of synths that were killed before they could delete theirs (memory, in
      // /dev/shm): the name holds the process id.
      for (const abandoned of abandonedTempPaths(parent, 'infra-synth', 'staging')) removeInBackground(abandoned);
      const dir = tempPathBeside(path.join(parent, 'infra-synth'), 'staging');
      fs.mkdirSync(dir);
      return dir;
    } catch {
      // not writable here: the next candidate
    }
  }
  const dir = tempPathBeside(target, 'staging');
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  return dir;
}

/** Steps the app adds to an atomic synth; a throw from either writes nothing. */
export interface SynthHooks {
  /**
   * After the stacks are built, before anything is written: checks such as the policy pack. It
   * must not change a construct: it runs in the window in which an element's `toTerraform()` is
   * computed once for it and the synthesizer (element-json.ts).
   *
   * @default - none
   */
  readonly beforeSynth?: (app: App) => void;
  /**
   * After everything was written to the staging folder, before the swap (reports); `stacks` gives
   * the synthesized JSON stacks, read once for every reader (they must not modify them).
   *
   * @default - none
   */
  readonly afterSynth?: (staging: string, stacks: () => readonly SynthesizedStack[]) => void;
}
