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
