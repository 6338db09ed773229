/**
 * Runs a TypeScript entry point of the app (`node scripts/app.js main.ts [args]`) as ONE bundled
 * file with a V8 code cache, instead of resolving, reading and compiling hundreds of modules.
 *
 * - The bundle (esbuild: the entry, the project's sources and the dependencies they import) is
 *   kept in `.cache/bundle/` under a key that hashes the bytes of every source file it was built
 *   from, package-lock.json, and the Node and esbuild versions. A run first recomputes that key
 *   from the files of the last build (a few milliseconds); any change to any of them (or a new
 *   import, which changes the importing file) rebuilds the bundle, about a second.
 * - V8's code cache of the bundle (bytecode of the functions a run used) is written after the
 *   first run of a bundle and reused while V8 accepts it (same Node, same flags).
 * - Neither swc nor the TypeScript compiler is loaded when the bundle is current.
 * - The bundle is minified (same output, less memory); stack traces and class names in errors
 *   are the bundle's.
 * - V8 optimises less eagerly (scripts/lib/v8-flags.js): a synth runs about a second, too short
 *   for most optimised code to pay back its compilation.
 *
 * `INFRA_NO_BUNDLE=1` runs the entry unbundled through scripts/register.js (stack traces then
 * name the .ts files and lines). Like register.js, this never type-checks: `npm run typecheck`.
 */
const { isAscii } = require('node:buffer');
const crypto = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

/**
 * Writes through a temporary name unique per process, thread and call (several app runs may build
 * at once). Loaded only when something is written: a run with a current bundle and code cache
 * writes nothing (about 7 ms of start-up).
 */
function writeAtomic(file, data) {
  require('write-file-atomic').sync(file, data, { fsync: false });
}

const ROOT = path.resolve(__dirname, '..');
const CACHE = path.join(ROOT, '.cache', 'bundle');
/** Bump when the bundling options change. */
const FORMAT = 'app-bundle/v3';

const [entryArg, ...args] = process.argv.slice(2);
if (!entryArg) {
  process.stderr.write('usage: node scripts/app.js <entry.ts> [args...]\n');
  process.exit(2);
}
const entry = path.resolve(entryArg);
// The app sees itself as the entry: process.argv.slice(2) are its own arguments.
process.argv = [process.argv[0], entry, ...args];

if (/^(1|true|yes)$/i.test(process.env.INFRA_NO_BUNDLE ?? '')) {
  require('./register.js');
  // As `node -r ./scripts/register.js <entry>` would: the entry is the main module.
  Module._load(entry, null, true);
} else {
  runBundled();
}

function sha256(...parts) {
  const hash = crypto.createHash('sha256');
  for (const p of parts) hash.update(p);
  return hash.digest('hex');
}

/** The key of a bundle built from `inputs` (paths relative to the repository). */
function keyOf(inputs) {
  const hash = crypto.createHash('sha256');
  hash.update(`${FORMAT}\0${process.version}\0${esbuildVersion()}\0${path.relative(ROOT, entry)}\0`);
  hash.update(fs.readFileSync(path.join(ROOT, 'package-lock.json')));
  for (const rel of inputs) {
    hash.update(`\0${rel}\0`);
    try {
      hash.update(fs.readFileSync(path.join(ROOT, rel)));
    } catch {
      hash.update('\0missing\0');
    }
  }
  return hash.digest('hex');
}

function esbuildVersion() {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'esbuild', 'package.json'), 'utf8')).version;
}

/** Builds the bundle; returns its key. */
function build(manifestFile) {
  const esbuild = require('esbuild');
  const result = esbuild.buildSync({
    entryPoints: [entry],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    write: false,
    metafile: true,
    logLevel: 'error',
    // Minified: half the bytes for V8 to hold and map (about 250 MB peak instead of 300 MB, and
    // faster). Names are not kept (esbuild's keepNames costs more time than minifying saves), so a
    // class name in an error from the bundle can be short: INFRA_NO_BUNDLE=1 shows the real ones.
    minify: true,
    // Never part of the app: tools that only scripts load.
    external: ['@swc/core', 'esbuild', 'typescript', 'ts-node'],
  });
  const code = importStarAsTypeScript(result.outputFiles[0].text);
  const inputs = Object.keys(result.metafile.inputs)
    .filter((f) => !f.includes('node_modules/'))
    .sort();
  const key = keyOf(inputs);
  fs.mkdirSync(CACHE, { recursive: true });
  writeAtomic(path.join(CACHE, `${key}.js`), code);
  let previous;
  try {
    previous = JSON.parse(fs.readFileSync(manifestFile, 'utf8')).key;
  } catch {
    // first build of this entry
  }
  writeAtomic(manifestFile, JSON.stringify({ key, inputs }));
  // The bundle this one replaces, and its code caches, are not used again.
  if (previous && previous !== key) {
    for (const f of fs.readdirSync(CACHE)) if (f.startsWith(`${previous}.`)) fs.rmSync(path.join(CACHE, f), { force: true });
  }
  return key;
}

