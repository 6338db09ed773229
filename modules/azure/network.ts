import { NatGateway } from '@cdktf/provider-azurerm/lib/nat-gateway';
import { NatGatewayPublicIpAssociation } from '@cdktf/provider-azurerm/lib/nat-gateway-public-ip-association';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule, type NetworkSecurityRuleConfig } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { NetworkWatcherFlowLog } from '@cdktf/provider-azurerm/lib/network-watcher-flow-log';
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
import { contains, isPrivate, overlaps, parseCidr, prefixOf } from '../core/cidr';
import { ValidationError } from '../core/validation-error';

/** The private DNS zone PostgreSQL flexible servers with private access register in. */
export const POSTGRES_PRIVATE_DNS_ZONE = 'privatelink.postgres.database.azure.com';

/**
 * The actions Azure grants each delegation (set explicitly, or every plan shows a diff).
 *
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/subnet#actions
 */
export const SUBNET_DELEGATION_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  'Microsoft.DBforPostgreSQL/flexibleServers': ['Microsoft.Network/virtualNetworks/subnets/join/action'],
  // Container Apps workload-profile environments and Flex Consumption function apps.
  'Microsoft.App/environments': ['Microsoft.Network/virtualNetworks/subnets/join/action'],
  // App Service / Elastic Premium regional VNet integration.
  'Microsoft.Web/serverFarms': ['Microsoft.Network/virtualNetworks/subnets/action'],
};

/** Priority of the explicit deny-inbound-from-Internet rule: the last custom priority Azure allows. */
export const DENY_INTERNET_PRIORITY = 4096;
/**
 * Priority of the deny-inbound-from-VirtualNetwork rule. It shadows Azure's default
 * AllowVnetInBound (65000), so only the explicit allows below (and rules other stacks add with a
 * lower number) let VNet, peered or VPN traffic in.
 * @see https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview#default-security-rules
 */
export const DENY_VNET_PRIORITY = 4095;
/** Priority of the rule that lets a subnet's own hosts talk to each other. */
export const ALLOW_SAME_SUBNET_PRIORITY = 100;
/** Priority of the rule that lets the subnet's `allowInbound` sources in. */
export const ALLOW_INBOUND_PRIORITY = 200;

/** What {@link AzureNetwork} does when a prop is left out. */
export const AZURE_NETWORK_DEFAULTS = {
  enableNatGateway: true,
  natIdleTimeoutMinutes: 4,
  /** Per subnet: send outbound traffic through the NAT gateway. */
  natGateway: false,
  /** Per subnet: NSGs and route tables also apply to private endpoints. */
  privateEndpointNetworkPolicies: 'Enabled',
  /** A delegated subnet cannot hold private endpoints: Azure's own value. */
  delegatedPrivateEndpointNetworkPolicies: 'Disabled',
  flowLogRetentionDays: 90,
} as const;

/** Limits {@link AzureNetwork} checks its props against. */
export const AZURE_NETWORK_LIMITS = {
  minNatIdleTimeoutMinutes: 4,
  maxNatIdleTimeoutMinutes: 120,
  /** Smallest subnet: /29 (Azure keeps 5 addresses of each). */
  maxSubnetPrefixLength: 29,
  maxVnetNameLength: 64,
  maxSubnetNameLength: 80,
  minFlowLogRetentionDays: 1,
  maxFlowLogRetentionDays: 365,
} as const;

/** The resource group {@link AzureNetwork} creates when `resourceGroupName` is left out. */
export function defaultAzureNetworkResourceGroupName(name: string): string {
  return `rg-${name}-network`;
}

/** VNet traffic let into a subnet besides its own hosts' (everything else from the VNet is denied). */
export interface AzureSubnetInbound {
  /** Roles of the subnets of this network allowed in. @default [] */
  readonly fromRoles?: readonly string[];
  /** Further private source blocks (peered or VPN-connected networks). @default [] */
  readonly fromRanges?: readonly string[];
  /** Destination TCP ports (`"5432"`) or ranges (`"8000-8080"`), or `"*"` for all. */
  readonly tcpPorts: readonly string[];
}

/**
 * VNet flow logs (they replace NSG flow logs, which Azure stopped creating on 2025-06-30).
 * @see https://learn.microsoft.com/azure/network-watcher/vnet-flow-logs-overview
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/network_watcher_flow_log
 */
