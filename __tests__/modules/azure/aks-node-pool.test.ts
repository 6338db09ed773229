import { KubernetesClusterNodePool } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
import { Testing } from 'cdktf';
import { AksNodePool, aksNodePoolNameProblem, type AksNodePoolProps } from '../../../modules/azure/aks-node-pool';

const SUBNET = '/subnets/aks';
const BASE: AksNodePoolProps = { clusterId: '/clusters/aks', name: 'apps', vnetSubnetId: SUBNET };

function synth(patch: Partial<AksNodePoolProps> = {}): string {
  return Testing.synthScope((scope) => {
    new AksNodePool(scope, `pool-${patch.name ?? BASE.name}`, { ...BASE, ...patch });
  });
}

describe('AksNodePool', () => {
  it('is an autoscaled Linux user pool across three zones without public IPs', () => {
    expect(synth()).toHaveResourceWithProperties(KubernetesClusterNodePool, {
      name: 'apps',
      kubernetes_cluster_id: '/clusters/aks',
      mode: 'User',
      os_type: 'Linux',
      os_sku: 'AzureLinux',
      vnet_subnet_id: SUBNET,
      zones: ['1', '2', '3'],
      auto_scaling_enabled: true,
      min_count: 1,
      max_count: 5,
      node_public_ip_enabled: false,
      temporary_name_for_rotation: 'appstmp',
    });
  });

  it('sets labels and taints', () => {
    expect(synth({ labels: { workload: 'batch' }, taints: ['workload=batch:NoSchedule'], minCount: 0, maxCount: 10 })).toHaveResourceWithProperties(
      KubernetesClusterNodePool,
      { node_labels: { workload: 'batch' }, node_taints: ['workload=batch:NoSchedule'], min_count: 0, max_count: 10 },
    );
  });

  it.each([
    [{ name: 'System' }, /prop name "System" is not a node pool name; use 1-12 lower-case letters and digits/],
    [{ name: 'averylongpoolname' }, /prop name "averylongpoolname" is not a node pool name/],
    [{ name: 'system' }, /prop name "system" is the name of the system pool/],
    [{ minCount: 4, maxCount: 2 }, /prop minCount .* 0 <= minCount <= maxCount/],
    [{ taints: ['workload=batch:Sometimes'] }, /prop taints\[0\] "workload=batch:Sometimes" is not a taint; use key=value:Effect with Effect one of NoSchedule, PreferNoSchedule, NoExecute/],
    [{ zones: [] }, /prop zones \[\] is not allowed; use distinct zones among "1", "2", "3"/],
    [{ maxPods: 5 }, /prop maxPods 5 is not allowed; use 10 to 250 pods per node/],
  ])('refuses %p', (patch, pattern) => {
    expect(() => synth(patch)).toThrow(pattern);
  });

  it('exports the name rule', () => {
    expect(aksNodePoolNameProblem('gpu1')).toBeUndefined();
  });
});
