import { SqlUser } from '@cdktf/provider-google/lib/sql-user';
import { Testing } from 'cdktf';
import { gcpDrVpnFamily } from '../../../stacks/dr/family';
import type { GcpDrVpnStack } from '../../../stacks/dr/gcp-dr-vpn-stack';
import { familyStack, testEnvironment } from '../../helpers/environment';
import { AWS_TUNNELS, GCP_DATABASE, GCP_NETWORK } from '../../helpers/outputs';
import { plainSecrets } from '../../helpers/secrets';
import { validateStack } from '../../helpers/terraform';

function build(): GcpDrVpnStack {
  const env = testEnvironment({
    aws: { database: { enabled: true } },
    gcp: { database: { enabled: true } },
    dr: { enabled: true },
  });
  return familyStack<GcpDrVpnStack>(gcpDrVpnFamily, env, {
    'gcp-network': GCP_NETWORK,
    'gcp-database': GCP_DATABASE,
    'aws-dr-vpn': AWS_TUNNELS,
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

  it('pairs each tunnel with its AWS tunnel: outside address, pre-shared key (marked sensitive) and BGP inside addresses', () => {
    const json = JSON.parse(Testing.synth(build()));
    expect(list(json, 'google_compute_vpn_tunnel').map((t) => [t.peer_external_gateway_interface, t.shared_secret])).toEqual([
      [0, '${sensitive("from-aws-stack")}'],
      [1, '${sensitive("from-aws-stack")}'],
      [2, '${sensitive("from-aws-stack")}'],
      [3, '${sensitive("from-aws-stack")}'],
    ]);
    expect(list(json, 'google_compute_external_vpn_gateway')[0].interface.map((i: any) => i.ip_address)).toEqual([
      '198.51.100.1',
      '198.51.100.2',
      '198.51.100.3',
      '198.51.100.4',
    ]);
    expect(list(json, 'google_compute_router_interface').map((i) => i.ip_range)).toEqual([
      '169.254.21.2/30',
      '169.254.21.6/30',
      '169.254.22.2/30',
      '169.254.22.6/30',
    ]);
    expect(list(json, 'google_compute_router_peer').map((p) => p.peer_ip_address)).toEqual([
      '169.254.21.1',
      '169.254.21.5',
      '169.254.22.1',
      '169.254.22.5',
    ]);
  });

  it('creates the DMS user on the Cloud SQL standby with a generated password', () => {
    const stack = build();
    expect(Testing.synth(stack)).toHaveResourceWithProperties(SqlUser, { instance: 'test-postgres', name: 'dms_replication' });
    expect(stack.dmsUser.password).toMatch(/TfToken|\$\{/);
  });

  it('holds no secret of its own in plain text: the DMS password is generated and referenced', () => {
    const json = JSON.parse(Testing.synth(build()));
    // The tunnels' shared secrets are the test tunnels' literal keys wrapped in sensitive() here (a
    // real run references the AWS stack's sensitive outputs; see aws-dr-vpn-stack.test.ts).
    expect(plainSecrets('test-gcp-dr-vpn', json)).toEqual([]);
    const user = Object.values<any>(json.resource.google_sql_user)[0];
    expect(user.password).toMatch(/^\$\{random_password\.[^.]+\.result\}$/);
  });

  it('is reported not checkable by the aws-only mirror, never skipped silently', () => {
    expect(validateStack(build()).status).toBe('not checkable');
  });
});
