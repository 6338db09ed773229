/**
 * `npm run synth:diff -- [<git ref>]`: synthesizes every shipped environment at `<ref>` (default
 * `HEAD`) and in the working tree, and prints what differs, stack by stack, resource by resource.
 *
 * Used to prove that a refactoring changes nothing that is synthesized (or exactly the addresses
 * it means to change). Metadata that names source paths (`//` keys) is left out.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ref = process.argv[2] ?? 'HEAD';
const root = path.resolve(__dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-diff-'));

function synth(dir: string, outdir: string): void {
  execFileSync(process.execPath, ['-r', path.join(dir, 'scripts/register.js'), path.join(dir, 'main.ts')], {
    cwd: dir,
    env: { ...process.env, CDKTF_OUTDIR: outdir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Flattens a stack's JSON into `path -> value` lines, without `//` metadata. */
function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) if (k !== '//') flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, JSON.stringify(value));
  }
}

function stacksOf(outdir: string): Map<string, Map<string, string>> {
  const stacks = new Map<string, Map<string, string>>();
  const dir = path.join(outdir, 'stacks');
  for (const stack of fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []) {
    const flat = new Map<string, string>();
    flatten(JSON.parse(fs.readFileSync(path.join(dir, stack, 'cdk.tf.json'), 'utf8')), '', flat);
    stacks.set(stack, flat);
  }
  return stacks;
}

const before = path.join(work, 'before');
execFileSync('git', ['worktree', 'add', '--detach', '-f', before, ref], { cwd: root, stdio: 'ignore' });
try {
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(before, 'node_modules'));
  synth(before, path.join(work, 'out-before'));
  synth(root, path.join(work, 'out-after'));
  const a = stacksOf(path.join(work, 'out-before'));
  const b = stacksOf(path.join(work, 'out-after'));
  let changes = 0;
  for (const stack of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const x = a.get(stack);
    const y = b.get(stack);
    if (!x || !y) {
      console.log(`${x ? '-' : '+'} stack ${stack}`);
      changes++;
      continue;
    }
    for (const key of [...new Set([...x.keys(), ...y.keys()])].sort()) {
      if (x.get(key) === y.get(key)) continue;
      changes++;
      if (x.has(key)) console.log(`- ${stack}: ${key} = ${x.get(key)}`);
      if (y.has(key)) console.log(`+ ${stack}: ${key} = ${y.get(key)}`);
    }
  }
  console.log(changes === 0 ? `no difference from ${ref}` : `${changes} difference(s) from ${ref}`);
} finally {
  execFileSync('git', ['worktree', 'remove', '--force', before], { cwd: root, stdio: 'ignore' });
  fs.rmSync(work, { recursive: true, force: true });
}
