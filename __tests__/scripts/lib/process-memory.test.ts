import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { childrenOf, processMemory, treeMemory } from '../../../scripts/lib/process-memory';

/** Starts `node -e <code>` and resolves once it printed "ready" (every process of the tree is up). */
function startNode(code: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.on('error', reject);
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve(child);
    });
  });
}

/** A field of /proc/<pid>/status in kB, read here independently of the module under test. */
function statusKb(pid: number, field: string): number {
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
}

const linux = process.platform === 'linux' ? describe : describe.skip;

linux('memory of a process tree (scripts/lib/process-memory.ts, used by npm run bench)', () => {
  let single: ChildProcess;
  let parent: ChildProcess;

  beforeAll(async () => {
    // Backquotes inside: the code is passed to `node -e`.
    const idle = 'console.log(`ready`); setInterval(() => {}, 1000);';
    single = await startNode(idle);
    // A Node process with a Node child: the same executable twice, as `npm run synth` is.
    parent = await startNode(
      `const c = require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(idle)}], { stdio: ['ignore', 'pipe', 'inherit'] });` +
        'c.stdout.on(`data`, (d) => process.stdout.write(d)); setInterval(() => {}, 1000);',
    );
  });

  afterAll(() => {
    for (const p of [parent, single]) {
      for (const c of childrenOf(p.pid!)) process.kill(c, 'SIGKILL');
      p.kill('SIGKILL');
    }
  });

  it('counts a single process once: both measures equal its resident memory', () => {
    const m = treeMemory(single.pid!);
    expect(m.processes.map((p) => p.pid)).toEqual([single.pid]);
    expect(m.processes[0]!.exe).toBe(fs.realpathSync(process.execPath));
    expect(m.fileOnceKb).toBe(m.rssSumKb);
    // VmRSS moves between two reads; the same order of size as the kernel reports.
    const rss = statusKb(single.pid!, 'VmRSS');
    expect(m.rssSumKb).toBeGreaterThan(rss * 0.8);
    expect(m.rssSumKb).toBeLessThan(rss * 1.25);
  });

  it("counts node's code once for two node processes, where the RSS sum counts it twice", () => {
    const [child] = childrenOf(parent.pid!);
    expect(child).toBeDefined();
    const m = treeMemory(parent.pid!);
    expect(m.processes.map((p) => p.pid).sort()).toEqual([parent.pid, child].sort());
    const fileOfChild = statusKb(child!, 'RssFile');
    // The two share node's binary: the sum holds its file pages twice, the other measure once.
    expect(fileOfChild).toBeGreaterThan(10 * 1024);
    expect(m.rssSumKb - m.fileOnceKb).toBeGreaterThan(fileOfChild * 0.7);
    // Each process's own pages (its heap) are counted in full.
    const anon = statusKb(parent.pid!, 'RssAnon') + statusKb(child!, 'RssAnon');
    expect(m.fileOnceKb).toBeGreaterThan(anon * 0.8 + fileOfChild * 0.7);
  });

  it('gives nothing for a process that has ended', () => {
    expect(processMemory(2 ** 22 + 12345)).toBeUndefined();
    expect(treeMemory(2 ** 22 + 12345)).toEqual({ rssSumKb: 0, fileOnceKb: 0, processes: [] });
  });
});
