import { NatGateway } from '@cdktf/provider-azurerm/lib/nat-gateway';
import { NatGatewayPublicIpAssociation } from '@cdktf/provider-azurerm/lib/nat-gateway-public-ip-association';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNatGatewayAssociation } from '@cdktf/provider-azurerm/lib/subnet-nat-gateway-association';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { contains, overlaps, parseCidr, prefixOf } from '../core/cidr';

/** The private DNS zone PostgreSQL flexible servers with private access register in. */
export const POSTGRES_PRIVATE_DNS_ZONE = 'privatelink.postgres.database.azure.com';

/** The actions Azure grants each delegation (set explicitly, or every plan shows a diff). */
export const SUBNET_DELEGATION_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  'Microsoft.DBforPostgreSQL/flexibleServers': ['Microsoft.Network/virtualNetworks/subnets/join/action'],
};

/** Priority of the explicit deny-inbound-from-Internet rule: the last custom priority Azure allows. */
export const DENY_INTERNET_PRIORITY = 4096;
/** Priority of the explicit allow-inbound-from-VirtualNetwork rule (evaluated before the deny). */
export const ALLOW_VNET_PRIORITY = 4000;

/** One subnet of {@link AzureNetwork}. */
export interface AzureNetworkSubnetProps {
  /** The subnet's IPv4 block, inside the VNet's address space. */
  readonly cidr: string;
  /** Service the subnet is delegated to, e.g. `Microsoft.DBforPostgreSQL/flexibleServers`. @default - not delegated */
  readonly delegation?: string;
  /** Send the subnet's outbound internet traffic through the NAT gateway (ignored when the NAT gateway is off). @default false */
  readonly natGateway?: boolean;
  /**
   * `private_endpoint_network_policies`: whether NSGs and route tables apply to private endpoints
   * in the subnet (`Enabled`, `Disabled`, `NetworkSecurityGroupEnabled`, `RouteTableEnabled`).
   * @default 'Enabled' - the subnet's NSG and route tables also apply to its private endpoints;
   * 'Disabled' for a delegated subnet, which cannot hold private endpoints
   */
  readonly privateEndpointNetworkPolicies?: string;
}

