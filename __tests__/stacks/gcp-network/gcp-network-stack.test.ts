import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeHaVpnGateway } from '@cdktf/provider-google/lib/compute-ha-vpn-gateway';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeNetworkPeeringRoutesConfig } from '@cdktf/provider-google/lib/compute-network-peering-routes-config';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, TerraformOutput, Testing } from 'cdktf';
import { addEnvironmentStacks } from '../../../stacks';
import { gcpNetworkFamily } from '../../../stacks/gcp-network/family';
import type { GcpNetworkStack } from '../../../stacks/gcp-network/gcp-network-stack';
import { familyStack, merge, testEnvironment } from '../../helpers/environment';
import { validateStack } from '../../helpers/terraform';

/** The DR link's sections: both databases on, then `dr` (its checks need them). */
const DR_PATCH = { aws: { database: { enabled: true } }, gcp: { database: { enabled: true } } };

/** The stack for the test environment with `patch`; `dr` turns the DR link on with that `dr` section. */
function stackFor(patch: Record<string, any> = {}, dr?: Record<string, any>): GcpNetworkStack {
  const env = testEnvironment(dr ? merge(merge(patch, DR_PATCH), { dr }) : patch);
  return familyStack<GcpNetworkStack>(gcpNetworkFamily, env);
}

const DR = { enabled: true };

/** What each value (a token) turns into in the synthesized stack, read back through probe outputs. */
function resolved(stack: GcpNetworkStack, values: Record<string, unknown>): Record<string, any> {
  for (const [key, value] of Object.entries(values)) new TerraformOutput(stack, `probe_${key}`, { value });
  const outputs = JSON.parse(Testing.synth(stack)).output;
  return Object.fromEntries(Object.keys(values).map((key) => [key, outputs[`probe_${key}`].value]));
}

