import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { abandonedTempPaths, inMemoryFolder, removeInBackground, tempPathBeside } from '../../../modules/core/temp-path';

describe('temporary paths', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'temp-path-test-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('names a path unique per process, thread and call, beside its target', () => {
    const a = tempPathBeside(path.join(dir, 'out'), 'staging');
    const b = tempPathBeside(path.join(dir, 'out'), 'staging');
    expect(a).not.toBe(b);
    expect(path.dirname(a)).toBe(dir);
    // The name holds the process id, which is how an abandoned path is recognised.
    // eslint-disable-next-line no-restricted-properties
    expect(path.basename(a)).toMatch(new RegExp(`^out\\.staging-${process.pid}-\\d+-[0-9a-f]{12}$`));
  });

  it('finds the paths of ended processes only, of that name and tag only', () => {
    // The pid of a process that has ended.
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const names = [
      `infra-jest.run-${ended}-0-aaaaaaaaaaaa`, // ended: found
      // eslint-disable-next-line no-restricted-properties
      `infra-jest.run-${process.pid}-0-bbbbbbbbbbbb`, // this process, running: kept
      `infra-jest.staging-${ended}-0-cccccccccccc`, // another tag
      `infra-synth.run-${ended}-0-dddddddddddd`, // another name
      'infra-jest.run-notapid', // not made by tempPathBeside
    ];
    for (const n of names) fs.mkdirSync(path.join(dir, n));
    expect(abandonedTempPaths(dir, 'infra-jest', 'run')).toEqual([path.join(dir, names[0]!)]);
    expect(abandonedTempPaths(path.join(dir, 'missing'), 'infra-jest', 'run')).toEqual([]);
  });

  it('deletes a folder in the background, and does nothing for one that is not there', async () => {
    const gone = path.join(dir, 'to-delete');
    fs.mkdirSync(path.join(gone, 'a', 'b'), { recursive: true });
    fs.writeFileSync(path.join(gone, 'a', 'b', 'file'), 'x');
    removeInBackground(gone);
    for (let i = 0; i < 200 && fs.existsSync(gone); i++) await new Promise((r) => setTimeout(r, 25));
    expect(fs.existsSync(gone)).toBe(false);
    expect(() => removeInBackground(path.join(dir, 'never-there'))).not.toThrow();
  });

  it('gives /dev/shm on Linux when it is writable', () => {
    const expected = process.platform === 'linux' && fs.existsSync('/dev/shm') && (fs.statSync('/dev/shm').mode & 0o222) !== 0 ? '/dev/shm' : undefined;
    expect(inMemoryFolder()).toBe(expected);
  });

  it("puts this test run's temporary files in memory when /dev/shm has 1 GiB free (jest's global set-up)", () => {
    let roomy = false;
    try {
      const { bavail, bsize } = fs.statfsSync('/dev/shm');
      roomy = bavail * bsize >= 2 ** 30;
    } catch {
      // no /dev/shm
    }
    const inMemory = roomy && process.env.INFRA_TEST_TMP_IN_MEMORY !== 'off';
    expect(path.basename(os.tmpdir())).toMatch(/^infra-jest\.run-\d+-0-[0-9a-f]{12}$/);
    expect(path.dirname(os.tmpdir()) === '/dev/shm').toBe(inMemory);
  });
});
