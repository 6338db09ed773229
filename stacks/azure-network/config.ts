import { IPv4CidrRange, IPv4Prefix } from 'ip-num';
import { z } from 'zod';
import { contains, isPrivate, overlaps, parseCidr, prefixOf } from '../../modules/core/cidr';
import type { PlanRange } from '../../modules/core/config/plan-range';
import { ipv4Cidr } from '../../modules/core/config/primitives';
import { defineSection, problemContext, type ReportProblem } from '../../modules/core/config/section';

/**
 * What a subnet role is for, where it sits by default and how small it may be.
 *
 * The default position is keyed by role: "the `defaultIndex`-th /`defaultPrefixLength` block of
 * the address space". It never depends on which other roles exist or their order, so adding a
 * role never moves an existing subnet (index-based layouts do: terraform-aws-vpc #403).
 */
export interface AzureSubnetRole {
  /** What the subnet is for (used in docs and messages). */
  readonly purpose: string;
  /** Prefix length of the default block, e.g. 20 for a /20. */
  readonly defaultPrefixLength: number;
  /** Which block of that size inside the address space (0 = the first). */
  readonly defaultIndex: number;
  /** Largest prefix length allowed (so the smallest subnet), e.g. 24 means /24 or larger. */
  readonly maxPrefixLength: number;
  /** Why the subnet cannot be smaller. */
  readonly minimumReason: string;
  /** Whether outbound internet traffic of the subnet leaves through the NAT gateway. */
  readonly natGateway: boolean;
  /** Service the subnet is delegated to. @default - not delegated */
  readonly delegation?: string;
  /** VNet traffic the subnet's NSG admits besides its own hosts'. @default - none */
  readonly allowInbound?: { readonly fromRoles: readonly string[]; readonly tcpPorts: readonly string[] };
  /** Service endpoints of the subnet (e.g. `Microsoft.Storage`). @default - none */
  readonly serviceEndpoints?: readonly string[];
}

/**
 * The subnet roles of the Azure VNet.
 *
 * Default layout of a /16 such as 10.3.0.0/16: app 10.3.0.0/22, data 10.3.4.0/24, functions
 * 10.3.6.0/24, functions-premium 10.3.7.0/24, apps 10.3.8.0/23 (10.3.5.0/24 and 10.3.10.0-10.3.15.255
 * stay free for further small roles), aks 10.3.16.0/20. It needs a /19 or larger.
 *
 * The compute roles (`apps`, `functions`, `functions-premium`) came after the first three: their
 * default blocks lie in the free rest of the first /20, so no existing subnet moved.
 */
export const AZURE_SUBNET_ROLES = {
  app: {
    purpose: 'application workloads (VMs) and the private endpoints of Key Vault, ACR and private function apps',
    defaultPrefixLength: 22,
    defaultIndex: 0,
    maxPrefixLength: 27,
    minimumReason: 'Container Apps workload-profile environments need a /27 or larger subnet',
    natGateway: true,
    // HTTPS to the private endpoints in this subnet (Key Vault, ACR, function apps) from the compute subnets.
    allowInbound: { fromRoles: ['apps', 'functions', 'functions-premium', 'aks'], tcpPorts: ['443'] },
  },
  data: {
    purpose: 'PostgreSQL flexible servers (delegated subnet)',
    defaultPrefixLength: 24,
    defaultIndex: 4,
    maxPrefixLength: 28,
    minimumReason:
      'a delegated PostgreSQL flexible server subnet needs a /28 or larger (Azure keeps 5 addresses of every subnet; HA standbys and replicas take more)',
    natGateway: false,
    delegation: 'Microsoft.DBforPostgreSQL/flexibleServers',
    // PostgreSQL from the application, AKS, Container Apps and function subnets only (the NSG denies other VNet traffic).
    allowInbound: { fromRoles: ['app', 'aks', 'apps', 'functions', 'functions-premium'], tcpPorts: ['5432'] },
  },
  aks: {
    purpose: 'AKS node pools',
    defaultPrefixLength: 20,
    defaultIndex: 1,
    maxPrefixLength: 24,
    minimumReason:
      'AKS nodes plus the extra nodes of a rolling upgrade need a /24 or larger (pods use the overlay ranges of addressPlan.reserved)',
    natGateway: true,
  },
  apps: {
    purpose: 'the Container Apps environment (infrastructure subnet, delegated to Microsoft.App/environments)',
    defaultPrefixLength: 23,
    defaultIndex: 4,
    maxPrefixLength: 27,
    minimumReason:
      'a workload-profiles Container Apps environment needs a /27 or larger (11 addresses are the platform\'s; every replica and node takes one)',
    natGateway: true,
    // @see https://learn.microsoft.com/azure/container-apps/custom-virtual-networks
    delegation: 'Microsoft.App/environments',
    // The environment's internal load balancer, from the other application subnets.
    allowInbound: { fromRoles: ['app', 'aks', 'functions', 'functions-premium'], tcpPorts: ['80', '443'] },
  },
  functions: {
    purpose: 'outbound VNet integration of Flex Consumption function apps (delegated to Microsoft.App/environments)',
    defaultPrefixLength: 24,
    defaultIndex: 6,
    maxPrefixLength: 27,
    minimumReason: 'Flex Consumption VNet integration takes one address per instance and needs a /27 or larger',
    natGateway: true,
    // @see https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan#virtual-network-integration
    delegation: 'Microsoft.App/environments',
    // The apps reach their storage account through its firewall (virtual network rule on this subnet).
    serviceEndpoints: ['Microsoft.Storage'],
  },
  'functions-premium': {
    purpose: 'outbound VNet integration of Elastic Premium function apps (delegated to Microsoft.Web/serverFarms)',
    defaultPrefixLength: 24,
    defaultIndex: 7,
    maxPrefixLength: 28,
    minimumReason: 'App Service regional VNet integration needs a /28 or larger (one address per instance, doubled during scale and upgrades)',
    natGateway: true,
    // @see https://learn.microsoft.com/azure/app-service/overview-vnet-integration#subnet-requirements
    delegation: 'Microsoft.Web/serverFarms',
    serviceEndpoints: ['Microsoft.Storage'],
  },
} as const satisfies Record<string, AzureSubnetRole>;

