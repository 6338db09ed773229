/**
 * Limits and rules of the DR VPN (AWS Site-to-Site VPN <-> GCP HA VPN), shared by the two VPN
 * constructs and the `dr.vpn` config section. Pure data and functions, no constructs.
 *
 * @see https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html
 * @see https://cloud.google.com/network-connectivity/docs/vpn/how-to/connect-ha-vpn-aws-peer-gateway
 */

/** The VPN's four tunnels: connection A (tunnels 1, 2) and connection B (tunnels 3, 4). */
export const TUNNEL_COUNT = 4;

/** Link-local /30s AWS reserves and refuses as tunnel inside ranges. */
export const RESERVED_INSIDE_CIDRS: readonly string[] = [
  '169.254.0.0/30',
  '169.254.1.0/30',
  '169.254.2.0/30',
  '169.254.3.0/30',
  '169.254.4.0/30',
  '169.254.5.0/30',
  '169.254.169.252/30',
];

/** Default tunnel inside ranges: four distinct /30s clear of the reserved ones. */
export const DEFAULT_INSIDE_CIDRS: readonly string[] = [
  '169.254.21.0/30',
  '169.254.21.4/30',
  '169.254.22.0/30',
  '169.254.22.4/30',
];

/** Phase 1 / 2 encryption algorithms both AWS and GCP HA VPN accept (no 3DES / SHA1 here). */
export const VPN_ENCRYPTION = ['AES256', 'AES128', 'AES256-GCM-16', 'AES128-GCM-16'] as const;
/** Integrity algorithms both sides accept (SHA-2 only). */
export const VPN_INTEGRITY = ['SHA2-256', 'SHA2-384', 'SHA2-512'] as const;
/** Diffie-Hellman groups both sides accept; 2048-bit MODP or stronger, or ECP. */
export const VPN_DH_GROUPS = [14, 15, 16, 19, 20, 21] as const;

/** One IKE phase 1 or IPsec phase 2 proposal: a single algorithm of each kind. */
export interface VpnProposal {
  /** The one encryption algorithm offered (one of {@link VPN_ENCRYPTION}). */
  readonly encryption: (typeof VPN_ENCRYPTION)[number];
  /** The one integrity algorithm offered (one of {@link VPN_INTEGRITY}). */
  readonly integrity: (typeof VPN_INTEGRITY)[number];
  /** The one Diffie-Hellman group offered (phase 2: the PFS group; one of {@link VPN_DH_GROUPS}). */
  readonly dhGroup: number;
}

/** The proposal both phases use unless told otherwise: AES256 / SHA2-256 / DH group 20. */
export const DEFAULT_VPN_PROPOSAL: VpnProposal = { encryption: 'AES256', integrity: 'SHA2-256', dhGroup: 20 };

/** Why a proposal is not accepted by both sides, or undefined when it is fine. */
export function vpnProposalProblem(p: VpnProposal): string | undefined {
  if (!(VPN_ENCRYPTION as readonly string[]).includes(p.encryption)) {
    return `has encryption "${p.encryption}"; use one of ${VPN_ENCRYPTION.join(', ')}`;
  }
  if (!(VPN_INTEGRITY as readonly string[]).includes(p.integrity)) {
    return `has integrity "${p.integrity}"; use one of ${VPN_INTEGRITY.join(', ')}`;
  }
  if (!(VPN_DH_GROUPS as readonly number[]).includes(p.dhGroup)) {
    return `has Diffie-Hellman group ${p.dhGroup}; use one of ${VPN_DH_GROUPS.join(', ')}`;
  }
  return undefined;
}

/** Private BGP ASN ranges (RFC 6996): 16-bit and 32-bit. */
export const PRIVATE_ASN_RANGES: readonly (readonly [number, number])[] = [
  [64512, 65534],
  [4200000000, 4294967294],
];

/** Whether `n` is a private BGP ASN. */
export function isPrivateAsn(n: number): boolean {
  return Number.isInteger(n) && PRIVATE_ASN_RANGES.some(([lo, hi]) => n >= lo && n <= hi);
}

/** AWS's rule for tunnel pre-shared keys: 8-64 of letters, digits, "." and "_", not starting with "0". */
export const PRESHARED_KEY_PATTERN = /^[A-Za-z1-9._][A-Za-z0-9._]{7,63}$/;

/** Why a pre-shared key breaks AWS's rules, or undefined when it is fine. */
export function presharedKeyProblem(key: string): string | undefined {
  if (key.length < 8 || key.length > 64) return `is ${key.length} characters long; use 8-64 characters`;
  if (!/^[A-Za-z0-9._]+$/.test(key)) return 'holds a character other than letters, digits, "." and "_"; use only those';
  if (key.startsWith('0')) return 'starts with "0", which AWS refuses; start with another character';
  return undefined;
}

/** Addresses of one tunnel's /30: AWS takes the first host, the customer (GCP) side the second. */
export interface TunnelInsideAddresses {
  readonly cidr: string;
  /** Amazon side (virtual private / transit gateway), the BGP peer GCP talks to. */
  readonly awsAddress: string;
  /** Customer gateway side: the Cloud Router interface address. */
  readonly gcpAddress: string;
}

/** The two inside addresses of a tunnel's /30, as AWS assigns them. */
export function tunnelInsideAddresses(cidr: string): TunnelInsideAddresses {
  const [ip = ''] = cidr.split('/');
  const first = ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const network = first - (first % 4);
  return { cidr, awsAddress: ipOf(network + 1), gcpAddress: ipOf(network + 2) };
}

function ipOf(v: number): string {
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
}
