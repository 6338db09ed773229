import { ContainerAppEnvironment as AzurermContainerAppEnvironment } from '@cdktf/provider-azurerm/lib/container-app-environment';
import { Testing } from 'cdktf';
import {
  CONTAINER_APP_WORKLOAD_PROFILE_TYPES,
  ContainerAppEnvironment,
  type ContainerAppEnvironmentProps,
} from '../../../modules/azure/container-app-environment';

const SUBNET = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/apps';
const BASE: ContainerAppEnvironmentProps = {
  name: 'cae-test',
  resourceGroupName: 'rg-test',
  location: 'westeurope',
  infrastructureSubnetId: SUBNET,
  logAnalyticsWorkspaceId: '/workspaces/log',
};

function synth(patch: Partial<ContainerAppEnvironmentProps> = {}): string {
  return Testing.synthScope((scope) => {
    new ContainerAppEnvironment(scope, 'env', { ...BASE, ...patch });
  });
}

describe('ContainerAppEnvironment', () => {
  it('sits on the subnet behind an internal load balancer, zone redundant, logging to Log Analytics', () => {
    expect(synth()).toHaveResourceWithProperties(AzurermContainerAppEnvironment, {
      infrastructure_subnet_id: SUBNET,
      internal_load_balancer_enabled: true,
      zone_redundancy_enabled: true,
      logs_destination: 'log-analytics',
      mutual_tls_enabled: false,
      log_analytics_workspace_id: '/workspaces/log',
      workload_profile: [{ name: 'Consumption', workload_profile_type: 'Consumption' }],
    });
  });

  it('adds dedicated profiles after Consumption, sorted by name', () => {
    expect(
      synth({ workloadProfiles: { memory: { type: 'E8', maximumCount: 2 }, general: { type: 'D4', minimumCount: 0 } } }),
    ).toHaveResourceWithProperties(AzurermContainerAppEnvironment, {
      workload_profile: [
        { name: 'Consumption', workload_profile_type: 'Consumption' },
        { name: 'general', workload_profile_type: 'D4', minimum_count: 0, maximum_count: 3 },
        { name: 'memory', workload_profile_type: 'E8', minimum_count: 1, maximum_count: 2 },
      ],
    });
  });

  it('turns the internal load balancer off only when asked', () => {
    expect(synth({ internal: false })).toHaveResourceWithProperties(AzurermContainerAppEnvironment, {
      internal_load_balancer_enabled: false,
    });
  });

  it.each([
    [{ workloadProfiles: { general: { type: 'D3' as never } } }, /prop workloadProfiles.general.type "D3" is not a workload profile type; use one of D4, D8, D16, D32, E4, E8, E16, E32/],
    [{ workloadProfiles: { Consumption: { type: 'D4' as const } } }, /prop workloadProfiles.Consumption "Consumption" is not a dedicated profile name/],
    [{ workloadProfiles: { general: { type: 'D4' as const, minimumCount: 4, maximumCount: 2 } } }, /prop workloadProfiles.general.minimumCount .* 0 <= minimumCount <= maximumCount/],
  ])('refuses %p', (patch, pattern) => {
    expect(() => synth(patch)).toThrow(pattern);
  });

  it('exports the profile types', () => {
    expect(CONTAINER_APP_WORKLOAD_PROFILE_TYPES).toContain('D4');
  });
});
