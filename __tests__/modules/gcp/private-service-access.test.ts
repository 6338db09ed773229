import { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address';
import { ComputeNetworkPeeringRoutesConfig } from '@cdktf/provider-google/lib/compute-network-peering-routes-config';
import { ServiceNetworkingConnection } from '@cdktf/provider-google/lib/service-networking-connection';
import { TerraformVariable, Testing } from 'cdktf';
import {
  GcpPrivateServiceAccess,
  type GcpPrivateServiceAccessProps,
} from '../../../modules/gcp/private-service-access';

const BASE: GcpPrivateServiceAccessProps = {
  name: 'test-psa',
  network: 'projects/p/global/networks/n',
  networkName: 'n',
  cidr: '10.2.0.0/20',
};

function synth(props: Partial<GcpPrivateServiceAccessProps> = {}): string {
  return Testing.synthScope((scope) => new GcpPrivateServiceAccess(scope, 'psa', { ...BASE, ...props }));
}

describe('GcpPrivateServiceAccess', () => {
  it('reserves the configured address and prefix length for VPC peering', () => {
    expect(synth()).toHaveResourceWithProperties(ComputeGlobalAddress, {
      name: 'test-psa',
      purpose: 'VPC_PEERING',
      address_type: 'INTERNAL',
      address: '10.2.0.0',
      prefix_length: 20,
      network: 'projects/p/global/networks/n',
    });
  });

  it('connects the range to servicenetworking.googleapis.com', () => {
    expect(synth()).toHaveResourceWithProperties(ServiceNetworkingConnection, {
      network: 'projects/p/global/networks/n',
      service: 'servicenetworking.googleapis.com',
      reserved_peering_ranges: [
        expect.stringMatching(/^\$\{google_compute_global_address\.psa_address_[A-F0-9]{8}\.name\}$/),
      ],
    });
  });

  it('exports custom routes over the peering only when asked', () => {
    expect(synth()).not.toHaveResource(ComputeNetworkPeeringRoutesConfig);
    expect(synth({ exportCustomRoutes: true })).toHaveResourceWithProperties(ComputeNetworkPeeringRoutesConfig, {
      network: 'n',
      peering: 'servicenetworking-googleapis-com',
      export_custom_routes: true,
      import_custom_routes: false,
    });
  });

  it('splits a CIDR known only at apply time in Terraform', () => {
    const json = Testing.synthScope((scope) => {
      const cidr = new TerraformVariable(scope, 'cidr', { type: 'string' });
      new GcpPrivateServiceAccess(scope, 'psa', { ...BASE, cidr: cidr.stringValue });
    });
    expect(json).toHaveResourceWithProperties(ComputeGlobalAddress, {
      address: '${element(split("/", var.cidr), 0)}',
      prefix_length: '${tonumber(element(split("/", var.cidr), 1))}',
    });
  });

  it.each([
    ['10.2.0.0/25', /prop cidr "10\.2\.0\.0\/25" has prefix \/25; use a prefix length from \/8 to \/24/],
    ['10.2.0.1/16', /prop cidr "10\.2\.0\.1\/16" has host bits set/],
  ])('rejects the range %s', (cidr, pattern) => {
    expect(() => synth({ cidr })).toThrow(pattern);
  });
});
