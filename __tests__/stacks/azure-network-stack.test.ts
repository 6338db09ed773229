import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { NatGateway } from '@cdktf/provider-azurerm/lib/nat-gateway';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Testing } from 'cdktf';
import { stackName } from '../../modules/core/naming';
import { environmentTags } from '../../modules/core/tags';
import { AzureNetworkStack } from '../../stacks/azure-network-stack';
import { testEnvironment } from '../helpers/environment';
import { validateStack } from '../helpers/terraform';

function stackFor(patch: Record<string, any> = {}): AzureNetworkStack {
  const env = testEnvironment(patch);
  return new AzureNetworkStack(Testing.app(), stackName(env.name, 'azure', 'network'), { env });
}

describe('AzureNetworkStack', () => {
  const stack = stackFor();
  const synthesized = Testing.synth(stack);
  const json = JSON.parse(synthesized);

  it('is named <env>-azure-network and keeps its state in the environment bucket', () => {
    expect(stack.node.id).toBe('test-azure-network');
    expect(json.terraform.backend.s3).toEqual(
      expect.objectContaining({ bucket: 'acme-tfstate-test', key: 'test/test-azure-network.tfstate', encrypt: true }),
    );
  });

  it('configures the azurerm provider for the subscription with the required features block', () => {
    expect(synthesized).toHaveProviderWithProperties(AzurermProvider, {
      subscription_id: '00000000-0000-0000-0000-000000000000',
      features: [{}],
    });
  });

  it('builds the network from azure.network: the location, the address space and the computed subnet blocks', () => {
    const tags = environmentTags(testEnvironment());
    expect(synthesized).toHaveResourceWithProperties(ResourceGroup, { name: 'rg-test-network', location: 'westeurope', tags });
    expect(synthesized).toHaveResourceWithProperties(VirtualNetwork, { name: 'vnet-test', address_space: ['10.3.0.0/16'], tags });
    expect(synthesized).toHaveResourceWithProperties(Subnet, { name: 'snet-test-app', address_prefixes: ['10.3.0.0/22'] });
    expect(synthesized).toHaveResourceWithProperties(Subnet, {
      name: 'snet-test-data',
      address_prefixes: ['10.3.4.0/24'],
      delegation: [expect.objectContaining({ service_delegation: expect.objectContaining({ name: 'Microsoft.DBforPostgreSQL/flexibleServers' }) })],
    });
    expect(synthesized).toHaveResourceWithProperties(Subnet, { name: 'snet-test-aks', address_prefixes: ['10.3.16.0/20'] });
    expect(Object.keys(json.resource.azurerm_subnet_nat_gateway_association)).toHaveLength(2);
  });

  it('follows the file: explicit cidr, resource group name, NAT idle timeout, NAT off', () => {
    const custom = Testing.synth(
      stackFor({
        azure: {
          network: {
            resourceGroupName: 'rg-net',
            subnets: { aks: { cidr: '10.3.64.0/18' } },
            natGateway: { idleTimeoutMinutes: 10 },
          },
        },
      }),
    );
    expect(custom).toHaveResourceWithProperties(ResourceGroup, { name: 'rg-net' });
    expect(custom).toHaveResourceWithProperties(Subnet, { name: 'snet-test-aks', address_prefixes: ['10.3.64.0/18'] });
    expect(custom).toHaveResourceWithProperties(NatGateway, { idle_timeout_in_minutes: 10 });
    const off = JSON.parse(Testing.synth(stackFor({ azure: { network: { natGateway: { enabled: false } } } })));
    expect(off.resource.azurerm_nat_gateway).toBeUndefined();
    expect(off.resource.azurerm_subnet_nat_gateway_association).toBeUndefined();
    expect(off.output.nat_public_ip).toBeUndefined();
  });

  it('publishes the AzureNetworkOutputs contract, keyed by role', () => {
    expect(stack.outputs.location).toBe('westeurope');
    expect(Object.keys(stack.outputs.subnetIds)).toEqual(['app', 'data', 'aks']);
    expect(Object.keys(stack.outputs.nsgIds)).toEqual(['app', 'data', 'aks']);
    for (const value of [stack.outputs.resourceGroupName, stack.outputs.vnetId, stack.outputs.vnetName, stack.outputs.postgresPrivateDnsZoneId]) {
      expect(typeof value).toBe('string');
    }
  });

  it('outputs the ids a human needs and the computed layout', () => {
    expect(Object.keys(json.output).sort()).toEqual(
      [
        'nat_public_ip',
        'nsg_ids',
        'postgres_private_dns_zone_id',
        'resource_group_name',
        'subnet_ids',
        'subnet_layout',
        'vnet_id',
        'vnet_name',
      ].sort(),
    );
    expect(json.output.subnet_layout.value).toEqual({
      address_space: '10.3.0.0/16',
      app: '10.3.0.0/22',
      data: '10.3.4.0/24',
      aks: '10.3.16.0/20',
    });
    expect(Object.keys(json.output.subnet_ids.value).sort()).toEqual(['aks', 'app', 'data']);
    expect(json.output.postgres_private_dns_zone_id.value).toMatch(/^\$\{azurerm_private_dns_zone\..+\.id\}$/);
  });

  it('cannot be checked by terraform validate offline (no azurerm in the mirror), and says so', () => {
    const check = validateStack(stackFor());
    expect(check.status).toBe('not checkable');
    expect(check.detail).toMatch(/not in the mirror: .*hashicorp\/azurerm/);
  });
});
