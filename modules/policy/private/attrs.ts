import { Token, Tokenization } from 'cdktf';
import type { RuleResult } from '../rule';

/** Synthesized Terraform attributes of one resource (snake_case keys, overrides applied). */
export type Attrs = Record<string, unknown>;

/**
 * Whether a value is not known until Terraform runs: a cdktf token, a `${...}` interpolation,
 * a list token or an `IResolvable`. Such a value is never a violation by itself.
 */
export function isRef(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.includes('${') || Token.isUnresolved(value);
  if (typeof value === 'number') return Token.isUnresolved(value);
  if (Array.isArray(value)) {
    return Token.isUnresolved(value) || value.some((v) => typeof v === 'string' && v.includes('#{'));
  }
  if (typeof value === 'object') return Tokenization.isResolvable(value);
  return false;
}

function isPlainObject(value: unknown): value is Attrs {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Tokenization.isResolvable(value);
}

/** Every block of a nested-block attribute, whether synthesized as one object or a list of them. */
export function blocks(value: unknown): Attrs[] {
  if (Array.isArray(value)) return value.filter(isPlainObject);
  return isPlainObject(value) ? [value] : [];
}

/** The first block of a nested-block attribute, or undefined. */
export function block(value: unknown): Attrs | undefined {
  return blocks(value)[0];
}

/**
 * The value at a dotted path, descending into the first block of every list on the way.
 * An unresolved token met on the way is returned as is (so `isRef` of the result is true).
 */
export function get(attrs: unknown, path: string): unknown {
  let current: unknown = attrs;
  for (const key of path.split('.')) {
    if (isRef(current)) return current;
    const here = block(current);
    if (!here) return undefined;
    current = here[key];
  }
  return current;
}

/** True, `"true"` or a reference. */
export function isTrueOrRef(value: unknown): boolean {
  return value === true || value === 'true' || isRef(value);
}

/** False, `"false"` or a reference. */
export function isFalseOrRef(value: unknown): boolean {
  return value === false || value === 'false' || isRef(value);
}

/** Whether a value is set: not undefined, null, '' or an empty list. */
export function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** `compliant` when the condition holds, else `non-compliant`. */
export function check(condition: boolean): RuleResult {
  return condition ? 'compliant' : 'non-compliant';
}

/** The value must be true (or a reference); `whenUnset` is the provider default. */
export function mustBeTrue(value: unknown, whenUnset = false): RuleResult {
  if (value === undefined || value === null) return check(whenUnset);
  return check(isTrueOrRef(value));
}

/** The value must be false (or a reference); `whenUnset` is whether the provider default is compliant. */
export function mustBeFalse(value: unknown, whenUnset = true): RuleResult {
  if (value === undefined || value === null) return check(whenUnset);
  return check(isFalseOrRef(value));
}

/** The value must be set (a reference counts). */
export function mustBeSet(value: unknown): RuleResult {
  return check(isRef(value) || isSet(value));
}

/** The value must be one of `allowed` (case-insensitive; a reference counts); `whenUnset` for the default. */
export function mustBeOneOf(value: unknown, allowed: readonly string[], whenUnset = false): RuleResult {
  if (value === undefined || value === null || value === '') return check(whenUnset);
  if (isRef(value)) return 'compliant';
  return check(allowed.some((a) => a.toLowerCase() === String(value).toLowerCase()));
}

/** The number must be at least `min` (a reference counts); `whenUnset` for the default. */
export function mustBeAtLeast(value: unknown, min: number, whenUnset = false): RuleResult {
  if (value === undefined || value === null || value === '') return check(whenUnset);
  if (isRef(value)) return 'compliant';
  return check(Number(value) >= min);
}

/** Combines results: non-compliant if any is, compliant if any is, else not-applicable. */
export function all(results: readonly RuleResult[]): RuleResult {
  if (results.includes('non-compliant')) return 'non-compliant';
  return results.includes('compliant') ? 'compliant' : 'not-applicable';
}

/**
 * Terraform addresses (`aws_s3_bucket.state_bucket_1A2B.id`) that a value refers to.
 * Reads the references inside cdktf tokens without resolving them (resolving would register
 * cross-stack outputs as a side effect).
 */
export function referencedAddresses(value: unknown): string[] {
  const found: string[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 6 || v === undefined || v === null) return;
    if (typeof v === 'string') {
      if (!v.includes('${') && !v.includes('#{')) return;
      for (const token of Tokenization.reverseString(v).tokens) visit(token, depth + 1);
      return;
    }
    if (Array.isArray(v)) {
      const list = Tokenization.reverseList(v);
      if (list) visit(list, depth + 1);
      else v.forEach((x) => visit(x, depth + 1));
      return;
    }
    if (typeof v === 'object') {
      const identifier = (v as { identifier?: unknown }).identifier;
      if (typeof identifier === 'string') found.push(identifier);
      const target = (v as { target?: unknown }).target;
      if (target) visit(target, depth + 1);
    }
  };
  visit(value, 0);
  return found;
}

/** Whether `value` refers to the resource at `address` (`<type>.<name>`) or equals one of `literals`. */
export function pointsAt(value: unknown, address: string, literals: readonly unknown[] = []): boolean {
  if (typeof value === 'string' && !isRef(value)) return literals.some((l) => typeof l === 'string' && l === value);
  return referencedAddresses(value).some((id) => id === address || id.startsWith(`${address}.`));
}

/**
 * The JSON document held by a policy attribute: parsed from a literal string, or read from inside
 * `Fn.jsonencode({...})`. Undefined when it cannot be known at synth (a data source's `.json`).
 */
export function jsonDocument(value: unknown): unknown {
  if (typeof value === 'string' && !isRef(value)) {
    try {
      return JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'string') return undefined;
  const tokens = Tokenization.reverseString(value);
  const [only] = tokens.tokens;
  if (tokens.length !== 1 || !only) return undefined;
  const call = only as unknown as { name?: unknown; args?: unknown[] };
  if (call.name === 'jsonencode' && Array.isArray(call.args)) return call.args[0];
  return undefined;
}

/** A value as a list: lists as they are, one value as a list of one. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Whether a CIDR list or a single source is the whole internet. */
export function isWorld(value: unknown): boolean {
  return asList(value).some(
    (v) => typeof v === 'string' && ['0.0.0.0/0', '::/0', '*', 'internet', 'any'].includes(v.toLowerCase())
  );
}

/**
 * Whether a port range (`22`, `20-30`, `*`, numbers from/to) includes `port`. Unknown ranges count
 * as not including it.
 */
export function portRangeIncludes(range: unknown, port: number): boolean {
  if (range === undefined || range === null || isRef(range)) return false;
  const text = String(range).trim();
  if (text === '*' || text === '' || text === '-1') return true;
  const [from, to] = text.split('-').map((p) => Number(p.trim()));
  if (from === undefined || Number.isNaN(from)) return false;
  return port >= from && port <= (to === undefined || Number.isNaN(to) ? from : to);
}
