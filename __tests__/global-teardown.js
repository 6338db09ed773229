require('../scripts/register.js');
const { removeInBackground } = require('../modules/core/temp-path.ts');

/**
 * Stops the shared provider processes of global-setup.js and deletes the run's temporary folder
 * (in the background: jest need not wait for a few thousand folders to be removed).
 * `INFRA_KEEP_TEST_TMP=1` keeps it for a look after the run.
 */
module.exports = async function globalTeardown() {
  globalThis.__sharedProviders?.stop();
  const dir = globalThis.__runTmp;
  if (!dir || process.env.INFRA_KEEP_TEST_TMP === '1') return;
  removeInBackground(dir);
};
