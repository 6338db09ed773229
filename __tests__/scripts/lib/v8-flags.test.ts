import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * scripts/lib/v8-flags.js: the V8 flags the app and the test runner set for themselves. V8 compiles
 * a `%...` call only under --allow-natives-syntax, so a probe shows whether a flag reached V8.
 */

const MODULE = path.resolve(__dirname, '../../../scripts/lib/v8-flags.js');
const PROBE = `require(${JSON.stringify(MODULE)}).applyV8Flags(); try { new Function('return %IsBeingInterpreted()')(); console.log('set'); } catch (e) { console.log(e.name); }`;

function run(nodeArgs: string[], flags: string | undefined) {
  const env = { ...process.env };
  if (flags === undefined) delete env.INFRA_V8_FLAGS;
  else env.INFRA_V8_FLAGS = flags;
  return spawnSync(process.execPath, [...nodeArgs, '-e', PROBE], { env, encoding: 'utf8' });
}

function probe(nodeArgs: string[], flags: string | undefined): string {
  const r = run(nodeArgs, flags);
  expect(r.stderr).toBe('');
  return r.stdout.trim();
}

describe('scripts/lib/v8-flags.js', () => {
  it('sets the flags of INFRA_V8_FLAGS in the running process', () => {
    expect(probe([], '--allow-natives-syntax')).toBe('set');
  });

  it('sets nothing when INFRA_V8_FLAGS is empty', () => {
    expect(probe([], '')).toBe('SyntaxError');
  });

  it('refuses a value that is not a list of flags, naming the variable, the value and what is allowed', () => {
    const r = run([], '--allow-natives-syntax interrupt-budget=1');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('INFRA_V8_FLAGS: "interrupt-budget=1" is not a V8 flag; use --name or --name=value, separated by spaces');
    expect(r.stdout).toBe('');
  });

  it('leaves a flag given to node itself as given, in any of its forms', () => {
    expect(probe(['--no-allow-natives-syntax'], '--allow-natives-syntax')).toBe('SyntaxError');
    expect(probe(['--no-allow_natives_syntax'], '--allow-natives-syntax')).toBe('SyntaxError');
    // a different flag given to node does not stop ours
    expect(probe(['--max-old-space-size=4096'], '--allow-natives-syntax')).toBe('set');
  });
});