/** Props of {@link AzureNetwork}. */
export interface AzureNetworkProps {
  /** Short name in every derived resource name (`vnet-<name>`, `snet-<name>-<role>`...), e.g. the environment name. */
  readonly name: string;
  /** Azure location of every resource, e.g. `westeurope`. */
  readonly location: string;
  /** The VNet's address space, e.g. `10.3.0.0/16`. */
  readonly addressSpace: string;
  /** Subnets keyed by role (lowercase letters, digits, `-`); each gets its own NSG. */
  readonly subnets: Readonly<Record<string, AzureNetworkSubnetProps>>;
  /** Name of the resource group the construct creates. @default `rg-<name>-network` */
  readonly resourceGroupName?: string;
  /** Create a Standard NAT gateway with one static Standard public IP for the subnets with `natGateway`. @default true */
  readonly enableNatGateway?: boolean;
  /** Idle timeout of the NAT gateway's outbound flows, 4-120 minutes. @default 4 */
  readonly natIdleTimeoutMinutes?: number;
  /** Tags for every taggable resource (azurerm has no provider default tags). @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

const ROLE = /^[a-z][a-z0-9-]*$/;
const RESOURCE_GROUP_NAME = /^[-\w.()]{0,89}[-\w()]$/;
/** VNet: 2-64; subnet, NSG, NAT gateway, public IP: 1-80. Start alphanumeric, end alphanumeric or `_`. */
const VNET_NAME = /^[A-Za-z0-9][\w.-]{0,62}\w$/;
const CHILD_NAME = /^[A-Za-z0-9](?:[\w.-]{0,78}\w)?$/;
const PE_POLICIES = ['Enabled', 'Disabled', 'NetworkSecurityGroupEnabled', 'RouteTableEnabled'];

function known(value: string | undefined): value is string {
  return value !== undefined && !Token.isUnresolved(value);
}

/**
 * An Azure virtual network with subnets by role, each locked down by its own NSG.
 *
 * Creates: the resource group; the VNet; one subnet per role (without default outbound access,
 * optionally delegated); per subnet an NSG with explicit inbound rules (allow VirtualNetwork at
 * 4000, deny Internet at 4096) associated to it; a Standard NAT gateway with a static Standard
 * public IP for the subnets that ask for it; and the private DNS zone
 * `privatelink.postgres.database.azure.com` linked to the VNet (registration off).
 *
 * NSG rules are separate `azurerm_network_security_rule` resources, so other stacks may add
 * their own rules to these NSGs (inline rules would delete them on the next apply).
 *
 * @see https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview
 * @see https://learn.microsoft.com/azure/nat-gateway/nat-overview
 */
export class AzureNetwork extends Construct {
  public readonly resourceGroup: ResourceGroup;
  public readonly virtualNetwork: VirtualNetwork;
  /** Subnets keyed by role. */
  public readonly subnets: Readonly<Record<string, Subnet>>;
  /** NSGs keyed by role. */
  public readonly networkSecurityGroups: Readonly<Record<string, NetworkSecurityGroup>>;
  /** The NAT gateway, unless disabled. */
  public readonly natGateway?: NatGateway;
  /** The NAT gateway's public IP, unless disabled. */
  public readonly natPublicIp?: PublicIp;
  public readonly postgresPrivateDnsZone: PrivateDnsZone;
  /** Subnet blocks keyed by role (known at synth). */
  public readonly layout: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: AzureNetworkProps) {
    super(scope, id);
    validate(props);
    const tags = { ...(props.tags ?? {}) };
    const enableNat = props.enableNatGateway ?? true;
    const rgName = props.resourceGroupName ?? `rg-${props.name}-network`;

    this.resourceGroup = new ResourceGroup(this, 'resource-group', { name: rgName, location: props.location, tags });
    const rg = this.resourceGroup.name;

    this.virtualNetwork = new VirtualNetwork(this, 'virtual-network', {
      name: `vnet-${props.name}`,
      location: props.location,
      resourceGroupName: rg,
      addressSpace: [props.addressSpace],
      tags,
    });

    if (enableNat) {
      const nat = new Construct(this, 'nat-gateway');
      this.natPublicIp = new PublicIp(nat, 'public-ip', {
        name: `pip-${props.name}-nat`,
        location: props.location,
        resourceGroupName: rg,
        sku: 'Standard',
        allocationMethod: 'Static',
        tags,
      });
      this.natGateway = new NatGateway(nat, 'gateway', {
        name: `ng-${props.name}`,
        location: props.location,
        resourceGroupName: rg,
        skuName: 'Standard',
        idleTimeoutInMinutes: props.natIdleTimeoutMinutes ?? 4,
        tags,
      });
      new NatGatewayPublicIpAssociation(nat, 'public-ip-association', {
        natGatewayId: this.natGateway.id,
        publicIpAddressId: this.natPublicIp.id,
      });
    }

    const subnets: Record<string, Subnet> = {};
    const nsgs: Record<string, NetworkSecurityGroup> = {};
    const subnetsScope = new Construct(this, 'subnets');
    for (const [role, spec] of Object.entries(props.subnets)) {
      const scopeOfRole = new Construct(subnetsScope, role);
      const actions = spec.delegation ? SUBNET_DELEGATION_ACTIONS[spec.delegation] : undefined;
      const subnet = new Subnet(scopeOfRole, 'subnet', {
        name: `snet-${props.name}-${role}`,
        resourceGroupName: rg,
        virtualNetworkName: this.virtualNetwork.name,
        addressPrefixes: [spec.cidr],
        // Egress only through NAT (or nothing): Azure retires implicit default outbound access.
        defaultOutboundAccessEnabled: false,
        // Private endpoints cannot live in a delegated subnet: keep Azure's default there.
        privateEndpointNetworkPolicies: spec.privateEndpointNetworkPolicies ?? (spec.delegation ? 'Disabled' : 'Enabled'),
        ...(spec.delegation
          ? {
              delegation: [
                {
                  name: spec.delegation.split('/').pop()!.toLowerCase(),
                  serviceDelegation: { name: spec.delegation, ...(actions ? { actions: [...actions] } : {}) },
                },
              ],
            }
          : {}),
      });
      const nsg = new NetworkSecurityGroup(scopeOfRole, 'nsg', {
        name: `nsg-${props.name}-${role}`,
        location: props.location,
        resourceGroupName: rg,
        tags,
      });
      new NetworkSecurityRule(scopeOfRole, 'allow-vnet-inbound', {
        name: 'allow-vnet-inbound',
        description: 'Traffic from the VNet, peered networks and VPN-connected ranges.',
        networkSecurityGroupName: nsg.name,
        resourceGroupName: rg,
        priority: ALLOW_VNET_PRIORITY,
        direction: 'Inbound',
        access: 'Allow',
        protocol: '*',
        sourceAddressPrefix: 'VirtualNetwork',
        sourcePortRange: '*',
        destinationAddressPrefix: 'VirtualNetwork',
        destinationPortRange: '*',
      });
      new NetworkSecurityRule(scopeOfRole, 'deny-internet-inbound', {
        name: 'deny-internet-inbound',
        description: 'Nothing from the internet reaches the subnet unless a rule with a lower priority number allows it.',
        networkSecurityGroupName: nsg.name,
        resourceGroupName: rg,
        priority: DENY_INTERNET_PRIORITY,
        direction: 'Inbound',
        access: 'Deny',
        protocol: '*',
        sourceAddressPrefix: 'Internet',
        sourcePortRange: '*',
        destinationAddressPrefix: '*',
        destinationPortRange: '*',
      });
      new SubnetNetworkSecurityGroupAssociation(scopeOfRole, 'nsg-association', {
        subnetId: subnet.id,
        networkSecurityGroupId: nsg.id,
      });
      if (this.natGateway && spec.natGateway) {
        new SubnetNatGatewayAssociation(scopeOfRole, 'nat-gateway-association', {
          subnetId: subnet.id,
          natGatewayId: this.natGateway.id,
        });
      }
      subnets[role] = subnet;
      nsgs[role] = nsg;
    }
    this.subnets = subnets;
    this.networkSecurityGroups = nsgs;
    this.layout = Object.fromEntries(Object.entries(props.subnets).map(([role, s]) => [role, s.cidr]));

    this.postgresPrivateDnsZone = new PrivateDnsZone(this, 'postgres-private-dns-zone', {
      name: POSTGRES_PRIVATE_DNS_ZONE,
      resourceGroupName: rg,
      tags,
    });
    new PrivateDnsZoneVirtualNetworkLink(this, 'postgres-private-dns-link', {
      name: `link-vnet-${props.name}`,
      resourceGroupName: rg,
      privateDnsZoneName: this.postgresPrivateDnsZone.name,
      virtualNetworkId: this.virtualNetwork.id,
      registrationEnabled: false,
      tags,
    });
  }

