import { Token } from 'cdktf';
import type { IConstruct } from 'constructs';
import { contains, overlaps, parseCidr } from '../../core/cidr';
import { HIDDEN, ValidationError } from '../../core/validation-error';
import { RESERVED_INSIDE_CIDRS, TUNNEL_COUNT, isPrivateAsn, presharedKeyProblem } from '../vpn-limits';

/** The tunnel facts both VPN constructs validate the same way. */
export interface TunnelLayout {
  readonly tunnelInsideCidrs: readonly string[];
  readonly customerGatewayAsn: number;
  readonly amazonSideAsn: number;
  readonly presharedKeys?: readonly string[];
}

/**
 * Checks the tunnel layout of the DR VPN before any resource exists; skips tokens.
 *
 * @throws ValidationError that names the prop, the value (never a key) and what is allowed
 */
export function validateTunnelLayout(
  scope: IConstruct,
  props: TunnelLayout,
  names: Partial<Record<'tunnelInsideCidrs' | 'amazonSideAsn' | 'customerGatewayAsn', string>> = {},
): void {
  const cidrsProp = names.tunnelInsideCidrs ?? 'tunnelInsideCidrs';
  const amazonProp = names.amazonSideAsn ?? 'amazonSideAsn';
  const customerProp = names.customerGatewayAsn ?? 'customerGatewayAsn';
  const cidrs = props.tunnelInsideCidrs;
  if (cidrs.length !== TUNNEL_COUNT) {
    throw new ValidationError(
      scope,
      cidrsProp,
      cidrs,
      `has ${cidrs.length} ranges; the DR VPN has exactly ${TUNNEL_COUNT} tunnels, give 4 /30s`,
    );
  }
  cidrs.forEach((c, i) => {
    if (Token.isUnresolved(c)) return;
    const prop = `${cidrsProp}[${i}]`;
    const { range, error } = parseCidr(c);
    if (!range) throw new ValidationError(scope, prop, c, error ?? 'is not a CIDR block');
    if (Number(range.cidrPrefix.getValue()) !== 30 || !contains('169.254.0.0/16', c)) {
      throw new ValidationError(scope, prop, c, 'is not a /30 inside 169.254.0.0/16; use e.g. "169.254.21.0/30"');
    }
    if (RESERVED_INSIDE_CIDRS.includes(c)) {
      throw new ValidationError(scope, prop, c, `is reserved by AWS; avoid ${RESERVED_INSIDE_CIDRS.join(', ')}`);
    }
    cidrs.slice(0, i).forEach((other, j) => {
      if (!Token.isUnresolved(other) && overlaps(other, c)) {
        throw new ValidationError(scope, prop, c, `overlaps ${cidrsProp}[${j}] "${other}"; use four distinct /30s`);
      }
    });
  });
  for (const [name, asn] of [
    [amazonProp, props.amazonSideAsn],
    [customerProp, props.customerGatewayAsn],
  ] as const) {
    if (!Token.isUnresolved(asn) && !isPrivateAsn(asn)) {
      throw new ValidationError(scope, name, asn, 'is not a private BGP ASN; use 64512-65534 or 4200000000-4294967294');
    }
  }
  if (!Token.isUnresolved(props.amazonSideAsn) && props.amazonSideAsn === props.customerGatewayAsn) {
    throw new ValidationError(
      scope,
      amazonProp,
      props.amazonSideAsn,
      `equals ${customerProp}; eBGP needs two different ASNs`,
    );
  }
  const keys = props.presharedKeys;
  if (keys !== undefined) {
    if (keys.length !== TUNNEL_COUNT) {
      throw new ValidationError(
        scope,
        'presharedKeys',
        HIDDEN,
        `has ${keys.length} keys; give one per tunnel (4) or leave it out to let AWS generate them`,
      );
    }
    keys.forEach((key, i) => {
      if (Token.isUnresolved(key)) return;
      const problem = presharedKeyProblem(key);
      // Never echo a key: name the tunnel only.
      if (problem) {
        throw new ValidationError(
          scope,
          `presharedKeys[${i}]`,
          HIDDEN,
          `${problem}; AWS allows 8-64 letters, digits, "." and "_", not starting with "0"`,
        );
      }
    });
  }
}
