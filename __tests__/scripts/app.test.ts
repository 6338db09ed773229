import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * scripts/app.js, the launcher `npm run synth` and `cdktf synth` use: it runs a TypeScript entry
 * as one bundled file kept under a key of its sources' bytes, rebuilt when any of them changes.
 */

const ROOT = path.resolve(__dirname, '../..');
const CACHE = path.join(ROOT, '.cache', 'bundle');

describe('scripts/app.js', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-launcher-'));
  const name = `launcher-test-${path.basename(dir)}`;
  const entry = path.join(dir, `${name}.ts`);
  const dep = path.join(dir, 'dep.ts');
  const manifest = path.join(CACHE, `${name}.json`);
  const run = (env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, [path.join(ROOT, 'scripts/app.js'), entry, 'one', 'two'], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
  const keyNow = () => (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { key: string }).key;

  beforeAll(() => {
    fs.writeFileSync(dep, "export const greeting: string = 'first';\n");
    fs.writeFileSync(entry, "import { greeting } from './dep';\nconsole.log(JSON.stringify({ greeting, args: process.argv.slice(2), main: require.main === module }));\n");
  });

  afterAll(() => {
    if (fs.existsSync(manifest)) {
      const key = keyNow();
      for (const f of fs.readdirSync(CACHE)) if (f.startsWith(`${key}.`)) fs.rmSync(path.join(CACHE, f), { force: true });
      fs.rmSync(manifest, { force: true });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs the entry bundled, with its own arguments, and keeps the bundle under a key of its sources', () => {
    const first = run();
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout)).toEqual({ greeting: 'first', args: ['one', 'two'], main: true });
    const key = keyNow();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.existsSync(path.join(CACHE, `${key}.js`))).toBe(true);
    const inputs = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { inputs: string[] }).inputs;
    expect(inputs.map((f) => path.basename(f)).sort()).toEqual(['dep.ts', `${name}.ts`]);
  });

  it('reuses the bundle while no source changed, and writes the code cache after the first run', () => {
    const key = keyNow();
    const bundle = path.join(CACHE, `${key}.js`);
    const built = fs.statSync(bundle).mtimeMs;
    expect(JSON.parse(run().stdout).greeting).toBe('first');
    expect(fs.statSync(bundle).mtimeMs).toBe(built);
    expect(keyNow()).toBe(key);
    expect(fs.readdirSync(CACHE).filter((f) => f.startsWith(`${key}.`) && f.endsWith('.v8'))).toHaveLength(1);
  });

  it('keeps one code cache per set of V8 flags (the cdktf CLI runs the app with NODE_OPTIONS), never rewriting one that V8 accepts', () => {
    const key = keyNow();
    const caches = () => fs.readdirSync(CACHE).filter((f) => f.startsWith(`${key}.`) && f.endsWith('.v8')).sort();
    const cli = { NODE_OPTIONS: '--max-old-space-size=4096' };
    expect(JSON.parse(run(cli).stdout).greeting).toBe('first');
    expect(caches()).toHaveLength(2);
    const written = caches().map((f) => fs.statSync(path.join(CACHE, f)).mtimeMs);
    // alternating between the two: each finds its own cache, accepted, and leaves it as it was
    for (const env of [{}, cli, {}]) expect(JSON.parse(run(env).stdout).greeting).toBe('first');
    expect(caches().map((f) => fs.statSync(path.join(CACHE, f)).mtimeMs)).toEqual(written);
  });

  it('sets its V8 flags before the bundle is compiled (INFRA_V8_FLAGS replaces them), each set with its own code cache', () => {
    const key = keyNow();
    const caches = () => fs.readdirSync(CACHE).filter((f) => f.startsWith(`${key}.`) && f.endsWith('.v8'));
    const before = caches().length;
    // V8 compiles `%...` calls only under --allow-natives-syntax: proof that the flag reached V8.
    const probe = "try { console.log(typeof new Function('return %IsBeingInterpreted()')()); } catch (e) { console.log(e.name); }";
    const probeName = `${name}-probe`;
    fs.writeFileSync(path.join(dir, `${probeName}.ts`), `${probe}\n`);
    const probeRun = (flags: string) =>
      spawnSync(process.execPath, [path.join(ROOT, 'scripts/app.js'), path.join(dir, `${probeName}.ts`)], { cwd: ROOT, env: { ...process.env, INFRA_V8_FLAGS: flags }, encoding: 'utf8' });
    expect(probeRun('--allow-natives-syntax').stdout.trim()).toBe('boolean');
    expect(probeRun('').stdout.trim()).toBe('SyntaxError');
    // a value that is not a list of flags: one line naming it, nothing run
    const bad = probeRun('interrupt-budget=1');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('INFRA_V8_FLAGS: "interrupt-budget=1" is not a V8 flag; use --name or --name=value, separated by spaces (node --v8-options lists them), or leave it empty for V8\'s defaults\n');
    expect(bad.stdout).toBe('');
    const probeKey = (JSON.parse(fs.readFileSync(path.join(CACHE, `${probeName}.json`), 'utf8')) as { key: string }).key;
    for (const f of fs.readdirSync(CACHE)) if (f.startsWith(`${probeKey}.`) || f === `${probeName}.json`) fs.rmSync(path.join(CACHE, f), { force: true });
    // the entry of the other tests, under other flags: a cache of its own, the default one untouched
    expect(JSON.parse(run({ INFRA_V8_FLAGS: '--interrupt-budget=100000' }).stdout).greeting).toBe('first');
    expect(caches()).toHaveLength(before + 1);
  });

  it('imports a CommonJS module marked __esModule as TypeScript does (the module itself), any other as esbuild does', () => {
    const entryName = `${name}-interop`;
    fs.writeFileSync(path.join(dir, 'marked.js'), "Object.defineProperty(exports, '__esModule', { value: true });\nexports.value = 1;\n");
    fs.writeFileSync(path.join(dir, 'plain.js'), 'module.exports = { value: 2 };\n');
    fs.writeFileSync(
      path.join(dir, `${entryName}.ts`),
      [
        "import * as marked from './marked';",
        "import * as plain from './plain';",
        "import plainDefault from './plain';",
        "console.log(JSON.stringify({ markedIsModule: marked === require('./marked'), marked: marked.value, plainIsModule: plain === require('./plain'), plain: plain.value, plainDefault: plainDefault.value }));",
      ].join('\n'),
    );
    const interopRun = (env: NodeJS.ProcessEnv) =>
      spawnSync(process.execPath, [path.join(ROOT, 'scripts/app.js'), path.join(dir, `${entryName}.ts`)], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
    const bundled = interopRun({});
    expect(bundled.stderr).toBe('');
    expect(JSON.parse(bundled.stdout)).toEqual({ markedIsModule: true, marked: 1, plainIsModule: false, plain: 2, plainDefault: 2 });
    // the unbundled path (swc's interop helpers) agrees
    expect(JSON.parse(interopRun({ INFRA_NO_BUNDLE: '1' }).stdout)).toEqual(JSON.parse(bundled.stdout));
    const interopKey = (JSON.parse(fs.readFileSync(path.join(CACHE, `${entryName}.json`), 'utf8')) as { key: string }).key;
    for (const f of fs.readdirSync(CACHE)) if (f.startsWith(`${interopKey}.`) || f === `${entryName}.json`) fs.rmSync(path.join(CACHE, f), { force: true });
  });

  it('rebuilds when an imported file changes, and drops the bundle it replaces', () => {
    const before = keyNow();
    fs.writeFileSync(dep, "export const greeting: string = 'second';\n");
    expect(JSON.parse(run().stdout).greeting).toBe('second');
    expect(keyNow()).not.toBe(before);
    expect(fs.existsSync(path.join(CACHE, `${before}.js`))).toBe(false);
  });

  it('runs unbundled through the swc hook with INFRA_NO_BUNDLE=1', () => {
    const r = run({ INFRA_NO_BUNDLE: '1' });
    expect(JSON.parse(r.stdout)).toEqual({ greeting: 'second', args: ['one', 'two'], main: true });
  });
});
