import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { cliConfigFor, findMirror } from '../../scripts/lib/offline-terraform';
import { StateBackendStack } from '../../stacks/state-backend-stack';
import { testEnvironment } from '../helpers/environment';

/**
 * Terraform users consume a synthesized stack from HCL as a module: prove it with real Terraform.
 */
describe('a synthesized stack used as a module from HCL', () => {
  it('initializes and validates, and exposes the stack outputs as module outputs', () => {
    const mirror = findMirror();
    if (!mirror) throw new Error('No Terraform provider mirror found: set TF_PROVIDER_MIRROR');
    const app = Testing.app();
    const stack = new StateBackendStack(app, 'test-state-backend', { env: testEnvironment() });
    const outdir = Testing.fullSynth(stack);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-root-'));
    fs.writeFileSync(
      path.join(root, 'main.tf'),
      [
        'module "state" {',
        `  source = "${path.join(outdir, 'stacks', 'test-state-backend')}"`,
        '}',
        'output "bucket" {',
        '  value = module.state.bucket',
        '}',
        '',
      ].join('\n'),
    );
    const env = { ...process.env, TF_CLI_CONFIG_FILE: cliConfigFor(mirror), CHECKPOINT_DISABLE: '1' };
    const init = spawnSync('terraform', ['init', '-backend=false', '-input=false', '-no-color'], { cwd: root, env, encoding: 'utf8' });
    expect(init.status).toBe(0);
    const validate = spawnSync('terraform', ['validate', '-json', '-no-color'], { cwd: root, env, encoding: 'utf8' });
    const result = JSON.parse(validate.stdout);
    expect(result.valid).toBe(true);
    // Terraform says the stack's backend and provider blocks only apply to root modules; nothing else.
    for (const d of result.diagnostics) expect(d.severity).toBe('warning');
  });
});
