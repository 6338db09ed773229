import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeHclModules } from '../../../../modules/core/hcl-modules';
import { findMirror } from '../../../../scripts/lib/offline-terraform';
import { shippedSynth } from '../../../helpers/shipped-synth';
import { type TestResult, folderProviders, placeholderInputs, runMockedApply, validateGenerated } from '../../../../scripts/lib/terraform-test';

/**
 * The generated modules and composed roots of the shipped environments, checked by real Terraform
 * with the offline mirror (hashicorp/aws only):
 *
 * - `terraform init -backend=false && terraform validate` of every AWS-only module, every AWS-only
 *   composed root, and an HCL consumer that calls a module with `count = 2` and
 *   `providers = { aws = aws.secondary }` (one init, one validate for all of them);
 * - `terraform test` with `mock_provider "aws"` and `command = apply` over every AWS-only module
 *   and the AWS-only composed root of prod, so every expression, count and output is evaluated
 *   (one init; mock defaults generated from the provider schema, see scripts/lib/mock-defaults.ts;
 *   the prod modules are applied inside the root, wired to each other, not a second time alone).
 *
 * Modules needing google, azurerm, random, kubernetes or helm cannot run offline: they are listed.
 */

/**
 * The shipped environments (config/) synthesized by the real app (__tests__/helpers/shipped-synth.ts).
 *
 * With `HCL_TEST_SYNTH_DIR` set, reuses that existing synth output's stacks instead (faster when
 * iterating) and builds the modules from them.
 */
function synthShipped(): string {
  const reuse = process.env.HCL_TEST_SYNTH_DIR;
  if (reuse) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-modules-'));
    fs.cpSync(path.join(reuse, 'stacks'), path.join(outdir, 'stacks'), { recursive: true });
    fs.copyFileSync(path.join(reuse, 'manifest.json'), path.join(outdir, 'manifest.json'));
    writeHclModules(outdir);
    return outdir;
  }
  // The real app's output, reused while no input byte changed (read-only: shared with other tests).
  return shippedSynth();
}

const awsOnly = (outdir: string, dir: string) => folderProviders(outdir, dir).every((p) => p.source === 'hashicorp/aws');

