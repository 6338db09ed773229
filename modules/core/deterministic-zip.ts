import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { AssetType, TerraformAsset } from 'cdktf';
import type { Construct } from 'constructs';
import { zipSync, type Zippable } from 'fflate';
import writeFileAtomic from 'write-file-atomic';
import { ValidationError } from './validation-error';

/**
 * Reproducible zip archives of a source folder, and cdktf assets built from them.
 *
 * A Lambda package must hash the same on every machine, or every `plan` on a new checkout shows a
 * code change. Zip files carry file times, modes, entry order and host OS, so this writes all of them
 * as constants: entries sorted by posix path, one fixed time, mode 0644 (0755 when the owner may
 * execute), Unix as host OS, no directory entries. Only file contents and paths change the bytes.
 *
 * @see https://reproducible-builds.org/docs/archives/
 */

/**
 * The time written on every entry: 1980-01-01 00:00:00, the earliest a zip (DOS) time can say.
 *
 * DOS times carry no zone and fflate fills them from the local-time fields of the Date, so the Date is
 * built from local fields: the entry then says 1980-01-01 00:00:00 whatever the machine's time zone.
 */
const FIXED_MTIME = (): Date => new Date(1980, 0, 1, 0, 0, 0);

/** Unix host OS in the zip "version made by" field, so the mode bits below are honoured on extraction. */
const UNIX_OS = 3;

/** Regular file type bits (S_IFREG) for the external attributes. */
const S_IFREG = 0o100000;

/** Path segments and file names never packaged: build caches and OS litter. */
export const DEFAULT_ZIP_EXCLUDES: readonly string[] = ['__pycache__', 'node_modules', '.DS_Store', '*.pyc'];

/** Options of {@link zipFolder}. */
export interface ZipFolderOptions {
  /** Extra filter: return true to leave out a file or folder, given its posix path relative to the folder. @default - none */
  readonly exclude?: (relPath: string) => boolean;
  /** Apply {@link DEFAULT_ZIP_EXCLUDES} as well. @default true */
  readonly defaultExcludes?: boolean;
}

/** A reproducible zip of a folder. */
export interface ZipResult {
  /** The archive bytes. */
  readonly bytes: Uint8Array;
  /** Hex SHA-256 of the archive bytes. */
  readonly sha256: string;
  /** Posix paths of the files in the archive, in archive order. */
  readonly files: string[];
}

/** True when a path relative to the zipped folder matches one of {@link DEFAULT_ZIP_EXCLUDES}. */
export function isDefaultExcluded(relPath: string): boolean {
  const segments = relPath.split('/');
  const name = segments[segments.length - 1];
  return (
    segments.includes('__pycache__') ||
    segments.includes('node_modules') ||
    name === '.DS_Store' ||
    name.endsWith('.pyc')
  );
}

/** The files of a folder as they will be packaged, and a key over exactly what decides the archive bytes. */
interface CollectedFolder {
  readonly entries: Zippable;
  readonly files: string[];
  /** SHA-256 over the format, each path, mode and content: equal keys give byte-equal archives. */
  readonly contentKey: string;
}

/** Bump when anything that shapes the archive bytes changes (time, OS, level, mode rules). */
const ARCHIVE_FORMAT = 'deterministic-zip/v1 level=6 mtime=1980-01-01 os=unix';

function collectFolder(folder: string, options: ZipFolderOptions): CollectedFolder {
  const root = path.resolve(folder);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    throw new ValidationError('zipFolder', 'folder', folder, 'is not a folder; give the path of the source folder to package');
  }
  const useDefaults = options.defaultExcludes ?? true;
  const skip = (rel: string): boolean => (useDefaults && isDefaultExcluded(rel)) || (options.exclude?.(rel) ?? false);

  const found: { rel: string; abs: string; mode: number }[] = [];
  const walk = (dir: string, relDir: string, seen: Set<string>): void => {
    const real = fs.realpathSync(dir);
    if (seen.has(real)) {
      throw new ValidationError('zipFolder', 'folder', folder, `has a symbolic link cycle at "${relDir}"; remove the link`);
    }
    const inner = new Set(seen).add(real);
    for (const name of fs.readdirSync(dir)) {
      const rel = relDir ? `${relDir}/${name}` : name;
      if (skip(rel)) continue;
      const abs = path.join(dir, name);
      const stat = fs.statSync(abs);
      if (stat.isDirectory()) walk(abs, rel, inner);
      else if (stat.isFile()) found.push({ rel, abs, mode: stat.mode });
    }
  };
  walk(root, '', new Set());

  // Code-unit order, not locale order: the same on every machine.
  found.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  if (found.length === 0) {
    throw new ValidationError('zipFolder', 'folder', folder, 'holds no files to package (after exclusions); add the source files');
  }

  // zipSync writes entries in the object's key order. Keys are inserted sorted; the one exception JS makes
  // is keys that look like array indices ("1", "20"), which it lists first: still the same on every machine.
  const entries: Zippable = {};
  const key = createHash('sha256').update(`${ARCHIVE_FORMAT}\0`);
  for (const file of found) {
    const executable = (file.mode & 0o100) !== 0;
    const mode = executable ? 0o755 : 0o644;
    const bytes = new Uint8Array(fs.readFileSync(file.abs));
    key.update(`${file.rel}\0${mode}\0${bytes.length}\0`).update(bytes);
    entries[file.rel] = [bytes, { mtime: FIXED_MTIME(), os: UNIX_OS, attrs: ((S_IFREG | mode) << 16) >>> 0, level: 6 }];
  }
  return { entries, files: Object.keys(entries), contentKey: key.digest('hex') };
}