/** Name of a subnet role: `app`, `data`, `aks`, `apps`, `functions` or `functions-premium`. */
export type AzureSubnetRoleName = keyof typeof AZURE_SUBNET_ROLES;

const AzureSubnetSchema = z.strictObject({
  /**
   * The subnet's block, inside `addressSpace`, not overlapping another subnet, at least as large
   * as the role's minimum. @default - the role's fixed default block (see AZURE_SUBNET_ROLES)
   */
  cidr: ipv4Cidr.optional(),
});

/** One subnet of `azure.network.subnets`. */
export type AzureSubnetConfig = z.infer<typeof AzureSubnetSchema>;

const AzureSubnetsSchema = z.strictObject({
  /** Application subnet; egress through the NAT gateway; /27 or larger. @default - { cidr: the first /22 of the address space } */
  app: AzureSubnetSchema.prefault({}),
  /** Subnet delegated to `Microsoft.DBforPostgreSQL/flexibleServers`; no NAT; /28 or larger. @default - { cidr: the 5th /24 } */
  data: AzureSubnetSchema.prefault({}),
  /** AKS node subnet; egress through the NAT gateway; /24 or larger. @default - { cidr: the 2nd /20 } */
  aks: AzureSubnetSchema.prefault({}),
  /** Container Apps environment subnet, delegated to `Microsoft.App/environments`; NAT; /27 or larger. @default - { cidr: the 5th /23 } */
  apps: AzureSubnetSchema.prefault({}),
  /** Flex Consumption integration subnet, delegated to `Microsoft.App/environments`, `Microsoft.Storage` endpoint; NAT; /27 or larger. @default - { cidr: the 7th /24 } */
  functions: AzureSubnetSchema.prefault({}),
  /** Elastic Premium integration subnet, delegated to `Microsoft.Web/serverFarms`, `Microsoft.Storage` endpoint; NAT; /28 or larger. @default - { cidr: the 8th /24 } */
  'functions-premium': AzureSubnetSchema.prefault({}),
});

const AzureNatGatewaySchema = z.strictObject({
  /** Give the `app`, `aks`, `apps`, `functions` and `functions-premium` subnets outbound internet access through a Standard NAT gateway with one static public IP. Default true. */
  enabled: z.boolean().default(true),
  /** Idle timeout of outbound TCP flows in minutes, 4-120. Default 4 (the Azure default). */
  idleTimeoutMinutes: z.number().int().min(4).max(120).default(4),
});

/** Azure resource group names: 1-90 letters, digits, `_`, `-`, `.` and `()`, not ending with `.`. */
const RESOURCE_GROUP_NAME = /^[-\w.()]{0,89}[-\w()]$/;

/**
 * `azure.network`: the VNet of the `<env>-azure-network` stack.
 */
