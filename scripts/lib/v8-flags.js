/**
 * V8 flags for the project's own short-lived Node processes: the app (`scripts/app.js`, about a
 * second) and the test runner (`jest.config.js`, its worker threads share the process's flags).
 *
 * `--interrupt-budget` is how much bytecode a function runs before V8 considers optimising it
 * (67584 in Node 20). Four times that leaves the many functions these runs call only a few hundred
 * times to the interpreter and Sparkplug, and keeps TurboFan, which competes for the two cores
 * here, for the hot ones. Measured on this 2-core machine:
 * - the app, 8 interleaved runs: 1.01-1.04 s and 199-201 MB against 1.08 s and 207 MB; user CPU
 *   1.13-1.19 s against 1.44-1.47 s;
 * - a warm `npm test`, 3 interleaved pairs: 13.3-13.6 s against 14.9-18.1 s; user CPU 19.4-20.2 s
 *   against 22.5-26.0 s.
 *
 * `INFRA_V8_FLAGS` replaces them (empty: V8's defaults). A flag given to node itself
 * (`node --interrupt-budget=... scripts/app.js`) is left as given.
 */
const DEFAULT_V8_FLAGS = '--interrupt-budget=270336';

/** The flags in force for this process: `INFRA_V8_FLAGS`, else the default. */
function projectV8Flags() {
  return process.env.INFRA_V8_FLAGS ?? DEFAULT_V8_FLAGS;
}

/**
 * Sets the project's V8 flags in this process, before the code they are for is compiled; returns
 * the flags as read (part of a code cache's key: V8 rejects a cache made under other flags).
 */
function applyV8Flags() {
  const flags = projectV8Flags();
  const list = flags.split(/\s+/).filter(Boolean);
  const bad = list.find((f) => !/^--[a-z][a-z0-9_-]*(=\S+)?$/.test(f));
  if (bad !== undefined) {
    throw new Error(`INFRA_V8_FLAGS: ${JSON.stringify(bad)} is not a V8 flag; use --name or --name=value, separated by spaces (node --v8-options lists them), or leave it empty for V8's defaults`);
  }
  const given = new Set(process.execArgv.map(flagName));
  const own = list.filter((f) => !given.has(flagName(f)));
  if (own.length > 0) require('node:v8').setFlagsFromString(own.join(' '));
  return flags;
}

/** A flag's name, whatever its value and form (`--no-x`, `--x_y=1` and `--x-y` are one flag). */
function flagName(arg) {
  return arg.split('=')[0].replace(/^--no-/, '--').replace(/_/g, '-');
}

module.exports = { applyV8Flags };
