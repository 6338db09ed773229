import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { commitOutput } from '../../../modules/core/commit-output';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'commit-'));
}

/** Writes `files` (relative path -> content) under `root`. */
function tree(root: string, files: Record<string, string>): string {
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
  return root;
}

function read(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else out[r] = fs.readFileSync(path.join(root, r), 'utf8');
    }
  };
  walk('');
  return out;
}

const OUTPUT = {
  'manifest.json': '{"stacks":{}}',
  'stacks/a/cdk.tf.json': '{"a":1}',
  'stacks/b/cdk.tf.json': '{"b":1}',
  'modules/a/main.tf.json': '{}',
  'environments/dev/main.tf.json': '{"dev":1}',
};
const OPTIONS = { keepLocalFilesIn: ['stacks', 'environments'], writeLast: 'manifest.json' };

describe('commitOutput', () => {
  it('creates the output when there is none', () => {
    const source = tree(tmp(), OUTPUT);
    const target = path.join(tmp(), 'out');
    const result = commitOutput(source, target, OPTIONS);
    expect(read(target)).toEqual(OUTPUT);
    expect(result.written).toHaveLength(Object.keys(OUTPUT).length);
  });

  it('writes nothing when the new output has the same bytes: files keep their inode and time', () => {
    const target = path.join(tmp(), 'out');
    commitOutput(tree(tmp(), OUTPUT), target, OPTIONS);
    const before = Object.keys(OUTPUT).map((rel) => fs.statSync(path.join(target, rel)));
    const result = commitOutput(tree(tmp(), OUTPUT), target, OPTIONS);
    expect(result).toEqual({ written: [], deleted: [], unchanged: Object.keys(OUTPUT).length });
    const after = Object.keys(OUTPUT).map((rel) => fs.statSync(path.join(target, rel)));
    expect(after.map((s) => [s.ino, s.mtimeMs])).toEqual(before.map((s) => [s.ino, s.mtimeMs]));
  });

  it('writes only the changed file, and the manifest last', () => {
    const target = path.join(tmp(), 'out');
    commitOutput(tree(tmp(), OUTPUT), target, OPTIONS);
    const untouched = fs.statSync(path.join(target, 'stacks/b/cdk.tf.json')).ino;
    // same size, other bytes: the comparison must look at the bytes, not only the size
    const result = commitOutput(tree(tmp(), { ...OUTPUT, 'stacks/a/cdk.tf.json': '{"a":2}' }), target, OPTIONS);
    expect(result.written).toEqual(['stacks/a/cdk.tf.json', 'manifest.json']);
    expect(fs.readFileSync(path.join(target, 'stacks/a/cdk.tf.json'), 'utf8')).toBe('{"a":2}');
    expect(fs.statSync(path.join(target, 'stacks/b/cdk.tf.json')).ino).toBe(untouched);
  });

  it('compares files larger than its comparison buffer to the last byte', () => {
    const big = 'x'.repeat(200_000);
    const target = path.join(tmp(), 'out');
    commitOutput(tree(tmp(), { 'f.txt': big }), target);
    expect(commitOutput(tree(tmp(), { 'f.txt': big }), target).written).toEqual([]);
    const changed = `${big.slice(0, -1)}y`;
    expect(commitOutput(tree(tmp(), { 'f.txt': changed }), target).written).toEqual(['f.txt']);
    expect(fs.readFileSync(path.join(target, 'f.txt'), 'utf8')).toBe(changed);
  });

  it('deletes what the new output lacks, keeps local files of the stacks and roots it still has', () => {
    const target = path.join(tmp(), 'out');
    commitOutput(tree(tmp(), { ...OUTPUT, 'stacks/a/assets/old/archive.zip': 'old', 'old-report.json': '{}' }), target, OPTIONS);
    tree(target, {
      'stacks/a/.terraform/providers/x': 'provider',
      'stacks/a/.terraform.lock.hcl': '# lock',
      'stacks/b/.terraform.lock.hcl': '# lock of a stack that goes away',
      'environments/dev/backend.tf': 'terraform {}',
    });
    const next = { ...OUTPUT, 'stacks/a/assets/new/archive.zip': 'new' } as Record<string, string>;
    delete next['stacks/b/cdk.tf.json'];
    const result = commitOutput(tree(tmp(), next), target, OPTIONS);
    expect(read(target)).toEqual({
      ...next,
      'stacks/a/.terraform/providers/x': 'provider',
      'stacks/a/.terraform.lock.hcl': '# lock',
      'environments/dev/backend.tf': 'terraform {}',
    });
    // a folder the synth writes (assets) is replaced as a whole: its old content is not "local"
    expect(result.deleted).toEqual(expect.arrayContaining(['stacks/a/assets/old', 'stacks/b', 'old-report.json']));
  });

  it('never looks inside a kept local folder: a provider link in .terraform that points nowhere is no error', () => {
    const target = path.join(tmp(), 'out');
    commitOutput(tree(tmp(), OUTPUT), target, OPTIONS);
    fs.mkdirSync(path.join(target, 'stacks/a/.terraform/providers'), { recursive: true });
    fs.symlinkSync('/nonexistent/mirror/terraform-provider-aws', path.join(target, 'stacks/a/.terraform/providers/aws'));
    const result = commitOutput(tree(tmp(), { ...OUTPUT, 'stacks/a/cdk.tf.json': '{"a":9}' }), target, OPTIONS);
    expect(result.written).toEqual(['stacks/a/cdk.tf.json', 'manifest.json']);
    expect(fs.readlinkSync(path.join(target, 'stacks/a/.terraform/providers/aws'))).toBe('/nonexistent/mirror/terraform-provider-aws');
  });

  it('replaces a file by a folder and a folder by a file', () => {
    const target = path.join(tmp(), 'out');
    commitOutput(tree(tmp(), { 'x/inner.txt': '1', y: 'file' }), target);
    commitOutput(tree(tmp(), { x: 'now a file', 'y/inner.txt': 'now a folder' }), target);
    expect(read(target)).toEqual({ x: 'now a file', 'y/inner.txt': 'now a folder' });
  });

  it('rewrites a file whose mode changed (an executable bit)', () => {
    const target = path.join(tmp(), 'out');
    commitOutput(tree(tmp(), { 'run.sh': 'echo' }), target);
    const source = tree(tmp(), { 'run.sh': 'echo' });
    fs.chmodSync(path.join(source, 'run.sh'), 0o755);
    expect(commitOutput(source, target).written).toEqual(['run.sh']);
    expect(fs.statSync(path.join(target, 'run.sh')).mode & 0o777).toBe(0o755);
  });

  it('leaves no temporary file behind', () => {
    const target = path.join(tmp(), 'out');
    commitOutput(tree(tmp(), OUTPUT), target, OPTIONS);
    commitOutput(tree(tmp(), { ...OUTPUT, 'stacks/a/cdk.tf.json': '{"a":3}' }), target, OPTIONS);
    expect(Object.keys(read(target)).sort()).toEqual(Object.keys(OUTPUT).sort());
  });
});
