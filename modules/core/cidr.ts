import { IPv4CidrRange, Validator } from 'ip-num';

/**
 * CIDR helpers over the `ip-num` library (no hand-written bit arithmetic).
 *
 * ip-num works on strings of bits, so parsing is slow (tens of microseconds); a config check
 * compares every pair of ranges, so parses and bounds are memoized by the CIDR text.
 */

interface Parsed {
  readonly range?: IPv4CidrRange;
  readonly error?: string;
  /** First and last address as numbers, for interval comparisons. */
  readonly first?: bigint;
  readonly last?: bigint;
}

const parsed = new Map<string, Parsed>();

/** Parses `a.b.c.d/n`; returns the range or an error that says what is allowed. */
export function parseCidr(text: string): { range?: IPv4CidrRange; error?: string } {
  return parse(text);
}

function parse(text: string): Parsed {
  let hit = parsed.get(text);
  if (!hit) {
    hit = parseUncached(text);
    parsed.set(text, hit);
  }
  return hit;
}

function parseUncached(text: string): Parsed {
  const [ok] = Validator.isValidIPv4CidrNotation(text);
  if (!ok) {
    return { error: 'is not an IPv4 CIDR block; expected "a.b.c.d/n" with n from 0 to 32, e.g. "10.0.0.0/16"' };
  }
  const range = IPv4CidrRange.fromCidr(text);
  if (range.getFirst().toString() !== text.split('/')[0]) {
    return { error: `has host bits set; the network address is ${range.getFirst().toString()}/${range.cidrPrefix.getValue()}` };
  }
  return { range, first: range.getFirst().value, last: range.getLast().value };
}

function bounds(text: string): { first: bigint; last: bigint } {
  const p = parse(text);
  if (!p.range) throw new Error(`"${text}" ${p.error}`);
  return { first: p.first!, last: p.last! };
}

/** Parses a CIDR known to be valid (throws otherwise). */
export function cidr(text: string): IPv4CidrRange {
  const { range, error } = parseCidr(text);
  if (!range) throw new Error(`"${text}" ${error}`);
  return range;
}

/** True when two CIDR blocks share at least one address. */
export function overlaps(a: string, b: string): boolean {
  const ra = bounds(a);
  const rb = bounds(b);
  return ra.first <= rb.last && rb.first <= ra.last;
}

/** True when `inner` lies entirely inside `outer`. */
export function contains(outer: string, inner: string): boolean {
  const o = bounds(outer);
  const i = bounds(inner);
  return o.first <= i.first && i.last <= o.last;
}

/** Prefix length of a CIDR block (`/16` gives 16). */
export function prefixOf(text: string): number {
  return Number(cidr(text).cidrPrefix.getValue());
}

const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];

/** True when the block lies inside RFC 1918 or RFC 6598 (shared address) space. */
export function isPrivate(text: string): boolean {
  return PRIVATE_RANGES.some((p) => contains(p, text));
}
