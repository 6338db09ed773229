/**
 * ES module loader hook, registered by scripts/register.js: a `.ts` file reached by `import()`
 * (jest-light-runner imports test files that way) is loaded as CommonJS, that is through the
 * `.ts` require hook of register.js, which transpiles it with swc.
 */
export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && /\.ts(\?.*)?$/.test(url)) return { format: 'commonjs', shortCircuit: true };
  return nextLoad(url, context);
}