/**
 * esbuild's `__toESM` helper (an `import` of a CommonJS module) with TypeScript's `__importStar`
 * semantics: a module marked `__esModule` (cdktf, the provider bindings, every TypeScript-compiled
 * package) is used as it is, as tsc, swc and the unbundled path use it, instead of a new namespace
 * object with a getter per export for each importing file (751 of them, 127 copying cdktf's ~400
 * exports; every use of an import then went through a getter). Anything else keeps esbuild's
 * behaviour. Measured (8 interleaved runs of the app): 0.78-0.80 s and 207 MB against 0.79-0.82 s
 * and 211 MB. The helper is found by its shape in esbuild's minified output (esbuild is pinned by
 * package-lock.json): found more than once is an error, and a test bundles an entry that imports
 * a marked and an unmarked module and compares with the unbundled path, so an esbuild whose helper
 * has another shape fails the tests instead of being left unpatched unnoticed.
 */
function importStarAsTypeScript(code) {
  const helper = /var ([\w$]+)=\(([\w$]+),([\w$]+),([\w$]+)\)=>\(\4=\2!=null\?[\w$]+\([\w$]+\(\2\)\):\{\},[\w$]+\(\3\|\|!\2\|\|!\2\.__esModule\?/g;
  const found = [...code.matchAll(helper)];
  // The helper's core, in any shape: absent when the bundle imports no CommonJS module.
  const core = /!([\w$]+)\.__esModule\?[\w$]+\([\w$]+,"default",\{value:\1,enumerable:!0\}\)/g;
  if (found.length === 0 && [...code.matchAll(core)].length === 0) return code;
  if (found.length !== 1) throw new Error(`scripts/app.js: esbuild's __toESM helper was found ${found.length} times in the bundle (esbuild ${esbuildVersion()}); update importStarAsTypeScript()`);
  const [match, name, mod, nodeMode, target] = found[0];
  const patched = `var ${name}=(${mod},${nodeMode},${target})=>!${nodeMode}&&${mod}&&${mod}.__esModule?${mod}:(${match.slice(match.indexOf('=>(') + 3)}`;
  return code.slice(0, found[0].index) + patched + code.slice(found[0].index + match.length);
}

/**
 * The bundle compiled with its code cache (written at exit when V8 had none to accept). In a
 * function of its own so that the file's text and the cache's bytes (about 10 and 14 MB) are not
 * held while the app runs: V8 keeps what it needs.
 */
function compile(filename, cacheFile) {
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // first run of this bundle
  }
  const script = new vm.Script(Module.wrap(sourceText(fs.readFileSync(filename))), { filename, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    // After the run, so the cache holds the bytecode of every function the run compiled.
    process.once('exit', () => {
      try {
        writeAtomic(cacheFile, script.createCachedData());
      } catch {
        // a cache that cannot be written only costs time
      }
    });
  }
  return script;
}

/**
 * The bundle's text. esbuild writes ASCII (its default charset escapes every other character), and
 * ASCII bytes decode to the same string as Latin-1, which Node decodes about eight times faster
 * than UTF-8 (10 MB: about 3 ms instead of 25 ms). Any other byte falls back to UTF-8.
 */
function sourceText(bytes) {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

function runBundled() {
  const manifestFile = path.join(CACHE, `${path.basename(entry, '.ts')}.json`);
  let key;
  try {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    if (keyOf(manifest.inputs) === manifest.key && fs.existsSync(path.join(CACHE, `${manifest.key}.js`))) key = manifest.key;
  } catch {
    // no manifest yet
  }
  key ??= build(manifestFile);

  const filename = path.join(CACHE, `${key}.js`);
  let v8Flags;
  try {
    v8Flags = require('./lib/v8-flags').applyV8Flags();
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  // V8 accepts a code cache only under the flags it was made with: ours, those on the command line
  // and those in NODE_OPTIONS (the cdktf CLI sets --max-old-space-size there) each get their own
  // file, so a `cdktf synth` and an `npm run synth` do not reject and rewrite each other's cache.
  const flags = `${v8Flags}\0${process.execArgv.join(' ')}\0${process.env.NODE_OPTIONS ?? ''}`;
  const cacheFile = path.join(CACHE, `${key}.${sha256(process.version, flags).slice(0, 12)}.v8`);
  const script = compile(filename, cacheFile);
  // The bundle runs as the entry module would: its require resolves from the entry's folder.
  const mod = new Module(entry, null);
  mod.filename = entry;
  mod.paths = Module._nodeModulePaths(path.dirname(entry));
  require.main = mod;
  process.mainModule = mod;
  const fn = script.runInThisContext();
  fn.call(mod.exports, mod.exports, Module.createRequire(entry), mod, entry, path.dirname(entry));
  mod.loaded = true;
}
