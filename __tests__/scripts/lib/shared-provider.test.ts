import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliConfigFor, findMirror, offlineTerraformEnv } from '../../../scripts/lib/offline-terraform';
import { SHARED_PROVIDERS_ENV, providerBinary, sharedProviderEnv, startSharedProviders } from '../../../scripts/lib/shared-provider';

const mirror = findMirror();

describe('shared provider processes', () => {
  if (!mirror) throw new Error('No Terraform provider mirror found: set TF_PROVIDER_MIRROR');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shared-provider-test-'));
  const config = (name: string, body: string) => {
    const d = path.join(dir, name);
    fs.mkdirSync(d);
    fs.writeFileSync(
      path.join(d, 'main.tf'),
      `terraform {\n  required_providers {\n    aws = {\n      source = "hashicorp/aws"\n    }\n  }\n}\n${body}\n`,
    );
    return d;
  };
  const terraform = (cwd: string, args: string[], reattach?: string) =>
    spawnSync('terraform', args, {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, TF_CLI_CONFIG_FILE: cliConfigFor(mirror), CHECKPOINT_DISABLE: '1', TF_REATTACH_PROVIDERS: reattach ?? '' },
    });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds the AWS provider binary of the mirror', () => {
    expect(providerBinary(mirror, 'hashicorp/aws')).toMatch(/registry\.terraform\.io\/hashicorp\/aws\/[^/]+\/linux_amd64\/terraform-provider-aws_v[^/]+$/);
    expect(providerBinary(mirror, 'hashicorp/nothing')).toBeUndefined();
  });

  it('serves validate through TF_REATTACH_PROVIDERS: a valid config passes, an invalid one fails on the provider schema', async () => {
    // The suite's own shared provider (jest's global set-up) when it runs, else one of this test's.
    const global = process.env[SHARED_PROVIDERS_ENV];
    const shared = global ? { reattach: global, stop: () => undefined } : await startSharedProviders(mirror);
    try {
      expect(Object.keys(JSON.parse(shared.reattach))).toEqual(['registry.terraform.io/hashicorp/aws']);
      const good = config('good', 'resource "aws_sqs_queue" "q" {\n  name = "q"\n  message_retention_seconds = 86400\n}');
      const bad = config('bad', 'resource "aws_sqs_queue" "q" {\n  name = "q"\n  no_such_argument = 1\n}');
      for (const d of [good, bad]) expect(terraform(d, ['init', '-backend=false', '-no-color'], shared.reattach).status).toBe(0);
      // Init installed nothing: the provider is the running one.
      expect(fs.existsSync(path.join(good, '.terraform', 'providers'))).toBe(false);
      const ok = terraform(good, ['validate', '-no-color'], shared.reattach);
      expect([ok.status, ok.stdout.trim()]).toEqual([0, 'Success! The configuration is valid.']);
      const ko = terraform(bad, ['validate', '-no-color'], shared.reattach);
      expect(ko.status).toBe(1);
      expect(ko.stderr).toContain('An argument named "no_such_argument" is not expected here');
    } finally {
      shared.stop();
    }
  });

  it('fails a validate when the shared provider is gone (never a silent pass)', async () => {
    // A provider whose socket is gone. go-plugin kills the process named in the reattach settings
    // when it cannot reach the socket, so the settings name a stand-in process of this test (a
    // sleep), never the suite's shared provider. Run alone (no suite provider), a real provider is
    // started and stopped.
    const global = process.env[SHARED_PROVIDERS_ENV];
    let reattach: string;
    let standIn: ChildProcess | undefined;
    if (global) {
      standIn = spawn('sleep', ['60'], { stdio: 'ignore' });
      const settings = JSON.parse(global) as Record<string, { Pid: number; Addr: { Network: string; String: string } }>;
      for (const provider of Object.values(settings)) {
        provider.Pid = standIn.pid!;
        provider.Addr = { Network: 'unix', String: path.join(dir, 'stopped-provider.sock') };
      }
      reattach = JSON.stringify(settings);
    } else {
      const shared = await startSharedProviders(mirror);
      shared.stop();
      await new Promise((r) => setTimeout(r, 500));
      reattach = shared.reattach;
    }
    try {
      const d = config('gone', 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}');
      const init = terraform(d, ['init', '-backend=false', '-no-color'], reattach);
      const validate = init.status === 0 ? terraform(d, ['validate', '-no-color'], reattach) : init;
      expect(validate.status).not.toBe(0);
      expect(`${validate.stdout}${validate.stderr}`).toMatch(/Failed to load plugin schemas|failed to instantiate provider/);
      // The suite's shared provider is untouched.
      if (global) for (const { Pid } of Object.values(JSON.parse(global) as Record<string, { Pid: number }>)) expect(() => process.kill(Pid, 0)).not.toThrow();
    } finally {
      standIn?.kill();
    }
  });

  it('reaches only the harnesses that never configure a provider', () => {
    expect(sharedProviderEnv({})).toEqual({});
    expect(sharedProviderEnv({ [SHARED_PROVIDERS_ENV]: '{"x":1}' })).toEqual({ TF_REATTACH_PROVIDERS: '{"x":1}' });
    const previous = process.env[SHARED_PROVIDERS_ENV];
    process.env[SHARED_PROVIDERS_ENV] = '{"registry.terraform.io/hashicorp/aws":{}}';
    try {
      expect(offlineTerraformEnv(mirror).TF_REATTACH_PROVIDERS).toBe('{"registry.terraform.io/hashicorp/aws":{}}');
    } finally {
      if (previous === undefined) delete process.env[SHARED_PROVIDERS_ENV];
      else process.env[SHARED_PROVIDERS_ENV] = previous;
    }
  });
});
