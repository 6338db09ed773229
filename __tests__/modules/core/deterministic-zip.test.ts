import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { unzipSync } from 'fflate';
import { writeZipAsset, zipFolder } from '../../../modules/core/deterministic-zip';

const FILES: Record<string, string> = {
  'handler.py': 'def handler(event, context):\n    return {"ok": True}\n',
  'lib/__init__.py': '',
  'lib/items.py': 'ITEMS = []\n',
  'bin/run.sh': '#!/bin/sh\necho run\n',
  'z-last.txt': 'z\n',
};

/** Writes FILES into a new temp folder in the given order, with the given mtime on every file and folder. */
function makeTree(order: string[], mtime: Date): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zip-test-'));
  for (const rel of order) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, FILES[rel]!);
    fs.chmodSync(abs, rel.endsWith('.sh') ? 0o775 : 0o664);
  }
  // Litter that must never be packaged.
  fs.mkdirSync(path.join(dir, 'lib', '__pycache__'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'lib', '__pycache__', 'items.cpython-313.pyc'), String(Math.random()));
  fs.writeFileSync(path.join(dir, 'stray.pyc'), String(Math.random()));
  fs.writeFileSync(path.join(dir, '.DS_Store'), String(Math.random()));
  fs.mkdirSync(path.join(dir, 'node_modules', 'x'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'node_modules', 'x', 'index.js'), String(Math.random()));
  const touch = (p: string): void => {
    for (const name of fs.readdirSync(p)) {
      const child = path.join(p, name);
      if (fs.statSync(child).isDirectory()) touch(child);
      fs.utimesSync(child, mtime, mtime);
    }
  };
  touch(dir);
  return dir;
}

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function tree(order: string[], mtime: Date): string {
  const dir = makeTree(order, mtime);
  temps.push(dir);
  return dir;
}

const NAMES = Object.keys(FILES);

