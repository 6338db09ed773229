import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeNetworkPeeringRoutesConfig } from '@cdktf/provider-google/lib/compute-network-peering-routes-config';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { ServiceNetworkingConnection } from '@cdktf/provider-google/lib/service-networking-connection';
import { Testing } from 'cdktf';
import { ValidationError } from '../../../modules/core/validation-error';
import { GcpNetwork, type GcpNetworkProps } from '../../../modules/gcp/network';

const BASE: GcpNetworkProps = {
  name: 'test-network',
  region: 'europe-west1',
  subnets: {
    main: { cidr: '10.1.0.0/20', gke: true, secondaryRanges: { pods: '10.4.0.0/14', services: '10.1.16.0/20' } },
  },
  privateServiceAccessCidr: '10.2.0.0/16',
};

function synth(props: Partial<GcpNetworkProps> = {}): string {
  return Testing.synthScope((scope) => new GcpNetwork(scope, 'network', { ...BASE, ...props }));
}

/** Resources of one type in the synthesized JSON, keyed by construct id (the logical id without prefix and hash). */
function resources(json: string, type: string): Record<string, any> {
  const all = (JSON.parse(json).resource?.[type] ?? {}) as Record<string, any>;
  return Object.fromEntries(
    Object.entries(all).map(([logicalId, r]) => [logicalId.replace(/^network_/, '').replace(/_[A-F0-9]{8}$/, ''), r])
  );
}

