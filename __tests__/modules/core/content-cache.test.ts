import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CONTENT_CACHE_MAX_FILES, contentCached, isPlainJson } from '../../../modules/core/content-cache';

/** A new, empty folder to hold `.cache/` (removed after the test). */
function inTempDir<T>(fn: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'content-cache-'));
  try {
    return fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

describe('contentCached', () => {
  it('computes a value once per key, keeps it in <root>/.cache/<kind>/<sha256 of key>.json and returns a structure of its own each time', () => {
    inTempDir((root) => {
      const p = { kind: 'values', offSwitch: 'TEST_CONTENT_CACHE', root };
      let calls = 0;
      const compute = () => {
        calls++;
        return { list: [1, 'two', null, true], nested: { k: 'v' } };
      };
      const first = contentCached(p, 'key-a', compute)!;
      const second = contentCached(p, 'key-a', compute)!;
      expect(calls).toBe(1);
      expect(second).toEqual({ list: [1, 'two', null, true], nested: { k: 'v' } });
      expect(second).not.toBe(first);
      second.nested.k = 'changed by a caller';
      expect(contentCached(p, 'key-a', compute)!.nested.k).toBe('v');
      expect(fs.readdirSync(path.join(root, '.cache', 'values'))).toEqual([`${sha256('key-a')}.json`]);
      expect(JSON.parse(fs.readFileSync(path.join(root, '.cache', 'values', `${sha256('key-a')}.json`), 'utf8'))).toEqual({ list: [1, 'two', null, true], nested: { k: 'v' } });
      contentCached(p, 'key-b', compute);
      expect(calls).toBe(2);
    });
  });

  it('reads a value another process kept without computing it', () => {
    inTempDir((root) => {
      fs.mkdirSync(path.join(root, '.cache', 'values'), { recursive: true });
      fs.writeFileSync(path.join(root, '.cache', 'values', `${sha256('shared')}.json`), '{"from":"another process"}');
      const value = contentCached({ kind: 'values', offSwitch: 'TEST_CONTENT_CACHE', root }, 'shared', () => {
        throw new Error('computed again');
      });
      expect(value).toEqual({ from: 'another process' });
    });
  });

  it('computes again and rewrites a damaged file', () => {
    inTempDir((root) => {
      const file = path.join(root, '.cache', 'values', `${sha256('k')}.json`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, '{"v": 1, trunc');
      let calls = 0;
      expect(contentCached({ kind: 'values', offSwitch: 'TEST_CONTENT_CACHE', root }, 'k', () => (calls++, { v: 2 }))).toEqual({ v: 2 });
      expect(calls).toBe(1);
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ v: 2 });
    });
  });

  it('keeps nothing for undefined, and computes again next time', () => {
    inTempDir((root) => {
      const p = { kind: 'values', offSwitch: 'TEST_CONTENT_CACHE', root };
      let calls = 0;
      expect(contentCached(p, 'k', () => (calls++, undefined))).toBeUndefined();
      expect(contentCached(p, 'k', () => (calls++, undefined))).toBeUndefined();
      expect(calls).toBe(2);
      expect(fs.existsSync(path.join(root, '.cache'))).toBe(false);
    });
  });

  it.each(['off', '0', 'false', 'no'])('writes and reads no file when its switch is %s', (value) => {
    inTempDir((root) => {
      const file = path.join(root, '.cache', 'values', `${sha256('kept')}.json`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, '{"v":"from the file"}');
      process.env.TEST_CONTENT_CACHE = value;
      try {
        const p = { kind: 'values', offSwitch: 'TEST_CONTENT_CACHE', root };
        expect(contentCached(p, 'kept', () => ({ v: 'computed' }))).toEqual({ v: 'computed' });
        expect(contentCached(p, 'new', () => ({ v: 1 }))).toEqual({ v: 1 });
        expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
      } finally {
        delete process.env.TEST_CONTENT_CACHE;
      }
    });
  });

  it('only costs time when the folder cannot be written', () => {
    inTempDir((root) => {
      fs.writeFileSync(path.join(root, '.cache'), 'a file where the folder would be');
      expect(contentCached({ kind: 'values', offSwitch: 'TEST_CONTENT_CACHE', root }, 'k', () => ({ v: 1 }))).toEqual({ v: 1 });
    });
  });
});

describe('isPlainJson', () => {
  it.each([
    ['a string', 'x'],
    ['a finite number', 1.5],
    ['zero', 0],
    ['a boolean', false],
    ['null', null],
    ['nested objects and arrays', { a: [1, { b: 'c' }], d: {} }],
  ])('accepts %s', (_name, value) => {
    expect(isPlainJson(value)).toBe(true);
  });

  it.each([
    ['undefined', undefined],
    ['undefined in an object', { a: undefined }],
    ['Infinity', Infinity],
    ['NaN (YAML .nan)', NaN],
    ['-0', -0],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
    ['an own __proto__ key', JSON.parse('{"__proto__": {"x": 1}}')],
    ['a class instance', new (class Thing {})()],
    ['a bigint', BigInt(1)],
    // eslint-disable-next-line no-sparse-arrays
    ['a hole in an array', [1, , 3]],
    ['a symbol key', { [Symbol('s')]: 1 }],
    ['a function', () => 1],
  ])('refuses %s', (_name, value) => {
    expect(isPlainJson(value)).toBe(false);
  });
});

describe('contentCached keeps a bounded number of files per kind', () => {
  it(`deletes the least recently written beyond ${CONTENT_CACHE_MAX_FILES} when it writes`, () => {
    inTempDir((root) => {
      const dir = path.join(root, '.cache', 'values');
      fs.mkdirSync(dir, { recursive: true });
      // CONTENT_CACHE_MAX_FILES files written earlier, the first one oldest.
      for (let i = 0; i < CONTENT_CACHE_MAX_FILES; i++) {
        const file = path.join(dir, `old-${String(i).padStart(4, '0')}.json`);
        fs.writeFileSync(file, '{}');
        fs.utimesSync(file, 1_000_000 + i, 1_000_000 + i);
      }
      contentCached({ kind: 'values', offSwitch: 'TEST_CONTENT_CACHE', root }, 'new', () => ({ v: 1 }));
      const left = fs.readdirSync(dir);
      expect(left).toHaveLength(CONTENT_CACHE_MAX_FILES);
      expect(left).not.toContain('old-0000.json');
      expect(left).toContain('old-0001.json');
      expect(left).toContain(`${sha256('new')}.json`);
    });
  });
});
