import * as os from 'node:os';
import * as path from 'node:path';
import { App, DefaultTokenResolver, Fn, Lazy, StringConcat, TerraformLocal, TerraformStack, TerraformVariable, Token, Tokenization } from 'cdktf';
import { fastResolve } from '../../../modules/core/fast-resolve';

const RESOLVER = new DefaultTokenResolver(new StringConcat());

function setup() {
  const app = new App({ outdir: path.join(os.tmpdir(), 'fast-resolve-unused') });
  const stack = new TerraformStack(app, 'one');
  const name = new TerraformVariable(stack, 'name', { type: 'string' });
  const list = new TerraformVariable(stack, 'list', { type: 'list(string)' });
  const count = new TerraformVariable(stack, 'count', { type: 'number' });
  const tags = new TerraformVariable(stack, 'tags', { type: 'map(string)' });
  return { app, stack, name, list, count, tags };
}

/** Both resolvers on the same value: the result (or the error) must be the same. */
function both(value: () => unknown, preparing = false) {
  const { stack } = setup();
  const run = (f: () => unknown) => {
    try {
      return { value: f() };
    } catch (err) {
      return { error: (err as Error).message };
    }
  };
  // The value is built once per resolver: a token may be consumed differently by each.
  const built = value();
  const ours = run(() => fastResolve(built, stack, RESOLVER, preparing));
  const stock = run(() => Tokenization.resolve(built, { scope: stack, preparing, resolver: RESOLVER }));
  return { ours, stock };
}

describe('fastResolve', () => {
  const { name, list, count, tags } = setup();
  const cases: Record<string, () => unknown> = {
    'plain nested values': () => ({ a: 'x', b: [1, 2.5, true, null, 'y'], c: { d: { e: 'deep' } }, f: false, g: 0 }),
    'undefined dropped from objects and arrays': () => ({ a: undefined, b: [undefined, 'x', undefined], c: { d: undefined } }),
    'a string token': () => ({ v: name.stringValue }),
    'a string token inside text': () => ({ v: `prefix-${name.stringValue}-suffix` }),
    'a whole-string token that resolves to a number in exponent form (cdktf throws)': () => ({ v: Token.asString(Lazy.anyValue({ produce: () => 1e21 })) }),
    'a whole-string token that resolves to a list and an object': () => ({ v: Token.asString(Lazy.anyValue({ produce: () => ['a', 1] })), w: Token.asString(Lazy.anyValue({ produce: () => ({ k: 'v' }) })) }),
    'a whole-string token that resolves to text holding a number token': () => ({ v: Token.asString(Lazy.stringValue({ produce: () => `n=${count.numberValue}` })) }),
    'a whole-string token that resolves to another token': () => ({ v: Token.asString(Lazy.stringValue({ produce: () => name.stringValue })) }),
    'a token marker no token was registered under (cdktf throws)': () => ({ v: '${TfToken[TOKEN.987654321]}' }),
    'an escaped Terraform expression (not a token)': () => ({ v: '${var.other}', w: 'a $${literal}' }),
    'text that looks like a number in exponent form': () => ({ v: '1e+5 and 2E+3', w: 'x-e-y' }),
    'a number token': () => ({ v: count.numberValue }),
    'a number token written into a string': () => ({ v: `count=${Token.asString(count.numberValue)}`, w: `count=${count.numberValue}` }),
    'a list token': () => ({ v: list.listValue }),
    'an array of string tokens, number tokens and plain values': () => ({ v: [name.stringValue, 'x', `${name.stringValue}-y`, undefined, count.numberValue, 2] }),
    'a list token mixed with plain elements (cdktf throws)': () => ({ v: [...list.listValue, 'extra'] }),
    'a map token': () => ({ v: tags.value }),
    'a lazy value': () => ({ v: Lazy.stringValue({ produce: () => 'produced' }), w: Lazy.anyValue({ produce: () => ({ x: [1, undefined, 2] }) }) }),
    'a function call over nested values with tokens': () => ({ v: Fn.jsonencode({ a: [{ b: name.stringValue, c: 1 }], d: { e: 'plain' } }) }),
    'a key that is a token': () => ({ [name.stringValue]: 'value' }),
    'a date': () => ({ v: new Date(0) }),
    'huge and special numbers': () => ({ v: [1e300, -1e300, Number.MAX_VALUE, Infinity, -Infinity, NaN, -123456788, 0.1] }),
    "cdktf's map placeholder string in a scalar context (cdktf throws)": () => ({ v: Token.STRING_MAP_TOKEN_VALUE }),
    "cdktf's map placeholder number in a scalar context (cdktf throws)": () => ({ v: [1, Token.NUMBER_MAP_TOKEN_VALUE] }),
    'a function value (cdktf throws)': () => ({ v: () => 1 }),
    'a construct (cdktf throws)': () => ({ v: setup().stack }),
  };

  it.each(Object.keys(cases))('gives what cdktf gives: %s', (label) => {
    const { ours, stock } = both(cases[label]!);
    // strict: a key kept with the value undefined is not the same as a key left out
    expect(ours).toStrictEqual(stock);
    if (label.includes('throws')) expect(stock.error).toEqual(expect.any(String));
    else expect(stock.error).toBeUndefined();
  });

  it('gives what cdktf gives in the preparing pass, with a cross-stack reference', () => {
    const app = new App({ outdir: path.join(os.tmpdir(), 'fast-resolve-unused') });
    const producer = new TerraformStack(app, 'producer');
    const local = new TerraformLocal(producer, 'x', 'value');
    const consumerA = new TerraformStack(app, 'a');
    const consumerB = new TerraformStack(app, 'b');
    const value = { ref: local.asString, nested: [{ again: `${local.asString}-x` }] };
    const ours = fastResolve(value, consumerA, RESOLVER, true);
    const stock = Tokenization.resolve(value, { scope: consumerB, preparing: true, resolver: RESOLVER });
    // The same lookup through remote state, named after each consumer's own cross-stack id.
    expect(JSON.stringify(ours)).toMatch(/data\.terraform_remote_state\.cross-stack-reference-input-producer/);
    expect(JSON.stringify(ours)).toEqual(JSON.stringify(stock));
  });

  it('copies plain values: the result shares no object with the input', () => {
    const { stack } = setup();
    const input = { a: { b: [{ c: 'x' }] } };
    const out = fastResolve(input, stack, RESOLVER, false);
    expect(out).toEqual(input);
    expect(out).not.toBe(input);
    expect(out.a).not.toBe(input.a);
    expect(out.a.b).not.toBe(input.a.b);
  });

  it('names the key path of a value it cannot resolve, as cdktf does', () => {
    const { stack } = setup();
    expect(() => fastResolve({ outer: { inner: [() => 1] } }, stack, RESOLVER, false)).toThrow(/outer\/inner\/0/);
  });

  it('leaves values nested deeper than cdktf allows to cdktf (which refuses them)', () => {
    const { stack } = setup();
    let deep: unknown = 'leaf';
    for (let i = 0; i < 250; i++) deep = { d: deep };
    expect(() => fastResolve(deep, stack, RESOLVER, false)).toThrow(/circular/i);
  });
});
