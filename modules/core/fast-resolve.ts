import type { IResolveContext, ITokenResolver } from 'cdktf';
// cdktf's own resolver, the one Tokenization.resolve calls; imported directly because it is the
// only entry point that takes the key path (cdktf names it in its errors). cdktf 0.21 is final.
import { resolve as cdktfResolve } from 'cdktf/lib/tokens/private/resolve';
import { TokenMap } from 'cdktf/lib/tokens/private/token-map';
import type { IConstruct } from 'constructs';

/**
 * The same result as cdktf's `Tokenization.resolve`, without its cost on the plain parts.
 *
 * cdktf resolves every value of every element through closures, a context object and a copy of
 * the key path per value, and runs two regular expressions over every string: about a fifth of a
 * synth. Almost every value in a synthesized stack is plain (a string, number or boolean with no token
 * in it, or an object or array of such). Here the plain parts are copied as cdktf copies them
 * (undefined dropped from objects and arrays), and every value that is not provably plain is
 * handed to cdktf's own resolver at the same key path, so tokens, escapes, lazy values, map and
 * list tokens and every error behave exactly as in cdktf.
 *
 * Provably plain:
 * - a string that contains neither `TfToken[` (the marker of every string, list and map token)
 *   nor `e+` (every number token written into a string, such as `-1.8881545897087626e+289`),
 *   and is not one of cdktf's two map-token placeholder strings;
 * - a finite number below 1e288 in magnitude (a number token is a double of magnitude 2^960 or
 *   more) other than cdktf's map-token placeholder number;
 * - a boolean; `null`; `undefined`;
 * - an object that is not a token (no `resolve` method), not a construct, and has no key
 *   containing `TfToken[` (a map token); an array with no list-token element (cdktf resolves the
 *   elements of any other array one by one, as here). Their values are then looked at one by one.
 *
 * A string that is exactly one string token (`${TfToken[TOKEN.12]}`, most references) is
 * resolved by resolving its token as cdktf's string resolution would (same context), skipping
 * the parsing of the string into fragments and the joining; when the token gives anything but a
 * string free of `e+`, the string is handed to cdktf after all (resolving a token twice is what
 * cdktf's own synth does: it has no other effect).
 *
 * The equivalence is tested on the whole output of the shipped environments against cdktf's own
 * synth (`INFRA_STOCK_SYNTH=1`) and value by value in `__tests__/modules/core/fast-resolve.test.ts`.
 */
export function fastResolve(value: unknown, scope: IConstruct, resolver: ITokenResolver, preparing: boolean): any {
  return walk(value, { scope, resolver, preparing }, []);
}

interface Options {
  readonly scope: IConstruct;
  readonly resolver: ITokenResolver;
  readonly preparing: boolean;
  /** The context of the token being resolved, when resolving inside one (its flags apply). */
  readonly previousContext?: IResolveContext;
  /** Results by object, for a caller that asks for the same objects again (a function call). */
  readonly memo?: Map<object, unknown>;
}

/**
 * {@link fastResolve} inside a token's resolution: values resolved as `context.resolve(value)`
 * would, and every object's result remembered in `memo`, so asking again for the value or any
 * object inside it costs a lookup.
 */
export function resolveRemembering(value: unknown, context: IResolveContext, resolver: ITokenResolver, memo: Map<object, unknown>): any {
  return walk(value, { scope: context.scope, resolver, preparing: context.preparing, previousContext: context, memo }, []);
}

// cdktf's placeholders of map tokens in a scalar context (Token.STRING_MAP_TOKEN_VALUE and co.):
// cdktf throws on them, so they go to cdktf.
const MAP_PLACEHOLDER_STRINGS = new Set(['String Map Token Value', 'Any Map Token Value']);
const MAP_PLACEHOLDER_NUMBER = -123456789;
/** cdktf refuses key paths deeper than this (a cyclic value): deeper values go to cdktf. */
const MAX_DEPTH = 200;

function delegate(value: unknown, options: Options, path: readonly string[]): any {
  return cdktfResolve(value, { ...options, prefix: [...path] });
}

function plainString(s: string): boolean {
  return !s.includes('TfToken[') && !s.includes('e+') && !MAP_PLACEHOLDER_STRINGS.has(s);
}

const SINGLE_STRING_TOKEN = /^\$\{TfToken\[([a-zA-Z0-9:._-]+)\]\}$/;
const tokenMap = TokenMap.instance();

/** A string that may hold tokens: one whole string token resolved directly, else cdktf's way. */
function singleToken(s: string, options: Options, path: readonly string[]): any {
  const key = s.includes('e+') ? undefined : SINGLE_STRING_TOKEN.exec(s)?.[1];
  if (key !== undefined) {
    let token: unknown;
    try {
      token = tokenMap.lookupToken(key);
    } catch {
      // not a token of this app: cdktf keeps it as text
    }
    if (token !== undefined) {
      const resolved = delegate(token, options, path);
      if (typeof resolved === 'string' && !resolved.includes('e+')) return resolved;
    }
  }
  return delegate(s, options, path);
}

function plainNumber(n: number): boolean {
  return Math.abs(n) < 1e288 && n !== MAP_PLACEHOLDER_NUMBER;
}

function walk(value: unknown, options: Options, path: string[]): any {
  switch (typeof value) {
    case 'undefined':
    case 'boolean':
      return value;
    case 'string':
      return plainString(value) ? value : singleToken(value, options, path);
    case 'number':
      return plainNumber(value) || Number.isNaN(value) ? value : delegate(value, options, path);
    case 'object':
      break;
    default:
      // functions, symbols and bigints: cdktf decides (it throws on functions)
      return delegate(value, options, path);
  }
  if (value === null || value instanceof Date) return value;
  const memo = options.memo;
  if (memo) {
    if (memo.has(value)) return memo.get(value);
    const result = walkObject(value, options, path);
    memo.set(value, result);
    return result;
  }
  return walkObject(value, options, path);
}

function walkObject(value: object, options: Options, path: string[]): any {
  if (path.length >= MAX_DEPTH) return delegate(value, options, path);
  if (Array.isArray(value)) {
    for (const item of value) {
      // A list token (`#{TfToken[...]}`, or a list-token number) makes the array cdktf's; string
      // tokens in it are resolved element by element, as cdktf does.
      if ((typeof item === 'string' && item.includes('#{TfToken[')) || (typeof item === 'number' && !plainNumber(item))) return delegate(value, options, path);
    }
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      path.push(`${i}`);
      const resolved = walk(value[i], options, path);
      path.pop();
      if (resolved !== undefined) out.push(resolved);
    }
    return out;
  }
  const record = value as Record<string, unknown> & { resolve?: unknown; _children?: unknown; _metadata?: unknown };
  if (typeof record.resolve === 'function' || (record._children !== undefined && record._metadata !== undefined)) return delegate(value, options, path);
  const keys = Object.keys(record);
  for (const key of keys) if (!plainString(key)) return delegate(value, options, path);
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    path.push(key);
    const resolved = walk(record[key], options, path);
    path.pop();
    if (resolved !== undefined) out[key] = resolved;
  }
  return out;
}
