/**
 * Wall time of the named phases of a run, printed to stderr at exit when `INFRA_TIMINGS=1`
 * (`INFRA_TIMINGS=1 npm run synth`). Off, a phase costs one function call.
 */
const enabled = process.env.INFRA_TIMINGS === '1';
const phases: Array<[string, number]> = [];
const byName = new Map<string, [string, number]>();

if (enabled) {
  process.once('exit', () => {
    const total = process.uptime() * 1000;
    const width = Math.max(...phases.map(([name]) => name.length));
    const lines = phases.map(([name, ms]) => `  ${name.padEnd(width)} ${ms.toFixed(0).padStart(6)} ms`);
    process.stderr.write(`INFRA_TIMINGS:\n${lines.join('\n')}\n  ${'total'.padEnd(width)} ${total.toFixed(0).padStart(6)} ms\n`);
  });
}

/** The entry of `name`, created (after the start-up entry, on the first call) when new. */
function entry(name: string): [string, number] {
  // Time from process start to the first phase: Node start-up, loading and initializing the app.
  if (phases.length === 0) phases.push(['start-up (node, load the app)', process.uptime() * 1000]);
  let found = byName.get(name);
  if (!found) {
    found = [name, 0];
    byName.set(name, found);
    phases.push(found);
  }
  return found;
}

/**
 * Runs `fn` as the phase `name`; with `INFRA_TIMINGS=1` its wall time is recorded. A phase run
 * several times (in many pieces) is reported once, its pieces' times added up.
 */
export function phase<T>(name: string, fn: () => T): T {
  if (!enabled) return fn();
  const e = entry(name);
  const start = performance.now();
  try {
    return fn();
  } finally {
    e[1] += performance.now() - start;
  }
}
