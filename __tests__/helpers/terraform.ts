import * as fs from 'node:fs';
import * as path from 'node:path';
import { Testing, type TerraformStack } from 'cdktf';
import { checkStackDirsTogether, findMirror, type StackCheck } from '../../scripts/lib/offline-terraform';

/**
 * Real `terraform init -backend=false && terraform validate` of synthesized stacks, offline.
 *
 * cdktf's own `toBeValidTerraform` runs `terraform init` against the real backend, which cannot
 * work offline; these use the project's mirror-only CLI config instead. Stacks whose providers
 * are not all in the mirror come back `not checkable`, naming the missing providers.
 *
 * @throws when the provider mirror is missing (a check is never skipped silently)
 */
export function validateStacks(stacks: TerraformStack[]): StackCheck[] {
  const mirror = findMirror();
  if (!mirror) throw new Error('No Terraform provider mirror found: set TF_PROVIDER_MIRROR');
  const dirs = stacks.map((stack) => {
    const outdir = Testing.fullSynth(stack);
    const stackDir = path.join(outdir, 'stacks', stack.node.id);
    if (!fs.existsSync(path.join(stackDir, 'cdk.tf.json'))) throw new Error(`no synthesized stack at ${stackDir}`);
    return stackDir;
  });
  // One terraform run for all of them: the AWS provider schema takes seconds to load.
  return checkStackDirsTogether(dirs, mirror);
}

/** {@link validateStacks} for one stack. Prefer one `validateStacks` call per test file. */
export function validateStack(stack: TerraformStack): StackCheck {
  return validateStacks([stack])[0]!;
}