describe('generated modules and composed roots (real Terraform, offline mirror)', () => {
  const mirror = findMirror();
  if (!mirror) throw new Error('No Terraform provider mirror found: set TF_PROVIDER_MIRROR');
  let outdir: string;
  let modules: string[];
  let roots: string[];

  beforeAll(() => {
    outdir = synthShipped();
    modules = fs.readdirSync(path.join(outdir, 'modules')).sort().map((m) => `modules/${m}`);
    roots = fs.readdirSync(path.join(outdir, 'environments')).sort().map((e) => `environments/${e}`);
  });

  afterAll(() => {
    if (outdir && process.env.HCL_TEST_SYNTH_DIR) fs.rmSync(outdir, { recursive: true, force: true });
  });

  it('writes a module per stack and a full and an AWS-only root per environment', () => {
    const stacks = fs.readdirSync(path.join(outdir, 'stacks')).sort();
    expect(modules).toEqual(stacks.map((s) => `modules/${s}`));
    for (const env of ['dev', 'staging', 'prod']) {
      expect(roots).toContain(`environments/${env}`);
      expect(roots).toContain(`environments/${env}-aws`);
    }
    for (const m of modules) expect(fs.existsSync(path.join(outdir, m, 'README.md'))).toBe(true);
  });

  it('wires the composed root exactly as the stacks read each other through remote state', () => {
    const root = JSON.parse(fs.readFileSync(path.join(outdir, 'environments/prod/main.tf.json'), 'utf8'));
    const callOf = (stack: string) => Object.entries<any>(root.module).find(([, c]) => c.source === `../../modules/${stack}`)![0];
    let reads = 0;
    for (const stack of fs.readdirSync(path.join(outdir, 'stacks')).filter((s) => s.startsWith('prod-'))) {
      const text = fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8');
      const wired = Object.values<string>(root.module[callOf(stack)]);
      // Reads in a stack's provider blocks (Kubernetes/Helm from the cluster) move to the root's providers.
      const providers = JSON.stringify(root.provider);
      for (const [read, producer, output] of text.matchAll(/data\.terraform_remote_state\.cross-stack-reference-input-([A-Za-z0-9_-]+?)\.outputs\.([A-Za-z0-9_-]+)/g)) {
        const { provider = {}, ...rest } = JSON.parse(text);
        if (JSON.stringify(provider).includes(read)) expect(providers).toContain(`module.${callOf(producer!)}.${output}`);
        if (JSON.stringify(rest).includes(read)) expect(wired).toContain(`\${module.${callOf(producer!)}.${output}}`);
        reads++;
      }
    }
    expect(reads).toBeGreaterThan(20);
  });

  describe('terraform init -backend=false && terraform validate', () => {
    let results: TestResult[];
    let seconds: number;
    beforeAll(() => {
      const started = Date.now();
      const dirs = [...modules, ...roots].filter((d) => awsOnly(outdir, d));
      const consumerInputs = placeholderInputs(outdir, 'modules/prod-aws-database', '  ');
      const consumer = [
        'provider "aws" {',
        '  region = "eu-west-1"',
        '}',
        'provider "aws" {',
        '  alias  = "secondary"',
        '  region = "us-east-1"',
        '}',
        'module "database_twice" {',
        '  source    = "./modules/prod-aws-database"',
        '  count     = 2',
        '  providers = { aws = aws.secondary }',
        ...consumerInputs,
        '}',
        'output "database_security_groups" {',
        '  value = module.database_twice[*].security_group_id',
        '}',
      ].join('\n');
      results = validateGenerated(outdir, dirs, mirror, consumer);
      seconds = (Date.now() - started) / 1000;
      console.log(`validate of ${dirs.length} generated folders and a consumer: ${seconds.toFixed(1)} s`);
    }, 300_000);

    it('passes for every AWS-only module and composed root', () => {
      const checked = results.filter((r) => r.dir !== 'consumer');
      for (const r of checked) if (r.status !== 'pass') console.error(`${r.dir}: ${r.detail}`);
      expect(checked.map((r) => r.dir)).toEqual(expect.arrayContaining(['environments/prod-aws', 'modules/prod-aws-network', 'modules/prod-aws-dr-replication']));
      expect(checked.filter((r) => r.status !== 'pass')).toEqual([]);
    });

    it('passes for a consumer calling a module with count = 2 and an aliased provider', () => {
      expect(results.find((r) => r.dir === 'consumer')).toEqual({ dir: 'consumer', status: 'pass', detail: '' });
    });
  });

  describe('terraform test, mock_provider "aws", command = apply', () => {
    let results: TestResult[];
    beforeAll(() => {
      const started = Date.now();
      const targets = ['environments/prod-aws', ...modules].map((dir) => ({ dir }));
      results = runMockedApply(outdir, targets, mirror);
      const notRunnable = results.filter((r) => r.status === 'not runnable');
      console.log(
        `mocked apply of ${results.length - notRunnable.length} folders: ${((Date.now() - started) / 1000).toFixed(1)} s\n` +
          `not runnable offline:\n${notRunnable.map((r) => `  ${r.dir}: ${r.detail}`).join('\n')}`,
      );
    }, 600_000);

    it('applies the AWS-only composed root of prod and every AWS-only module', () => {
      for (const r of results) if (r.status === 'fail') console.error(`${r.dir}: ${r.detail}`);
      const passed = results.filter((r) => r.status === 'pass').map((r) => r.dir);
      expect(passed).toEqual(['environments/prod-aws', ...modules.filter((m) => awsOnly(outdir, m))]);
      // The prod modules are applied inside the composed root (wired to each other), the others alone.
      expect(results.find((r) => r.dir === 'modules/prod-aws-network')).toEqual({ dir: 'modules/prod-aws-network', status: 'pass', detail: 'applied within environments/prod-aws' });
      expect(results.find((r) => r.dir === 'modules/dev-aws-network')).toEqual({ dir: 'modules/dev-aws-network', status: 'pass', detail: '' });
      expect(results.filter((r) => r.status === 'fail')).toEqual([]);
    });

    it('names the modules it cannot run and the providers they miss', () => {
      const notRunnable = results.filter((r) => r.status === 'not runnable');
      expect(notRunnable.length).toBeGreaterThan(0);
      for (const r of notRunnable) expect(r.detail).toMatch(/hashicorp\/(google|azurerm|random|kubernetes|helm)@/);
    });
  });
});
