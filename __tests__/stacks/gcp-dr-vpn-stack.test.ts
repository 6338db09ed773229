import { SqlUser } from '@cdktf/provider-google/lib/sql-user';
import { Testing } from 'cdktf';
import { GcpDrVpnStack } from '../../stacks/gcp-dr-vpn-stack';
import { testEnvironment } from '../helpers/environment';
import { validateStack } from '../helpers/terraform';
import { AWS_TUNNELS, GCP_DATABASE, GCP_NETWORK } from '../helpers/outputs';


function build(): GcpDrVpnStack {
  const env = testEnvironment({
    aws: { database: { enabled: true } },
    gcp: { database: { enabled: true } },
    dr: { enabled: true },
  });
  return new GcpDrVpnStack(Testing.app(), 'test-gcp-dr-vpn', {
    env,
    gcpNetwork: GCP_NETWORK,
    gcpDatabase: GCP_DATABASE,
    awsTunnels: AWS_TUNNELS,
  });
}

const list = (json: any, type: string): any[] => Object.values(json.resource?.[type] ?? {});

describe('GcpDrVpnStack', () => {
  it('configures the google and random providers and the S3 backend', () => {
    const json = JSON.parse(Testing.synth(build()));
    expect(Object.keys(json.terraform.required_providers).sort()).toEqual(['google', 'random']);
    expect(json.provider.google[0]).toMatchObject({ project: 'acme-test-1', region: 'europe-west1' });
    expect(json.terraform.backend.s3.key).toBe('test/test-gcp-dr-vpn.tfstate');
  });

  it('builds 4 tunnels, 4 router interfaces and 4 BGP peers on the stage-1 gateway and router', () => {
    const json = JSON.parse(Testing.synth(build()));
    const tunnels = list(json, 'google_compute_vpn_tunnel');
    expect(tunnels).toHaveLength(4);
    for (const t of tunnels) {
      expect(t.vpn_gateway).toBe(GCP_NETWORK.drVpn!.haVpnGatewaySelfLink);
      expect(t.router).toBe('test-dr-ha-vpn-router');
      expect(t.region).toBe('europe-west1');
    }
    expect(list(json, 'google_compute_router_interface')).toHaveLength(4);
    const peers = list(json, 'google_compute_router_peer');
    expect(peers).toHaveLength(4);
    expect(peers.every((p) => p.peer_asn === 64512)).toBe(true);
    expect(list(json, 'google_compute_external_vpn_gateway')[0].redundancy_type).toBe('FOUR_IPS_REDUNDANCY');
    expect(list(json, 'google_compute_network_peering_routes_config')[0]).toMatchObject({
      peering: 'servicenetworking-googleapis-com',
      export_custom_routes: true,
      import_custom_routes: true,
    });
  });

  it('creates the DMS user on the Cloud SQL standby with a generated password', () => {
    const stack = build();
    expect(Testing.synth(stack)).toHaveResourceWithProperties(SqlUser, { instance: 'test-postgres', name: 'dms_replication' });
    expect(stack.dmsUser.password).toMatch(/TfToken|\$\{/);
  });

  it('is reported not checkable by the aws-only mirror, never skipped silently', () => {
    expect(validateStack(build()).status).toBe('not checkable');
  });
});
