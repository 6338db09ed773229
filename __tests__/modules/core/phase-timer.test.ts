import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const SCRIPT = `
const { phase } = require('./modules/core/phase-timer');
const busy = (ms) => { const end = performance.now() + ms; while (performance.now() < end); };
phase('first step', () => busy(30));
for (let i = 0; i < 3; i++) phase('many pieces', () => busy(10));
console.log(phase('returns its value', () => 42));
`;

function run(env: Record<string, string>) {
  return spawnSync(process.execPath, ['-r', './scripts/register.js', '-e', SCRIPT], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
}

describe('phase timer (INFRA_TIMINGS)', () => {
  it('prints each phase, the added-up pieces and the total to stderr at exit', () => {
    const r = run({ INFRA_TIMINGS: '1' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('42');
    const ms = (name: string) => Number(new RegExp(`${name}\\s+(\\d+) ms`).exec(r.stderr)?.[1]);
    expect(r.stderr).toMatch(/^INFRA_TIMINGS:\n {2}start-up \(node, load the app\)/);
    expect(ms('first step')).toBeGreaterThanOrEqual(30);
    // three pieces of at least 10 ms, reported once
    expect(ms('many pieces')).toBeGreaterThanOrEqual(30);
    expect(r.stderr.match(/many pieces/g)).toHaveLength(1);
    expect(ms('total')).toBeGreaterThanOrEqual(ms('first step') + ms('many pieces'));
  });

  it('prints nothing and still runs every step when it is off', () => {
    const r = run({ INFRA_TIMINGS: '' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('42');
    expect(r.stderr).toBe('');
  });
});
