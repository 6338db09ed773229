import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/**
 * The test runner runs test files in worker threads of ONE process: they share `process.pid`.
 * On a cold cache several of them compile the same .ts file at the same moment, and each must
 * end with the module loaded and one complete cache file (CI failed with ENOENT on a rename
 * when the temporary name was `<hash>.js.<pid>`).
 */
describe('scripts/register.js', () => {
  const THREADS = 8;
  const FILES = 40;
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'register-'));
    fs.mkdirSync(path.join(dir, 'src'));
    for (let i = 0; i < FILES; i++) {
      fs.writeFileSync(path.join(dir, 'src', `m${i}.ts`), `const value: number = ${i};\nexport const id: string = 'm' + value + '-${path.basename(dir)}';\n`);
    }
    // Every thread waits on one shared flag, then all require the same files at once.
    fs.writeFileSync(
      path.join(dir, 'race.js'),
      `
const { Worker, isMainThread, workerData, parentPort } = require('node:worker_threads');
const path = require('node:path');
if (isMainThread) {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  let ready = 0;
  const results = [];
  const workers = Array.from({ length: ${THREADS} }, () => new Worker(__filename, { workerData: { flag } }));
  for (const w of workers) {
    w.on('message', (m) => {
      if (m === 'ready' && ++ready === workers.length) { Atomics.store(flag, 0, 1); Atomics.notify(flag, 0); }
      else if (m !== 'ready') results.push(m);
    });
    w.on('error', (e) => results.push({ error: String(e && e.stack || e) }));
  }
  Promise.all(workers.map((w) => new Promise((r) => w.on('exit', r)))).then(() => console.log(JSON.stringify(results)));
} else {
  require(${JSON.stringify(path.join(ROOT, 'scripts', 'register.js'))});
  parentPort.postMessage('ready');
  Atomics.wait(workerData.flag, 0, 0);
  const ids = [];
  try {
    for (let i = 0; i < ${FILES}; i++) ids.push(require(path.join(__dirname, 'src', 'm' + i + '.ts')).id);
    parentPort.postMessage({ ids });
  } catch (e) {
    parentPort.postMessage({ error: String(e && e.message) });
  }
}
`,
    );
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('compiles the same files in parallel threads of one process without losing a write', () => {
    const cache = path.join(dir, 'cache');
    const r = spawnSync(process.execPath, [path.join(dir, 'race.js')], { env: { ...process.env, INFRA_SWC_CACHE_DIR: cache }, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const results = JSON.parse(r.stdout) as { ids?: string[]; error?: string }[];
    expect(results.filter((x) => x.error)).toEqual([]);
    expect(results).toHaveLength(THREADS);
    const suffix = path.basename(dir);
    for (const x of results) expect(x.ids).toEqual(Array.from({ length: FILES }, (_, i) => `m${i}-${suffix}`));
    // One complete cache file per source, no temporary file left behind.
    const entries = fs.readdirSync(cache);
    expect(entries).toHaveLength(FILES);
    for (const e of entries) expect(e).toMatch(/^[0-9a-f]{40}\.js$/);
  });

  it('loads from the cache on the next run without compiling (the cached code is what runs)', () => {
    const cache = path.join(dir, 'cache');
    // Replace one cached file's code: if the next run uses the cache, it sees the replacement.
    const entries = fs.readdirSync(cache).map((e) => path.join(cache, e));
    const target = entries.find((f) => fs.readFileSync(f, 'utf8').includes("'m' + value") && fs.readFileSync(f, 'utf8').includes('= 0;'));
    expect(target).toBeDefined();
    fs.writeFileSync(target!, '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.id = \'from-cache\';\n');
    const r = spawnSync(process.execPath, ['-r', path.join(ROOT, 'scripts', 'register.js'), '-e', `console.log(require(${JSON.stringify(path.join(dir, 'src', 'm0.ts'))}).id)`], {
      env: { ...process.env, INFRA_SWC_CACHE_DIR: cache },
      encoding: 'utf8',
    });
    expect(r.stdout.trim()).toBe('from-cache');
  });
});