describe('GcpNetwork', () => {
  it('creates a custom-mode VPC with global routing by default', () => {
    expect(synth()).toHaveResourceWithProperties(ComputeNetwork, {
      name: 'test-network',
      auto_create_subnetworks: false,
      routing_mode: 'GLOBAL',
      delete_default_routes_on_create: false,
    });
  });

  it('uses regional routing when asked', () => {
    expect(synth({ routingMode: 'REGIONAL' })).toHaveResourceWithProperties(ComputeNetwork, {
      routing_mode: 'REGIONAL',
    });
  });

  it('enables the compute and service networking APIs and keeps them on destroy', () => {
    const json = synth();
    for (const service of ['compute.googleapis.com', 'servicenetworking.googleapis.com']) {
      expect(json).toHaveResourceWithProperties(ProjectService, { service, disable_on_destroy: false });
    }
    expect(Object.keys(resources(json, 'google_project_service'))).toHaveLength(2);
    const network = Object.values(resources(json, 'google_compute_network'))[0];
    expect(network.depends_on).toEqual([expect.stringMatching(/^google_project_service\.network_service-compute_/)]);
  });

  it('leaves the APIs alone when enableServices is false', () => {
    expect(synth({ enableServices: false })).not.toHaveResource(ProjectService);
  });

  it('creates each subnet with Private Google Access, named secondary ranges and flow logs', () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(ComputeSubnetwork, {
      name: 'test-network-main',
      region: 'europe-west1',
      ip_cidr_range: '10.1.0.0/20',
      private_ip_google_access: true,
      send_secondary_ip_range_if_empty: true,
      log_config: { aggregation_interval: 'INTERVAL_5_SEC', flow_sampling: 0.5, metadata: 'INCLUDE_ALL_METADATA' },
    });
    const subnet = resources(json, 'google_compute_subnetwork')['subnet-main'];
    expect(subnet.secondary_ip_range).toEqual([
      { range_name: 'pods', ip_cidr_range: '10.4.0.0/14' },
      { range_name: 'services', ip_cidr_range: '10.1.16.0/20' },
    ]);
    expect(subnet.network).toMatch(/^\$\{google_compute_network\.network_[A-Z0-9]+\.id\}$/);
  });

  it('applies the configured flow log settings, and drops log_config when flow logs are off', () => {
    const json = synth({
      subnets: {
        a: {
          cidr: '10.1.0.0/24',
          flowLogs: { aggregationInterval: 'INTERVAL_1_MIN', flowSampling: 1, metadata: 'EXCLUDE_ALL_METADATA' },
        },
        b: { cidr: '10.1.1.0/24', flowLogs: { enabled: false } },
      },
    });
    const subnets = resources(json, 'google_compute_subnetwork');
    expect(subnets['subnet-a'].log_config).toEqual({
      aggregation_interval: 'INTERVAL_1_MIN',
      flow_sampling: 1,
      metadata: 'EXCLUDE_ALL_METADATA',
    });
    expect(subnets['subnet-b'].log_config).toBeUndefined();
    expect(subnets['subnet-b'].private_ip_google_access).toBe(true);
  });

  it('creates a Cloud Router and a Cloud NAT for every subnet range with auto-allocated IPs and error logging', () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(ComputeRouter, { name: 'test-network-router', region: 'europe-west1' });
    expect(json).toHaveResourceWithProperties(ComputeRouterNat, {
      name: 'test-network-nat',
      region: 'europe-west1',
      router: expect.stringMatching(/^\$\{google_compute_router\.network_router_[A-Z0-9]+\.name\}$/),
      nat_ip_allocate_option: 'AUTO_ONLY',
      source_subnetwork_ip_ranges_to_nat: 'ALL_SUBNETWORKS_ALL_IP_RANGES',
      min_ports_per_vm: 64,
      log_config: { enable: true, filter: 'ERRORS_ONLY' },
    });
  });

  it('applies the NAT log filter, and skips the NAT (not the router) when disabled', () => {
    expect(synth({ nat: { logFilter: 'ALL' } })).toHaveResourceWithProperties(ComputeRouterNat, {
      log_config: { enable: true, filter: 'ALL' },
    });
    const json = synth({ nat: { enabled: false } });
    expect(json).not.toHaveResource(ComputeRouterNat);
    expect(json).toHaveResource(ComputeRouter);
  });

  it('denies all ingress from anywhere at priority 65534, with logging', () => {
    const rule = resources(synth(), 'google_compute_firewall')['deny-all-ingress'];
    expect(rule).toMatchObject({
      name: 'test-network-deny-all-ingress',
      direction: 'INGRESS',
      priority: 65534,
      source_ranges: ['0.0.0.0/0'],
      deny: [{ protocol: 'all' }],
      log_config: { metadata: 'INCLUDE_ALL_METADATA' },
    });
    expect(rule.allow).toBeUndefined();
  });

  it('allows all internal traffic from exactly the subnet ranges, logged', () => {
    const rule = resources(synth({ peerRanges: ['10.0.0.0/16'] }), 'google_compute_firewall')['allow-internal'];
    expect(rule).toMatchObject({
      name: 'test-network-allow-internal',
      direction: 'INGRESS',
      priority: 1000,
      allow: [{ protocol: 'tcp' }, { protocol: 'udp' }, { protocol: 'icmp' }],
      log_config: { metadata: 'INCLUDE_ALL_METADATA' },
    });
    // The peer range is not among the sources of the all-ports rule.
    expect(rule.source_ranges).toEqual(['10.1.0.0/20', '10.4.0.0/14', '10.1.16.0/20']);
    expect(rule.target_tags).toBeUndefined();
  });

  it('lets peer ranges reach PostgreSQL and ICMP only, logged', () => {
    const rules = resources(synth({ peerRanges: ['10.0.0.0/16'] }), 'google_compute_firewall');
    expect(rules['allow-peers']).toMatchObject({
      name: 'test-network-allow-peers',
      direction: 'INGRESS',
      priority: 1000,
      source_ranges: ['10.0.0.0/16'],
      allow: [{ protocol: 'tcp', ports: ['5432'] }, { protocol: 'icmp' }],
      log_config: { metadata: 'INCLUDE_ALL_METADATA' },
    });
    const custom = resources(
      synth({ peerRanges: ['10.0.0.0/16'], peerTcpPorts: ['5432', '8000-8080'] }),
      'google_compute_firewall'
    );
    expect(custom['allow-peers'].allow).toEqual([
      { protocol: 'tcp', ports: ['5432', '8000-8080'] },
      { protocol: 'icmp' },
    ]);
  });

  it('creates no peer rule without peer ranges', () => {
    expect(resources(synth(), 'google_compute_firewall')['allow-peers']).toBeUndefined();
  });

  it('allows Google health checks to the health-check ports of the tagged instances only, logged', () => {
    const rules = resources(synth(), 'google_compute_firewall');
    expect(rules['allow-health-checks']).toMatchObject({
      direction: 'INGRESS',
      priority: 1000,
      source_ranges: ['35.191.0.0/16', '130.211.0.0/22'],
      target_tags: ['allow-health-checks'],
      allow: [{ protocol: 'tcp', ports: ['80', '443', '8080'] }],
      log_config: { metadata: 'INCLUDE_ALL_METADATA' },
    });
    const custom = resources(
      synth({ healthCheckTargetTags: ['web', 'api'], healthCheckPorts: ['8443'] }),
      'google_compute_firewall'
    );
    expect(custom['allow-health-checks'].target_tags).toEqual(['web', 'api']);
    expect(custom['allow-health-checks'].allow).toEqual([{ protocol: 'tcp', ports: ['8443'] }]);
  });

  it('adds SSH from IAP on port 22 only when enabled, logged', () => {
    expect(Object.keys(resources(synth(), 'google_compute_firewall')).sort()).toEqual([
      'allow-health-checks',
      'allow-internal',
      'deny-all-ingress',
    ]);
    expect(synth({ enableIapSsh: true })).toHaveResourceWithProperties(ComputeFirewall, {
      name: 'test-network-allow-iap-ssh',
      direction: 'INGRESS',
      priority: 1000,
      source_ranges: ['35.235.240.0/20'],
      allow: [{ protocol: 'tcp', ports: ['22'] }],
      log_config: { metadata: 'INCLUDE_ALL_METADATA' },
    });
  });

  it('logs every firewall rule by default', () => {
    const rules = resources(synth({ enableIapSsh: true, peerRanges: ['10.0.0.0/16'] }), 'google_compute_firewall');
    expect(Object.keys(rules)).toHaveLength(5);
    for (const rule of Object.values(rules)) expect(rule.log_config).toEqual({ metadata: 'INCLUDE_ALL_METADATA' });
  });

  it('drops firewall logging when disabled', () => {
    const rules = resources(
      synth({ enableFirewallLogging: false, enableIapSsh: true, peerRanges: ['10.0.0.0/16'] }),
      'google_compute_firewall'
    );
    for (const rule of Object.values(rules)) expect(rule.log_config).toBeUndefined();
  });

  it('reserves the private services access range and peers it with service networking', () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(ComputeGlobalAddress, {
      name: 'test-network-psa',
      purpose: 'VPC_PEERING',
      address_type: 'INTERNAL',
      address: '10.2.0.0',
      prefix_length: 16,
    });
    expect(json).toHaveResourceWithProperties(ServiceNetworkingConnection, {
      service: 'servicenetworking.googleapis.com',
      reserved_peering_ranges: [
        expect.stringMatching(
          /^\$\{google_compute_global_address\.network_private-service-access_address_[A-Z0-9]+\.name\}$/
        ),
      ],
      depends_on: [expect.stringMatching(/^google_project_service\.network_service-servicenetworking_/)],
    });
    expect(json).not.toHaveResource(ComputeNetworkPeeringRoutesConfig);
  });

  it('exports custom routes to the service producer network when asked', () => {
    expect(synth({ exportCustomRoutesToServices: true })).toHaveResourceWithProperties(
      ComputeNetworkPeeringRoutesConfig,
      {
        peering: 'servicenetworking-googleapis-com',
        export_custom_routes: true,
        import_custom_routes: false,
      }
    );
  });

  describe('validation', () => {
    it.each<[string, Partial<GcpNetworkProps>, RegExp]>([
      [
        'a bad name',
        { name: 'Test_Network' },
        /network: prop name "Test_Network" is not a valid GCP name; use 1-63 lowercase/,
      ],
      ['no subnets', { subnets: {} }, /network: prop subnets \{\} is empty; give at least one subnet/],
      [
        'a bad subnet key',
        { subnets: { Main: { cidr: '10.1.0.0/20' } } },
        /prop subnets "Main" makes the invalid subnet name "test-network-Main"; use keys of lowercase letters/,
      ],
      [
        'a bad subnet cidr',
        { subnets: { main: { cidr: '10.1.0.1/20' } } },
        /prop subnets\.main\.cidr "10\.1\.0\.1\/20" has host bits set/,
      ],
      [
        'a bad secondary range',
        { subnets: { main: { cidr: '10.1.0.0/20', secondaryRanges: { pods: 'x' } } } },
        /prop subnets\.main\.secondaryRanges\.pods "x" is not an IPv4 CIDR block/,
      ],
      [
        'gke without services',
        { subnets: { main: { cidr: '10.1.0.0/20', gke: true, secondaryRanges: { pods: '10.4.0.0/14' } } } },
        /prop subnets\.main\.gke true needs secondary ranges named "services"; add them or set gke: false/,
      ],
      [
        'flow sampling above 1',
        { subnets: { main: { cidr: '10.1.0.0/20', flowLogs: { flowSampling: 2 } } } },
        /prop subnets\.main\.flowLogs\.flowSampling 2 is out of range; use 0\.0 to 1\.0/,
      ],
      [
        'an unknown flow log interval',
        { subnets: { main: { cidr: '10.1.0.0/20', flowLogs: { aggregationInterval: 'INTERVAL_2_SEC' } } } },
        /prop subnets\.main\.flowLogs\.aggregationInterval "INTERVAL_2_SEC" is not an interval; use one of INTERVAL_5_SEC/,
      ],
      ['a bad peer range', { peerRanges: ['10.0.0.0'] }, /prop peerRanges\[0\] "10\.0\.0\.0" is not an IPv4 CIDR/],
      [
        'the whole internet as a peer',
        { peerRanges: ['10.0.0.0/16', '0.0.0.0/0'] },
        /prop peerRanges\[1\] "0\.0\.0\.0\/0" is the whole internet; use the private range of the peered network/,
      ],
      [
        'a bad peer port',
        { peerRanges: ['10.0.0.0/16'], peerTcpPorts: ['70000'] },
        /prop peerTcpPorts\[0\] "70000" is not a TCP port; use a port \("5432"\) or a range \("8000-8080"\) within 1-65535/,
      ],
      [
        'a reversed health-check port range',
        { healthCheckPorts: ['90-80'] },
        /prop healthCheckPorts\[0\] "90-80" is not a TCP port; use a port/,
      ],
      [
        'no health-check ports',
        { healthCheckPorts: [] },
        /prop healthCheckPorts \[\] is empty; give at least one TCP port/,
      ],
      [
        'no health-check tags',
        { healthCheckTargetTags: [] },
        /prop healthCheckTargetTags \[\] is empty; give at least one tag/,
      ],
      [
        'a /28 services range',
        { privateServiceAccessCidr: '10.2.0.0/28' },
        /prop cidr "10\.2\.0\.0\/28" has prefix \/28; use a prefix length from \/8 to \/24/,
      ],
    ])('rejects %s', (_case, props, pattern) => {
      expect(() => synth(props)).toThrow(ValidationError);
      expect(() => synth(props)).toThrow(pattern);
    });
  });

  describe('stable addresses', () => {
    /** Every resource address (`type.logical_id`) of a synthesized scope. */
    function addresses(json: string): string[] {
      const all = JSON.parse(json).resource as Record<string, Record<string, unknown>>;
      return Object.entries(all).flatMap(([type, byId]) => Object.keys(byId).map((id) => `${type}.${id}`));
    }

    const three: Record<string, { cidr: string }> = {
      a: { cidr: '10.1.0.0/24' },
      b: { cidr: '10.1.1.0/24' },
      c: { cidr: '10.1.2.0/24' },
    };

    it('keeps every other address when a middle subnet is removed', () => {
      const before = addresses(synth({ subnets: three }));
      const after = addresses(synth({ subnets: { a: three.a!, c: three.c! } }));
      expect(before.filter((a) => !after.includes(a))).toEqual([
        expect.stringMatching(/^google_compute_subnetwork\.network_subnet-b_[0-9A-F]{8}$/),
      ]);
      expect(after.filter((a) => !before.includes(a))).toEqual([]);
    });

    it.each<[string, Partial<GcpNetworkProps>, Partial<GcpNetworkProps>]>([
      [
        'peerRanges',
        { peerRanges: ['10.0.0.0/16', '10.9.0.0/16', '172.16.0.0/16'] },
        { peerRanges: ['10.0.0.0/16', '172.16.0.0/16'] },
      ],
      [
        'peerTcpPorts',
        { peerRanges: ['10.0.0.0/16'], peerTcpPorts: ['22', '5432', '443'] },
        { peerRanges: ['10.0.0.0/16'], peerTcpPorts: ['22', '443'] },
      ],
      ['healthCheckTargetTags', { healthCheckTargetTags: ['a', 'b', 'c'] }, { healthCheckTargetTags: ['a', 'c'] }],
      ['healthCheckPorts', { healthCheckPorts: ['80', '443', '8080'] }, { healthCheckPorts: ['80', '8080'] }],
    ])('keeps every address when a middle entry of %s is removed', (_prop, full, reduced) => {
      expect(addresses(synth(reduced))).toEqual(addresses(synth(full)));
    });
  });
});
