import { IPv4CidrRange, Validator } from 'ip-num';

/**
 * CIDR helpers over the `ip-num` library (no hand-written bit arithmetic).
 */

/** Parses `a.b.c.d/n`; returns the range or an error that says what is allowed. */
export function parseCidr(text: string): { range?: IPv4CidrRange; error?: string } {
  const [ok] = Validator.isValidIPv4CidrNotation(text);
  if (!ok) {
    return { error: 'is not an IPv4 CIDR block; expected "a.b.c.d/n" with n from 0 to 32, e.g. "10.0.0.0/16"' };
  }
  const range = IPv4CidrRange.fromCidr(text);
  if (range.getFirst().toString() !== text.split('/')[0]) {
    return { error: `has host bits set; the network address is ${range.getFirst().toString()}/${range.cidrPrefix.getValue()}` };
  }
  return { range };
}

/** Parses a CIDR known to be valid (throws otherwise). */
export function cidr(text: string): IPv4CidrRange {
  const { range, error } = parseCidr(text);
  if (!range) throw new Error(`"${text}" ${error}`);
  return range;
}

/** True when two CIDR blocks share at least one address. */
export function overlaps(a: string, b: string): boolean {
  const ra = cidr(a);
  const rb = cidr(b);
  return ra.isOverlapping(rb) || ra.contains(rb) || rb.contains(ra);
}

/** True when `inner` lies entirely inside `outer`. */
export function contains(outer: string, inner: string): boolean {
  return cidr(outer).contains(cidr(inner));
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
