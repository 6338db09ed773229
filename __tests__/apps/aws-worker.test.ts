import { spawnSync } from 'child_process';
import * as path from 'path';

const APP = path.join(__dirname, '../../apps/aws-worker');

describe('apps/aws-worker', () => {
  it('passes its Python unit tests (python3 -m unittest, without Powertools or boto3 installed)', () => {
    // Fails, never skips, when python3 is missing: the example must stay tested.
    const run = spawnSync('python3', ['-m', 'unittest', '-v'], {
      cwd: APP,
      encoding: 'utf8',
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    expect(run.error).toBeUndefined();
    expect(run.stderr).toMatch(/Ran [1-9]\d* tests?/);
    expect(run.stderr).toMatch(/\nOK\n?$/);
    expect(run.status).toBe(0);
  });
});
