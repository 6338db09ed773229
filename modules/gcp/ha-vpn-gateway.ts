import { ComputeHaVpnGateway } from '@cdktf/provider-google/lib/compute-ha-vpn-gateway';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { parseCidr } from '../core/cidr';
import { ValidationError } from '../core/validation-error';

/** Props of {@link GcpHaVpnGateway}. */
export interface GcpHaVpnGatewayProps {
  /** Name of the HA VPN gateway; the Cloud Router is named `<name>-router`. */
  readonly name: string;
  /** Self link or id of the VPC the gateway and router belong to. */
  readonly network: string;
  /** Region of the gateway and router. @default - the provider's region */
  readonly region?: string;
  /** Private BGP ASN of the Cloud Router (64512-65534 or 4200000000-4294967294). */
  readonly routerAsn: number;
  /**
   * Ranges advertised on top of every subnet (`ALL_SUBNETS`), e.g. the private services access
   * range, which `ALL_SUBNETS` leaves out.
   * @default []
   */
  readonly advertisedIpRanges?: string[];
}

/** What {@link GcpHaVpnGateway} does when a prop is left out. */
export const GCP_HA_VPN_GATEWAY_DEFAULTS = { advertisedIpRanges: [] as readonly string[] } as const;

/** Private BGP ASN ranges (RFC 6996) a Cloud Router accepts. */
export const GCP_HA_VPN_GATEWAY_LIMITS = {
  privateAsn16: [64512, 65534],
  privateAsn32: [4200000000, 4294967294],
} as const;

/** Whether an ASN is a private 16-bit or 32-bit ASN. */
export function isPrivateAsn(asn: number): boolean {
  const [low16, high16] = GCP_HA_VPN_GATEWAY_LIMITS.privateAsn16;
  const [low32, high32] = GCP_HA_VPN_GATEWAY_LIMITS.privateAsn32;
  return Number.isInteger(asn) && ((asn >= low16 && asn <= high16) || (asn >= low32 && asn <= high32));
}

/**
 * An HA VPN gateway (two interfaces, IPv4) and the Cloud Router its BGP sessions run on.
 *
 * The router advertises every subnet plus the given ranges; tunnels, interfaces and peers are
 * added by the stack that knows the remote side.
 * @see https://cloud.google.com/network-connectivity/docs/vpn/how-to/connect-ha-vpn-aws-peer-gateway
 */
export class GcpHaVpnGateway extends Construct {
  /** The HA VPN gateway. */
  public readonly gateway: ComputeHaVpnGateway;
  /** The Cloud Router of the gateway's BGP sessions. */
  public readonly router: ComputeRouter;
  /** The router's BGP ASN. */
  public readonly routerAsn: number;

  constructor(scope: Construct, id: string, props: GcpHaVpnGatewayProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.routerAsn) && !isPrivateAsn(props.routerAsn)) {
      throw new ValidationError(
        this,
        'routerAsn',
        props.routerAsn,
        'is not a private BGP ASN; use 64512-65534 or 4200000000-4294967294'
      );
    }
    const advertised = props.advertisedIpRanges ?? GCP_HA_VPN_GATEWAY_DEFAULTS.advertisedIpRanges;
    advertised.forEach((range, i) => {
      if (Token.isUnresolved(range)) return;
      const { error } = parseCidr(range);
      if (error) throw new ValidationError(this, `advertisedIpRanges[${i}]`, range, error);
    });
    this.routerAsn = props.routerAsn;

    this.gateway = new ComputeHaVpnGateway(this, 'gateway', {
      name: props.name,
      network: props.network,
      region: props.region,
      stackType: 'IPV4_ONLY',
    });
    this.router = new ComputeRouter(this, 'router', {
      name: `${props.name}-router`,
      network: props.network,
      region: props.region,
      bgp: {
        asn: props.routerAsn,
        advertiseMode: 'CUSTOM',
        advertisedGroups: ['ALL_SUBNETS'],
        advertisedIpRanges: advertised.map((range) => ({ range })),
      },
    });
  }

  /** Public address of HA VPN interface 0 or 1. */
  public interfaceIp(index: 0 | 1): string {
    return this.gateway.vpnInterfaces.get(index).ipAddress;
  }
}
