import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * __tests__/global-teardown.js fails a run that left a file in the repository's folder. Called
 * here in a worker thread: its globalThis holds no shared provider and no run folder, so only the
 * check runs. The repository's own README.md stands in for a file a test wrote.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const globalTeardown = require('./global-teardown.js') as () => Promise<void>;
const ROOT = path.resolve(__dirname, '..');
const state = globalThis as { __rootEntries?: string[] };

describe('global-teardown.js', () => {
  afterEach(() => {
    delete state.__rootEntries;
  });

  it('fails the run naming each entry that was not in the folder before it', async () => {
    state.__rootEntries = fs.readdirSync(ROOT).filter((f) => f !== 'README.md');
    await expect(globalTeardown()).rejects.toThrow("tests left files in the repository's folder: README.md; write them into the run's temporary folder (TMPDIR)");
  });

  it('accepts the caches and the app output as new entries, and a folder as it was', async () => {
    state.__rootEntries = fs.readdirSync(ROOT).filter((f) => f !== '.cache' && f !== 'cdktf.out');
    await expect(globalTeardown()).resolves.toBeUndefined();
  });
});