export interface AzureNetworkFlowLog {
  /** Network Watcher of the location (Azure creates `NetworkWatcher_<location>` in `NetworkWatcherRG`). */
  readonly networkWatcherName: string;
  /** Resource group of that Network Watcher. */
  readonly networkWatcherResourceGroupName: string;
  /** Storage account the logs are written to (same location as the VNet). */
  readonly storageAccountId: string;
  /** Days the logs are kept, 1-365. @default 90 */
  readonly retentionDays?: number;
}

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
  /** VNet traffic allowed in besides the subnet's own hosts', e.g. PostgreSQL from `app` and `aks`. @default - none */
  readonly allowInbound?: AzureSubnetInbound;
  /**
   * Service endpoints of the subnet, e.g. `Microsoft.Storage` so a function app's integration subnet
   * passes its storage account's firewall. @default - none
   */
  readonly serviceEndpoints?: readonly string[];
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
  /**
   * VNet flow logs to a storage account.
   *
   * @default - none: the storage account (and its retention and access) belongs to a logging
   * stack, and the Network Watcher to the subscription; pass them here to log every flow
   */
  readonly flowLog?: AzureNetworkFlowLog;
  /** Tags for every taggable resource (azurerm has no provider default tags). @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

const ROLE = /^[a-z][a-z0-9-]*$/;
const RESOURCE_GROUP_NAME = /^[-\w.()]{0,89}[-\w()]$/;
/** VNet: 2-64; subnet, NSG, NAT gateway, public IP: 1-80. Start alphanumeric, end alphanumeric or `_`. */
const VNET_NAME = /^[A-Za-z0-9][\w.-]{0,62}\w$/;
const CHILD_NAME = /^[A-Za-z0-9](?:[\w.-]{0,78}\w)?$/;
/** A service endpoint name: `Microsoft.Storage`, `Microsoft.Storage.Global`, `Microsoft.KeyVault`... */
const SERVICE_ENDPOINT = /^Microsoft\.[A-Za-z]+(\.[A-Za-z]+)?$/;
const PE_POLICIES = ['Enabled', 'Disabled', 'NetworkSecurityGroupEnabled', 'RouteTableEnabled'];

/** What an inbound rule of a subnet's NSG sets besides the NSG, name, direction and source port. */
type InboundRuleConfig = Omit<
  NetworkSecurityRuleConfig,
  'networkSecurityGroupName' | 'resourceGroupName' | 'name' | 'direction' | 'sourcePortRange'
>;

const PORT_OR_RANGE = /^(\d{1,5})(?:-(\d{1,5}))?$/;

function known(value: string | undefined): value is string {
  return value !== undefined && !Token.isUnresolved(value);
}

