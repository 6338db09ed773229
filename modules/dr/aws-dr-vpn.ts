import { CustomerGateway } from '@cdktf/provider-aws/lib/customer-gateway';
import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { Route } from '@cdktf/provider-aws/lib/route';
import { VpnConnection, type VpnConnectionConfig } from '@cdktf/provider-aws/lib/vpn-connection';
import { VpnGateway } from '@cdktf/provider-aws/lib/vpn-gateway';
import { VpnGatewayRoutePropagation } from '@cdktf/provider-aws/lib/vpn-gateway-route-propagation';
import { Construct } from 'constructs';
import { type VpnProposal, tunnelInsideAddresses } from '../core/config/dr';
import { validateTunnelLayout } from './private/tunnel-rules';

/** One of the four tunnels, as the GCP side needs it. */
export interface AwsDrTunnel {
  /** Public address of the AWS tunnel endpoint (an interface of GCP's external VPN gateway). */
  readonly outsideAddress: string;
  /** The tunnel's pre-shared key (a sensitive token). */
  readonly presharedKey: string;
  /** The /30 inside range. */
  readonly insideCidr: string;
  /** Amazon-side inside address (GCP's BGP peer address). */
  readonly awsInsideAddress: string;
  /** Customer-side inside address (the Cloud Router interface address). */
  readonly gcpInsideAddress: string;
}

/** Props of {@link AwsDrVpn}. */
export interface AwsDrVpnProps {
  /** Prefix of every resource name, e.g. `prod-dr`. */
  readonly namePrefix: string;
  /** The VPC the VPN attaches to. */
  readonly vpcId: string;
  /** Route tables that learn the GCP routes (private and database tiers). */
  readonly routeTableIds: string[];
  /** Public addresses of the GCP HA VPN gateway's interfaces 0 and 1. */
  readonly customerGatewayIps: [string, string];
  /** BGP ASN of the Cloud Router (the customer gateways' ASN). */
  readonly customerGatewayAsn: number;
  /** Amazon-side BGP ASN. */
  readonly amazonSideAsn: number;
  /** Inside /30s of tunnels 1-4 (connection A: 1, 2; connection B: 3, 4). */
  readonly tunnelInsideCidrs: string[];
  /** The one IKE phase 1 proposal. */
  readonly phase1: VpnProposal;
  /** The one IPsec phase 2 proposal. */
  readonly phase2: VpnProposal;
  /** `vgw` (virtual private gateway, route propagation) or `tgw` (transit gateway, ECMP). @default 'vgw' */
  readonly gatewayType?: 'vgw' | 'tgw';
  /** Subnets of the transit gateway attachment, one per AZ (tgw only). @default [] */
  readonly transitGatewaySubnetIds?: string[];
  /** GCP ranges routed to the transit gateway (tgw only: a TGW does not propagate into VPC tables). @default [] */
  readonly remoteCidrs?: string[];
  /**
   * Pre-shared keys of tunnels 1-4 (tokens, e.g. read from a secret). Literal keys are checked
   * against AWS's rules. @default - AWS generates each key (recommended)
   */
  readonly presharedKeys?: string[];
  /** Tags merged onto every taggable resource. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * The AWS side of the DR link: a VPN gateway, two customer gateways at the GCP HA VPN
 * interfaces and two BGP VPN connections (four tunnels), IKEv2 with one proposal per phase.
 *
 * Connection A terminates on HA VPN interface 0, connection B on interface 1, so GCP's
 * external gateway interfaces 0-3 are A.tunnel1, A.tunnel2, B.tunnel1, B.tunnel2.
 *
 * @see https://cloud.google.com/network-connectivity/docs/vpn/how-to/connect-ha-vpn-aws-peer-gateway
 */
export class AwsDrVpn extends Construct {
  /** The virtual private gateway (vgw) or transit gateway (tgw) id. */
  public readonly gatewayId: string;
  public readonly customerGateways: CustomerGateway[];
  /** Connections A and B. */
  public readonly connections: VpnConnection[];
  /** Tunnels 1-4 in the order GCP's external gateway interfaces 0-3 use them. */
  public readonly tunnels: AwsDrTunnel[];

