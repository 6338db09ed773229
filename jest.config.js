/** Jest runs TypeScript through @swc/jest: no type-checking here (`npm run typecheck` does that once). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts'],
  testTimeout: 120000,
  // Two cores: one worker per core (jest's default leaves one idle). Terraform runs in child processes.
  maxWorkers: 2,
  // Worker threads start and exchange results faster than child processes (about 3 s of 27 here).
  workerThreads: true,
};
