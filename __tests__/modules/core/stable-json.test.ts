import * as fs from 'node:fs';
import * as path from 'node:path';
import { stableStringify } from '../../../modules/core/stable-json';
import { shippedSynth } from '../../helpers/shipped-synth';

// The serializer cdktf writes stacks with: ours must give the same bytes.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cdktfStringify = require(require.resolve('json-stable-stringify', { paths: [path.dirname(require.resolve('cdktf'))] })) as (v: unknown, o: { space: number }) => string | undefined;

describe('stableStringify', () => {
  const cases: Record<string, unknown> = {
    'nested objects with unsorted keys': { b: { d: 1, c: [3, { z: true, a: null }] }, a: 'x', B: 2, _: 0, '10': 1, '9': 2 },
    'empty objects and arrays at every depth': { a: {}, b: [], c: [[], {}], d: { e: { f: [] } } },
    'undefined and functions: left out of objects, null in arrays': { a: undefined, b: () => 1, c: [undefined, () => 1, 1] },
    'toJSON is called': { when: new Date(0), custom: { toJSON: () => ({ y: 1, x: 2 }) } },
    'strings that need escaping and non-ASCII': { 'quo"te': 'line\nbreak \u2028 é 😀', '\\': '\t' },
    'numbers and literals': [0, -0, 1.5, 1e21, -1e-7, NaN, Infinity, true, false, null],
    'a bare string': 'plain',
    'a bare number': 42,
    'an empty object at the top': {},
    'the same object twice (not a cycle)': (() => {
      const shared = { k: 1 };
      return { a: shared, b: [shared, shared] };
    })(),
  };

  it.each(Object.keys(cases))('writes what cdktf writes: %s', (label) => {
    expect(stableStringify(cases[label])).toBe(cdktfStringify(cases[label], { space: 2 }));
  });

  it('gives undefined for undefined, as cdktf', () => {
    expect(stableStringify(undefined)).toBeUndefined();
    expect(cdktfStringify(undefined, { space: 2 })).toBeUndefined();
  });

  it('refuses a cycle', () => {
    const a: Record<string, unknown> = { x: 1 };
    a.self = { back: a };
    expect(() => stableStringify(a)).toThrow(TypeError);
    expect(() => cdktfStringify(a, { space: 2 })).toThrow(TypeError);
  });

  it('rewrites every stack of the shipped environments byte for byte', () => {
    const out = shippedSynth();
    const stacks = fs.readdirSync(path.join(out, 'stacks'));
    expect(stacks.length).toBeGreaterThan(50);
    for (const s of stacks) {
      const text = fs.readFileSync(path.join(out, 'stacks', s, 'cdk.tf.json'), 'utf8');
      const doc = JSON.parse(text);
      expect(stableStringify(doc)).toBe(cdktfStringify(doc, { space: 2 }));
    }
  });
});
