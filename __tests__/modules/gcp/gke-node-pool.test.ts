import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { Testing } from 'cdktf';
import { GkeNodePool, type GkeNodePoolProps } from '../../../modules/gcp/gke-node-pool';

const BASE: GkeNodePoolProps = {
  project: 'acme-test-1',
  clusterName: 'apps',
  clusterId: 'projects/acme-test-1/locations/europe-west1/clusters/apps',
  location: 'europe-west1',
  nodePoolName: 'general',
};

function synth(patch: Partial<GkeNodePoolProps> = {}): string {
  return Testing.synthScope((scope) => {
    new GkeNodePool(scope, 'pool', { ...BASE, ...patch });
  });
}

function pool(json: string): any {
  const all = Object.values(JSON.parse(json).resource.google_container_node_pool ?? {});
  expect(all).toHaveLength(1);
  return all[0];
}

describe('GkeNodePool', () => {
  describe('secure defaults', () => {
    const json = synth();
    const p = pool(json);

    it('runs nodes as a service account of their own with exactly the least-privilege roles', () => {
      expect(json).toHaveResourceWithProperties(ServiceAccount, { account_id: 'apps-general-nodes' });
      const roles = Object.values(JSON.parse(json).resource.google_project_iam_member).map((m: any) => m.role);
      expect(roles.sort()).toEqual([
        'roles/artifactregistry.reader',
        'roles/logging.logWriter',
        'roles/monitoring.metricWriter',
        'roles/monitoring.viewer',
        'roles/stackdriver.resourceMetadata.writer',
      ]);
      expect(p.node_config.service_account).toMatch(
        /^\$\{google_service_account\.pool_service-account_[A-Z0-9]+\.email\}$/
      );
      expect(p.depends_on).toHaveLength(5);
    });

    it('autoscales 1-3 nodes per zone, repairs and upgrades itself with surge', () => {
      expect(p.autoscaling).toEqual({ min_node_count: 1, max_node_count: 3, location_policy: 'BALANCED' });
      expect(p.management).toEqual({ auto_repair: true, auto_upgrade: true });
      expect(p.upgrade_settings).toEqual({ strategy: 'SURGE', max_surge: 1, max_unavailable: 0 });
    });

    it('never sets node_count or version beside autoscaling and auto-upgrade (provider conflicts)', () => {
      // @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/container_node_pool#node_count
      expect(p.node_count).toBeUndefined();
      expect(p.version).toBeUndefined();
      expect(p.name_prefix).toBeUndefined();
      expect(p.initial_node_count).toBe(1);
      expect(p.lifecycle).toEqual({ ignore_changes: ['initial_node_count'] });
    });

    it('uses shielded COS containerd nodes with the GKE metadata server', () => {
      expect(p.node_config).toEqual(
        expect.objectContaining({
          image_type: 'COS_CONTAINERD',
          shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
          workload_metadata_config: { mode: 'GKE_METADATA' },
          metadata: { 'disable-legacy-endpoints': 'true' },
          oauth_scopes: ['https://www.googleapis.com/auth/cloud-platform'],
          machine_type: 'e2-standard-4',
          disk_type: 'pd-balanced',
          disk_size_gb: 100,
          spot: false,
        })
      );
    });

    it('belongs to the given cluster and location', () => {
      expect(json).toHaveResourceWithProperties(ContainerNodePool, {
        cluster: 'projects/acme-test-1/locations/europe-west1/clusters/apps',
        location: 'europe-west1',
        name: 'general',
      });
    });
  });

  it('sets labels and taints', () => {
    const p = pool(
      synth({ labels: { workload: 'batch' }, taints: [{ key: 'dedicated', value: 'batch', effect: 'NO_SCHEDULE' }] })
    );
    expect(p.node_config.labels).toEqual({ workload: 'batch' });
    expect(p.node_config.taint).toEqual([{ key: 'dedicated', value: 'batch', effect: 'NO_SCHEDULE' }]);
  });

  it('uses total limits alone when given', () => {
    const p = pool(
      synth({ minNodesPerZone: undefined, maxNodesPerZone: undefined, totalMinNodes: 2, totalMaxNodes: 9 })
    );
    expect(p.autoscaling).toEqual({ total_min_node_count: 2, total_max_node_count: 9, location_policy: 'BALANCED' });
  });

  describe('rejects bad input', () => {
    it.each<[string, Partial<GkeNodePoolProps>, RegExp]>([
      ['min > max nodes', { minNodesPerZone: 4, maxNodesPerZone: 2 }, /prop minNodesPerZone .*use min <= max/],
      [
        'per-zone and total limits together',
        { maxNodesPerZone: 3, totalMinNodes: 1, totalMaxNodes: 5 },
        /prop totalMinNodes .*cannot be combined with minNodesPerZone\/maxNodesPerZone/,
      ],
      ['only one total limit', { totalMaxNodes: 5 }, /prop totalMaxNodes .*needs both totalMinNodes and totalMaxNodes/],
      ['zero maximum nodes', { maxNodesPerZone: 0, minNodesPerZone: 0 }, /prop maxNodesPerZone 0 .*use 1-1000/],
      ['a tiny disk', { diskSizeGb: 5 }, /prop diskSizeGb 5 .*use 10-65536 GB/],
      [
        'an unknown taint effect',
        { taints: [{ key: 'a', value: 'b', effect: 'NoSchedule' as any }] },
        /prop taints\[0\]\.effect "NoSchedule" .*NO_SCHEDULE, PREFER_NO_SCHEDULE, NO_EXECUTE/,
      ],
      [
        'upgrades that can make no progress',
        { maxSurge: 0, maxUnavailable: 0 },
        /prop maxSurge .*maxSurge \+ maxUnavailable >= 1/,
      ],
      ['an upper-case pool name', { nodePoolName: 'General' }, /prop nodePoolName "General" .*lower-case/],
      ['a bad service account id', { serviceAccountId: 'ab' }, /prop serviceAccountId "ab" .*6-30/],
    ])('rejects %s', (_name, patch, pattern) => {
      expect(() => synth(patch)).toThrow(pattern);
    });
  });
});