export const AzureNetworkConfigSchema = z.strictObject({
  /** Create the `<env>-azure-network` stack. Default true. */
  enabled: z.boolean().default(true),
  /** The VNet's address space, e.g. `10.30.0.0/16` (private space; /19 or larger for the default subnet layout). Required. */
  addressSpace: ipv4Cidr,
  /** Name of the resource group that holds the network. @default - `rg-<env>-network` */
  resourceGroupName: z
    .string()
    .regex(RESOURCE_GROUP_NAME, {
      message:
        'is not a valid resource group name; use 1-90 letters, digits, "_", "-", "." or "()", not ending with "."',
    })
    .optional(),
  /** Subnets keyed by role (`app`, `data`, `aks`, `apps`, `functions`, `functions-premium`), each with an optional explicit `cidr`. Default: every role at its default block. */
  subnets: AzureSubnetsSchema.prefault({}),
  /** Outbound internet access of the `app` and `aks` subnets. Default: enabled, idle timeout 4 minutes. */
  natGateway: AzureNatGatewaySchema.prefault({}),
});

export type AzureNetworkConfig = z.infer<typeof AzureNetworkConfigSchema>;

/** The default resource group name of the network: `rg-<env>-network`. */
export function azureNetworkResourceGroupName(envName: string, network: Pick<AzureNetworkConfig, 'resourceGroupName'>): string {
  return network.resourceGroupName ?? `rg-${envName}-network`;
}

/** A layout problem, with the field path inside the environment file. */
export interface AzureLayoutProblem {
  readonly path: string[];
  readonly input: unknown;
  /** What is wrong and what is allowed ("is ...; use ..."). */
  readonly message: string;
}

/** The computed subnet layout of an Azure VNet. */
export interface AzureSubnetLayout {
  /** Subnet blocks keyed by role, in role-table order. */
  readonly cidrs: Record<string, string>;
  /** Which roles got their block from `cidr` (the others are at their default). */
  readonly explicit: Record<string, boolean>;
  /** Every problem found; the layout is usable only when this is empty. */
  readonly problems: AzureLayoutProblem[];
}

const BASE = ['azure', 'network'];

function ordinal(n: number): string {
  const suffix = n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** Where a role's default block is, in words: "the 2nd /20 of the address space". */
function defaultPlace(role: AzureSubnetRole): string {
  return `the ${ordinal(role.defaultIndex + 1)} /${role.defaultPrefixLength} of the address space`;
}

/** The role's default block inside `space`, or undefined when it does not fit. */
export function defaultSubnetBlock(space: string, role: AzureSubnetRole): string | undefined {
  const key = `${space}|${role.defaultPrefixLength}|${role.defaultIndex}`;
  if (!defaultBlocks.has(key)) defaultBlocks.set(key, defaultSubnetBlockUncached(space, role));
  return defaultBlocks.get(key);
}

const defaultBlocks = new Map<string, string | undefined>();

function defaultSubnetBlockUncached(space: string, role: AzureSubnetRole): string | undefined {
  const outer = parseCidr(space).range;
  if (!outer || role.defaultPrefixLength < prefixOf(space)) return undefined;
  let block: IPv4CidrRange | undefined = new IPv4CidrRange(outer.getFirst(), IPv4Prefix.fromNumber(BigInt(role.defaultPrefixLength)));
  for (let i = 0; i < role.defaultIndex && block; i++) block = block.nextRange();
  if (!block) return undefined;
  const text = block.toCidrString();
  return contains(space, text) ? text : undefined;
}

/**
 * Computes the subnet blocks of `network` (explicit `cidr` or the role's default block) and every
 * problem with them: outside the address space, too small for the role, overlapping another subnet.
 *
 * Safe on raw, partly invalid input: fields that do not parse are skipped (their schema reports them).
 *
 * @param roles the role table (a parameter so tests can prove that adding a role moves no subnet)
 */
export function azureSubnetLayout(
  network: any,
  roles: Readonly<Record<string, AzureSubnetRole>> = AZURE_SUBNET_ROLES,
): AzureSubnetLayout {
  const cidrs: Record<string, string> = {};
  const explicit: Record<string, boolean> = {};
  const problems: AzureLayoutProblem[] = [];
  const space: unknown = network?.addressSpace;
  if (typeof space !== 'string' || parseCidr(space).error) return { cidrs, explicit, problems };
  const subnets = network?.subnets && typeof network.subnets === 'object' ? network.subnets : {};

  for (const [name, role] of Object.entries(roles)) {
    const given: unknown = subnets[name]?.cidr;
    const path = [...BASE, 'subnets', name, 'cidr'];
    if (given === undefined || given === null) {
      const block = defaultSubnetBlock(space, role);
      if (block) {
        cidrs[name] = block;
        explicit[name] = false;
      } else {
        problems.push({
          path: [...BASE, 'addressSpace'],
          input: space,
          message: `is too small for the default block of subnets.${name} (${defaultPlace(role)}); use a /19 or larger address space, or set azure.network.subnets.${name}.cidr`,
        });
      }
      continue;
    }
    if (typeof given !== 'string' || parseCidr(given).error) continue;
    explicit[name] = true;
    if (!contains(space, given)) {
      problems.push({
        path,
        input: given,
        message: `is not inside azure.network.addressSpace "${space}"; use a block of the address space${
          defaultSubnetBlock(space, role) ? `, e.g. the default ${defaultSubnetBlock(space, role)}` : ''
        }`,
      });
      continue;
    }
    if (prefixOf(given) > role.maxPrefixLength) {
      problems.push({
        path,
        input: given,
        message: `is too small for the ${name} subnet: ${role.minimumReason}; use a /${role.maxPrefixLength} or larger (prefix length ${role.maxPrefixLength} or less)`,
      });
      // Still placed: an overlap with it is a second, independent problem.
    }
    cidrs[name] = given;
  }

  const placed = Object.keys(cidrs);
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      const a = placed[i]!;
      const b = placed[j]!;
      if (!overlaps(cidrs[a]!, cidrs[b]!)) continue;
      // Blame a subnet the user wrote; name the other with how it got its block.
      const [blamed, other] = explicit[b] ? [b, a] : [a, b];
      const otherText = explicit[other]
        ? `azure.network.subnets.${other}.cidr "${cidrs[other]}"`
        : `the default block of azure.network.subnets.${other} "${cidrs[other]}"`;
      if (!explicit[blamed]) {
        problems.push({
          path: [...BASE, 'addressSpace'],
          input: space,
          message: `gives overlapping default blocks to subnets.${a} and subnets.${b}; set their cidr explicitly`,
        });
        continue;
      }
      problems.push({
        path: [...BASE, 'subnets', blamed, 'cidr'],
        input: cidrs[blamed],
        message: `overlaps ${otherText}; subnets must not overlap: use a free block of azure.network.addressSpace "${space}"${
          explicit[other] ? '' : ` or set azure.network.subnets.${other}.cidr`
        }`,
      });
    }
  }
  return { cidrs, explicit, problems };
}

