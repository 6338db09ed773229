/**
 * Runs the TypeScript app without type-checking: each .ts file is transpiled by swc (@swc/core,
 * already used by the tests) when it is first required, and cached on disk by content hash.
 *
 * Faster than `ts-node --transpile-only`, which also loads the TypeScript compiler and installs
 * source-map support (that support rewrites every stack trace cdktf captures for its tokens,
 * which alone cost about 0.7 s of a 2.7 s synth). Type errors are `npm run typecheck`'s job.
 * Use: `node -r ./scripts/register.js main.ts`. It also registers scripts/ts-hooks.mjs, so a `.ts`
 * file reached by `import()` (the test runner imports test files that way) takes the same path.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');

const cacheDir = process.env.INFRA_SWC_CACHE_DIR ?? path.join(__dirname, '..', '.cache', 'swc');
const options = {
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: false,
  swcrc: false,
  configFile: false,
};
const optionsKey = JSON.stringify([options, require('@swc/core/package.json').version]);

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const hash = crypto.createHash('sha1').update(optionsKey).update(filename).update(source).digest('hex');
  const cached = path.join(cacheDir, `${hash}.js`);
  let code;
  try {
    code = fs.readFileSync(cached, 'utf8');
  } catch {
    code = swc.transformSync(source, { ...options, filename }).code;
    fs.mkdirSync(cacheDir, { recursive: true });
    // Atomic, under a temporary name unique per process, thread and call: the test runner's
    // worker threads share one pid and may compile the same file at the same moment.
    require('write-file-atomic').sync(cached, code, { fsync: false });
  }
  module._compile(code, filename);
};

// `import()` of a .ts file: load it as CommonJS through the hook above (Node >= 20.6).
const nodeModule = require('node:module');
if (typeof nodeModule.register === 'function') nodeModule.register('./ts-hooks.mjs', require('node:url').pathToFileURL(__filename));
