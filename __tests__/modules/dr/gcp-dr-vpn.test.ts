import { ComputeExternalVpnGateway } from '@cdktf/provider-google/lib/compute-external-vpn-gateway';
import { ComputeNetworkPeeringRoutesConfig } from '@cdktf/provider-google/lib/compute-network-peering-routes-config';
import { Testing } from 'cdktf';
import { ValidationError } from '../../../modules/core/validation-error';
import type { AwsDrTunnel } from '../../../modules/dr/aws-dr-vpn';
import { GcpDrVpn, type GcpDrVpnProps } from '../../../modules/dr/gcp-dr-vpn';

/** The four AWS tunnels, written out: inside /30, Amazon-side and GCP-side inside addresses. */
const TUNNELS: AwsDrTunnel[] = [
  ['169.254.21.0/30', '169.254.21.1', '169.254.21.2'],
  ['169.254.21.4/30', '169.254.21.5', '169.254.21.6'],
  ['169.254.22.0/30', '169.254.22.1', '169.254.22.2'],
  ['169.254.22.4/30', '169.254.22.5', '169.254.22.6'],
].map(([insideCidr, awsInsideAddress, gcpInsideAddress], i) => ({
  outsideAddress: `198.51.100.${i + 1}`,
  presharedKey: `\${var.psk${i}}`,
  insideCidr: insideCidr!,
  awsInsideAddress: awsInsideAddress!,
  gcpInsideAddress: gcpInsideAddress!,
}));

const PROPS: GcpDrVpnProps = {
  namePrefix: 'test-dr',
  region: 'europe-west1',
  networkName: 'test-network',
  haVpnGatewaySelfLink: 'https://www.googleapis.com/compute/v1/projects/p/regions/europe-west1/vpnGateways/test-dr-ha-vpn',
  routerName: 'test-dr-ha-vpn-router',
  routerAsn: 65010,
  peerAsn: 64512,
  tunnels: TUNNELS,
};

function synth(props: Partial<GcpDrVpnProps> = {}): { text: string; json: any } {
  const text = Testing.synthScope((scope) => {
    new GcpDrVpn(scope, 'vpn', { ...PROPS, ...props });
  });
  return { text, json: JSON.parse(text) };
}

const list = (json: any, type: string): any[] => Object.values(json.resource?.[type] ?? {});

describe('GcpDrVpn', () => {
  it('declares the four AWS tunnel endpoints on one FOUR_IPS_REDUNDANCY external gateway', () => {
    const { text } = synth();
    expect(text).toHaveResourceWithProperties(ComputeExternalVpnGateway, {
      redundancy_type: 'FOUR_IPS_REDUNDANCY',
      interface: [
        { id: 0, ip_address: '198.51.100.1' },
        { id: 1, ip_address: '198.51.100.2' },
        { id: 2, ip_address: '198.51.100.3' },
        { id: 3, ip_address: '198.51.100.4' },
      ],
    });
  });

  it('wires HA interface 0 to external 0 and 1, interface 1 to 2 and 3, IKEv2, with the AWS keys', () => {
    const tunnels = list(synth().json, 'google_compute_vpn_tunnel');
    expect(tunnels).toHaveLength(4);
    expect(tunnels.map((t) => [t.vpn_gateway_interface, t.peer_external_gateway_interface])).toEqual([
      [0, 0],
      [0, 1],
      [1, 2],
      [1, 3],
    ]);
    for (const [i, t] of tunnels.entries()) {
      expect(t.ike_version).toBe(2);
      expect(t.router).toBe('test-dr-ha-vpn-router');
      expect(t.vpn_gateway).toBe(PROPS.haVpnGatewaySelfLink);
      expect(t.peer_external_gateway).toMatch(/google_compute_external_vpn_gateway\..*self_link/);
      expect(t.shared_secret).toBe(`\${var.psk${i}}`);
    }
  });

  it('gives the Cloud Router four interfaces on the customer side of each /30, one per tunnel', () => {
    const ifaces = list(synth().json, 'google_compute_router_interface');
    expect(ifaces).toHaveLength(4);
    expect(ifaces.map((i) => i.ip_range)).toEqual(['169.254.21.2/30', '169.254.21.6/30', '169.254.22.2/30', '169.254.22.6/30']);
    ifaces.forEach((iface, i) => expect(iface.vpn_tunnel).toContain(`tunnel-${i}`));
  });

  it('peers each interface with the Amazon side address and ASN', () => {
    const peers = list(synth().json, 'google_compute_router_peer');
    expect(peers).toHaveLength(4);
    expect(peers.map((p) => [p.ip_address, p.peer_ip_address, p.peer_asn])).toEqual([
      ['169.254.21.2', '169.254.21.1', 64512],
      ['169.254.21.6', '169.254.21.5', 64512],
      ['169.254.22.2', '169.254.22.1', 64512],
      ['169.254.22.6', '169.254.22.5', 64512],
    ]);
    peers.forEach((p, i) => expect(p.interface).toContain(`interface-${i}`));
  });

  it('exports and imports custom routes on the service-networking peering', () => {
    expect(synth().text).toHaveResourceWithProperties(ComputeNetworkPeeringRoutesConfig, {
      network: 'test-network',
      peering: 'servicenetworking-googleapis-com',
      export_custom_routes: true,
      import_custom_routes: true,
    });
    expect(
      list(synth({ exportCustomRoutesToServiceNetworking: false }).json, 'google_compute_network_peering_routes_config'),
    ).toHaveLength(0);
  });

  it.each([
    [{ tunnels: TUNNELS.slice(0, 2) }, /prop tunnels 2 is not the tunnel count of the DR VPN; give the 4 AWS tunnels/],
    [{ peerAsn: 65010 }, /prop peerAsn 65010 equals routerAsn; eBGP needs two different ASNs/],
    [{ routerAsn: 15169 }, /prop routerAsn 15169 is not a private BGP ASN; use 64512-65534/],
    [
      { tunnels: [TUNNELS[0]!, TUNNELS[0]!, TUNNELS[2]!, TUNNELS[3]!] },
      /prop tunnels\[\]\.insideCidr\[1\] "169\.254\.21\.0\/30" overlaps tunnels\[\]\.insideCidr\[0\] .*; use four distinct \/30s/,
    ],
  ])('rejects %#', (props, message) => {
    expect(() => synth(props)).toThrow(ValidationError);
    expect(() => synth(props)).toThrow(message);
  });
});
