import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/** How {@link contentCached} keeps one kind of value. */
export interface ContentCacheProps {
  /** Folder under `.cache/` (`asl-verdicts`, `config-yaml`). */
  readonly kind: string;
  /** Environment variable that turns the file cache off with `off`, `0`, `false` or `no`. */
  readonly offSwitch: string;
  /**
   * The folder that holds `.cache/`.
   *
   * @default - the working folder
   */
  readonly root?: string;
}

/** JSON text of the values this process has computed or read, by file. */
const memory = new Map<string, string>();

/**
 * A value that depends only on `key` (everything it is computed from: content, options, the
 * versions of the libraries that compute it), kept in memory and in
 * `.cache/<kind>/<sha256 of key>.json` under the working folder (or `root`).
 *
 * `compute` returns `undefined` for a value that must not be kept (an error, or something JSON
 * would not give back exactly, see {@link isPlainJson}): it is then computed again next time. A
 * file that cannot be read or written only costs time. Every call returns a structure of its own
 * (a hit is parsed from the kept JSON text), so a caller may change what it gets. A kind keeps at
 * most {@link CONTENT_CACHE_MAX_FILES} files: the least recently written go first.
 */
export function contentCached<T>(props: ContentCacheProps, key: string, compute: () => T | undefined): T | undefined {
  const file = path.resolve(props.root ?? '.', '.cache', props.kind, `${crypto.createHash('sha256').update(key).digest('hex')}.json`);
  const known = memory.get(file);
  if (known !== undefined) return JSON.parse(known) as T;
  const useFiles = !/^(off|0|false|no)$/i.test(process.env[props.offSwitch] ?? '');
  if (useFiles) {
    try {
      const text = fs.readFileSync(file, 'utf8');
      const value = JSON.parse(text) as T;
      memory.set(file, text);
      return value;
    } catch {
      // not computed yet (or a damaged file: computed again and rewritten)
    }
  }
  const value = compute();
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  memory.set(file, text);
  if (useFiles) {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      writeFileAtomic.sync(file, text, { fsync: false });
      prune(path.dirname(file));
    } catch {
      // a cache that cannot be written only costs time
    }
  }
  return value;
}

/** Most files a kind keeps; beyond it the least recently written are deleted on the next write. */
export const CONTENT_CACHE_MAX_FILES = 500;

/** Deletes the oldest files of a kind's folder beyond {@link CONTENT_CACHE_MAX_FILES}. */
function prune(dir: string): void {
  const names = fs.readdirSync(dir).filter((n) => n.endsWith('.json'));
  if (names.length <= CONTENT_CACHE_MAX_FILES) return;
  const byAge = names.map((n) => ({ n, t: fs.statSync(path.join(dir, n)).mtimeMs })).sort((a, b) => a.t - b.t);
  for (const { n } of byAge.slice(0, names.length - CONTENT_CACHE_MAX_FILES)) fs.rmSync(path.join(dir, n), { force: true });
}

/**
 * Whether `value` comes back from `JSON.parse(JSON.stringify(value))` exactly: plain objects
 * (prototype Object.prototype, no own `__proto__` key) and arrays of strings, booleans, null and
 * finite numbers other than -0.
 */
export function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!(i in value) || !isPlainJson(value[i])) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype || Object.prototype.hasOwnProperty.call(value, '__proto__')) return false;
  if (Object.getOwnPropertySymbols(value).length > 0) return false;
  for (const v of Object.values(value)) if (!isPlainJson(v)) return false;
  return true;
}