  constructor(scope: Construct, id: string, props: AwsDrVpnProps) {
    super(scope, id);
    const gatewayType = props.gatewayType ?? 'vgw';
    validateTunnelLayout(props);
    if (gatewayType === 'tgw' && (props.transitGatewaySubnetIds ?? []).length === 0) {
      throw new Error(
        `AwsDrVpn ${this.node.path}: transitGatewaySubnetIds is empty; a transit gateway attachment needs one subnet per AZ`,
      );
    }
    const tags = props.tags ?? {};
    const named = (name: string) => ({ ...tags, Name: `${props.namePrefix}-${name}` });

    let attach: Pick<VpnConnectionConfig, 'vpnGatewayId' | 'transitGatewayId'>;
    if (gatewayType === 'vgw') {
      const vgw = new VpnGateway(this, 'gateway', {
        vpcId: props.vpcId,
        amazonSideAsn: String(props.amazonSideAsn),
        tags: named('vgw'),
      });
      props.routeTableIds.forEach((routeTableId, i) => {
        new VpnGatewayRoutePropagation(this, `route-propagation-${i}`, { vpnGatewayId: vgw.id, routeTableId });
      });
      this.gatewayId = vgw.id;
      attach = { vpnGatewayId: vgw.id };
    } else {
      const tgw = new Ec2TransitGateway(this, 'transit-gateway', {
        description: `${props.namePrefix} DR link to GCP`,
        amazonSideAsn: props.amazonSideAsn,
        vpnEcmpSupport: 'enable',
        dnsSupport: 'enable',
        tags: named('tgw'),
      });
      new Ec2TransitGatewayVpcAttachment(this, 'transit-gateway-attachment', {
        transitGatewayId: tgw.id,
        vpcId: props.vpcId,
        subnetIds: props.transitGatewaySubnetIds ?? [],
        tags: named('tgw-attachment'),
      });
      // A transit gateway does not propagate into VPC route tables: route the GCP ranges to it.
      props.routeTableIds.forEach((routeTableId, i) => {
        (props.remoteCidrs ?? []).forEach((cidr, j) => {
          new Route(this, `route-${i}-${j}`, { routeTableId, destinationCidrBlock: cidr, transitGatewayId: tgw.id });
        });
      });
      this.gatewayId = tgw.id;
      attach = { transitGatewayId: tgw.id };
    }

    this.customerGateways = props.customerGatewayIps.map(
      (ip, i) =>
        new CustomerGateway(this, `customer-gateway-${i}`, {
          type: 'ipsec.1',
          ipAddress: ip,
          bgpAsn: String(props.customerGatewayAsn),
          tags: named(`gcp-ha-vpn-if${i}`),
        }),
    );

    const keys = props.presharedKeys;
    this.connections = (['a', 'b'] as const).map((letter, c) => {
      const first = c * 2;
      return new VpnConnection(this, `connection-${letter}`, {
        customerGatewayId: this.customerGateways[c]!.id,
        type: 'ipsec.1',
        staticRoutesOnly: false,
        ...attach,
        ...tunnelOptions(1, props.tunnelInsideCidrs[first]!, props.phase1, props.phase2, keys?.[first]),
        ...tunnelOptions(2, props.tunnelInsideCidrs[first + 1]!, props.phase1, props.phase2, keys?.[first + 1]),
        tags: named(`vpn-${letter}`),
      });
    });

    this.tunnels = this.connections.flatMap((conn, c) =>
      [1, 2].map((n) => {
        const insideCidr = props.tunnelInsideCidrs[c * 2 + n - 1]!;
        const inside = tunnelInsideAddresses(insideCidr);
        return {
          outsideAddress: n === 1 ? conn.tunnel1Address : conn.tunnel2Address,
          presharedKey: n === 1 ? conn.tunnel1PresharedKey : conn.tunnel2PresharedKey,
          insideCidr,
          awsInsideAddress: inside.awsAddress,
          gcpInsideAddress: inside.gcpAddress,
        };
      }),
    );
  }
}

/** Per-tunnel options: IKEv2 only, one proposal per phase (HA VPN rekeys fail with several). */
function tunnelOptions(
  n: 1 | 2,
  insideCidr: string,
  p1: VpnProposal,
  p2: VpnProposal,
  key?: string,
): Partial<VpnConnectionConfig> {
  const t = `tunnel${n}` as const;
  const options: Record<string, unknown> = {
    [`${t}InsideCidr`]: insideCidr,
    [`${t}IkeVersions`]: ['ikev2'],
    [`${t}Phase1EncryptionAlgorithms`]: [p1.encryption],
    [`${t}Phase1IntegrityAlgorithms`]: [p1.integrity],
    [`${t}Phase1DhGroupNumbers`]: [p1.dhGroup],
    [`${t}Phase2EncryptionAlgorithms`]: [p2.encryption],
    [`${t}Phase2IntegrityAlgorithms`]: [p2.integrity],
    [`${t}Phase2DhGroupNumbers`]: [p2.dhGroup],
    // Bring a tunnel back up after dead-peer detection instead of leaving it down.
    [`${t}DpdTimeoutAction`]: 'restart',
  };
  if (key !== undefined) options[`${t}PresharedKey`] = key;
  return options as Partial<VpnConnectionConfig>;
}
