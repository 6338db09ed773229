import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { Testing } from 'cdktf';
import { gcpGkeFamily } from '../../../stacks/gcp-gke/family';
import type { GcpGkeStack } from '../../../stacks/gcp-gke/gcp-gke-stack';
import { familyStack, testEnvironment } from '../../helpers/environment';
import { GCP_NETWORK } from '../../helpers/outputs';
import { validateStack } from '../../helpers/terraform';

/** The stack as the app builds it, with `fields` in an enabled `gcp.gke` that has one default pool `general`. */
function stackFor(fields: Record<string, any> = {}): GcpGkeStack {
  const env = testEnvironment({ gcp: { gke: { enabled: true, nodePools: { general: {} }, ...fields } } });
  return familyStack<GcpGkeStack>(gcpGkeFamily, env, { 'gcp-network': GCP_NETWORK });
}

const clusterOf = (json: any): any => {
  const all = Object.values(json.resource.google_container_cluster);
  expect(all).toHaveLength(1);
  return all[0];
};

describe('GcpGkeStack', () => {
  const stack = stackFor();
  const text = Testing.synth(stack);
  const json = JSON.parse(text);
  const cluster = clusterOf(json);
  const pool: any = Object.values(json.resource.google_container_node_pool)[0];

  it('configures the google provider and keeps its state in the environment bucket', () => {
    expect(text).toHaveProviderWithProperties(GoogleProvider, { project: 'acme-test-1', region: 'europe-west1' });
    expect(json.terraform.backend.s3).toMatchObject({ bucket: 'acme-tfstate-test', key: 'test/test-gcp-gke.tfstate' });
    for (const api of ['container.googleapis.com', 'cloudkms.googleapis.com']) {
      expect(text).toHaveResourceWithProperties(ProjectService, { service: api, disable_on_destroy: false });
    }
    expect(cluster.depends_on).toEqual(expect.arrayContaining(['google_project_service.api-container', 'google_project_service.api-cloudkms']));
  });

  it('is a regional cluster on the subnet and its named pod and service ranges', () => {
    expect(text).toHaveResourceWithProperties(ContainerCluster, {
      name: 'test-gke',
      location: 'europe-west1',
      network: GCP_NETWORK.networkSelfLink,
      subnetwork: GCP_NETWORK.subnetIds.main,
      networking_mode: 'VPC_NATIVE',
    });
    // The *_secondary_range_name fields conflict with the *_ipv4_cidr_block ones.
    // @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/container_cluster#nested_ip_allocation_policy
    expect(cluster.ip_allocation_policy).toEqual({ cluster_secondary_range_name: 'pods', services_secondary_range_name: 'services' });
  });

  it('has private nodes and, by default, a private endpoint reachable only from authorized networks', () => {
    // enable_private_endpoint needs enable_private_nodes.
    // @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/container_cluster#nested_private_cluster_config
    expect(cluster.private_cluster_config).toMatchObject({ enable_private_nodes: true, enable_private_endpoint: true });
    expect(cluster.master_authorized_networks_config).toEqual({ cidr_blocks: [], gcp_public_cidrs_access_enabled: false });
    const open = clusterOf(JSON.parse(Testing.synth(stackFor({ privateEndpoint: false, masterAuthorizedNetworks: [{ cidr: '10.1.0.0/20', name: 'main' }] }))));
    expect(open.private_cluster_config.enable_private_endpoint).toBe(false);
    expect(open.private_cluster_config.enable_private_nodes).toBe(true);
    expect(open.master_authorized_networks_config.cidr_blocks).toEqual([{ cidr_block: '10.1.0.0/20', display_name: 'main' }]);
  });

  it('turns on Workload Identity, Dataplane V2, shielded nodes, and off legacy ABAC and client certificates', () => {
    expect(cluster.workload_identity_config).toEqual({ workload_pool: 'acme-test-1.svc.id.goog' });
    expect(cluster.datapath_provider).toBe('ADVANCED_DATAPATH');
    expect(cluster.enable_shielded_nodes).toBe(true);
    expect(cluster.enable_legacy_abac).toBe(false);
    expect(cluster.master_auth).toEqual({ client_certificate_config: { issue_client_certificate: false } });
  });

  it('encrypts Kubernetes secrets with a rotating KMS key the stack creates, usable by the GKE service agent', () => {
    expect(cluster.database_encryption).toEqual({ state: 'ENCRYPTED', key_name: expect.stringMatching(/^\$\{google_kms_crypto_key\.[^.]+\.id\}$/) });
    expect(text).toHaveResourceWithProperties(KmsCryptoKey, { name: 'test-gke-secrets', rotation_period: '7776000s', lifecycle: { prevent_destroy: true } });
    expect(text).toHaveResourceWithProperties(KmsCryptoKeyIamMember, {
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: expect.stringMatching(/^serviceAccount:service-\$\{data\.google_project\.[^.]+\.number\}@container-engine-robot\.iam\.gserviceaccount\.com$/),
    });
    const rotated: any = Object.values(JSON.parse(Testing.synth(stackFor({ keyRotationDays: 30 }))).resource.google_kms_crypto_key)[0];
    expect(rotated.rotation_period).toBe('2592000s');
  });

  it('follows the release channel and maintenance window of the config', () => {
    expect(cluster.release_channel).toEqual({ channel: 'REGULAR' });
    expect(cluster.maintenance_policy.recurring_window).toEqual({
      start_time: '2025-01-04T03:00:00Z',
      end_time: '2025-01-04T09:00:00Z',
      recurrence: 'FREQ=WEEKLY;BYDAY=SA,SU',
    });
    const stable = clusterOf(JSON.parse(Testing.synth(stackFor({ releaseChannel: 'STABLE', maintenance: { startTime: '22:00', durationHours: 4, days: ['MO', 'TU', 'WE'] } }))));
    expect(stable.release_channel).toEqual({ channel: 'STABLE' });
    expect(stable.maintenance_policy.recurring_window).toEqual({
      start_time: '2025-01-04T22:00:00Z',
      end_time: '2025-01-05T02:00:00Z',
      recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU,WE',
    });
  });

  it('logs system components and workloads, and monitors with managed Prometheus', () => {
    expect(cluster.logging_config).toEqual({ enable_components: ['SYSTEM_COMPONENTS', 'WORKLOADS'] });
    expect(cluster.monitoring_config).toEqual({ enable_components: ['SYSTEM_COMPONENTS'], managed_prometheus: { enabled: true } });
  });

  it('is deletion-protected unless the environment turns it off', () => {
    expect(cluster.deletion_protection).toBe(true);
    expect(clusterOf(JSON.parse(Testing.synth(stackFor({ deletionProtection: false })))).deletion_protection).toBe(false);
  });

  it('removes the default node pool and manages pools separately', () => {
    expect(cluster.remove_default_node_pool).toBe(true);
    expect(cluster.node_pool).toBeUndefined();
    expect(pool.cluster).toMatch(/^\$\{google_container_cluster\.[^.]+\.id\}$/);
  });

  it('gives node pools autoscaling, auto-repair and auto-upgrade and surge upgrades', () => {
    // Per-zone and total autoscaling limits are exclusive.
    // @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/container_node_pool#total_min_node_count
    expect(pool.autoscaling).toEqual({ min_node_count: 1, max_node_count: 3, location_policy: 'BALANCED' });
    expect(pool.management).toEqual({ auto_repair: true, auto_upgrade: true });
    expect(pool.upgrade_settings).toEqual({ strategy: 'SURGE', max_surge: 1, max_unavailable: 0 });
  });

  it('runs nodes as a least-privilege account on shielded COS nodes with the GKE metadata server', () => {
    expect(pool.node_config).toMatchObject({
      machine_type: 'e2-standard-4',
      image_type: 'COS_CONTAINERD',
      service_account: expect.stringMatching(/^\$\{google_service_account\.[^.]+\.email\}$/),
      shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
      workload_metadata_config: { mode: 'GKE_METADATA' },
      metadata: { 'disable-legacy-endpoints': 'true' },
    });
    const roles = Object.values<any>(json.resource.google_project_iam_member).map((m) => m.role).sort();
    expect(roles).toEqual([
      'roles/artifactregistry.reader',
      'roles/logging.logWriter',
      'roles/monitoring.metricWriter',
      'roles/monitoring.viewer',
      'roles/stackdriver.resourceMetadata.writer',
    ]);
    expect(text).not.toHaveResourceWithProperties(ProjectIamMember, { role: 'roles/editor' });
  });

  it('puts the labels and taints of the config on the nodes, one pool per name', () => {
    const text2 = Testing.synth(
      stackFor({
        nodePools: {
          general: {},
          batch: { spot: true, labels: { workload: 'batch' }, taints: [{ key: 'workload', value: 'batch', effect: 'NO_SCHEDULE' }] },
        },
      }),
    );
    expect(text2).toHaveResourceWithProperties(ContainerNodePool, {
      name: 'batch',
      node_config: expect.objectContaining({ spot: true, labels: { workload: 'batch' }, taint: [{ key: 'workload', value: 'batch', effect: 'NO_SCHEDULE' }] }),
    });
    const ids = Object.keys(JSON.parse(text2).resource.google_container_node_pool);
    expect(ids).toContain(Object.keys(json.resource.google_container_node_pool)[0]);
  });

  it('as Autopilot, sets no Standard-only attributes and creates no node pool', () => {
    // enable_autopilot conflicts with enable_shielded_nodes, remove_default_node_pool and node pools.
    // @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/container_cluster#enable_autopilot
    const j = JSON.parse(Testing.synth(stackFor({ autopilot: true, nodePools: {} })));
    const c = clusterOf(j);
    expect(c.enable_autopilot).toBe(true);
    for (const attribute of ['enable_shielded_nodes', 'remove_default_node_pool', 'initial_node_count', 'node_config', 'datapath_provider']) {
      expect(c[attribute]).toBeUndefined();
    }
    expect(j.resource.google_container_node_pool).toBeUndefined();
    expect(c.database_encryption.state).toBe('ENCRYPTED');
  });

  it('publishes what the workloads stack needs', () => {
    expect(stack.outputs.clusterName).toBe('test-gke');
    expect(stack.outputs.location).toBe('europe-west1');
    expect(stack.outputs.workloadIdentityPool).toBe('acme-test-1.svc.id.goog');
    expect(json.output.endpoint.value).toMatch(/^\$\{google_container_cluster\.[^.]+\.endpoint\}$/);
    expect(json.output.ca_certificate.value).toMatch(/^\$\{google_container_cluster\.[^.]+\.master_auth\[0\]\.cluster_ca_certificate\}$/);
    expect(Object.keys(json.output).sort()).toEqual(['ca_certificate', 'cluster_name', 'endpoint', 'location', 'secrets_kms_key', 'workload_identity_pool']);
  });

  it('is reported not checkable by the offline terraform check (google is not in the mirror)', () => {
    const result = validateStack(stack);
    expect(result.status).toBe('not checkable');
    expect(result.detail).toMatch(/not in the mirror: .*hashicorp\/google/);
  });
});
