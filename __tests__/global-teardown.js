require('../scripts/register.js');
const fs = require('node:fs');
const path = require('node:path');
const { removeInBackground } = require('../modules/core/temp-path.ts');

/** What a test run may add to the repository's folder: the caches and the app's own output. */
const RUN_OUTPUTS = new Set(['.cache', 'cdktf.out']);

/**
 * Stops the shared provider processes of global-setup.js, deletes the run's temporary folder (in
 * the background: jest need not wait for a few thousand folders to be removed;
 * `INFRA_KEEP_TEST_TMP=1` keeps it for a look after the run), and fails the run when a test left
 * a file in the repository's folder: cdktf's default local backend, for one, writes
 * terraform.<stack>.tfstate into the working folder.
 */
module.exports = async function globalTeardown() {
  globalThis.__sharedProviders?.stop();
  const before = new Set(globalThis.__rootEntries ?? []);
  const added = fs.readdirSync(path.resolve(__dirname, '..')).filter((f) => !before.has(f) && !RUN_OUTPUTS.has(f));
  const dir = globalThis.__runTmp;
  if (dir && process.env.INFRA_KEEP_TEST_TMP !== '1') removeInBackground(dir);
  if (added.length > 0) throw new Error(`tests left files in the repository's folder: ${added.join(', ')}; write them into the run's temporary folder (TMPDIR)`);
};
