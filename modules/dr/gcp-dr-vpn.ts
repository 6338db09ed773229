import { ComputeExternalVpnGateway } from '@cdktf/provider-google/lib/compute-external-vpn-gateway';
import { ComputeNetworkPeeringRoutesConfig } from '@cdktf/provider-google/lib/compute-network-peering-routes-config';
import { ComputeRouterInterface } from '@cdktf/provider-google/lib/compute-router-interface';
import { ComputeRouterPeer } from '@cdktf/provider-google/lib/compute-router-peer';
import { ComputeVpnTunnel } from '@cdktf/provider-google/lib/compute-vpn-tunnel';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import type { AwsDrTunnel } from './aws-dr-vpn';
import { validateTunnelLayout } from './private/tunnel-rules';
import { TUNNEL_COUNT } from './vpn-limits';

/** The peering Google creates for private services access (Cloud SQL private IP). */
export const SERVICE_NETWORKING_PEERING = 'servicenetworking-googleapis-com';

/** Props of {@link GcpDrVpn}. */
export interface GcpDrVpnProps {
  /** Prefix of every resource name, e.g. `prod-dr`. */
  readonly namePrefix: string;
  /** Region of the HA VPN gateway and Cloud Router. */
  readonly region: string;
  /** Name of the VPC network (for the service-networking peering). */
  readonly networkName: string;
  /** Self link of the HA VPN gateway (stage 1, in `<env>-gcp-network`). */
  readonly haVpnGatewaySelfLink: string;
  /** Name of the Cloud Router of the HA VPN gateway. */
  readonly routerName: string;
  /** The Cloud Router's ASN (checked against the Amazon side). */
  readonly routerAsn: number;
  /** Amazon-side ASN: every BGP peer's ASN. */
  readonly peerAsn: number;
  /**
   * AWS tunnels 1-4 (connection A tunnels 1, 2, then connection B tunnels 1, 2). A fixed-length
   * list whose position is the identity (external gateway interface 0-3), so the tunnel, router
   * interface and peer ids are keyed by it.
   */
  readonly tunnels: AwsDrTunnel[];
  /**
   * Export and import custom routes on the service-networking peering, so the Cloud SQL
   * producer network learns the AWS routes and AWS learns nothing it should not.
   * @default true
   */
  readonly exportCustomRoutesToServiceNetworking?: boolean;
}

/**
 * The GCP side of the DR link: an external VPN gateway with the four AWS tunnel addresses,
 * four IKEv2 tunnels, four Cloud Router interfaces and BGP peers, and custom-route exchange
 * on the private-services-access peering.
 *
 * Wiring: HA interface 0 -> external interfaces 0 and 1 (AWS connection A), HA interface 1 ->
 * external interfaces 2 and 3 (connection B), matching the customer gateways on the AWS side.
 *
 * @see https://cloud.google.com/network-connectivity/docs/vpn/how-to/connect-ha-vpn-aws-peer-gateway
 */
export class GcpDrVpn extends Construct {
  public readonly externalGateway: ComputeExternalVpnGateway;
  public readonly tunnels: ComputeVpnTunnel[];
  public readonly interfaces: ComputeRouterInterface[];
  public readonly peers: ComputeRouterPeer[];
  public readonly peeringRoutes?: ComputeNetworkPeeringRoutesConfig;

  constructor(scope: Construct, id: string, props: GcpDrVpnProps) {
    super(scope, id);
    if (props.tunnels.length !== TUNNEL_COUNT) {
      throw new ValidationError(
        this,
        'tunnels',
        props.tunnels.length,
        `is not the tunnel count of the DR VPN; give the ${TUNNEL_COUNT} AWS tunnels (connection A tunnels 1, 2, then B tunnels 1, 2)`,
      );
    }
    validateTunnelLayout(this, {
      tunnelInsideCidrs: props.tunnels.map((t) => t.insideCidr),
      amazonSideAsn: props.peerAsn,
      customerGatewayAsn: props.routerAsn,
    }, { tunnelInsideCidrs: 'tunnels[].insideCidr', amazonSideAsn: 'peerAsn', customerGatewayAsn: 'routerAsn' });

    this.externalGateway = new ComputeExternalVpnGateway(this, 'external-gateway', {
      name: `${props.namePrefix}-aws`,
      description: 'AWS Site-to-Site VPN endpoints of the DR link (connections A and B)',
      redundancyType: 'FOUR_IPS_REDUNDANCY',
      interface: props.tunnels.map((t, i) => ({ id: i, ipAddress: t.outsideAddress })),
    });

    this.tunnels = [];
    this.interfaces = [];
    this.peers = [];
    props.tunnels.forEach((t, i) => {
      const tunnel = new ComputeVpnTunnel(this, `tunnel-${i}`, {
        name: `${props.namePrefix}-aws-${i}`,
        region: props.region,
        vpnGateway: props.haVpnGatewaySelfLink,
        vpnGatewayInterface: i < 2 ? 0 : 1,
        peerExternalGateway: this.externalGateway.selfLink,
        peerExternalGatewayInterface: i,
        ikeVersion: 2,
        sharedSecret: t.presharedKey,
        router: props.routerName,
      });
      const iface = new ComputeRouterInterface(this, `interface-${i}`, {
        name: `${props.namePrefix}-aws-${i}`,
        region: props.region,
        router: props.routerName,
        ipRange: `${t.gcpInsideAddress}/30`,
        vpnTunnel: tunnel.name,
      });
      const peer = new ComputeRouterPeer(this, `peer-${i}`, {
        name: `${props.namePrefix}-aws-${i}`,
        region: props.region,
        router: props.routerName,
        interface: iface.name,
        ipAddress: t.gcpInsideAddress,
        peerIpAddress: t.awsInsideAddress,
        peerAsn: props.peerAsn,
      });
      this.tunnels.push(tunnel);
      this.interfaces.push(iface);
      this.peers.push(peer);
    });

    if (props.exportCustomRoutesToServiceNetworking ?? true) {
      this.peeringRoutes = new ComputeNetworkPeeringRoutesConfig(this, 'service-networking-routes', {
        network: props.networkName,
        peering: SERVICE_NETWORKING_PEERING,
        exportCustomRoutes: true,
        importCustomRoutes: true,
      });
    }
  }
}
