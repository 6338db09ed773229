import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { NatGateway } from '@cdktf/provider-azurerm/lib/nat-gateway';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Testing } from 'cdktf';
import type { AzureNetworkStack } from '../../../stacks/azure-network/azure-network-stack';
import { azureNetworkFamily } from '../../../stacks/azure-network/family';
import { familyStack, testEnvironment } from '../../helpers/environment';
import { validateStack } from '../../helpers/terraform';

function stackFor(patch: Record<string, any> = {}): AzureNetworkStack {
  return familyStack<AzureNetworkStack>(azureNetworkFamily, testEnvironment(patch));
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
    const tags = { Environment: 'test', Owner: 'platform-team', CostCentre: 'cc-1', ManagedBy: 'cdktf-multicloud' };
    expect(synthesized).toHaveResourceWithProperties(ResourceGroup, { name: 'rg-test-network', location: 'westeurope', tags });
    expect(synthesized).toHaveResourceWithProperties(VirtualNetwork, { name: 'vnet-test', address_space: ['10.3.0.0/16'], tags });
    expect(synthesized).toHaveResourceWithProperties(Subnet, { name: 'snet-test-app', address_prefixes: ['10.3.0.0/22'] });
    expect(synthesized).toHaveResourceWithProperties(Subnet, {
      name: 'snet-test-data',
      address_prefixes: ['10.3.4.0/24'],
      delegation: [expect.objectContaining({ service_delegation: expect.objectContaining({ name: 'Microsoft.DBforPostgreSQL/flexibleServers' }) })],
    });
    expect(synthesized).toHaveResourceWithProperties(Subnet, { name: 'snet-test-aks', address_prefixes: ['10.3.16.0/20'] });
    // app, aks, apps, functions, functions-premium have egress; data does not.
    expect(Object.keys(json.resource.azurerm_subnet_nat_gateway_association)).toHaveLength(5);
  });

  it('locks every subnet down with its NSG: own block, then the allowed roles, then deny VNet and internet', () => {
    const rules = Object.values<any>(json.resource.azurerm_network_security_rule).map((r) => ({
      nsg: r.network_security_group_name.replace(/^\$\{azurerm_network_security_group\.network_subnets_([a-z]+)_nsg_[0-9A-F]{8}\.name\}$/, '$1'),
      name: r.name,
      priority: r.priority,
      access: r.access,
      source: r.source_address_prefix ?? r.source_address_prefixes,
      ports: r.destination_port_range ?? r.destination_port_ranges,
    }));
    const of = (role: string) =>
      rules
        .filter((r) => r.nsg === role)
        .sort((a, b) => a.priority - b.priority)
        .map(({ nsg: _, ...r }) => r);
    const common = (cidr: string) => [
      { name: 'allow-same-subnet-inbound', priority: 100, access: 'Allow', source: cidr, ports: '*' },
      { name: 'deny-vnet-inbound', priority: 4095, access: 'Deny', source: 'VirtualNetwork', ports: '*' },
      { name: 'deny-internet-inbound', priority: 4096, access: 'Deny', source: 'Internet', ports: '*' },
    ];
    // HTTPS to the private endpoints in app (Key Vault, ACR, function apps) from the compute subnets.
    expect(of('app')).toEqual([
      common('10.3.0.0/22')[0],
      { name: 'allow-inbound', priority: 200, access: 'Allow', source: ['10.3.8.0/23', '10.3.6.0/24', '10.3.7.0/24', '10.3.16.0/20'], ports: ['443'] },
      ...common('10.3.0.0/22').slice(1),
    ]);
    expect(of('aks')).toEqual(common('10.3.16.0/20'));
    // PostgreSQL from the application and compute subnets only.
    expect(of('data')).toEqual([
      common('10.3.4.0/24')[0],
      {
        name: 'allow-inbound',
        priority: 200,
        access: 'Allow',
        source: ['10.3.0.0/22', '10.3.16.0/20', '10.3.8.0/23', '10.3.6.0/24', '10.3.7.0/24'],
        ports: ['5432'],
      },
      ...common('10.3.4.0/24').slice(1),
    ]);
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
    expect(Object.keys(stack.outputs.subnetIds)).toEqual(['app', 'data', 'aks', 'apps', 'functions', 'functions-premium']);
    expect(Object.keys(stack.outputs.nsgIds)).toEqual(['app', 'data', 'aks', 'apps', 'functions', 'functions-premium']);
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
      apps: '10.3.8.0/23',
      functions: '10.3.6.0/24',
      'functions-premium': '10.3.7.0/24',
    });
    expect(Object.keys(json.output.subnet_ids.value).sort()).toEqual(['aks', 'app', 'apps', 'data', 'functions', 'functions-premium']);
    expect(json.output.postgres_private_dns_zone_id.value).toMatch(/^\$\{azurerm_private_dns_zone\..+\.id\}$/);
  });

  it('cannot be checked by terraform validate offline (no azurerm in the mirror), and says so', () => {
    const check = validateStack(stackFor());
    expect(check.status).toBe('not checkable');
    expect(check.detail).toMatch(/not in the mirror: .*hashicorp\/azurerm/);
  });
});

