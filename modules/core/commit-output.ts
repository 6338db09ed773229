import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempPathBeside } from './temp-path';

/** What {@link commitOutput} did. */
export interface CommitResult {
  /** Files written because they were new or their bytes or mode differed (paths relative to the output). */
  readonly written: readonly string[];
  /** Files and folders of the previous output deleted because the new output no longer has them. */
  readonly deleted: readonly string[];
  /** Files left as they were: same bytes and mode. */
  readonly unchanged: number;
}

/** Options of {@link commitOutput}. */
export interface CommitOutputOptions {
  /**
   * Folders whose entries the new output does not produce are kept (`.terraform/`, a lock file,
   * plans, a user's `backend.tf`), as long as the folder itself is still produced: with `stacks`,
   * `stacks/<stack>/.terraform` survives while `stacks/<stack>/` is in the new output.
   *
   * @default - none: the previous output becomes an exact copy of the new one
   */
  readonly keepLocalFilesIn?: readonly string[];
  /**
   * The file written last and removed first when anything changes, so a reader never takes an
   * interrupted update for a complete one (cdktf's `manifest.json`).
   *
   * @default - none
   */
  readonly writeLast?: string;
}

interface Tree {
  readonly files: Map<string, fs.Stats>; // relative path -> its stat
  readonly dirs: Set<string>;
}

function walk(root: string): Tree {
  const tree: Tree = { files: new Map(), dirs: new Set() };
  const visit = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        tree.dirs.add(r);
        visit(r);
      } else {
        tree.files.set(r, fs.statSync(path.join(root, r)));
      }
    }
  };
  visit('');
  return tree;
}

function sameFile(a: string, aStat: fs.Stats, b: string): boolean {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(b);
  } catch {
    return false;
  }
  if (!stat.isFile() || (stat.mode & 0o7777) !== (aStat.mode & 0o7777) || stat.size !== aStat.size) return false;
  return sameBytes(a, b, aStat.size);
}

// Two 64 KiB buffers for every comparison: comparing must not hold both copies of the output.
const CHUNK = 64 * 1024;
const bufA = Buffer.alloc(CHUNK);
const bufB = Buffer.alloc(CHUNK);

/** Whether two files of `size` bytes have the same bytes, compared chunk by chunk. */
function sameBytes(a: string, b: string, size: number): boolean {
  const fa = fs.openSync(a, 'r');
  try {
    const fb = fs.openSync(b, 'r');
    try {
      for (let pos = 0; pos < size; pos += CHUNK) {
        const n = fs.readSync(fa, bufA, 0, CHUNK, pos);
        if (fs.readSync(fb, bufB, 0, CHUNK, pos) !== n || bufA.compare(bufB, 0, n, 0, n) !== 0) return false;
        if (n === 0) return false;
      }
      return true;
    } finally {
      fs.closeSync(fb);
    }
  } finally {
    fs.closeSync(fa);
  }
}

/**
 * Makes `target` hold exactly what `source` holds, writing only the files that differ.
 *
 * A synth of an unchanged app produces the same bytes as the last one; writing the hundreds of
 * files again (each a metadata update on disk: about 1 ms apiece on this machine's disk) was most of
 * what a synth spent outside of cdktf. Here each file is compared with the one already there
 * (size, mode, then bytes) and only new or different files are written, each through a temporary
 * file renamed into place (a reader never sees half a file). Files and folders that the new output
 * no longer has are deleted, except local ones in the folders named by `keepLocalFilesIn`.
 *
 * When anything changes, `writeLast` is removed first and written last: an update interrupted in
 * between (a killed process) leaves no manifest, and the next synth completes it. When `target`
 * does not exist yet and is on the same file system, `source` is simply renamed to it.
 *
 * `source` is left in place (the caller deletes it); `target` is created when missing.
 */
export function commitOutput(source: string, target: string, options: CommitOutputOptions = {}): CommitResult {
  const next = walk(source);
  if (!fs.existsSync(target)) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    try {
      fs.renameSync(source, target);
      fs.mkdirSync(source);
      return { written: [...next.files.keys()].sort(), deleted: [], unchanged: 0 };
    } catch {
      // another file system: copied below
      fs.mkdirSync(target, { recursive: true });
    }
  }
  const previous = walk(target);
  const keepIn = new Set(options.keepLocalFilesIn ?? []);
  /** Whether a path of the previous output that the new output lacks is a local file to keep. */
  const isLocal = (rel: string): boolean => {
    const parts = rel.split('/');
    if (parts.length < 3 || !keepIn.has(parts[0])) return false;
    const folder = `${parts[0]}/${parts[1]}`;
    const entry = `${folder}/${parts[2]}`;
    return next.dirs.has(folder) && !next.files.has(entry) && !next.dirs.has(entry);
  };

  const toWrite = [...next.files].filter(([rel, stat]) => !sameFile(path.join(source, rel), stat, path.join(target, rel))).map(([rel]) => rel);
  const toDelete = [...previous.files.keys(), ...previous.dirs].filter((rel) => !next.files.has(rel) && !next.dirs.has(rel) && !isLocal(rel));
  if (toWrite.length === 0 && toDelete.length === 0) return { written: [], deleted: [], unchanged: next.files.size };

  const last = options.writeLast;
  if (last !== undefined) fs.rmSync(path.join(target, last), { force: true });
  // A folder that became a file, or a file that became a folder, is deleted first.
  const deleted: string[] = [];
  for (const rel of toDelete.sort()) {
    const abs = path.join(target, rel);
    if (!fs.existsSync(abs) || deleted.some((d) => rel.startsWith(`${d}/`))) continue;
    fs.rmSync(abs, { recursive: true, force: true });
    deleted.push(rel);
  }
  for (const rel of [...next.dirs].sort()) {
    const abs = path.join(target, rel);
    const stat = fs.lstatSync(abs, { throwIfNoEntry: false });
    if (stat && !stat.isDirectory()) fs.rmSync(abs, { force: true });
    if (!stat || !stat.isDirectory()) fs.mkdirSync(abs, { recursive: true });
  }
  const ordered = last !== undefined && toWrite.includes(last) ? [...toWrite.filter((r) => r !== last), last] : toWrite;
  if (last !== undefined && !toWrite.includes(last) && next.files.has(last)) ordered.push(last);
  for (const rel of ordered) {
    const abs = path.join(target, rel);
    const existing = fs.lstatSync(abs, { throwIfNoEntry: false });
    if (existing?.isDirectory()) fs.rmSync(abs, { recursive: true, force: true });
    const temp = tempPathBeside(abs, 'new');
    // copyFile gives the copy the source's mode
    fs.copyFileSync(path.join(source, rel), temp);
    fs.renameSync(temp, abs);
  }
  return { written: ordered, deleted, unchanged: next.files.size - ordered.length };
}
