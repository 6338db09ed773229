import { ComputeHaVpnGateway } from '@cdktf/provider-google/lib/compute-ha-vpn-gateway';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { Testing, TerraformOutput } from 'cdktf';
import { GcpHaVpnGateway, type GcpHaVpnGatewayProps } from '../../../modules/gcp/ha-vpn-gateway';

const BASE: GcpHaVpnGatewayProps = {
  name: 'test-dr-ha-vpn',
  network: 'projects/p/global/networks/n',
  region: 'europe-west1',
  routerAsn: 65010,
  advertisedIpRanges: ['10.2.0.0/16'],
};

function synth(props: Partial<GcpHaVpnGatewayProps> = {}): string {
  return Testing.synthScope((scope) => {
    const vpn = new GcpHaVpnGateway(scope, 'vpn', { ...BASE, ...props });
    new TerraformOutput(scope, 'if0', { value: vpn.interfaceIp(0) });
    new TerraformOutput(scope, 'if1', { value: vpn.interfaceIp(1) });
  });
}

describe('GcpHaVpnGateway', () => {
  it('creates an IPv4 HA VPN gateway on the network', () => {
    expect(synth()).toHaveResourceWithProperties(ComputeHaVpnGateway, {
      name: 'test-dr-ha-vpn',
      network: 'projects/p/global/networks/n',
      region: 'europe-west1',
      stack_type: 'IPV4_ONLY',
    });
  });

  it('creates a Cloud Router that advertises every subnet plus the extra ranges', () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(ComputeRouter, {
      name: 'test-dr-ha-vpn-router',
      network: 'projects/p/global/networks/n',
      bgp: {
        asn: 65010,
        advertise_mode: 'CUSTOM',
        advertised_groups: ['ALL_SUBNETS'],
        advertised_ip_ranges: [{ range: '10.2.0.0/16' }],
      },
    });
  });

  it('exposes the two interface addresses', () => {
    const outputs = JSON.parse(synth()).output;
    expect(outputs.if0.value).toMatch(
      /^\$\{google_compute_ha_vpn_gateway\.vpn_gateway_[A-Z0-9]+\.vpn_interfaces\[0\]\.ip_address\}$/
    );
    expect(outputs.if1.value).toMatch(/vpn_interfaces\[1\]\.ip_address\}$/);
  });

  it.each<[string, Partial<GcpHaVpnGatewayProps>, RegExp]>([
    [
      'a public ASN',
      { routerAsn: 15169 },
      /prop routerAsn 15169 is not a private BGP ASN; use 64512-65534 or 4200000000-4294967294/,
    ],
    [
      'a bad advertised range',
      { advertisedIpRanges: ['10.2.0.0/33'] },
      /prop advertisedIpRanges\[0\] "10\.2\.0\.0\/33" is not an IPv4 CIDR/,
    ],
  ])('rejects %s', (_case, props, pattern) => {
    expect(() => synth(props)).toThrow(pattern);
  });

  it('keeps every address when a middle advertised range is removed', () => {
    const addresses = (json: string) =>
      Object.entries(JSON.parse(json).resource as Record<string, object>).flatMap(([type, byId]) =>
        Object.keys(byId).map((id) => `${type}.${id}`)
      );
    const full = synth({ advertisedIpRanges: ['10.2.0.0/16', '10.3.0.0/16', '10.4.0.0/16'] });
    const reduced = synth({ advertisedIpRanges: ['10.2.0.0/16', '10.4.0.0/16'] });
    expect(addresses(reduced)).toEqual(addresses(full));
  });
});
