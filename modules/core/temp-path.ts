import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { threadId } from 'node:worker_threads';

/**
 * A path beside `target` that no other writer uses: unique per process, per thread and per call.
 *
 * `process.pid` alone is not: the test runner runs files in worker threads of one process, so two
 * of them writing `<target>.<pid>` at the same moment rename each other's file away (the cold-cache
 * CI failure of 2026-11-30). Files are written with `write-file-atomic`, which names its temporary
 * files the same way; this is for folders that are filled and then renamed into place.
 */
export function tempPathBeside(target: string, tag: string): string {
  return `${target}.${tag}-${process.pid}-${threadId}-${randomBytes(6).toString('hex')}`;
}

/**
 * The paths {@link tempPathBeside}(`<parent>/<name>`, `tag`) made for processes that have ended:
 * left behind by a run that was killed before it could delete them.
 */
export function abandonedTempPaths(parent: string, name: string, tag: string): string[] {
  const prefix = `${name}.${tag}-`;
  let entries: string[];
  try {
    entries = fs.readdirSync(parent);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const entry of entries) {
    if (!entry.startsWith(prefix)) continue;
    const pid = /^(\d+)-/.exec(entry.slice(prefix.length))?.[1];
    if (pid !== undefined && !isRunning(Number(pid))) out.push(path.join(parent, entry));
  }
  return out;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A folder in memory for short-lived files (`/dev/shm` on Linux, when writable), else undefined.
 *
 * On this machine's disk each created file or folder costs about 1 ms of system time (2,000
 * folders of two small files: 853 ms on the disk, 77 ms in `/dev/shm`). Used for synth's staging
 * folder and for the test run's temporary folder. Whatever is put there is held in memory until
 * it is deleted: callers delete it and clean up after killed runs ({@link abandonedTempPaths}).
 */
export function inMemoryFolder(): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    fs.accessSync('/dev/shm', fs.constants.W_OK);
    return '/dev/shm';
  } catch {
    return undefined;
  }
}

/**
 * Deletes a folder nobody reads any more on the other core; where `rm` cannot be started, it is
 * deleted before returning.
 */
export function removeInBackground(dir: string): void {
  if (!fs.existsSync(dir)) return;
  if (process.platform !== 'win32') {
    try {
      spawn('rm', ['-rf', '--', dir], { detached: true, stdio: 'ignore' }).on('error', () => fs.rmSync(dir, { recursive: true, force: true })).unref();
      return;
    } catch {
      // fall through
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
