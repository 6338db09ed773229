import { spawnSync } from 'child_process';
import * as path from 'path';

const APP = path.resolve(__dirname, '..', '..', '..', 'apps', 'aws-api-handler');

describe('apps/aws-api-handler', () => {
  it('passes its Python unit tests (python3 -m unittest, no Powertools needed)', () => {
    const probe = spawnSync('python3', ['--version'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) throw new Error('python3 is required to test apps/aws-api-handler; install Python 3.13');
    const run = spawnSync('python3', ['-m', 'unittest', '-v'], {
      cwd: APP,
      encoding: 'utf8',
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    expect(run.stderr).toMatch(/Ran \d+ tests/);
    expect(run.stderr).toMatch(/\nOK\s*$/);
    expect(run.status).toBe(0);
  });
});