/**
 * The subnet blocks of a validated network, keyed by role.
 *
 * @throws when the layout has a problem (never for a parsed environment, whose checks passed)
 */
export function azureSubnetCidrs(network: AzureNetworkConfig): Record<AzureSubnetRoleName, string> {
  const layout = azureSubnetLayout(network);
  if (layout.problems.length > 0) {
    const p = layout.problems[0]!;
    throw new Error(`${p.path.join('.')} ${JSON.stringify(p.input)} ${p.message}`);
  }
  return layout.cidrs as Record<AzureSubnetRoleName, string>;
}

/**
 * The ranges this section adds to the cross-cloud address plan: the address space, then each
 * subnet as a child of it (`parent`), so a subnet inside its VNet is not an overlap.
 *
 * Subnets join the plan only when the address space is private and the layout has no problem:
 * otherwise checkAzureNetwork (or the private-range check) already names the one field at fault,
 * and repeating it for every subnet would only add noise.
 */
export function azureNetworkRanges(network: AzureNetworkConfig): PlanRange[] {
  const source = 'azure.network.addressSpace';
  const out: PlanRange[] = [{ cidr: network.addressSpace, source }];
  if (network?.enabled === false || typeof network?.addressSpace !== 'string') return out;
  if (parseCidr(network.addressSpace).error || !isPrivate(network.addressSpace)) return out;
  const layout = azureSubnetLayout(network);
  if (layout.problems.length > 0) return out;
  for (const [role, cidr] of Object.entries(layout.cidrs)) {
    out.push({ cidr, source: `azure.network.subnets.${role}.cidr`, parent: source });
  }
  return out;
}

/**
 * Checks across the fields of `azure.network`: the subnet layout (inside the address space, large
 * enough, no overlaps). Skipped when the network is off.
 */
export function checkAzureNetwork(network: AzureNetworkConfig, _env: unknown, report: ReportProblem): void {
  if (!network.enabled) return;
  const ctx = problemContext(report);
  for (const p of azureSubnetLayout(network).problems) {
    ctx.addIssue({ code: 'custom', path: p.path, input: p.input, message: p.message });
  }
}

/** `azure.network`, owned by the `azure-network` stack family. */
export const azureNetworkSection = defineSection({
  path: 'azure.network',
  schema: AzureNetworkConfigSchema,
  check: checkAzureNetwork,
  addressRanges: azureNetworkRanges,
});
