import { NatGateway } from '@cdktf/provider-azurerm/lib/nat-gateway';
import { NatGatewayPublicIpAssociation } from '@cdktf/provider-azurerm/lib/nat-gateway-public-ip-association';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkWatcherFlowLog } from '@cdktf/provider-azurerm/lib/network-watcher-flow-log';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNatGatewayAssociation } from '@cdktf/provider-azurerm/lib/subnet-nat-gateway-association';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Fn, Testing } from 'cdktf';
import { AzureNetwork, type AzureNetworkProps, type AzureSubnetInbound } from '../../../modules/azure/network';
import { ValidationError } from '../../../modules/core/validation-error';

const TAGS = { Environment: 'dev', Owner: 'platform-team' };

function props(patch: Partial<AzureNetworkProps> = {}): AzureNetworkProps {
  return {
    name: 'dev',
    location: 'westeurope',
    addressSpace: '10.35.0.0/16',
    subnets: {
      app: { cidr: '10.35.0.0/22', natGateway: true },
      data: {
        cidr: '10.35.4.0/24',
        delegation: 'Microsoft.DBforPostgreSQL/flexibleServers',
        allowInbound: { fromRoles: ['app', 'aks'], tcpPorts: ['5432'] },
      },
      aks: { cidr: '10.35.16.0/20', natGateway: true },
    },
    tags: TAGS,
    ...patch,
  };
}

function synth(patch: Partial<AzureNetworkProps> = {}): string {
  return Testing.synthScope((scope) => {
    new AzureNetwork(scope, 'network', props(patch));
  });
}

/** Resources of one type, keyed by their logical id. */
function resources(json: string, type: string): Record<string, any> {
  return JSON.parse(json).resource?.[type] ?? {};
}

