/**
 * Jest global set-up: one temporary folder for the whole run (TMPDIR), and one AWS provider
 * process from the mirror for every validate and mocked `terraform test` of the suite
 * (scripts/lib/shared-provider.ts). The test files reach it through INFRA_TF_SHARED_PROVIDERS;
 * global-teardown.js stops it and deletes the folder. Terraform's garbage collector is set
 * for short runs (GOGC/GOMEMLIMIT, see terraformCheckGcEnv).
 */
require('../scripts/register.js');
const { findMirror, terraformCheckGcEnv } = require('../scripts/lib/offline-terraform.ts');
const { SHARED_PROVIDERS_ENV, startSharedProviders } = require('../scripts/lib/shared-provider.ts');
const { TEST_RUN_ENV } = require('./helpers/shipped-synth.ts');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { abandonedTempPaths, inMemoryFolder, removeInBackground, tempPathBeside } = require('../modules/core/temp-path.ts');

/**
 * The in-memory folder for the run's temporary files when it has at least 1 GiB free (a container's
 * default /dev/shm is 64 MB; a run keeps a few MB there, Terraform's working folders for a
 * moment more); `INFRA_TEST_TMP_IN_MEMORY=off` keeps them in os.tmpdir().
 */
function testTempParent() {
  const memory = inMemoryFolder();
  if (!memory || process.env.INFRA_TEST_TMP_IN_MEMORY === 'off') return undefined;
  try {
    const { bavail, bsize } = fs.statfsSync(memory);
    return bavail * bsize >= 2 ** 30 ? memory : undefined;
  } catch {
    return undefined;
  }
}

module.exports = async function globalSetup() {
  // What the repository's folder holds before the run: global-teardown.js reports anything a test
  // wrote there (a test's files belong in the run's temporary folder).
  globalThis.__rootEntries = fs.readdirSync(path.resolve(__dirname, '..'));
  // Every temporary folder of the run (cdktf's Testing helpers make one per synth and never
  // remove it: about 2,500 folders per run) goes into one folder that global-teardown.js deletes.
  // The workers are threads created after this and copy this environment; os.tmpdir() reads it.
  // The folder is in memory (/dev/shm) when that has room: creating a folder or file there costs a
  // tenth of what it costs on this machine's disk (about 1 s less system time in a warm run).
  const parent = testTempParent() ?? os.tmpdir();
  // Folders of runs that were killed before their teardown (memory, when in /dev/shm).
  for (const abandoned of abandonedTempPaths(parent, 'infra-jest', 'run')) removeInBackground(abandoned);
  const runTmp = tempPathBeside(path.join(parent, 'infra-jest'), 'run');
  fs.mkdirSync(runTmp);
  globalThis.__runTmp = runTmp;
  process.env.TMPDIR = runTmp;
  // Every Terraform process the tests start (the workers are threads of this process and inherit
  // its environment): Go's collector tuned for short runs (offline-terraform.ts).
  Object.assign(process.env, terraformCheckGcEnv());
  // One id per test run: a cold run (TERRAFORM_VERDICT_CACHE=off) synthesizes the shipped
  // environments once per run, not once per test file (__tests__/helpers/shipped-synth.ts).
  // Always a new one: an id left in the environment must not make an earlier run's synth current.
  process.env[TEST_RUN_ENV] = require('node:crypto').randomUUID();
  if (process.env.INFRA_TF_SHARED_PROVIDERS_OFF === '1') return;
  const mirror = findMirror();
  // No mirror: the Terraform-backed tests fail on their own and say why.
  if (!mirror) return;
  const shared = await startSharedProviders(mirror);
  process.env[SHARED_PROVIDERS_ENV] = shared.reattach;
  globalThis.__sharedProviders = shared;
  process.once('exit', () => shared.stop());
};
