import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataResource, TerraformStack } from 'cdktf';
import { synthAtomically } from '../../../modules/core/synth';

const ROOT = path.resolve(__dirname, '../../..');

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'synth-'));
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

describe('synthAtomically', () => {
  it('writes every stack when the run succeeds', () => {
    const out = path.join(tmp(), 'cdktf.out');
    synthAtomically((app) => {
      new DataResource(new TerraformStack(app, 'one'), 'x', { input: { v: 1 } });
      new DataResource(new TerraformStack(app, 'two'), 'x', { input: { v: 2 } });
    }, out);
    expect(fs.readdirSync(path.join(out, 'stacks')).sort()).toEqual(['one', 'two']);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['cdktf.out']);
  });

  it('replaces the previous output and deletes it (in the background)', async () => {
    const out = path.join(tmp(), 'cdktf.out');
    synthAtomically((app) => {
      new DataResource(new TerraformStack(app, 'old'), 'x', { input: { v: 1 } });
    }, out);
    synthAtomically((app) => {
      new DataResource(new TerraformStack(app, 'new'), 'x', { input: { v: 2 } });
    }, out);
    expect(fs.readdirSync(path.join(out, 'stacks'))).toEqual(['new']);
    // The old output was renamed aside; wait until the background deletion has removed it.
    const others = () => fs.readdirSync(path.dirname(out)).filter((f) => f !== 'cdktf.out');
    for (let i = 0; i < 200 && others().length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(others()).toEqual([]);
  });

  it('leaves the previous output untouched and writes nothing when a stack fails', () => {
    const out = path.join(tmp(), 'cdktf.out');
    synthAtomically((app) => {
      new DataResource(new TerraformStack(app, 'one'), 'x', { input: { v: 'old' } });
    }, out);
    const before = snapshot(out);
    expect(() =>
      synthAtomically((app) => {
        new DataResource(new TerraformStack(app, 'one'), 'x', { input: { v: 'new' } });
        new DataResource(new TerraformStack(app, 'two'), 'x', { input: { v: 'new' } });
        throw new Error('a construct check failed');
      }, out),
    ).toThrow('a construct check failed');
    expect(snapshot(out)).toEqual(before);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['cdktf.out']);
  });

  it('also leaves it untouched when synthesis itself fails after some stacks were written', () => {
    const out = path.join(tmp(), 'cdktf.out');
    synthAtomically((app) => {
      new DataResource(new TerraformStack(app, 'one'), 'x', { input: { v: 'old' } });
    }, out);
    const before = snapshot(out);
    expect(() =>
      synthAtomically((app) => {
        new DataResource(new TerraformStack(app, 'a-first'), 'x', { input: { v: 'new' } });
        const bad = new TerraformStack(app, 'z-last');
        bad.node.addValidation({ validate: () => ['z-last is invalid'] });
      }, out),
    ).toThrow(/z-last is invalid/);
    expect(snapshot(out)).toEqual(before);
  });

  it('writes nothing when nothing changed, and only the changed stack otherwise', () => {
    const out = path.join(tmp(), 'cdktf.out');
    const build = (v: number) => (app: any) => {
      new DataResource(new TerraformStack(app, 'one'), 'x', { input: { v: 1 } });
      new DataResource(new TerraformStack(app, 'two'), 'x', { input: { v } });
    };
    synthAtomically(build(2), out);
    expect(synthAtomically(build(2), out).written).toEqual([]);
    // the stack and its child module (the composed root only names the module), then the manifest
    expect(synthAtomically(build(3), out).written).toEqual(['modules/two/main.tf.json', 'stacks/two/cdk.tf.json', 'manifest.json']);
  });

  it('stages in $INFRA_SYNTH_STAGING and leaves nothing there', async () => {
    const staging = tmp();
    const out = path.join(tmp(), 'cdktf.out');
    const saved = process.env.INFRA_SYNTH_STAGING;
    process.env.INFRA_SYNTH_STAGING = staging;
    try {
      synthAtomically((app) => new DataResource(new TerraformStack(app, 'one'), 'x', { input: { v: 1 } }), out);
      expect(() => synthAtomically(() => { throw new Error('bad input'); }, out)).toThrow('bad input');
    } finally {
      if (saved === undefined) delete process.env.INFRA_SYNTH_STAGING;
      else process.env.INFRA_SYNTH_STAGING = saved;
    }
    expect(fs.readdirSync(path.join(out, 'stacks'))).toEqual(['one']);
    for (let i = 0; i < 200 && fs.readdirSync(staging).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(fs.readdirSync(staging)).toEqual([]);
  });

  it('deletes staging folders that killed synths left behind, never a running one', async () => {
    const staging = tmp();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const abandoned = path.join(staging, `infra-synth.staging-${dead}-0-aaaaaaaaaaaa`);
    // the id of a process that runs (this one), not a name meant to be unique
    // eslint-disable-next-line no-restricted-properties
    const running = path.join(staging, `infra-synth.staging-${process.pid}-7-bbbbbbbbbbbb`);
    for (const d of [abandoned, running]) fs.mkdirSync(path.join(d, 'stacks'), { recursive: true });
    const saved = process.env.INFRA_SYNTH_STAGING;
    process.env.INFRA_SYNTH_STAGING = staging;
    try {
      synthAtomically((app) => new DataResource(new TerraformStack(app, 'one'), 'x', { input: { v: 1 } }), path.join(tmp(), 'cdktf.out'));
    } finally {
      if (saved === undefined) delete process.env.INFRA_SYNTH_STAGING;
      else process.env.INFRA_SYNTH_STAGING = saved;
    }
    for (let i = 0; i < 200 && fs.existsSync(abandoned); i++) await new Promise((r) => setTimeout(r, 50));
    expect(fs.existsSync(abandoned)).toBe(false);
    expect(fs.existsSync(running)).toBe(true);
  });

  it('keeps files the synth does not produce, such as .terraform, across runs', () => {
    const out = path.join(tmp(), 'cdktf.out');
    const build = (app: any) => new DataResource(new TerraformStack(app, 'one'), 'x', { input: { v: 1 } });
    synthAtomically(build, out);
    fs.mkdirSync(path.join(out, 'stacks', 'one', '.terraform'));
    fs.writeFileSync(path.join(out, 'stacks', 'one', '.terraform.lock.hcl'), '# lock');
    synthAtomically(build, out);
    expect(fs.existsSync(path.join(out, 'stacks', 'one', '.terraform'))).toBe(true);
    expect(fs.readFileSync(path.join(out, 'stacks', 'one', '.terraform.lock.hcl'), 'utf8')).toBe('# lock');
  });
});

describe('the app (main.ts)', () => {
  it('exits non-zero on a bad environment file, prints every problem and writes no stack', () => {
    const envDir = tmp();
    fs.writeFileSync(path.join(envDir, 'bad.yaml'), 'name: bad\naws: { accountId: "1" }\n');
    const out = path.join(tmp(), 'cdktf.out');
    const run = spawnSync(process.execPath, ['scripts/app.js', 'main.ts'], {
      cwd: ROOT,
      env: { ...process.env, INFRA_CONFIG_DIR: envDir, CDKTF_OUTDIR: out },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/bad.yaml: aws.accountId "1" is not an AWS account id/);
    expect(run.stderr).toMatch(/bad.yaml: gcp is missing; it is required/);
    expect(run.stderr).toMatch(/Nothing was synthesized/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