/** The logical id of the resource of `type` at construct path `network<path>` (cdktf joins the path with `_`). */
function idOf(json: string, type: string, path: string): string {
  const pattern = new RegExp(`^network${path.replace(/\//g, '_')}_[0-9A-F]{8}$`);
  const found = Object.keys(resources(json, type)).filter((id) => pattern.test(id));
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** The logical id of the one resource of `type`. */
function onlyId(json: string, type: string): string {
  const ids = Object.keys(resources(json, type));
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

describe('AzureNetwork', () => {
  const json = synth();

  it('creates the resource group, named rg-<name>-network by default, with the tags', () => {
    expect(json).toHaveResourceWithProperties(ResourceGroup, { name: 'rg-dev-network', location: 'westeurope', tags: TAGS });
    expect(synth({ resourceGroupName: 'rg-shared' })).toHaveResourceWithProperties(ResourceGroup, { name: 'rg-shared' });
  });

  it('creates the VNet over the address space in the resource group, with the tags', () => {
    const rg = idOf(json, 'azurerm_resource_group', '/resource-group');
    expect(json).toHaveResourceWithProperties(VirtualNetwork, {
      name: 'vnet-dev',
      location: 'westeurope',
      address_space: ['10.35.0.0/16'],
      resource_group_name: `\${azurerm_resource_group.${rg}.name}`,
      tags: TAGS,
    });
  });

  it('creates one subnet per role in the VNet, without default outbound access', () => {
    const vnet = idOf(json, 'azurerm_virtual_network', '/virtual-network');
    const subnets = Object.values(resources(json, 'azurerm_subnet'));
    expect(subnets.map((s) => [s.name, s.address_prefixes])).toEqual(
      expect.arrayContaining([
        ['snet-dev-app', ['10.35.0.0/22']],
        ['snet-dev-data', ['10.35.4.0/24']],
        ['snet-dev-aks', ['10.35.16.0/20']],
      ]),
    );
    expect(subnets).toHaveLength(3);
    for (const s of subnets) {
      expect(s.virtual_network_name).toBe(`\${azurerm_virtual_network.${vnet}.name}`);
      expect(s.default_outbound_access_enabled).toBe(false);
    }
  });

  it('delegates the data subnet to PostgreSQL flexible servers with the join action, and only that subnet', () => {
    expect(json).toHaveResourceWithProperties(Subnet, {
      name: 'snet-dev-data',
      delegation: [
        {
          name: 'flexibleservers',
          service_delegation: {
            name: 'Microsoft.DBforPostgreSQL/flexibleServers',
            actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'],
          },
        },
      ],
      private_endpoint_network_policies: 'Disabled',
    });
    const delegated = Object.values(resources(json, 'azurerm_subnet')).filter((s) => s.delegation);
    expect(delegated.map((s) => s.name)).toEqual(['snet-dev-data']);
  });

  it('applies NSGs and route tables to private endpoints of the undelegated subnets', () => {
    for (const name of ['snet-dev-app', 'snet-dev-aks']) {
      expect(json).toHaveResourceWithProperties(Subnet, { name, private_endpoint_network_policies: 'Enabled' });
    }
  });

  /** The inbound rules of the NSG of a role, keyed by rule name. */
  function rulesOf(text: string, role: string): Record<string, any> {
    const nsg = idOf(text, 'azurerm_network_security_group', `/subnets/${role}/nsg`);
    const rules = Object.values(resources(text, 'azurerm_network_security_rule')).filter(
      (r) => r.network_security_group_name === `\${azurerm_network_security_group.${nsg}.name}`,
    );
    return Object.fromEntries(rules.map((r) => [r.name, r]));
  }

  it('gives every subnet its own tagged NSG that denies Internet at 4096 and the rest of the VNet at 4095', () => {
    expect(Object.keys(resources(json, 'azurerm_network_security_group'))).toHaveLength(3);
    for (const role of ['app', 'data', 'aks']) {
      expect(json).toHaveResourceWithProperties(NetworkSecurityGroup, { name: `nsg-dev-${role}`, tags: TAGS });
      const rules = rulesOf(json, role);
      expect(rules['deny-internet-inbound']).toMatchObject({
        priority: 4096,
        direction: 'Inbound',
        access: 'Deny',
        protocol: '*',
        source_address_prefix: 'Internet',
        source_port_range: '*',
        destination_address_prefix: '*',
        destination_port_range: '*',
      });
      expect(rules['deny-vnet-inbound']).toMatchObject({
        priority: 4095,
        direction: 'Inbound',
        access: 'Deny',
        protocol: '*',
        source_address_prefix: 'VirtualNetwork',
        destination_address_prefix: '*',
        destination_port_range: '*',
      });
    }
    // Rules are separate resources, so other stacks can add theirs without the NSG removing them.
    for (const nsg of Object.values(resources(json, 'azurerm_network_security_group'))) expect(nsg.security_rule).toBeUndefined();
  });

  it('allows nothing from the whole VirtualNetwork or the Internet, only explicit blocks', () => {
    const allows = Object.values(resources(json, 'azurerm_network_security_rule')).filter(
      (r) => r.access === 'Allow' && r.direction === 'Inbound',
    );
    expect(allows.length).toBeGreaterThan(0);
    for (const r of allows) {
      expect(['VirtualNetwork', 'Internet', '*']).not.toContain(r.source_address_prefix);
      for (const prefix of r.source_address_prefixes ?? []) expect(prefix).toMatch(/^10\.35\./);
    }
  });

  it("lets each subnet's own hosts talk to each other at priority 100", () => {
    for (const [role, cidr] of [['app', '10.35.0.0/22'], ['data', '10.35.4.0/24'], ['aks', '10.35.16.0/20']]) {
      expect(rulesOf(json, role!)['allow-same-subnet-inbound']).toMatchObject({
        priority: 100,
        access: 'Allow',
        protocol: '*',
        source_address_prefix: cidr,
        destination_address_prefix: cidr,
        destination_port_range: '*',
      });
    }
  });

  it('lets only the app and aks subnets reach PostgreSQL in the data subnet, on TCP 5432', () => {
    expect(rulesOf(json, 'data')['allow-inbound']).toMatchObject({
      priority: 200,
      access: 'Allow',
      protocol: 'Tcp',
      source_address_prefixes: ['10.35.0.0/22', '10.35.16.0/20'],
      destination_address_prefix: '10.35.4.0/24',
      destination_port_ranges: ['5432'],
    });
    expect(rulesOf(json, 'app')['allow-inbound']).toBeUndefined();
    expect(rulesOf(json, 'aks')['allow-inbound']).toBeUndefined();
  });

  it('adds peered or VPN-connected private blocks to the inbound sources', () => {
    const text = synth({
      subnets: { app: { cidr: '10.35.0.0/22', allowInbound: { fromRanges: ['10.0.0.0/16'], tcpPorts: ['443', '8000-8080'] } } },
    });
    expect(rulesOf(text, 'app')['allow-inbound']).toMatchObject({
      source_address_prefixes: ['10.0.0.0/16'],
      destination_port_ranges: ['443', '8000-8080'],
    });
  });

  it('associates each NSG with the subnet of its role', () => {
    expect(Object.keys(resources(json, 'azurerm_subnet_network_security_group_association'))).toHaveLength(3);
    for (const role of ['app', 'data', 'aks']) {
      const subnet = idOf(json, 'azurerm_subnet', `/subnets/${role}/subnet`);
      const nsg = idOf(json, 'azurerm_network_security_group', `/subnets/${role}/nsg`);
      expect(json).toHaveResourceWithProperties(SubnetNetworkSecurityGroupAssociation, {
        subnet_id: `\${azurerm_subnet.${subnet}.id}`,
        network_security_group_id: `\${azurerm_network_security_group.${nsg}.id}`,
      });
    }
  });

  it('creates a Standard NAT gateway with a static Standard public IP, both tagged', () => {
    expect(json).toHaveResourceWithProperties(NatGateway, {
      name: 'ng-dev',
      sku_name: 'Standard',
      idle_timeout_in_minutes: 4,
      tags: TAGS,
    });
    expect(json).toHaveResourceWithProperties(PublicIp, {
      name: 'pip-dev-nat',
      sku: 'Standard',
      allocation_method: 'Static',
      tags: TAGS,
    });
    const nat = onlyId(json, 'azurerm_nat_gateway');
    const pip = onlyId(json, 'azurerm_public_ip');
    expect(json).toHaveResourceWithProperties(NatGatewayPublicIpAssociation, {
      nat_gateway_id: `\${azurerm_nat_gateway.${nat}.id}`,
      public_ip_address_id: `\${azurerm_public_ip.${pip}.id}`,
    });
    expect(synth({ natIdleTimeoutMinutes: 30 })).toHaveResourceWithProperties(NatGateway, { idle_timeout_in_minutes: 30 });
  });

  it('associates the NAT gateway with the app and aks subnets only', () => {
    const nat = onlyId(json, 'azurerm_nat_gateway');
    const associated = Object.values(resources(json, 'azurerm_subnet_nat_gateway_association'));
    const expected = ['app', 'aks'].map((role) => `\${azurerm_subnet.${idOf(json, 'azurerm_subnet', `/subnets/${role}/subnet`)}.id}`);
    expect(associated.map((a) => a.subnet_id).sort()).toEqual(expected.sort());
    for (const a of associated) expect(a.nat_gateway_id).toBe(`\${azurerm_nat_gateway.${nat}.id}`);
    expect(json).toHaveResourceWithProperties(SubnetNatGatewayAssociation, { subnet_id: expected[0] });
  });

  it('creates no NAT gateway, public IP or NAT association when disabled', () => {
    const off = synth({ enableNatGateway: false });
    for (const type of ['azurerm_nat_gateway', 'azurerm_public_ip', 'azurerm_nat_gateway_public_ip_association', 'azurerm_subnet_nat_gateway_association']) {
      expect(resources(off, type)).toEqual({});
    }
  });

  it('creates the PostgreSQL private DNS zone and links it to the VNet without auto-registration', () => {
    expect(json).toHaveResourceWithProperties(PrivateDnsZone, {
      name: 'privatelink.postgres.database.azure.com',
      tags: TAGS,
    });
    const zone = idOf(json, 'azurerm_private_dns_zone', '/postgres-private-dns-zone');
    const vnet = idOf(json, 'azurerm_virtual_network', '/virtual-network');
    expect(json).toHaveResourceWithProperties(PrivateDnsZoneVirtualNetworkLink, {
      name: 'link-vnet-dev',
      private_dns_zone_name: `\${azurerm_private_dns_zone.${zone}.name}`,
      virtual_network_id: `\${azurerm_virtual_network.${vnet}.id}`,
      registration_enabled: false,
      tags: TAGS,
    });
  });

  it('tags every taggable resource', () => {
    const parsed = JSON.parse(json).resource as Record<string, Record<string, any>>;
    const taggable = [
      'azurerm_resource_group',
      'azurerm_virtual_network',
      'azurerm_network_security_group',
      'azurerm_nat_gateway',
      'azurerm_public_ip',
      'azurerm_private_dns_zone',
      'azurerm_private_dns_zone_virtual_network_link',
    ];
    for (const type of taggable) {
      expect(Object.keys(parsed[type] ?? {}).length).toBeGreaterThan(0);
      for (const r of Object.values(parsed[type]!)) expect(r.tags).toEqual(TAGS);
    }
  });

  it('creates no flow log unless asked, and a VNet flow log with 90-day retention when asked', () => {
    expect(json).not.toHaveResource(NetworkWatcherFlowLog);
    const text = synth({
      flowLog: { networkWatcherName: 'NetworkWatcher_westeurope', networkWatcherResourceGroupName: 'NetworkWatcherRG', storageAccountId: 'sa-id' },
    });
    const vnet = idOf(text, 'azurerm_virtual_network', '/virtual-network');
    expect(text).toHaveResourceWithProperties(NetworkWatcherFlowLog, {
      name: 'fl-vnet-dev',
      network_watcher_name: 'NetworkWatcher_westeurope',
      resource_group_name: 'NetworkWatcherRG',
      target_resource_id: `\${azurerm_virtual_network.${vnet}.id}`,
      storage_account_id: 'sa-id',
      enabled: true,
      version: 2,
      retention_policy: { enabled: true, days: 90 },
      tags: TAGS,
    });
  });

  describe('stable addresses', () => {
    function addresses(text: string): string[] {
      return Object.entries(JSON.parse(text).resource as Record<string, object>).flatMap(([type, byId]) =>
        Object.keys(byId).map((id) => `${type}.${id}`),
      );
    }

    it('keeps every other address when a middle subnet role is removed', () => {
      const before = addresses(synth());
      const { app, aks } = props().subnets;
      const after = addresses(synth({ subnets: { app: app!, aks: aks! } }));
      const removed = before.filter((a) => !after.includes(a));
      expect(removed.length).toBeGreaterThan(0);
      for (const a of removed) expect(a).toMatch(/\.network_subnets_data_/);
      expect(after.filter((a) => !before.includes(a))).toEqual([]);
    });

    it.each<[string, AzureSubnetInbound, AzureSubnetInbound]>([
      ['fromRoles', { fromRoles: ['app', 'aks', 'web'], tcpPorts: ['5432'] }, { fromRoles: ['app', 'web'], tcpPorts: ['5432'] }],
      [
        'fromRanges',
        { fromRanges: ['10.0.0.0/16', '10.1.0.0/16', '10.2.0.0/16'], tcpPorts: ['5432'] },
        { fromRanges: ['10.0.0.0/16', '10.2.0.0/16'], tcpPorts: ['5432'] },
      ],
      ['tcpPorts', { fromRoles: ['app'], tcpPorts: ['5432', '6432', '8080'] }, { fromRoles: ['app'], tcpPorts: ['5432', '8080'] }],
    ])('keeps every address when a middle entry of allowInbound.%s is removed', (_prop, full, reduced) => {
      const withInbound = (allowInbound: AzureSubnetInbound) =>
        synth({
          subnets: {
            app: { cidr: '10.35.0.0/22' },
            aks: { cidr: '10.35.16.0/20' },
            web: { cidr: '10.35.8.0/24' },
            data: { cidr: '10.35.4.0/24', allowInbound },
          },
        });
      expect(addresses(withInbound(reduced))).toEqual(addresses(withInbound(full)));
    });
  });

  it('exposes subnet and NSG ids and the layout keyed by role', () => {
    Testing.synthScope((scope) => {
      const network = new AzureNetwork(scope, 'network', props());
      expect(Object.keys(network.subnetIds)).toEqual(['app', 'data', 'aks']);
      expect(Object.keys(network.nsgIds)).toEqual(['app', 'data', 'aks']);
      expect(network.layout).toEqual({ app: '10.35.0.0/22', data: '10.35.4.0/24', aks: '10.35.16.0/20' });
    });
  });
});

describe('AzureNetwork prop checks', () => {
  it.each<[string, Partial<AzureNetworkProps>, RegExp]>([
    ['a subnet outside the address space', { subnets: { app: { cidr: '10.9.0.0/24' } } }, /subnets\.app\.cidr "10\.9\.0\.0\/24" is not inside addressSpace "10\.35\.0\.0\/16"; use a block/],
    [
      'overlapping subnets',
      { subnets: { app: { cidr: '10.35.0.0/22' }, aks: { cidr: '10.35.2.0/24' } } },
      /subnets\.aks\.cidr "10\.35\.2\.0\/24" overlaps subnets\.app\.cidr "10\.35\.0\.0\/22"; use a free block/,
    ],
    ['a subnet smaller than /29', { subnets: { app: { cidr: '10.35.0.0/30' } } }, /subnets\.app\.cidr "10\.35\.0\.0\/30" is too small; Azure subnets are \/29 or larger/],
    ['a bad address space', { addressSpace: '10.35.0.1/16' }, /addressSpace "10\.35\.0\.1\/16" has host bits set/],
    ['no subnets', { subnets: {} }, /subnets \{\} is empty; give at least one subnet/],
    ['a bad role', { subnets: { App: { cidr: '10.35.0.0/24' } } }, /prop subnets "App" is not a valid role key; use lowercase letters/],
    [
      'an inbound rule from an unknown role',
      { subnets: { app: { cidr: '10.35.0.0/24' }, data: { cidr: '10.35.4.0/24', allowInbound: { fromRoles: ['web'], tcpPorts: ['5432'] } } } },
      /prop subnets\.data\.allowInbound\.fromRoles\[0\] "web" is not a subnet role of this network; use one of app, data/,
    ],
    [
      'an inbound rule from the subnet itself',
      { subnets: { data: { cidr: '10.35.4.0/24', allowInbound: { fromRoles: ['data'], tcpPorts: ['5432'] } } } },
      /prop subnets\.data\.allowInbound\.fromRoles\[0\] "data" is the subnet itself/,
    ],
    [
      'an inbound rule from the internet',
      { subnets: { data: { cidr: '10.35.4.0/24', allowInbound: { fromRanges: ['0.0.0.0/0'], tcpPorts: ['5432'] } } } },
      /prop subnets\.data\.allowInbound\.fromRanges\[0\] "0\.0\.0\.0\/0" is not a private block; use the RFC 1918 range/,
    ],
    [
      'an inbound rule without a source',
      { subnets: { data: { cidr: '10.35.4.0/24', allowInbound: { tcpPorts: ['5432'] } } } },
      /prop subnets\.data\.allowInbound .* has no source; give fromRoles \(subnet roles\) or fromRanges/,
    ],
    [
      'an inbound rule with a bad port',
      { subnets: { app: { cidr: '10.35.0.0/24' }, data: { cidr: '10.35.4.0/24', allowInbound: { fromRoles: ['app'], tcpPorts: ['0'] } } } },
      /prop subnets\.data\.allowInbound\.tcpPorts\[0\] "0" is not a TCP port; use a port \("5432"\), a range \("8000-8080"\) within 1-65535, or "\*"/,
    ],
    [
      'an inbound rule without ports',
      { subnets: { app: { cidr: '10.35.0.0/24' }, data: { cidr: '10.35.4.0/24', allowInbound: { fromRoles: ['app'], tcpPorts: [] } } } },
      /prop subnets\.data\.allowInbound\.tcpPorts \[\] is empty; give at least one TCP port/,
    ],
    [
      'a flow log retention out of range',
      { flowLog: { networkWatcherName: 'nw', networkWatcherResourceGroupName: 'rg', storageAccountId: 'sa', retentionDays: 400 } },
      /prop flowLog\.retentionDays 400 is out of range; use a whole number of days from 1 to 365/,
    ],
    ['a bad name', { name: 'Dev_1' }, /name "Dev_1" is not a valid name; use lowercase letters, digits and "-"/],
    ['a name too long for the VNet (64 characters)', { name: 'a'.repeat(60) }, /name "a{60}" gives the invalid Azure name "vnet-a{60}"; use a shorter name/],
    [
      'a name too long for an NSG (80 characters)',
      { name: 'a'.repeat(59), subnets: { 'role-with-a-long-name': { cidr: '10.35.0.0/24' } } },
      /gives the invalid Azure name "snet-a{59}-role-with-a-long-name"; use a shorter name or role \(VNet names have 2-64 characters, subnet and NSG names 1-80\)/,
    ],
    ['a bad resource group name', { resourceGroupName: 'rg.' }, /resourceGroupName "rg\." is not a valid resource group name/],
    ['an idle timeout out of range', { natIdleTimeoutMinutes: 121 }, /natIdleTimeoutMinutes 121 is out of range; use a whole number of minutes from 4 to 120/],
    [
      'an unknown private endpoint policy',
      { subnets: { app: { cidr: '10.35.0.0/24', privateEndpointNetworkPolicies: 'On' } } },
      /subnets\.app\.privateEndpointNetworkPolicies "On" is not allowed; use one of Enabled, Disabled/,
    ],
  ])('rejects %s, quoting the prop, the value and the fix', (_what, patch, message) => {
    expect(() => synth(patch)).toThrow(ValidationError);
    expect(() => synth(patch)).toThrow(message);
  });

  it('accepts the longest names Azure allows', () => {
    expect(() => synth({ name: 'a'.repeat(59) })).not.toThrow();
  });

  it('skips unresolved tokens', () => {
    expect(() => synth({ addressSpace: Fn.element(['10.35.0.0/16'], 0), name: Fn.lower('DEV') })).not.toThrow();
  });
});

describe('AzureNetwork service endpoints and compute delegations (issue 13)', () => {
  it('sets the service endpoints of a subnet, and none where none are given', () => {
    const json = synth({
      subnets: { ...props().subnets, functions: { cidr: '10.35.6.0/24', delegation: 'Microsoft.App/environments', serviceEndpoints: ['Microsoft.Storage'] } },
    });
    const subnets = Object.values<any>(resources(json, 'azurerm_subnet'));
    expect(subnets.find((s) => s.name === 'snet-dev-functions')).toMatchObject({
      service_endpoints: ['Microsoft.Storage'],
      delegation: [{ name: 'environments', service_delegation: { name: 'Microsoft.App/environments', actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'] } }],
    });
    expect(subnets.find((s) => s.name === 'snet-dev-app').service_endpoints).toBeUndefined();
  });

  it('sets the action Azure grants a Microsoft.Web/serverFarms delegation (no perpetual diff)', () => {
    const json = synth({ subnets: { ...props().subnets, web: { cidr: '10.35.7.0/24', delegation: 'Microsoft.Web/serverFarms' } } });
    const web = Object.values<any>(resources(json, 'azurerm_subnet')).find((s) => s.name === 'snet-dev-web');
    expect(web.delegation[0].service_delegation).toEqual({ name: 'Microsoft.Web/serverFarms', actions: ['Microsoft.Network/virtualNetworks/subnets/action'] });
  });

  it('refuses a service endpoint that is not Microsoft.<Service>, naming the subnet', () => {
    expect(() => synth({ subnets: { ...props().subnets, app: { cidr: '10.35.0.0/22', serviceEndpoints: ['storage'] } } })).toThrow(
      /prop subnets\.app\.serviceEndpoints\[0\] "storage" is not a service endpoint; use Microsoft\.<Service> \(e\.g\. Microsoft\.Storage, Microsoft\.KeyVault\)/,
    );
  });
});
