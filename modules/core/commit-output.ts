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

/** The files (with their stat) and folders of the new output, as relative paths. */
interface Tree {
  readonly files: Map<string, fs.Stats>;
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

/**
 * The entries of the previous output that the new one lacks, outermost only (a stale folder is
 * deleted whole). `keep(rel)` entries are neither listed nor entered: a stack's `.terraform/` may
 * hold thousands of files and links that may point nowhere.
 */
function staleEntries(root: string, next: Tree, keep: (rel: string) => boolean): string[] {
  const stale: string[] = [];
  const visit = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (keep(r)) continue;
      if (e.isDirectory() && next.dirs.has(r)) visit(r);
      else if (!next.files.has(r) || e.isDirectory()) stale.push(r);
    }
  };
  visit('');
  return stale;
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
 * files again (each a metadata update on disk: about 1 ms apiece on this machine's disk) was about a
 * quarter of a synth. Here each file is compared with the one already there
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
  const keepIn = new Set(options.keepLocalFilesIn ?? []);
  /** `<kept folder>/<name>/<entry>` that the new output lacks, while it still has `<kept folder>/<name>`. */
  const isLocal = (rel: string): boolean => {
    const parts = rel.split('/');
    return parts.length === 3 && keepIn.has(parts[0]!) && next.dirs.has(`${parts[0]}/${parts[1]}`) && !next.files.has(rel) && !next.dirs.has(rel);
  };
  // Entries that changed kind (a file that became a folder or the reverse) are stale too.
  const stale = staleEntries(target, next, isLocal);
  const toWrite = [...next.files].filter(([rel, stat]) => !sameFile(path.join(source, rel), stat, path.join(target, rel))).map(([rel]) => rel);
  if (toWrite.length === 0 && stale.length === 0) return { written: [], deleted: [], unchanged: next.files.size };

  const last = options.writeLast !== undefined && next.files.has(options.writeLast) ? options.writeLast : undefined;
  if (options.writeLast !== undefined) fs.rmSync(path.join(target, options.writeLast), { force: true });
  for (const rel of stale) fs.rmSync(path.join(target, rel), { recursive: true, force: true });
  for (const rel of [...next.dirs].sort()) fs.mkdirSync(path.join(target, rel), { recursive: true });
  // The manifest, removed above, is written again even when its bytes did not change.
  const written = [...toWrite.filter((rel) => rel !== last), ...(last !== undefined ? [last] : [])];
  for (const rel of written) {
    const abs = path.join(target, rel);
    const temp = tempPathBeside(abs, 'new');
    // copyFile gives the copy the source's mode
    fs.copyFileSync(path.join(source, rel), temp);
    fs.renameSync(temp, abs);
  }
  return { written, deleted: stale, unchanged: next.files.size - written.length };
}