describe('AzureNetworkStack compute subnets (issue 13)', () => {
  const json = JSON.parse(Testing.synth(stackFor()));
  const subnet = (role: string) => Object.values<any>(json.resource.azurerm_subnet).find((s) => s.name === `snet-test-${role}`);

  it('keeps app, data and aks at the blocks they had before the compute roles existed', () => {
    expect(subnet('app').address_prefixes).toEqual(['10.3.0.0/22']);
    expect(subnet('data').address_prefixes).toEqual(['10.3.4.0/24']);
    expect(subnet('aks').address_prefixes).toEqual(['10.3.16.0/20']);
    expect(subnet('app').delegation).toBeUndefined();
    expect(subnet('aks').delegation).toBeUndefined();
  });

  it('delegates the Container Apps subnet to Microsoft.App/environments with the join action Azure sets', () => {
    // @see https://learn.microsoft.com/azure/container-apps/custom-virtual-networks
    expect(subnet('apps')).toMatchObject({
      address_prefixes: ['10.3.8.0/23'],
      default_outbound_access_enabled: false,
      private_endpoint_network_policies: 'Disabled',
      delegation: [
        {
          name: 'environments',
          service_delegation: { name: 'Microsoft.App/environments', actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'] },
        },
      ],
    });
    expect(subnet('apps').service_endpoints).toBeUndefined();
  });

  it('delegates the Flex Consumption subnet to Microsoft.App/environments with the Microsoft.Storage endpoint', () => {
    expect(subnet('functions')).toMatchObject({
      address_prefixes: ['10.3.6.0/24'],
      service_endpoints: ['Microsoft.Storage'],
      delegation: [
        {
          name: 'environments',
          service_delegation: { name: 'Microsoft.App/environments', actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'] },
        },
      ],
    });
  });

  it('delegates the Elastic Premium subnet to Microsoft.Web/serverFarms with the Microsoft.Storage endpoint', () => {
    expect(subnet('functions-premium')).toMatchObject({
      address_prefixes: ['10.3.7.0/24'],
      service_endpoints: ['Microsoft.Storage'],
      delegation: [
        {
          name: 'serverfarms',
          service_delegation: { name: 'Microsoft.Web/serverFarms', actions: ['Microsoft.Network/virtualNetworks/subnets/action'] },
        },
      ],
    });
  });

  it('lets the other application subnets reach the Container Apps load balancer on 80 and 443 only', () => {
    const rule = Object.values<any>(json.resource.azurerm_network_security_rule).find(
      (r) => r.name === 'allow-inbound' && /network_subnets_apps_nsg/.test(r.network_security_group_name),
    );
    expect(rule).toMatchObject({
      access: 'Allow',
      protocol: 'Tcp',
      priority: 200,
      source_address_prefixes: ['10.3.0.0/22', '10.3.16.0/20', '10.3.6.0/24', '10.3.7.0/24'],
      destination_address_prefix: '10.3.8.0/23',
      destination_port_ranges: ['80', '443'],
    });
  });
});
