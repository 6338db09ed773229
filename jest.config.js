/**
 * Jest, with jest-light-runner: test files run in plain Node worker threads that keep their
 * loaded modules from one test file to the next, so cdktf and the provider bindings load once
 * per worker instead of once per test file (the default runner's per-file module registry cost
 * most of the suite's time). TypeScript is transpiled by swc through scripts/register.js (no
 * type-checking here: `npm run typecheck` does that once). Tests must not depend on module
 * isolation: none mocks modules or changes the working directory.
 */
// Less eager optimisation (scripts/lib/v8-flags.js), set before any test code is compiled; the
// worker threads share the process's flags.
require('./scripts/lib/v8-flags').applyV8Flags();

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  runner: 'jest-light-runner',
  setupFiles: ['<rootDir>/scripts/register.js'],
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts'],
  // One AWS provider process from the mirror serves every validate and mocked terraform test.
  globalSetup: '<rootDir>/__tests__/global-setup.js',
  globalTeardown: '<rootDir>/__tests__/global-teardown.js',
  // Without durations of a previous run (CI), the files that run Terraform start first.
  testSequencer: '<rootDir>/__tests__/sequencer.js',
  testTimeout: 120000,
  // Two cores: one worker per core. Terraform runs in child processes.
  maxWorkers: 2,
};