/** Archives made in this process, by content key: the same function folder is packaged once per run, not once per environment. */
const zipped = new Map<string, ZipResult>();

function zipCollected(collected: CollectedFolder): ZipResult {
  let result = zipped.get(collected.contentKey);
  if (!result) {
    const bytes = zipSync(collected.entries, { mtime: FIXED_MTIME(), os: UNIX_OS, level: 6 });
    result = { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), files: collected.files };
    zipped.set(collected.contentKey, result);
  }
  return { ...result, files: [...result.files] };
}

/**
 * Zips a folder reproducibly: same file paths and contents give the same bytes on any machine.
 *
 * Symbolic links to files are followed (their target's contents are stored); links to folders are
 * followed too, but a link cycle is an error.
 *
 * @param folder the folder to zip; its contents become the archive root
 * @param options extra exclusions
 */
export function zipFolder(folder: string, options: ZipFolderOptions = {}): ZipResult {
  return zipCollected(collectFolder(folder, options));
}

/** A zip written to the asset cache and wrapped in a cdktf asset. */
export interface ZipAsset {
  /** The cdktf asset (type FILE); use `asset.path` as the `filename` of the resource. */
  readonly asset: TerraformAsset;
  /** Hex SHA-256 of the archive. */
  readonly sha256: string;
  /** Base64 SHA-256 of the archive, the form `source_code_hash` of a Lambda function expects. */
  readonly base64Sha256: string;
}

/** Folder of the zip cache, relative to the current directory. */
export const ZIP_CACHE_DIR = path.join('.cache', 'assets');

/**
 * Zips a folder reproducibly into `.cache/assets/<sha256>.zip` and wraps it in a cdktf `TerraformAsset`.
 *
 * The asset hash is the archive's SHA-256, so the synthesized path (`assets/<id>/<sha256>/<sha256>.zip`)
 * and the hash are the same on any machine, whatever the file times or directory order.
 *
 * @param scope construct that owns the asset
 * @param id id of the asset construct
 * @param folder the folder to zip
 * @param options extra exclusions and the cache folder
 */
export function writeZipAsset(
  scope: Construct,
  id: string,
  folder: string,
  options: ZipFolderOptions & { readonly cacheDir?: string } = {},
): ZipAsset {
  const collected = collectFolder(folder, options);
  const cacheDir = path.resolve(options.cacheDir ?? ZIP_CACHE_DIR);
  fs.mkdirSync(cacheDir, { recursive: true });
  // The archive of these exact contents was made before: its hash is in the index, and the zip
  // itself is used only if its bytes still hash to it. Otherwise it is made (and indexed) again.
  const indexFile = path.join(cacheDir, `${collected.contentKey}.sha256`);
  let sha256: string | undefined;
  try {
    const known = fs.readFileSync(indexFile, 'utf8').trim();
    if (createHash('sha256').update(fs.readFileSync(path.join(cacheDir, `${known}.zip`))).digest('hex') === known) sha256 = known;
  } catch {
    // not indexed yet, or the zip was removed
  }
  if (!sha256) {
    const zip = zipCollected(collected);
    sha256 = zip.sha256;
    // Write then rename (under a name unique per process, thread and call), so a parallel synth
    // never reads a half-written zip.
    writeFileAtomic.sync(path.join(cacheDir, `${sha256}.zip`), Buffer.from(zip.bytes), { fsync: false });
    writeFileAtomic.sync(indexFile, sha256, { fsync: false });
  }
  const file = path.join(cacheDir, `${sha256}.zip`);
  const asset = new TerraformAsset(scope, id, { path: file, type: AssetType.FILE, assetHash: sha256 });
  return {
    asset,
    sha256,
    base64Sha256: Buffer.from(sha256, 'hex').toString('base64'),
  };
}
