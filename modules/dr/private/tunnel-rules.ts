import { Token } from 'cdktf';
import { parseCidr, contains, overlaps } from '../../core/cidr';
import { RESERVED_INSIDE_CIDRS, TUNNEL_COUNT, presharedKeyProblem } from '../../core/config/dr';

/** The tunnel facts both VPN constructs validate the same way. */
export interface TunnelLayout {
  readonly tunnelInsideCidrs: string[];
  readonly customerGatewayAsn: number;
  readonly amazonSideAsn: number;
  readonly presharedKeys?: string[];
}

function isPrivateAsn(n: number): boolean {
  return (n >= 64512 && n <= 65534) || (n >= 4200000000 && n <= 4294967294);
}

/**
 * Checks the tunnel layout of the DR VPN before any resource exists; skips tokens.
 *
 * @throws an error that quotes the prop, the value and what is allowed
 */
export function validateTunnelLayout(props: TunnelLayout): void {
  const cidrs = props.tunnelInsideCidrs;
  if (cidrs.length !== TUNNEL_COUNT) {
    throw new Error(`tunnelInsideCidrs has ${cidrs.length} ranges; the DR VPN has exactly ${TUNNEL_COUNT} tunnels, give 4 /30s`);
  }
  cidrs.forEach((c, i) => {
    if (Token.isUnresolved(c)) return;
    const { range, error } = parseCidr(c);
    if (!range) throw new Error(`tunnelInsideCidrs[${i}] "${c}" ${error}`);
    if (Number(range.cidrPrefix.getValue()) !== 30 || !contains('169.254.0.0/16', c)) {
      throw new Error(`tunnelInsideCidrs[${i}] "${c}" is not a /30 inside 169.254.0.0/16; use e.g. "169.254.21.0/30"`);
    }
    if (RESERVED_INSIDE_CIDRS.includes(c)) {
      throw new Error(`tunnelInsideCidrs[${i}] "${c}" is reserved by AWS; avoid ${RESERVED_INSIDE_CIDRS.join(', ')}`);
    }
    cidrs.slice(0, i).forEach((other, j) => {
      if (!Token.isUnresolved(other) && overlaps(other, c)) {
        throw new Error(`tunnelInsideCidrs[${i}] "${c}" overlaps tunnelInsideCidrs[${j}] "${other}"; use four distinct /30s`);
      }
    });
  });
  for (const [name, asn] of [
    ['amazonSideAsn', props.amazonSideAsn],
    ['customerGatewayAsn', props.customerGatewayAsn],
  ] as const) {
    if (!Token.isUnresolved(asn) && !isPrivateAsn(asn)) {
      throw new Error(`${name} ${asn} is not a private BGP ASN; use 64512-65534 or 4200000000-4294967294`);
    }
  }
  if (!Token.isUnresolved(props.amazonSideAsn) && props.amazonSideAsn === props.customerGatewayAsn) {
    throw new Error(`amazonSideAsn ${props.amazonSideAsn} equals customerGatewayAsn; eBGP needs two different ASNs`);
  }
  const keys = props.presharedKeys;
  if (keys !== undefined) {
    if (keys.length !== TUNNEL_COUNT) {
      throw new Error(`presharedKeys has ${keys.length} keys; give one per tunnel (4) or leave it out to let AWS generate them`);
    }
    keys.forEach((key, i) => {
      if (Token.isUnresolved(key)) return;
      const problem = presharedKeyProblem(key);
      // Never echo a key: name the tunnel only.
      if (problem)
        throw new Error(
          `presharedKeys[${i}] (value hidden) ${problem}; AWS allows 8-64 letters, digits, "." and "_", not starting with "0"`,
        );
    });
  }
}
