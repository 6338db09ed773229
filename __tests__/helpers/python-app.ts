import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * Runs an example app's Python unit tests (`python3 -m unittest -v` in `apps/<app>`) and asserts
 * they ran and passed. Fails, never skips, when python3 is missing: the examples must stay tested.
 *
 * @param app the folder under apps/
 * @param without what the tests run without (stubbed), for the test's name
 */
export function describePythonApp(app: string, without: string): void {
  describe(`apps/${app}`, () => {
    it(`passes its Python unit tests (python3 -m unittest, without ${without} installed)`, () => {
      const run = spawnSync('python3', ['-m', 'unittest', '-v'], {
        cwd: path.resolve(__dirname, '../../apps', app),
        encoding: 'utf8',
        env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
      });
      expect(run.error).toBeUndefined();
      expect(run.stderr).toMatch(/Ran [1-9]\d* tests?/);
      expect(run.stderr).toMatch(/\nOK\n?$/);
      expect(run.status).toBe(0);
    });
  });
}
