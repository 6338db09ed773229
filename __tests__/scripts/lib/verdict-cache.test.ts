import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as crypto from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliConfigFor, findMirror, offlineTerraformEnv } from '../../../scripts/lib/offline-terraform';
import { type RecordedRun, VERDICT_CACHE_DIR, environmentFailure, scenarioVerdict, terraformVerdict, verdictKey } from '../../../scripts/lib/verdict-cache';

/** The content-addressed cache of Terraform verdicts the Terraform-backed tests share. */
describe('terraform verdict cache', () => {
  const mirror = findMirror();
  if (!mirror) throw new Error('No Terraform provider mirror found: set TF_PROVIDER_MIRROR');
  const made: string[] = [];
  const folder = (files: Record<string, string>) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verdict-'));
    made.push(dir);
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
  };
  const unique = crypto.randomBytes(8).toString('hex');
  const env = { ...process.env, CHECKPOINT_DISABLE: '1', TERRAFORM_VERDICT_CACHE: '', TF_CLI_CONFIG_FILE: cliConfigFor(mirror) };

  afterAll(() => {
    for (const d of made) fs.rmSync(d, { recursive: true, force: true });
  });

  it('keys by the bytes of every file, not by the folder it sits in', () => {
    const a = folder({ 'main.tf': `# ${unique}\n`, 'sub/x.tf.json': '{}' });
    const b = folder({ 'main.tf': `# ${unique}\n`, 'sub/x.tf.json': '{}' });
    const c = folder({ 'main.tf': `# ${unique}\n`, 'sub/x.tf.json': '{ }' });
    const cmds = [['validate']];
    expect(verdictKey(a, cmds, { mirror })).toBe(verdictKey(b, cmds, { mirror }));
    expect(verdictKey(c, cmds, { mirror })).not.toBe(verdictKey(a, cmds, { mirror }));
  });

  it('keys by the commands and by the extra parts', () => {
    const a = folder({ 'main.tf': `# ${unique}\n` });
    expect(verdictKey(a, [['validate']], { mirror })).not.toBe(verdictKey(a, [['validate', '-json']], { mirror }));
    expect(verdictKey(a, [['validate']], { mirror, extra: ['x'] })).not.toBe(verdictKey(a, [['validate']], { mirror, extra: ['y'] }));
  });

  it('ignores what terraform init leaves behind (.terraform, the lock file)', () => {
    const a = folder({ 'main.tf': `# ${unique}\n` });
    const before = verdictKey(a, [['validate']], { mirror });
    fs.mkdirSync(path.join(a, '.terraform'));
    fs.writeFileSync(path.join(a, '.terraform', 'x'), 'y');
    fs.writeFileSync(path.join(a, '.terraform.lock.hcl'), '# lock');
    expect(verdictKey(a, [['validate']], { mirror })).toBe(before);
  });

  it('runs Terraform once, then answers the same inputs from the cache, saying so', () => {
    const dir = folder({ 'main.tf': `output "x" {\n  value = "${unique}"\n}\n` });
    const logs: string[] = [];
    const spy = jest.spyOn(console, 'log').mockImplementation((m: string) => void logs.push(m));
    try {
      const first = terraformVerdict('a test', dir, [['fmt', '-check']], env, { mirror });
      const second = terraformVerdict('a test', dir, [['fmt', '-check']], env, { mirror });
      expect(first.cached).toBe(false);
      expect(first.runs).toEqual([{ args: ['fmt', '-check'], status: 0, stdout: '', stderr: '' }]);
      expect(second).toEqual({ ...first, cached: true });
      expect(fs.existsSync(path.join(VERDICT_CACHE_DIR, `${first.key}.json`))).toBe(true);
      expect(logs[0]).toMatch(/^terraform verdict: a test: ran in \d+\.\d s, cached as [0-9a-f]{12}$/);
      expect(logs[1]).toBe(`terraform verdict: a test: from cache ${first.key.slice(0, 12)}`);
      // A failing verdict is recorded as it was: the exit status and Terraform's message.
      fs.writeFileSync(path.join(dir, 'bad.tf'), 'output "y" {\nvalue="z"\n}\n');
      const bad = terraformVerdict('a test', dir, [['fmt', '-check', '-no-color'], ['version']], env, { mirror });
      expect(bad.runs).toHaveLength(1);
      expect(bad.runs[0]!.status).toBe(3);
      expect(bad.runs[0]!.stdout).toBe('bad.tf\n');
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps no verdict of a run that failed because the provider could not be reached (the next run tries again)', () => {
    const dir = folder({ 'main.tf': `terraform {\n  required_providers {\n    aws = {\n      source = "hashicorp/aws"\n    }\n  }\n}\nresource "aws_sqs_queue" "q" {\n  name = "${unique}"\n}\n` });
    // A provider whose socket is gone; the process named is a stand-in of this test (go-plugin
    // kills the process of reattach settings it cannot reach).
    const standIn = spawn('sleep', ['60'], { stdio: 'ignore' });
    const reattach = JSON.stringify({ 'registry.terraform.io/hashicorp/aws': { Protocol: 'grpc', ProtocolVersion: 5, Pid: standIn.pid, Test: true, Addr: { Network: 'unix', String: path.join(dir, 'gone.sock') } } });
    const logs: string[] = [];
    const spy = jest.spyOn(console, 'log').mockImplementation((m: string) => void logs.push(m));
    try {
      const gone = { ...env, TF_REATTACH_PROVIDERS: reattach };
      const first = terraformVerdict('gone', dir, [['init', '-backend=false', '-no-color'], ['validate', '-no-color']], gone, { mirror });
      expect(first.runs.at(-1)!.status).not.toBe(0);
      expect(environmentFailure(`${first.runs.at(-1)!.stdout}${first.runs.at(-1)!.stderr}`)).toBe(true);
      expect(fs.existsSync(path.join(VERDICT_CACHE_DIR, `${first.key}.json`))).toBe(false);
      expect(logs[0]).toMatch(/^terraform verdict: gone: ran in \d+\.\d s, not cached \(provider not available\)$/);
      const second = terraformVerdict('gone', dir, [['init', '-backend=false', '-no-color'], ['validate', '-no-color']], gone, { mirror });
      expect(second.cached).toBe(false);
    } finally {
      spy.mockRestore();
      standIn.kill();
    }
  });

  it('keeps the facts of a scenario, but not facts that tell of a provider Terraform could not reach', async () => {
    const file = folder({ 'scenario.txt': `scenario ${unique}\n` });
    const logs: string[] = [];
    const spy = jest.spyOn(console, 'log').mockImplementation((m: string) => void logs.push(m));
    // The scenario cache reads this process's setting: on, even in a cold run (TERRAFORM_VERDICT_CACHE=off).
    const setting = process.env.TERRAFORM_VERDICT_CACHE;
    process.env.TERRAFORM_VERDICT_CACHE = '';
    try {
      let runs = 0;
      const gone = async () => (runs++, { deploy: 1, stderr: 'Error: Failed to load plugin schemas' });
      await scenarioVerdict('scenario', [path.join(file, 'scenario.txt')], { mirror, extra: ['gone'] }, gone);
      const again = await scenarioVerdict('scenario', [path.join(file, 'scenario.txt')], { mirror, extra: ['gone'] }, gone);
      expect([again.cached, runs]).toEqual([false, 2]);
      expect(logs[0]).toMatch(/not cached \(provider not available\)$/);
      const fine = async () => (runs++, { deploy: 0 });
      await scenarioVerdict('scenario', [path.join(file, 'scenario.txt')], { mirror, extra: ['fine'] }, fine);
      const kept = await scenarioVerdict('scenario', [path.join(file, 'scenario.txt')], { mirror, extra: ['fine'] }, fine);
      expect([kept.cached, kept.facts, runs]).toEqual([true, { deploy: 0 }, 3]);
    } finally {
      spy.mockRestore();
      if (setting === undefined) delete process.env.TERRAFORM_VERDICT_CACHE;
      else process.env.TERRAFORM_VERDICT_CACHE = setting;
    }
  });

  it.each([
    ['a configuration error', 'Error: Unsupported argument\n\nAn argument named "no_such_argument" is not expected here.', false],
    ['a provider that cannot be reached', 'Error: Failed to load plugin schemas\n\nfailed to instantiate provider "registry.terraform.io/hashicorp/aws"', true],
    ['a provider that cannot be installed', 'Error: Failed to query available provider packages', true],
  ])('tells %s apart from a verdict on the inputs', (_name, output, environment) => {
    expect(environmentFailure(output)).toBe(environment);
  });

  it('neither reads nor writes the cache with TERRAFORM_VERDICT_CACHE=off', () => {
    const dir = folder({ 'main.tf': `# off ${unique}\n` });
    const off = { ...env, TERRAFORM_VERDICT_CACHE: 'off' };
    const spy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const first = terraformVerdict('off', dir, [['fmt', '-check']], off, { mirror });
      const second = terraformVerdict('off', dir, [['fmt', '-check']], off, { mirror });
      expect([first.cached, second.cached]).toEqual([false, false]);
      expect(fs.existsSync(path.join(VERDICT_CACHE_DIR, `${first.key}.json`))).toBe(false);
    } finally {
      spy.mockRestore();
    }
  });

  describe('mocked test files, run at once and stopped before the teardown', () => {
    // A bucket Terraform must never destroy: a teardown would fail on it ("Instance cannot be
    // destroyed"), so a pass here also shows that no teardown ran.
    const main = [
      'terraform {',
      '  required_providers {',
      '    aws = {',
      '      source = "hashicorp/aws"',
      '    }',
      '  }',
      '}',
      'variable "fail" {',
      '  type    = bool',
      '  default = false',
      '}',
      'resource "aws_s3_bucket" "kept" {',
      '  bucket = "kept"',
      '  lifecycle {',
      '    prevent_destroy = true',
      '  }',
      '}',
      'output "bucket" {',
      '  value = aws_s3_bucket.kept.bucket',
      '  precondition {',
      '    condition     = !var.fail',
      '    error_message = "The fail variable is set."',
      '  }',
      '}',
    ].join('\n');
    const files = {
      'main.tf': `${main}\n`,
      'tests/applies.tftest.hcl': 'mock_provider "aws" {}\n\nrun "applies" {\n  command = apply\n}\n',
      'tests/fails.tftest.hcl': 'mock_provider "aws" {}\n\nrun "fails" {\n  command = apply\n  variables {\n    fail = true\n  }\n}\n',
    };
    // The same bytes every run: a warm run reads the verdict from the cache, whose key holds the
    // bytes of scripts/lib/terraform-tests-at-once.js (a change to how files are stopped runs
    // Terraform again); a cold run (TERRAFORM_VERDICT_CACHE=off) always runs it.
    const tfEnv = offlineTerraformEnv(mirror);
    const init = ['init', '-backend=false', '-input=false', '-no-color'];

    it('records one run per file, in order, each with its result and its errors, and no teardown', () => {
      const dir = folder(files);
      const spy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      try {
        const { runs } = terraformVerdict('at once', dir, [init, { mockedTestFiles: ['tests/applies.tftest.hcl', 'tests/fails.tftest.hcl'], args: ['-no-color'] }], tfEnv, { mirror });
        expect(runs.map((r) => [r.args, r.status, r.stoppedAtTeardown])).toEqual([
          [init, 0, undefined],
          [['test', '-no-color', '-filter=tests/applies.tftest.hcl'], 0, true],
          [['test', '-no-color', '-filter=tests/fails.tftest.hcl'], 1, true],
        ]);
        const [, applies, fails] = runs.map((r) => `${r.stdout}\n${r.stderr}`);
        expect(applies).toMatch(/run "applies"\.\.\. pass/);
        expect(applies).toContain('tests/applies.tftest.hcl... tearing down');
        // The file's own result comes after the teardown: it never came.
        expect(applies).not.toMatch(/tests\/applies\.tftest\.hcl\.\.\. (pass|fail)/);
        expect(applies).not.toContain('cannot be destroyed');
        expect(fails).toMatch(/run "fails"\.\.\. fail/);
        // One stream in Terraform's order: the run's error before the teardown line, which ends it.
        expect(runs.slice(1).map((r) => r.stderr)).toEqual(['', '']);
        expect(fails.indexOf('The fail variable is set.')).toBeGreaterThan(-1);
        expect(fails.indexOf('The fail variable is set.')).toBeLessThan(fails.indexOf('tests/fails.tftest.hcl... tearing down'));
        for (const r of runs.slice(1)) expect(r.stdout).toMatch(/\.tftest\.hcl\.\.\. tearing down\n$/);
        expect(fails).not.toContain('run "applies"');
      } finally {
        spy.mockRestore();
      }
    });

    it('keys the verdict by how the files are run: not the same as one terraform test of them all', () => {
      const dir = folder(files);
      expect(verdictKey(dir, [init, { mockedTestFiles: ['tests/applies.tftest.hcl'], args: [] }], { mirror })).not.toBe(verdictKey(dir, [init, ['test']], { mirror }));
    });

    it('gives no verdict (status null, never cached) when Terraform cannot be started', () => {
      const bin = folder({});
      fs.symlinkSync(process.execPath, path.join(bin, 'node'));
      const r = spawnSync(process.execPath, [path.join(__dirname, '../../../scripts/lib/terraform-tests-at-once.js')], {
        input: JSON.stringify([['test', '-filter=tests/x.tftest.hcl']]),
        encoding: 'utf8',
        env: { PATH: bin },
      });
      expect(r.status).toBe(0);
      const [run] = JSON.parse(r.stdout) as RecordedRun[];
      expect(run).toMatchObject({ args: ['test', '-filter=tests/x.tftest.hcl'], status: null, stderr: '', stoppedAtTeardown: false });
      expect(run!.stdout).toMatch(/terraform: not found/);
    });

    it('refuses a command that does not test exactly one file (stopping it would skip the others)', () => {
      const r = spawnSync(process.execPath, [path.join(__dirname, '../../../scripts/lib/terraform-tests-at-once.js')], { input: JSON.stringify([['test', '-no-color']]), encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('each command must be `test ... -filter=<one file>`, got: ["test","-no-color"]');
    });
  });
});