describe('zipFolder', () => {
  it('gives the same bytes and hash whatever the file times and creation order', () => {
    const a = zipFolder(tree(NAMES, new Date('2001-02-03T04:05:06Z')));
    const b = zipFolder(tree([...NAMES].reverse(), new Date('2024-12-31T23:59:58Z')));
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    expect(a.sha256).toBe(b.sha256);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same bytes whatever the machine time zone', () => {
    const dir = tree(NAMES, new Date('2001-02-03T04:05:06Z'));
    const saved = process.env.TZ;
    try {
      const hashes = ['UTC', 'America/Los_Angeles', 'Asia/Tokyo'].map((tz) => {
        process.env.TZ = tz;
        return zipFolder(dir).sha256;
      });
      expect(new Set(hashes).size).toBe(1);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('changes the hash when a file changes', () => {
    const a = zipFolder(tree(NAMES, new Date('2001-02-03T04:05:06Z')));
    const dir = tree(NAMES, new Date('2001-02-03T04:05:06Z'));
    fs.writeFileSync(path.join(dir, 'lib', 'items.py'), 'ITEMS = [1]\n');
    expect(zipFolder(dir).sha256).not.toBe(a.sha256);
  });

  it('sorts entries by posix path and leaves out caches, .pyc, .DS_Store and node_modules', () => {
    const zip = zipFolder(tree([...NAMES].reverse(), new Date()));
    expect(zip.files).toEqual(['bin/run.sh', 'handler.py', 'lib/__init__.py', 'lib/items.py', 'z-last.txt']);
    expect(Object.keys(unzipSync(zip.bytes))).toEqual(zip.files);
  });

  it('applies an extra exclude filter on relative posix paths', () => {
    const zip = zipFolder(tree(NAMES, new Date()), { exclude: (rel) => rel.startsWith('bin/') || rel === 'z-last.txt' });
    expect(zip.files).toEqual(['handler.py', 'lib/__init__.py', 'lib/items.py']);
  });

  it('writes the fixed time 1980-01-01 00:00, Unix host and modes 0644 / 0755, with no directory entries', () => {
    const zip = zipFolder(tree(NAMES, new Date()));
    const view = Buffer.from(zip.bytes);
    // Walk the central directory (signature 0x02014b50) entries.
    const entries: { name: string; madeBy: number; time: number; date: number; mode: number }[] = [];
    for (let i = 0; i < view.length - 4; i++) {
      if (view.readUInt32LE(i) !== 0x02014b50) continue;
      const nameLength = view.readUInt16LE(i + 28);
      entries.push({
        madeBy: view.readUInt8(i + 5),
        time: view.readUInt16LE(i + 12),
        date: view.readUInt16LE(i + 14),
        mode: view.readUInt32LE(i + 38) >>> 16,
        name: view.toString('utf8', i + 46, i + 46 + nameLength),
      });
    }
    expect(entries.map((e) => e.name)).toEqual(['bin/run.sh', 'handler.py', 'lib/__init__.py', 'lib/items.py', 'z-last.txt']);
    for (const e of entries) {
      expect(e.madeBy).toBe(3);
      expect(e.time).toBe(0);
      // DOS date: (1980 - 1980) << 9 | 1 << 5 | 1
      expect(e.date).toBe(0x21);
      expect(e.mode).toBe(e.name.endsWith('.sh') ? 0o100755 : 0o100644);
    }
  });

  it('rejects a missing folder and an empty one, naming the folder prop', () => {
    expect(() => zipFolder('/nonexistent/folder-x')).toThrow(/prop folder "\/nonexistent\/folder-x" is not a folder/);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'zip-empty-'));
    temps.push(empty);
    expect(() => zipFolder(empty)).toThrow(/prop folder ".*" holds no files to package/);
  });
});

describe('writeZipAsset', () => {
  function synthAsset(dir: string, cacheDir: string): { json: any; sha256: string; base64Sha256: string; path: string } {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'stack');
    const zip = writeZipAsset(stack, 'code', dir, { cacheDir });
    return { json: JSON.parse(Testing.synth(stack)), sha256: zip.sha256, base64Sha256: zip.base64Sha256, path: zip.asset.path };
  }

  it('caches the zip under its hash and gives the same asset path and hash on any tree', () => {
    const cacheA = fs.mkdtempSync(path.join(os.tmpdir(), 'zip-cache-'));
    const cacheB = fs.mkdtempSync(path.join(os.tmpdir(), 'zip-cache-'));
    temps.push(cacheA, cacheB);
    const a = synthAsset(tree(NAMES, new Date('2001-02-03T04:05:06Z')), cacheA);
    const b = synthAsset(tree([...NAMES].reverse(), new Date('2020-06-07T08:09:10Z')), cacheB);
    expect(a.sha256).toBe(b.sha256);
    expect(a.path).toBe(b.path);
    expect(a.path).toBe(`assets/code/${a.sha256}/${a.sha256}.zip`);
    // The zip under its hash, and an index entry from the contents' key to that hash.
    const cached = fs.readdirSync(cacheA);
    expect(cached).toHaveLength(2);
    expect(cached).toEqual(expect.arrayContaining([expect.stringMatching(/^[0-9a-f]{64}\.sha256$/), `${a.sha256}.zip`]));
    const index = fs.readdirSync(cacheA).find((f) => f.endsWith('.sha256'))!;
    expect(fs.readFileSync(path.join(cacheA, index), 'utf8')).toBe(a.sha256);
    expect(Buffer.from(a.base64Sha256, 'base64').toString('hex')).toBe(a.sha256);
    expect(fs.readFileSync(path.join(cacheA, `${a.sha256}.zip`)).equals(fs.readFileSync(path.join(cacheB, `${b.sha256}.zip`)))).toBe(true);
  });

  it('makes the zip again when the cached one no longer matches its hash (the index is only a shortcut)', () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'zip-cache-'));
    temps.push(cache);
    const folder = tree(NAMES, new Date('2001-02-03T04:05:06Z'));
    const first = synthAsset(folder, cache);
    const zipFile = path.join(cache, `${first.sha256}.zip`);
    const good = fs.readFileSync(zipFile);
    fs.writeFileSync(zipFile, 'truncated');
    const second = synthAsset(folder, cache);
    expect(second.sha256).toBe(first.sha256);
    expect(fs.readFileSync(zipFile).equals(good)).toBe(true);
    // A changed file is a new key: a new archive, never the indexed one.
    fs.appendFileSync(path.join(folder, NAMES[0]!), '\n# changed');
    expect(synthAsset(folder, cache).sha256).not.toBe(first.sha256);
  });

  it('is an asset of type FILE', () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'zip-cache-'));
    temps.push(cache);
    const stack = new TerraformStack(new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'zip-out-')) }), 'stack');
    const zip = writeZipAsset(stack, 'code', tree(NAMES, new Date()), { cacheDir: cache });
    expect(zip.asset.type).toBe(0);
    expect(zip.asset.fileName).toBe(`${zip.sha256}.zip`);
  });
});
