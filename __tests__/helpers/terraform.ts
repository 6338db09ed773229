import * as fs from 'node:fs';
import * as path from 'node:path';
import { Testing, type TerraformStack } from 'cdktf';
import { checkStackDir, findMirror, type StackCheck } from '../../scripts/lib/offline-terraform';

/**
 * Synthesizes one stack and checks it with real `terraform init -backend=false && terraform validate`.
 *
 * cdktf's own `toBeValidTerraform` runs `terraform init` against the real backend, which
 * cannot work offline; this uses the project's mirror-only CLI config instead.
 *
 * @throws when terraform or the provider mirror is missing (a check is never skipped silently)
 */
export function validateStack(stack: TerraformStack): StackCheck {
  const mirror = findMirror();
  if (!mirror) throw new Error('No Terraform provider mirror found: set TF_PROVIDER_MIRROR');
  const outdir = Testing.fullSynth(stack);
  const stackDir = path.join(outdir, 'stacks', stack.node.id);
  if (!fs.existsSync(path.join(stackDir, 'cdk.tf.json'))) throw new Error(`no synthesized stack at ${stackDir}`);
  return checkStackDir(stackDir, mirror);
}