/**
 * An Azure virtual network with subnets by role, each locked down by its own NSG.
 *
 * Creates: the resource group; the VNet; one subnet per role (without default outbound access,
 * optionally delegated); per subnet an NSG associated to it with explicit inbound rules: the
 * subnet's own block (100), the `allowInbound` sources on their TCP ports (200), deny
 * VirtualNetwork (4095, shadowing Azure's allow-all AllowVnetInBound) and deny Internet (4096);
 * a Standard NAT gateway with a static Standard public IP for the subnets that ask for it; the
 * private DNS zone `privatelink.postgres.database.azure.com` linked to the VNet (registration
 * off); and, when `flowLog` is given, a VNet flow log.
 *
 * Azure's AllowAzureLoadBalancerInBound (65001) stays: load-balancer health probes must reach
 * the backends; it admits only the AzureLoadBalancer tag.
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
  /** The VNet flow log, when `flowLog` is given. */
  public readonly flowLog?: NetworkWatcherFlowLog;
  /** Subnet blocks keyed by role (known at synth). */
  public readonly layout: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: AzureNetworkProps) {
    super(scope, id);
    validate(this, props);
    const D = AZURE_NETWORK_DEFAULTS;
    const tags = { ...(props.tags ?? {}) };
    const enableNat = props.enableNatGateway ?? D.enableNatGateway;
    const rgName = props.resourceGroupName ?? defaultAzureNetworkResourceGroupName(props.name);

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
        idleTimeoutInMinutes: props.natIdleTimeoutMinutes ?? D.natIdleTimeoutMinutes,
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
        serviceEndpoints: spec.serviceEndpoints && spec.serviceEndpoints.length > 0 ? [...spec.serviceEndpoints] : undefined,
        // Private endpoints cannot live in a delegated subnet: keep Azure's default there.
        privateEndpointNetworkPolicies:
          spec.privateEndpointNetworkPolicies ??
          (spec.delegation ? D.delegatedPrivateEndpointNetworkPolicies : D.privateEndpointNetworkPolicies),
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
      const rule = (ruleId: string, config: InboundRuleConfig) =>
        new NetworkSecurityRule(scopeOfRole, ruleId, {
          name: ruleId,
          networkSecurityGroupName: nsg.name,
          resourceGroupName: rg,
          direction: 'Inbound',
          sourcePortRange: '*',
          ...config,
        });
      rule('allow-same-subnet-inbound', {
        description: "Traffic between the subnet's own hosts.",
        priority: ALLOW_SAME_SUBNET_PRIORITY,
        access: 'Allow',
        protocol: '*',
        sourceAddressPrefix: spec.cidr,
        destinationAddressPrefix: spec.cidr,
        destinationPortRange: '*',
      });
      const inbound = spec.allowInbound;
      if (inbound) {
        const sources = [...(inbound.fromRoles ?? []).map((r) => props.subnets[r]!.cidr), ...(inbound.fromRanges ?? [])];
        rule('allow-inbound', {
          description: `TCP ${inbound.tcpPorts.join(', ')} from ${[...(inbound.fromRoles ?? []), ...(inbound.fromRanges ?? [])].join(
            ', ',
          )}.`,
          priority: ALLOW_INBOUND_PRIORITY,
          access: 'Allow',
          protocol: 'Tcp',
          sourceAddressPrefixes: sources,
          destinationAddressPrefix: spec.cidr,
          destinationPortRanges: [...inbound.tcpPorts],
        });
      }
      rule('deny-vnet-inbound', {
        description: 'Nothing else from the VNet, peered or VPN-connected networks: shadows the default AllowVnetInBound.',
        priority: DENY_VNET_PRIORITY,
        access: 'Deny',
        protocol: '*',
        sourceAddressPrefix: 'VirtualNetwork',
        destinationAddressPrefix: '*',
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

    if (props.flowLog) {
      const flow = props.flowLog;
      this.flowLog = new NetworkWatcherFlowLog(this, 'flow-log', {
        name: `fl-vnet-${props.name}`,
        networkWatcherName: flow.networkWatcherName,
        resourceGroupName: flow.networkWatcherResourceGroupName,
        location: props.location,
        targetResourceId: this.virtualNetwork.id,
        storageAccountId: flow.storageAccountId,
        enabled: true,
        version: 2,
        retentionPolicy: { enabled: true, days: flow.retentionDays ?? D.flowLogRetentionDays },
        tags,
      });
    }
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
function validate(scope: Construct, props: AzureNetworkProps): void {
  const L = AZURE_NETWORK_LIMITS;
  if (known(props.name)) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(props.name)) {
      throw new ValidationError(
        scope,
        'name',
        props.name,
        'is not a valid name; use lowercase letters, digits and "-", starting with a letter or digit',
      );
    }
    const derived: [string, RegExp][] = [[`vnet-${props.name}`, VNET_NAME]];
    for (const role of Object.keys(props.subnets)) {
      derived.push([`snet-${props.name}-${role}`, CHILD_NAME], [`nsg-${props.name}-${role}`, CHILD_NAME]);
    }
    for (const [name, rule] of derived) {
      if (!rule.test(name)) {
        throw new ValidationError(
          scope,
          'name',
          props.name,
          `gives the invalid Azure name "${name}"; use a shorter name or role (VNet names have 2-${L.maxVnetNameLength} characters, subnet and NSG names 1-${L.maxSubnetNameLength})`,
        );
      }
    }
  }
  if (known(props.resourceGroupName) && !RESOURCE_GROUP_NAME.test(props.resourceGroupName)) {
    throw new ValidationError(
      scope,
      'resourceGroupName',
      props.resourceGroupName,
      'is not a valid resource group name; use 1-90 letters, digits, "_", "-", "." or "()", not ending with "."',
    );
  }
  const idle = props.natIdleTimeoutMinutes;
  if (
    idle !== undefined &&
    !Token.isUnresolved(idle) &&
    (!Number.isInteger(idle) || idle < L.minNatIdleTimeoutMinutes || idle > L.maxNatIdleTimeoutMinutes)
  ) {
    throw new ValidationError(
      scope,
      'natIdleTimeoutMinutes',
      idle,
      `is out of range; use a whole number of minutes from ${L.minNatIdleTimeoutMinutes} to ${L.maxNatIdleTimeoutMinutes}`,
    );
  }
  const days = props.flowLog?.retentionDays;
  if (
    days !== undefined &&
    !Token.isUnresolved(days) &&
    (!Number.isInteger(days) || days < L.minFlowLogRetentionDays || days > L.maxFlowLogRetentionDays)
  ) {
    throw new ValidationError(
      scope,
      'flowLog.retentionDays',
      days,
      `is out of range; use a whole number of days from ${L.minFlowLogRetentionDays} to ${L.maxFlowLogRetentionDays}`,
    );
  }
  if (Object.keys(props.subnets).length === 0) {
    throw new ValidationError(scope, 'subnets', props.subnets, 'is empty; give at least one subnet');
  }
  const space = known(props.addressSpace) ? props.addressSpace : undefined;
  const spaceProblem = space ? parseCidr(space).error : undefined;
  if (spaceProblem) throw new ValidationError(scope, 'addressSpace', space, spaceProblem);
  const placed: [string, string][] = [];
  for (const [role, spec] of Object.entries(props.subnets)) {
    if (!ROLE.test(role)) {
      throw new ValidationError(
        scope,
        'subnets',
        role,
        'is not a valid role key; use lowercase letters, digits and "-", starting with a letter',
      );
    }
    const policy = spec.privateEndpointNetworkPolicies;
    if (known(policy) && !PE_POLICIES.includes(policy)) {
      throw new ValidationError(
        scope,
        `subnets.${role}.privateEndpointNetworkPolicies`,
        policy,
        `is not allowed; use one of ${PE_POLICIES.join(', ')}`,
      );
    }
    if (spec.allowInbound) validateInbound(scope, props, role, spec.allowInbound);
    (spec.serviceEndpoints ?? []).forEach((endpoint, i) => {
      if (known(endpoint) && !SERVICE_ENDPOINT.test(endpoint)) {
        throw new ValidationError(
          scope,
          `subnets.${role}.serviceEndpoints[${i}]`,
          endpoint,
          'is not a service endpoint; use Microsoft.<Service> (e.g. Microsoft.Storage, Microsoft.KeyVault)',
        );
      }
    });
    if (!known(spec.cidr)) continue;
    const prop = `subnets.${role}.cidr`;
    const problem = parseCidr(spec.cidr).error;
    if (problem) throw new ValidationError(scope, prop, spec.cidr, problem);
    if (prefixOf(spec.cidr) > L.maxSubnetPrefixLength) {
      throw new ValidationError(
        scope,
        prop,
        spec.cidr,
        `is too small; Azure subnets are /${L.maxSubnetPrefixLength} or larger (5 addresses of each are reserved)`,
      );
    }
    if (space && !contains(space, spec.cidr)) {
      throw new ValidationError(scope, prop, spec.cidr, `is not inside addressSpace "${space}"; use a block of the address space`);
    }
    for (const [other, cidr] of placed) {
      if (overlaps(cidr, spec.cidr)) {
        throw new ValidationError(
          scope,
          prop,
          spec.cidr,
          `overlaps subnets.${other}.cidr "${cidr}"; use a free block of the address space`,
        );
      }
    }
    placed.push([role, spec.cidr]);
  }
}

/** Checks one subnet's `allowInbound`. */
function validateInbound(scope: Construct, props: AzureNetworkProps, role: string, inbound: AzureSubnetInbound): void {
  const base = `subnets.${role}.allowInbound`;
  const roles = Object.keys(props.subnets);
  const fromRoles = inbound.fromRoles ?? [];
  const fromRanges = inbound.fromRanges ?? [];
  if (fromRoles.length + fromRanges.length === 0) {
    throw new ValidationError(
      scope,
      base,
      inbound,
      'has no source; give fromRoles (subnet roles) or fromRanges (private blocks), or leave allowInbound out',
    );
  }
  fromRoles.forEach((from, i) => {
    if (from === role) {
      throw new ValidationError(
        scope,
        `${base}.fromRoles[${i}]`,
        from,
        'is the subnet itself, whose own traffic is always allowed; list other roles',
      );
    }
    if (!roles.includes(from)) {
      throw new ValidationError(
        scope,
        `${base}.fromRoles[${i}]`,
        from,
        `is not a subnet role of this network; use one of ${roles.join(', ')}`,
      );
    }
  });
  fromRanges.forEach((range, i) => {
    if (!known(range)) return;
    const problem = parseCidr(range).error;
    if (problem) throw new ValidationError(scope, `${base}.fromRanges[${i}]`, range, problem);
    if (!isPrivate(range)) {
      throw new ValidationError(
        scope,
        `${base}.fromRanges[${i}]`,
        range,
        'is not a private block; use the RFC 1918 range of a peered or VPN-connected network, e.g. "10.0.0.0/16" (internet sources are never allowed)',
      );
    }
  });
  if (inbound.tcpPorts.length === 0) {
    throw new ValidationError(scope, `${base}.tcpPorts`, inbound.tcpPorts, 'is empty; give at least one TCP port, e.g. "5432"');
  }
  inbound.tcpPorts.forEach((port, i) => {
    if (!known(port) || port === '*') return;
    const m = PORT_OR_RANGE.exec(port);
    const [low, high] = m ? [Number(m[1]), Number(m[2] ?? m[1])] : [NaN, NaN];
    if (!m || low < 1 || high > 65535 || low > high) {
      throw new ValidationError(
        scope,
        `${base}.tcpPorts[${i}]`,
        port,
        'is not a TCP port; use a port ("5432"), a range ("8000-8080") within 1-65535, or "*"',
      );
    }
  });
}
