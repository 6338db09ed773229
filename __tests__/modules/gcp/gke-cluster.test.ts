import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { Testing } from 'cdktf';
import {
  GKE_RELEASE_CHANNELS,
  GkeCluster,
  type GkeClusterProps,
  gkeAuthorizedNetworkProblem,
  gkeMaintenanceWindowProblem,
} from '../../../modules/gcp/gke-cluster';

const NETWORK = 'projects/acme-test-1/global/networks/main';
const SUBNET = 'projects/acme-test-1/regions/europe-west1/subnetworks/gke';

const BASE: GkeClusterProps = {
  project: 'acme-test-1',
  region: 'europe-west1',
  clusterName: 'apps',
  network: NETWORK,
  subnetwork: SUBNET,
  podsRangeName: 'gke-pods',
  servicesRangeName: 'gke-services',
  projectNumber: '123456789012',
};

function synth(patch: Partial<GkeClusterProps> = {}): string {
  return Testing.synthScope((scope) => {
    new GkeCluster(scope, 'gke', { ...BASE, ...patch });
  });
}

function cluster(json: string): any {
  const all = Object.values(JSON.parse(json).resource.google_container_cluster ?? {});
  expect(all).toHaveLength(1);
  return all[0];
}

describe('GkeCluster', () => {
  describe('secure defaults (Standard)', () => {
    const json = synth();
    const c = cluster(json);

    // Exact match: the named ranges, never the conflicting cluster_ipv4_cidr_block/services_ipv4_cidr_block.
    // @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/container_cluster#nested_ip_allocation_policy
    it('is regional and VPC-native on the named pod and service ranges of the subnetwork', () => {
      expect(c.location).toBe('europe-west1');
      expect(c.network).toBe(NETWORK);
      expect(c.subnetwork).toBe(SUBNET);
      expect(c.networking_mode).toBe('VPC_NATIVE');
      expect(c.ip_allocation_policy).toEqual({
        cluster_secondary_range_name: 'gke-pods',
        services_secondary_range_name: 'gke-services',
      });
    });

    it('has private nodes and a private endpoint only', () => {
      expect(c.private_cluster_config).toEqual({
        enable_private_nodes: true,
        enable_private_endpoint: true,
        master_global_access_config: { enabled: true },
      });
    });

    it('enforces authorized networks without Google Cloud public IPs', () => {
      expect(c.master_authorized_networks_config).toEqual({ gcp_public_cidrs_access_enabled: false, cidr_blocks: [] });
    });

    it('issues no client certificate and keeps legacy ABAC off', () => {
      expect(c.master_auth).toEqual({ client_certificate_config: { issue_client_certificate: false } });
      expect(c.enable_legacy_abac).toBe(false);
    });

    it('turns on Workload Identity, Dataplane V2 and shielded nodes', () => {
      expect(c.workload_identity_config).toEqual({ workload_pool: 'acme-test-1.svc.id.goog' });
      expect(c.datapath_provider).toBe('ADVANCED_DATAPATH');
      expect(c.enable_shielded_nodes).toBe(true);
    });

    it('follows the REGULAR channel with a weekend window of 6 hours', () => {
      expect(c.release_channel).toEqual({ channel: 'REGULAR' });
      expect(c.maintenance_policy).toEqual({
        recurring_window: {
          start_time: '2025-01-04T03:00:00Z',
          end_time: '2025-01-04T09:00:00Z',
          recurrence: 'FREQ=WEEKLY;BYDAY=SA,SU',
        },
      });
    });

    it('encrypts Kubernetes secrets with a rotated regional KMS key it creates', () => {
      expect(json).toHaveResourceWithProperties(KmsKeyRing, {
        name: 'apps-gke',
        location: 'europe-west1',
        project: 'acme-test-1',
      });
      expect(json).toHaveResourceWithProperties(KmsCryptoKey, {
        name: 'apps-secrets',
        purpose: 'ENCRYPT_DECRYPT',
        rotation_period: '7776000s',
        lifecycle: { prevent_destroy: true },
      });
      expect(c.database_encryption).toEqual({
        state: 'ENCRYPTED',
        key_name: expect.stringMatching(/^\$\{google_kms_crypto_key\.gke_secrets-key_[A-Z0-9]+\.id\}$/),
      });
    });

    it('lets the GKE service agent use the key, before the cluster is created', () => {
      expect(json).toHaveResourceWithProperties(KmsCryptoKeyIamMember, {
        role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
        member: 'serviceAccount:service-123456789012@container-engine-robot.iam.gserviceaccount.com',
      });
      expect(c.depends_on).toEqual([
        expect.stringMatching(/^google_kms_crypto_key_iam_member\.gke_secrets-key-gke-agent_[A-Z0-9]+$/),
      ]);
    });

    it('logs system components and workloads; collects system metrics and managed Prometheus', () => {
      expect(c.logging_config).toEqual({ enable_components: ['SYSTEM_COMPONENTS', 'WORKLOADS'] });
      expect(c.monitoring_config).toEqual({
        enable_components: ['SYSTEM_COMPONENTS'],
        managed_prometheus: { enabled: true },
      });
    });

    it('is protected from deletion', () => {
      expect(json).toHaveResourceWithProperties(ContainerCluster, { deletion_protection: true });
    });

    it('removes the default node pool, created with one node, and ignores its drift', () => {
      expect(c.remove_default_node_pool).toBe(true);
      expect(c.initial_node_count).toBe(1);
      expect(c.lifecycle).toEqual({ ignore_changes: ['node_pool', 'initial_node_count', 'node_config'] });
      expect(c.enable_autopilot).toBeUndefined();
    });

    it('uses the security posture dashboard at the basic tier', () => {
      expect(c.security_posture_config).toEqual({ mode: 'BASIC' });
    });
  });

  describe('Autopilot', () => {
    const json = synth({ autopilot: true });
    const c = cluster(json);

    it('enables Autopilot and leaves out what the provider says conflicts with it', () => {
      // @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/container_cluster#enable_autopilot
      expect(c.enable_autopilot).toBe(true);
      for (const field of [
        'enable_shielded_nodes',
        'remove_default_node_pool',
        'initial_node_count',
        'node_config',
        'datapath_provider',
      ]) {
        expect(c[field]).toBeUndefined();
      }
      expect(c.addons_config?.network_policy_config).toBeUndefined();
    });

    it('keeps the private, encrypted, Workload Identity settings', () => {
      expect(c.private_cluster_config.enable_private_nodes).toBe(true);
      expect(c.database_encryption.state).toBe('ENCRYPTED');
      expect(c.workload_identity_config).toEqual({ workload_pool: 'acme-test-1.svc.id.goog' });
    });
  });

  it('gives the bootstrap default pool a chosen account when asked', () => {
    const c = cluster(synth({ bootstrapNodeServiceAccount: 'bootstrap@acme-test-1.iam.gserviceaccount.com' }));
    expect(c.node_config).toEqual({
      service_account: 'bootstrap@acme-test-1.iam.gserviceaccount.com',
      oauth_scopes: ['https://www.googleapis.com/auth/cloud-platform'],
      shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
      workload_metadata_config: { mode: 'GKE_METADATA' },
    });
  });

  it('reads the project number when it is not given', () => {
    const json = synth({ projectNumber: undefined });
    expect(json).toHaveDataSourceWithProperties(DataGoogleProject, { project_id: 'acme-test-1' });
    expect(json).toContain('serviceAccount:service-${data.google_project.gke_project_');
  });

  it('uses an existing key without creating a key ring', () => {
    const key = 'projects/acme-test-1/locations/europe-west1/keyRings/shared/cryptoKeys/gke';
    const json = synth({ existingKmsKeyName: key });
    expect(JSON.parse(json).resource.google_kms_key_ring).toBeUndefined();
    expect(cluster(json).database_encryption).toEqual({ state: 'ENCRYPTED', key_name: key });
  });

  it('passes named private authorized networks and a public endpoint when asked', () => {
    const c = cluster(
      synth({
        enablePrivateEndpoint: false,
        masterAuthorizedNetworks: [{ cidr: '10.10.0.0/24', name: 'bastion' }],
        masterIpv4CidrBlock: '172.16.0.0/28',
      })
    );
    expect(c.private_cluster_config.enable_private_endpoint).toBe(false);
    expect(c.private_cluster_config.master_ipv4_cidr_block).toBe('172.16.0.0/28');
    expect(c.master_authorized_networks_config.cidr_blocks).toEqual([
      { cidr_block: '10.10.0.0/24', display_name: 'bastion' },
    ]);
  });

  it('allows a public office range only when explicitly allowed', () => {
    const c = cluster(
      synth({
        masterAuthorizedNetworks: [{ cidr: '203.0.113.0/24', name: 'office' }],
        allowPublicAuthorizedNetworks: true,
      })
    );
    expect(c.master_authorized_networks_config.cidr_blocks).toEqual([
      { cidr_block: '203.0.113.0/24', display_name: 'office' },
    ]);
  });

  it('wraps a window that crosses midnight into the next day', () => {
    const c = cluster(
      synth({ maintenanceStartTime: '22:30', maintenanceDurationHours: 8, maintenanceDays: ['FR', 'SA'] })
    );
    expect(c.maintenance_policy.recurring_window).toEqual({
      start_time: '2025-01-04T22:30:00Z',
      end_time: '2025-01-05T06:30:00Z',
      recurrence: 'FREQ=WEEKLY;BYDAY=FR,SA',
    });
  });

  it.each(GKE_RELEASE_CHANNELS)('accepts the %s release channel', (channel) => {
    expect(cluster(synth({ releaseChannel: channel })).release_channel).toEqual({ channel });
  });

  describe('rule functions', () => {
    it('needs 48 hours of window per 32 days', () => {
      expect(gkeMaintenanceWindowProblem(['SA', 'SU'], 6)).toBeUndefined();
      expect(gkeMaintenanceWindowProblem(['SU'], 8)).toMatch(/32 hours per 32 days; GKE needs 48/);
      expect(gkeMaintenanceWindowProblem(['SU'], 3)).toMatch(/4-24/);
    });

    it('never allows 0.0.0.0/0 and public ranges only when asked', () => {
      expect(gkeAuthorizedNetworkProblem('0.0.0.0/0', true)).toMatch(/never allowed/);
      expect(gkeAuthorizedNetworkProblem('8.8.8.0/24', false)).toMatch(/public range/);
      expect(gkeAuthorizedNetworkProblem('8.8.8.0/24', true)).toBeUndefined();
      expect(gkeAuthorizedNetworkProblem('192.168.1.0/24', false)).toBeUndefined();
    });
  });

  describe('rejects bad input', () => {
    it.each<[string, Partial<GkeClusterProps>, RegExp]>([
      [
        '0.0.0.0/0 even when public ranges are allowed',
        { masterAuthorizedNetworks: [{ cidr: '0.0.0.0/0', name: 'all' }], allowPublicAuthorizedNetworks: true },
        /prop masterAuthorizedNetworks\[0\]\.cidr "0\.0\.0\.0\/0" .*never allowed/,
      ],
      [
        'a public authorized network',
        { masterAuthorizedNetworks: [{ cidr: '198.51.100.0/24', name: 'office' }] },
        /prop masterAuthorizedNetworks\[0\]\.cidr "198\.51\.100\.0\/24" is a public range; use private \(RFC 1918\) ranges, or set allowPublicAuthorizedNetworks/,
      ],
      [
        'an authorized network that is not a CIDR',
        { masterAuthorizedNetworks: [{ cidr: '10.0.0.1', name: 'x' }] },
        /prop masterAuthorizedNetworks\[0\]\.cidr .*not an IPv4 CIDR block/,
      ],
      [
        'an unnamed authorized network',
        { masterAuthorizedNetworks: [{ cidr: '10.0.0.0/24', name: '' }] },
        /prop masterAuthorizedNetworks\[0\]\.name .*name each network/,
      ],
      [
        'an unknown release channel',
        { releaseChannel: 'BETA' as any },
        /prop releaseChannel "BETA" is not a release channel; use one of RAPID, REGULAR, STABLE, EXTENDED/,
      ],
      ['an empty pods range name', { podsRangeName: '' }, /prop podsRangeName "" must name a secondary range/],
      [
        'an empty services range name',
        { servicesRangeName: '' },
        /prop servicesRangeName "" must name a secondary range/,
      ],
      [
        'the same range for pods and services',
        { servicesRangeName: 'gke-pods' },
        /prop servicesRangeName "gke-pods" is the same range as podsRangeName/,
      ],
      [
        'a master range that is not a /28',
        { masterIpv4CidrBlock: '172.16.0.0/24' },
        /prop masterIpv4CidrBlock .*private \/28/,
      ],
      [
        'a maintenance window too short in total',
        { maintenanceDays: ['SU'], maintenanceDurationHours: 6 },
        /prop maintenanceDurationHours .*GKE needs 48/,
      ],
      [
        'an unknown maintenance day',
        { maintenanceDays: ['XX' as any] },
        /prop maintenanceDays .*MO, TU, WE, TH, FR, SA, SU/,
      ],
      ['a bad start time', { maintenanceStartTime: '25:00' }, /prop maintenanceStartTime "25:00" .*HH:MM/],
      ['a key rotation of 0 days', { keyRotationDays: 0 }, /prop keyRotationDays 0 .*use 1-876000 days/],
      ['an upper-case cluster name', { clusterName: 'Apps' }, /prop clusterName "Apps" .*lower-case/],
    ])('rejects %s', (_name, patch, pattern) => {
      expect(() => synth(patch)).toThrow(pattern);
    });
  });
});

describe('GkeCluster add-ons the workloads stacks rely on', () => {
  it('turns on the Secret Manager add-on (secrets mounted by the CSI driver, never in Terraform state)', () => {
    expect(cluster(synth()).secret_manager_config).toEqual({ enabled: true });
  });
});
