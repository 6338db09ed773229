import { IPv4CidrRange, IPv4Prefix } from 'ip-num';
import { z } from 'zod';
import { contains, isPrivate, overlaps, parseCidr, prefixOf } from '../cidr';
import { ipv4Cidr } from './primitives';
import type { PlanRange } from './plan-range';

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
}

/**
 * The subnet roles of the Azure VNet.
 *
 * Default layout of a /16 such as 10.3.0.0/16: app 10.3.0.0/22, data 10.3.4.0/24 (the rest of the
 * first /20 stays free for further small roles), aks 10.3.16.0/20. It needs a /19 or larger.
 */
export const AZURE_SUBNET_ROLES = {
  app: {
    purpose: 'application workloads (VMs, Container Apps, private endpoints)',
    defaultPrefixLength: 22,
    defaultIndex: 0,
    maxPrefixLength: 27,
    minimumReason: 'Container Apps workload-profile environments need a /27 or larger subnet',
    natGateway: true,
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
} as const satisfies Record<string, AzureSubnetRole>;

/** Name of a subnet role: `app`, `data` or `aks`. */
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
});

const AzureNatGatewaySchema = z.strictObject({
  /** Give the `app` and `aks` subnets outbound internet access through a Standard NAT gateway with one static public IP. Default true. */
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
  /** Subnets keyed by role (`app`, `data`, `aks`), each with an optional explicit `cidr`. Default: every role at its default block. */
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
 * Checks of this section that need the whole environment (called from checks.ts): the subnet
 * layout (inside the address space, large enough, no overlaps). Skipped when the network is off.
 */
export function checkAzureNetwork(env: any, ctx: import('zod').RefinementCtx): void {
  const network = env?.azure?.network;
  if (!network || network.enabled === false) return;
  for (const p of azureSubnetLayout(network).problems) {
    ctx.addIssue({ code: 'custom', path: p.path, input: p.input, message: p.message });
  }
}
