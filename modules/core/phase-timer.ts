/**
 * Wall time of the named phases of a run, printed to stderr at exit when `INFRA_TIMINGS=1`
 * (`npm run bench` prints them for the synth). Off, a phase costs one function call.
 */
const enabled = process.env.INFRA_TIMINGS === '1';
const phases: Array<[string, number]> = [];

if (enabled) {
  process.once('exit', () => {
    const total = process.uptime() * 1000;
    const width = Math.max(...phases.map(([name]) => name.length));
    const lines = phases.map(([name, ms]) => `  ${name.padEnd(width)} ${ms.toFixed(0).padStart(6)} ms`);
    process.stderr.write(`INFRA_TIMINGS:\n${lines.join('\n')}\n  ${'total'.padEnd(width)} ${total.toFixed(0).padStart(6)} ms\n`);
  });
}

/** Runs `fn` as the phase `name`; with `INFRA_TIMINGS=1` its wall time is recorded. */
export function phase<T>(name: string, fn: () => T): T {
  if (!enabled) return fn();
  // Time from process start to the first phase: Node start-up, loading and initializing the app.
  if (phases.length === 0) phases.push(['start-up (node, load the app)', process.uptime() * 1000]);
  const start = performance.now();
  try {
    return fn();
  } finally {
    phases.push([name, performance.now() - start]);
  }
}

const totals = new Map<string, number>();
/** Like {@link phase}, for work done in many pieces: the pieces' times are added up under `name`. */
export function accumulate<T>(name: string, fn: () => T): T {
  if (!enabled) return fn();
  if (!totals.has(name)) {
    totals.set(name, 0);
    phases.push([name, 0]);
  }
  const start = performance.now();
  try {
    return fn();
  } finally {
    const entry = phases.find(([n]) => n === name)!;
    entry[1] += performance.now() - start;
  }
}
