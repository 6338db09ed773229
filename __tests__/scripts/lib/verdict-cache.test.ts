import * as fs from 'node:fs';
import * as crypto from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliConfigFor, findMirror } from '../../../scripts/lib/offline-terraform';
import { VERDICT_CACHE_DIR, terraformVerdict, verdictKey } from '../../../scripts/lib/verdict-cache';

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
});
