import { ContainerRegistry as AzurermContainerRegistry } from '@cdktf/provider-azurerm/lib/container-registry';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { Testing } from 'cdktf';
import {
  CONTAINER_REGISTRY_SKUS,
  ContainerRegistry,
  containerRegistrySkuProblem,
  type ContainerRegistryProps,
} from '../../../modules/azure/container-registry';

const PE_SUBNET = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/endpoints';
const BASE: ContainerRegistryProps = {
  name: 'acrtest01',
  resourceGroupName: 'rg-test',
  location: 'westeurope',
  privateEndpointSubnetId: PE_SUBNET,
};

function synth(patch: Partial<ContainerRegistryProps> = {}): string {
  return Testing.synthScope((scope) => {
    new ContainerRegistry(scope, 'acr', { ...BASE, ...patch });
  });
}

function registry(out: string): Record<string, unknown> {
  const parsed = JSON.parse(out) as { resource: Record<string, Record<string, Record<string, unknown>>> };
  return Object.values(parsed.resource.azurerm_container_registry)[0];
}

describe('ContainerRegistry', () => {
  it('defaults to Premium, private, admin and anonymous pull off, zone redundant, export off', () => {
    expect(synth()).toHaveResourceWithProperties(AzurermContainerRegistry, {
      sku: 'Premium',
      admin_enabled: false,
      anonymous_pull_enabled: false,
      public_network_access_enabled: false,
      zone_redundancy_enabled: true,
      export_policy_enabled: false,
      retention_policy_in_days: 7,
    });
  });

  it('puts a private endpoint for the registry sub-resource in the given subnet', () => {
    const out = synth({ privateDnsZoneId: '/zones/privatelink.azurecr.io' });
    expect(out).toHaveResourceWithProperties(PrivateEndpoint, {
      subnet_id: PE_SUBNET,
      private_service_connection: expect.objectContaining({
        subresource_names: ['registry'],
        is_manual_connection: false,
        private_connection_resource_id: '${azurerm_container_registry.acr_resource_A2243E70.id}',
      }),
      private_dns_zone_group: { name: 'registry', private_dns_zone_ids: ['/zones/privatelink.azurecr.io'] },
    });
  });

  it('documents Standard as public: no Premium-only arguments, no endpoint', () => {
    const out = synth({ sku: 'Standard', privateEndpointSubnetId: undefined });
    const r = registry(out);
    expect(r.public_network_access_enabled).toBe(true);
    expect(r.admin_enabled).toBe(false);
    expect(r.zone_redundancy_enabled).toBeUndefined();
    expect(r.retention_policy_in_days).toBeUndefined();
    expect(r.export_policy_enabled).toBeUndefined();
    expect(out).not.toHaveResource(PrivateEndpoint);
  });

  it('exports the SKU list', () => {
    expect(CONTAINER_REGISTRY_SKUS).toEqual(['Basic', 'Standard', 'Premium']);
    expect(containerRegistrySkuProblem('Ultra')).toMatch(/use one of Basic, Standard, Premium/);
  });

  it.each([
    [{ sku: 'Ultra' as never }, /prop sku "Ultra" is not an ACR SKU; use one of Basic, Standard, Premium/],
    [{ sku: 'Basic' as const }, /prop privateEndpointSubnetId ".*needs sku Premium \(private endpoints are Premium only\); sku is Basic/],
    [{ sku: 'Standard' as const, privateEndpointSubnetId: undefined, public: false }, /prop public false is not possible with sku Standard: only Premium/],
    [{ privateEndpointSubnetId: undefined }, /prop privateEndpointSubnetId \(missing\) is required: a Premium registry without public access/],
    [{ name: 'acr-bad' }, /prop name "acr-bad" is not a registry name; use 5-50 letters and digits/],
    [{ untaggedRetentionDays: 400 }, /prop untaggedRetentionDays 400 is not allowed; use 0 to 365 days/],
  ])('refuses %p', (patch, pattern) => {
    expect(() => synth(patch)).toThrow(pattern);
  });
});