describe('GcpNetworkStack', () => {
  it('configures the google provider with the project, region and environment labels', () => {
    const stack = stackFor({ tags: { extra: { team: 'core' } } });
    const json = Testing.synth(stack);
    expect(json).toHaveProviderWithProperties(GoogleProvider, { project: 'acme-test-1', region: 'europe-west1' });
    // Parsed, not matched: the matcher would also accept snake-cased keys such as cost_centre.
    expect(JSON.parse(json).provider.google[0].default_labels).toEqual({
      environment: 'test',
      owner: 'platform-team',
      'cost-centre': 'cc-1',
      'managed-by': 'cdktf-multicloud',
      team: 'core',
    });
  });

  it('keeps its state in the environment bucket under its own key', () => {
    const json = JSON.parse(Testing.synth(stackFor()));
    expect(json.terraform.backend.s3).toMatchObject({
      bucket: 'acme-tfstate-test',
      key: 'test/test-gcp-network.tfstate',
    });
  });

  it('builds the network from the environment config', () => {
    const json = Testing.synth(
      stackFor({ gcp: { network: { routingMode: 'REGIONAL', iapSshEnabled: true, healthCheckTargetTags: ['web'] } } })
    );
    expect(json).toHaveResourceWithProperties(ComputeNetwork, { name: 'test-network', routing_mode: 'REGIONAL' });
    expect(json).toHaveResourceWithProperties(ComputeSubnetwork, {
      name: 'test-network-main',
      region: 'europe-west1',
      private_ip_google_access: true,
    });
    expect(json).toHaveResourceWithProperties(ComputeFirewall, { name: 'test-network-allow-iap-ssh' });
    expect(json).toHaveResourceWithProperties(ComputeFirewall, {
      name: 'test-network-allow-health-checks',
      target_tags: ['web'],
    });
  });

  it('allows only the GCP ranges in without the DR link', () => {
    const json = Testing.synth(stackFor());
    expect(json).toHaveResourceWithProperties(ComputeFirewall, {
      name: 'test-network-allow-internal',
      source_ranges: ['10.1.0.0/20', '10.4.0.0/14', '10.1.16.0/20'],
    });
    expect(json).not.toHaveResourceWithProperties(ComputeFirewall, { name: 'test-network-allow-peers' });
  });

  it('creates no HA VPN gateway, VPN router or route export unless dr.enabled', () => {
    const stack = stackFor();
    const json = Testing.synth(stack);
    expect(json).not.toHaveResource(ComputeHaVpnGateway);
    expect(json).not.toHaveResource(ComputeNetworkPeeringRoutesConfig);
    expect(Object.keys(JSON.parse(json).resource.google_compute_router)).toHaveLength(1);
    expect(stack.outputs.drVpn).toBeUndefined();
  });

  describe('with dr.enabled', () => {
    it('creates the HA VPN gateway and a custom-advertising Cloud Router with the configured ASN', () => {
      const json = Testing.synth(stackFor({}, { enabled: true, vpn: { gcpRouterAsn: 65020 } }));
      expect(json).toHaveResourceWithProperties(ComputeHaVpnGateway, {
        name: 'test-dr-ha-vpn',
        region: 'europe-west1',
        stack_type: 'IPV4_ONLY',
        network: expect.stringMatching(/^\$\{google_compute_network\.network_[A-Z0-9_]+\.id\}$/),
      });
      expect(json).toHaveResourceWithProperties(ComputeRouter, {
        name: 'test-dr-ha-vpn-router',
        bgp: {
          asn: 65020,
          advertise_mode: 'CUSTOM',
          advertised_groups: ['ALL_SUBNETS'],
          advertised_ip_ranges: [{ range: '10.2.0.0/16' }],
        },
      });
    });

    it('uses the default router ASN 65010', () => {
      expect(Testing.synth(stackFor({}, DR))).toHaveResourceWithProperties(ComputeRouter, {
        name: 'test-dr-ha-vpn-router',
        bgp: expect.objectContaining({ asn: 65010 }),
      });
    });

    it('lets the AWS VPC in on PostgreSQL and ICMP only, and leaves the peering route export to the DR VPN stack', () => {
      const json = Testing.synth(stackFor({}, DR));
      expect(json).toHaveResourceWithProperties(ComputeFirewall, {
        name: 'test-network-allow-internal',
        source_ranges: ['10.1.0.0/20', '10.4.0.0/14', '10.1.16.0/20'],
      });
      expect(json).toHaveResourceWithProperties(ComputeFirewall, {
        name: 'test-network-allow-peers',
        source_ranges: ['10.0.0.0/16'],
        allow: [{ protocol: 'tcp', ports: ['5432'] }, { protocol: 'icmp' }],
      });
      // modules/dr/gcp-dr-vpn.ts owns google_compute_network_peering_routes_config; two would fight.
      expect(json).not.toHaveResource(ComputeNetworkPeeringRoutesConfig);
    });

    it('publishes the gateway, interface addresses, router and ASN in outputs.drVpn', () => {
      const stack = stackFor({}, DR);
      const drVpn = stack.outputs.drVpn!;
      expect(drVpn.routerAsn).toBe(65010);
      const r = resolved(stack, {
        if0: drVpn.interfaceIps[0],
        if1: drVpn.interfaceIps[1],
        id: drVpn.haVpnGatewayId,
        selfLink: drVpn.haVpnGatewaySelfLink,
        router: drVpn.routerName,
      });
      expect(r.if0).toMatch(
        /^\$\{google_compute_ha_vpn_gateway\.dr-vpn_gateway_[A-Z0-9]+\.vpn_interfaces\[0\]\.ip_address\}$/
      );
      expect(r.if1).toMatch(
        /^\$\{google_compute_ha_vpn_gateway\.dr-vpn_gateway_[A-Z0-9]+\.vpn_interfaces\[1\]\.ip_address\}$/
      );
      expect(r.id).toMatch(/^\$\{google_compute_ha_vpn_gateway\.dr-vpn_gateway_[A-Z0-9]+\.id\}$/);
      expect(r.selfLink).toMatch(/^\$\{google_compute_ha_vpn_gateway\.dr-vpn_gateway_[A-Z0-9]+\.self_link\}$/);
      expect(r.router).toMatch(/^\$\{google_compute_router\.dr-vpn_router_[A-Z0-9]+\.name\}$/);
      const outputs = JSON.parse(Testing.synth(stack)).output;
      expect(Object.keys(outputs)).toEqual(
        expect.arrayContaining([
          'dr_ha_vpn_gateway_id',
          'dr_ha_vpn_interface_ips',
          'dr_vpn_router_name',
          'dr_vpn_router_asn',
        ])
      );
    });
  });

  it('publishes the network contract', () => {
    const stack = stackFor();
    const o = stack.outputs;
    expect(Object.keys(o.subnetIds)).toEqual(['main']);
    expect(o.privateServiceAccessCidr).toBe('10.2.0.0/16');
    const r = resolved(stack, {
      networkId: o.networkId,
      networkName: o.networkName,
      networkSelfLink: o.networkSelfLink,
      subnet: o.subnetIds.main,
      psaName: o.privateServiceAccessRangeName,
      connection: o.serviceNetworkingConnectionId,
      router: o.routerName,
    });
    expect(r.networkId).toMatch(/^\$\{google_compute_network\.network_[A-Z0-9]+\.id\}$/);
    expect(r.networkName).toMatch(/^\$\{google_compute_network\.network_[A-Z0-9]+\.name\}$/);
    expect(r.networkSelfLink).toMatch(/^\$\{google_compute_network\.network_[A-Z0-9]+\.self_link\}$/);
    expect(r.subnet).toMatch(/^\$\{google_compute_subnetwork\.network_subnet-main_[A-Z0-9]+\.id\}$/);
    expect(r.psaName).toMatch(
      /^\$\{google_compute_global_address\.network_private-service-access_address_[A-Z0-9]+\.name\}$/
    );
    expect(r.connection).toMatch(
      /^\$\{google_service_networking_connection\.network_private-service-access_connection_[A-Z0-9]+\.id\}$/
    );
    expect(r.router).toMatch(/^\$\{google_compute_router\.network_router_[A-Z0-9]+\.name\}$/);
  });

  it('writes Terraform outputs for the network, subnet layout, router and private services range', () => {
    const outputs = JSON.parse(Testing.synth(stackFor())).output;
    expect(Object.keys(outputs).sort()).toEqual([
      'network_id',
      'network_name',
      'network_self_link',
      'private_service_access_cidr',
      'private_service_access_range_name',
      'router_name',
      'secondary_range_names',
      'subnet_ids',
      'subnet_ranges',
    ]);
    expect(outputs.subnet_ranges.value).toEqual({
      main: { cidr: '10.1.0.0/20', secondary_ranges: { pods: '10.4.0.0/14', services: '10.1.16.0/20' } },
    });
    expect(outputs.secondary_range_names.value).toEqual({ main: ['pods', 'services'] });
    expect(outputs.private_service_access_cidr.value).toBe('10.2.0.0/16');
  });

  it('is registered as <env>-gcp-network only when gcp.network.enabled', () => {
    const stackIds = (env: ReturnType<typeof testEnvironment>) => {
      const app = new App({ outdir: Testing.app().outdir });
      addEnvironmentStacks(app, env);
      return app.node.children.map((c) => c.node.id);
    };
    expect(stackIds(testEnvironment())).toContain('test-gcp-network');
    expect(stackIds(testEnvironment({ gcp: { network: { enabled: false } } }))).not.toContain('test-gcp-network');
  });

  it('cannot be checked with terraform validate offline: the google provider is not in the mirror', () => {
    const result = validateStack(stackFor({}, DR));
    expect(result.status).toBe('not checkable');
    expect(result.detail).toMatch(/not in the mirror: .*hashicorp\/google/);
  });
});