  /** Subnet ids keyed by role. */
  public get subnetIds(): Record<string, string> {
    return Object.fromEntries(Object.entries(this.subnets).map(([role, s]) => [role, s.id]));
  }

  /** NSG ids keyed by role. */
  public get nsgIds(): Record<string, string> {
    return Object.fromEntries(Object.entries(this.networkSecurityGroups).map(([role, n]) => [role, n.id]));
  }
}

/** Checks the props before any resource exists; unresolved tokens are skipped. */
function validate(props: AzureNetworkProps): void {
  const fail = (prop: string, value: unknown, why: string): never => {
    throw new Error(`AzureNetwork: ${prop} ${JSON.stringify(value)} ${why}`);
  };
  if (known(props.name)) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(props.name)) {
      fail('name', props.name, 'is not a valid name; use lowercase letters, digits and "-", starting with a letter or digit');
    }
    const derived: [string, RegExp][] = [[`vnet-${props.name}`, VNET_NAME]];
    for (const role of Object.keys(props.subnets)) {
      derived.push([`snet-${props.name}-${role}`, CHILD_NAME], [`nsg-${props.name}-${role}`, CHILD_NAME]);
    }
    for (const [name, rule] of derived) {
      if (!rule.test(name)) {
        fail(
          'name',
          props.name,
          `gives the invalid Azure name "${name}"; use a shorter name or role (VNet names have 2-64 characters, subnet and NSG names 1-80)`,
        );
      }
    }
  }
  if (known(props.resourceGroupName) && !RESOURCE_GROUP_NAME.test(props.resourceGroupName)) {
    fail(
      'resourceGroupName',
      props.resourceGroupName,
      'is not a valid resource group name; use 1-90 letters, digits, "_", "-", "." or "()", not ending with "."',
    );
  }
  const idle = props.natIdleTimeoutMinutes;
  if (idle !== undefined && !Token.isUnresolved(idle) && (!Number.isInteger(idle) || idle < 4 || idle > 120)) {
    fail('natIdleTimeoutMinutes', idle, 'is out of range; use a whole number of minutes from 4 to 120');
  }
  if (Object.keys(props.subnets).length === 0) fail('subnets', props.subnets, 'is empty; give at least one subnet');
  const space = known(props.addressSpace) ? props.addressSpace : undefined;
  const spaceProblem = space ? parseCidr(space).error : undefined;
  if (spaceProblem) fail('addressSpace', space, spaceProblem);
  const placed: [string, string][] = [];
  for (const [role, spec] of Object.entries(props.subnets)) {
    if (!ROLE.test(role)) fail('subnets key', role, 'is not a valid role; use lowercase letters, digits and "-", starting with a letter');
    const policy = spec.privateEndpointNetworkPolicies;
    if (known(policy) && !PE_POLICIES.includes(policy)) {
      fail(`subnets.${role}.privateEndpointNetworkPolicies`, policy, `is not allowed; use one of ${PE_POLICIES.join(', ')}`);
    }
    if (!known(spec.cidr)) continue;
    const problem = parseCidr(spec.cidr).error;
    if (problem) fail(`subnets.${role}.cidr`, spec.cidr, problem);
    if (prefixOf(spec.cidr) > 29) {
      fail(`subnets.${role}.cidr`, spec.cidr, 'is too small; Azure subnets are /29 or larger (5 addresses of each are reserved)');
    }
    if (space && !contains(space, spec.cidr)) {
      fail(`subnets.${role}.cidr`, spec.cidr, `is not inside addressSpace "${space}"; use a block of the address space`);
    }
    for (const [other, cidr] of placed) {
      if (overlaps(cidr, spec.cidr)) {
        fail(`subnets.${role}.cidr`, spec.cidr, `overlaps subnets.${other}.cidr "${cidr}"; use a free block of the address space`);
      }
    }
    placed.push([role, spec.cidr]);
  }
}
