import { IPv4CidrRange, IPv4Prefix } from 'ip-num';
import { parseCidr } from './cidr';

/**
 * The subnet address layout of an AWS VPC, computed from the VPC range and keyed by name.
 *
 * Every tier owns one block of the VPC: an explicit `cidr`, or a fixed default position for the
 * three well-known tiers (private = first half, public = fifth eighth, database = sixth eighth;
 * the seventh and eighth eighths stay free for further tiers). Inside a tier block, the subnet of
 * an availability zone sits at the slot of the zone's letter (a=0, b=1, ...). Positions never
 * depend on how many zones or tiers there are, so adding a zone or a tier never moves an
 * existing subnet (index-based layouts do: terraform-aws-vpc #403, pulumi-awsx #1204).
 *
 * All address math goes through `ip-num`.
 */

/** How a tier routes: through the internet gateway, through NAT, or not out of the VPC at all. */
export type SubnetTierType = 'public' | 'private' | 'isolated';

/** One tier as configured. */
export interface SubnetTierSpec {
  /** Routing of the tier. @default - fixed for the well-known tiers; required for others */
  readonly type?: SubnetTierType;
  /** The tier's block inside the VPC. @default - the fixed position of a well-known tier; required for others */
  readonly cidr?: string;
  /** Prefix length of each subnet of the tier. @default - the block's prefix + 3 (8 slots, zone letters a-h) */
  readonly subnetPrefix?: number;
}

/** What the layout is computed from. */
export interface SubnetLayoutInput {
  /** The VPC's IPv4 block. */
  readonly cidr: string;
  /** Availability-zone names, such as `eu-west-1a`; each name ends with its letter. */
  readonly zones: readonly string[];
  /** Tiers keyed by name; `public`, `private` and `database` are always present. */
  readonly tiers?: Readonly<Record<string, SubnetTierSpec>>;
  /** Also give each subnet an IPv6 /64 (its index inside the VPC's /56 is computed here). */
  readonly ipv6?: boolean;
}

/** One subnet of the layout. */
export interface LayoutSubnet {
  readonly tier: string;
  readonly zone: string;
  /** IPv4 block of the subnet. */
  readonly cidr: string;
  /** Index of the subnet's /64 inside the VPC's IPv6 /56 (`cidrsubnet(vpc_ipv6, 8, n)`). */
  readonly ipv6Netnum: number;
}

/** One tier of the layout. */
export interface LayoutTier {
  readonly name: string;
  readonly type: SubnetTierType;
  /** The tier's block inside the VPC. */
  readonly cidr: string;
  /** Prefix length of its subnets. */
  readonly subnetPrefix: number;
  /** Subnets keyed by zone name, in zone order. */
  readonly subnets: Readonly<Record<string, LayoutSubnet>>;
}

/** The computed layout. */
export interface SubnetLayout {
  readonly cidr: string;
  readonly zones: readonly string[];
  /** Tiers keyed by name: public, private, database, then the others by name. */
  readonly tiers: Readonly<Record<string, LayoutTier>>;
}

/** A problem with the input, with the field path relative to the network section. */
export interface LayoutProblem {
  /** Path such as `['tiers', 'app', 'cidr']`. */
  readonly path: readonly string[];
  /** The value received. */
  readonly input: unknown;
  /** What is wrong and what is allowed ("is ...; use ..."). */
  readonly message: string;
}

/** Thrown by {@link subnetLayout} when the input cannot be laid out. */
export class SubnetLayoutError extends Error {
  constructor(public readonly problems: readonly LayoutProblem[]) {
    super(problems.map((p) => `${p.path.join('.')} ${JSON.stringify(p.input)} ${p.message}`).join('\n'));
    this.name = 'SubnetLayoutError';
  }
}

/** AWS subnets and VPCs are /16 to /28. */
export const AWS_MIN_PREFIX = 16;
export const AWS_MAX_PREFIX = 28;

/** Slots per tier block by default: zone letters a-h. */
const DEFAULT_SLOT_BITS = 3;

/** Where a well-known tier sits by default: block `index` of the VPC split into `/(vpc + extraBits)`. */
interface DefaultPosition {
  readonly type: SubnetTierType;
  readonly extraBits: number;
  readonly index: number;
}

/** The three well-known tiers and their fixed default blocks. */
export const WELL_KNOWN_TIERS: Readonly<Record<string, DefaultPosition>> = {
  public: { type: 'public', extraBits: 3, index: 4 },
  private: { type: 'private', extraBits: 1, index: 0 },
  database: { type: 'isolated', extraBits: 3, index: 5 },
};

/** Eighths of the VPC that no well-known tier uses by default (suggested for further tiers). */
const FREE_EIGHTHS = [6, 7];

function block(vpc: IPv4CidrRange, extraBits: number, index: number): IPv4CidrRange {
  return vpc.splitInto(IPv4Prefix.fromNumber(BigInt(Number(vpc.cidrPrefix.getValue()) + extraBits)))[index]!;
}

function prefixOf(range: IPv4CidrRange): number {
  return Number(range.cidrPrefix.getValue());
}

/** Slot of a zone inside a tier block: its letter (a=0, b=1, ...). */
export function zoneSlot(zone: string): number {
  const letter = zone.slice(-1);
  return /^[a-z]$/.test(letter) ? letter.charCodeAt(0) - 'a'.charCodeAt(0) : -1;
}

/** Every tier with the well-known ones filled in, in layout order. */
function withWellKnown(tiers: Readonly<Record<string, SubnetTierSpec>> = {}): [string, SubnetTierSpec][] {
  const known = Object.keys(WELL_KNOWN_TIERS).map((name): [string, SubnetTierSpec] => [name, tiers[name] ?? {}]);
  const others = Object.keys(tiers)
    .filter((name) => !(name in WELL_KNOWN_TIERS))
    .sort()
    .map((name): [string, SubnetTierSpec] => [name, tiers[name] ?? {}]);
  return [...known, ...others];
}

interface Computed {
  layout?: SubnetLayout;
  problems: LayoutProblem[];
}

const computed = new Map<string, Computed>();

/** {@link computeUncached}, memoized by input: config checks and stacks lay out the same VPC several times. */
function compute(input: SubnetLayoutInput): Computed {
  let key: string;
  try {
    key = JSON.stringify(input);
  } catch {
    return computeUncached(input);
  }
  let hit = computed.get(key);
  if (!hit) {
    hit = computeUncached(input);
    computed.set(key, hit);
  }
  return hit;
}

function computeUncached(input: SubnetLayoutInput): Computed {
  const problems: LayoutProblem[] = [];
  const vpcParsed = parseCidr(input.cidr);
  if (!vpcParsed.range) return { problems: [{ path: ['cidr'], input: input.cidr, message: vpcParsed.error! }] };
  const vpc = vpcParsed.range;
  const vpcPrefix = prefixOf(vpc);
  if (vpcPrefix < AWS_MIN_PREFIX || vpcPrefix > AWS_MAX_PREFIX) {
    return {
      problems: [
        {
          path: ['cidr'],
          input: input.cidr,
          message: `is not a valid VPC size; AWS allows /${AWS_MIN_PREFIX} to /${AWS_MAX_PREFIX}`,
        },
      ],
    };
  }
  const zones = [...input.zones].sort((a, b) => zoneSlot(a) - zoneSlot(b));
  const tierSpecs = withWellKnown(input.tiers);
  const shape = `${zones.length} availability zones x ${tierSpecs.length} tiers`;

  // First pass: every tier's block, type and subnet size.
  let vpcTooSmall: { tier: string; subnetPrefix: number } | undefined;
  const blocks: { name: string; type: SubnetTierType; range: IPv4CidrRange; subnetPrefix: number; explicit: boolean }[] =
    [];
  for (const [name, spec] of tierSpecs) {
    const known = WELL_KNOWN_TIERS[name];
    const at = (field: string): string[] => ['tiers', name, field];
    let type: SubnetTierType | undefined = spec.type;
    if (known && type !== undefined && type !== known.type) {
      problems.push({
        path: at('type'),
        input: type,
        message: `is not allowed for the well-known tier "${name}"; its type is always "${known.type}" (leave type out, or add a tier with another name)`,
      });
      continue;
    }
    type = known?.type ?? type;
    if (!type) {
      problems.push({
        path: ['tiers', name],
        input: spec,
        message: 'has no type; a tier other than public, private and database needs type: public, private or isolated',
      });
      continue;
    }
    let range: IPv4CidrRange;
    let explicit = false;
    if (spec.cidr !== undefined) {
      const parsed = parseCidr(spec.cidr);
      if (!parsed.range) {
        problems.push({ path: at('cidr'), input: spec.cidr, message: parsed.error! });
        continue;
      }
      range = parsed.range;
      explicit = true;
      if (!vpc.contains(range)) {
        problems.push({
          path: at('cidr'),
          input: spec.cidr,
          message: `is not inside aws.network.cidr "${input.cidr}"; use a block inside the VPC range`,
        });
        continue;
      }
    } else if (known) {
      range = block(vpc, known.extraBits, known.index);
    } else {
      const suggestions = FREE_EIGHTHS.map((i) => `"${block(vpc, 3, i).toCidrString()}"`).join(' or ');
      problems.push({
        path: ['tiers', name],
        input: spec,
        message: `has no cidr; a tier other than public, private and database needs its own block inside aws.network.cidr, e.g. cidr: ${suggestions}`,
      });
      continue;
    }
    const blockPrefix = prefixOf(range);
    const subnetPrefix = spec.subnetPrefix ?? blockPrefix + DEFAULT_SLOT_BITS;
    if (subnetPrefix > AWS_MAX_PREFIX) {
      if (explicit || spec.subnetPrefix !== undefined) {
        const field = spec.subnetPrefix !== undefined ? 'subnetPrefix' : 'cidr';
        problems.push({
          path: at(field),
          input: field === 'cidr' ? spec.cidr : spec.subnetPrefix,
          message:
            field === 'cidr'
              ? `is too small for ${zones.length} availability zones: its subnets would be /${subnetPrefix}, smaller than the /${AWS_MAX_PREFIX} AWS allows; use /${AWS_MAX_PREFIX - DEFAULT_SLOT_BITS} or larger`
              : `is not allowed; AWS subnets are /${AWS_MIN_PREFIX} to /${AWS_MAX_PREFIX}`,
        });
      } else if (!vpcTooSmall || subnetPrefix > vpcTooSmall.subnetPrefix) {
        vpcTooSmall = { tier: name, subnetPrefix };
      }
      continue;
    }
    if (subnetPrefix < blockPrefix) {
      problems.push({
        path: at('subnetPrefix'),
        input: spec.subnetPrefix,
        message: `is larger than the tier's block "${range.toCidrString()}"; use a prefix from ${blockPrefix + 1} to ${AWS_MAX_PREFIX}`,
      });
      continue;
    }
    const slots = 2 ** (subnetPrefix - blockPrefix);
    const tooFar = zones.filter((z) => zoneSlot(z) >= slots);
    if (tooFar.length > 0) {
      const needBits = Math.ceil(Math.log2(Math.max(...tooFar.map(zoneSlot)) + 1));
      const field = spec.subnetPrefix !== undefined ? 'subnetPrefix' : 'cidr';
      problems.push({
        path: at(field),
        input: field === 'cidr' ? (spec.cidr ?? range.toCidrString()) : spec.subnetPrefix,
        message: `leaves ${slots} subnet slots in block "${range.toCidrString()}", but zone ${tooFar[0]} needs slot ${zoneSlot(tooFar[0]!)} (slots go by zone letter: a=0, b=1, ...); use subnetPrefix ${blockPrefix + needBits} or more, up to ${AWS_MAX_PREFIX}`,
      });
      continue;
    }
    blocks.push({ name, type, range, subnetPrefix, explicit });
  }

  if (vpcTooSmall) {
    const needed = vpcPrefix - (vpcTooSmall.subnetPrefix - AWS_MAX_PREFIX);
    problems.push({
      path: ['cidr'],
      input: input.cidr,
      message: `is too small for ${shape}: the ${vpcTooSmall.tier} tier's subnets would be /${vpcTooSmall.subnetPrefix}, smaller than the /${AWS_MAX_PREFIX} AWS allows; use /${needed} or larger`,
    });
  }

  // Tier blocks must not overlap (report on the tier that has an explicit block, else the later one).
  for (let i = 0; i < blocks.length; i++) {
    for (let j = i + 1; j < blocks.length; j++) {
      const a = blocks[i]!;
      const b = blocks[j]!;
      if (!(a.range.isOverlapping(b.range) || a.range.contains(b.range) || b.range.contains(a.range))) continue;
      const [blame, other] = b.explicit || !a.explicit ? [b, a] : [a, b];
      problems.push({
        path: ['tiers', blame.name, 'cidr'],
        input: blame.range.toCidrString(),
        message: `overlaps the block "${other.range.toCidrString()}" of tier "${other.name}"; tier blocks must not overlap (free by default: ${FREE_EIGHTHS.map((k) => `"${block(vpc, 3, k).toCidrString()}"`).join(', ')})`,
      });
    }
  }

  if (input.ipv6) {
    // A subnet's /64 is the one at the position of its IPv4 block inside the VPC, in 256ths.
    for (const b of blocks) {
      if (b.subnetPrefix > vpcPrefix + 8) {
        problems.push({
          path: ['tiers', b.name, 'subnetPrefix'],
          input: b.subnetPrefix,
          message: `is too small a subnet for ipv6: with a /${vpcPrefix} VPC, IPv6 subnets are numbered in /${vpcPrefix + 8} steps; use subnetPrefix ${vpcPrefix + 8} or less`,
        });
      }
    }
  }
  if (problems.length > 0) return { problems };

  const unit = vpc.getSize() / 256n;
  const tiers: Record<string, LayoutTier> = {};
  for (const b of blocks) {
    const subnetsOfBlock = b.range.splitInto(IPv4Prefix.fromNumber(BigInt(b.subnetPrefix)));
    const subnets: Record<string, LayoutSubnet> = {};
    for (const zone of zones) {
      const range = subnetsOfBlock[zoneSlot(zone)]!;
      const offset = range.getFirst().getValue() - vpc.getFirst().getValue();
      subnets[zone] = {
        tier: b.name,
        zone,
        cidr: range.toCidrString(),
        ipv6Netnum: unit > 0n ? Number(offset / unit) : 0,
      };
    }
    tiers[b.name] = { name: b.name, type: b.type, cidr: b.range.toCidrString(), subnetPrefix: b.subnetPrefix, subnets };
  }
  return { layout: { cidr: input.cidr, zones, tiers }, problems: [] };
}

/** Every problem of the input (empty when it can be laid out). */
export function subnetLayoutProblems(input: SubnetLayoutInput): LayoutProblem[] {
  return [...compute(input).problems];
}

/**
 * Computes the layout.
 *
 * @throws SubnetLayoutError listing every problem of the input
 */
export function subnetLayout(input: SubnetLayoutInput): SubnetLayout {
  const { layout, problems } = compute(input);
  if (!layout) throw new SubnetLayoutError(problems);
  return layout;
}

/** The layout as plain data, tier -> zone -> IPv4 block (what the stack outputs and the README prints). */
export function layoutTable(layout: SubnetLayout): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [name, tier] of Object.entries(layout.tiers)) {
    out[name] = Object.fromEntries(Object.entries(tier.subnets).map(([zone, s]) => [zone, s.cidr]));
  }
  return out;
}

/** The layout as a Markdown table (one row per tier, one column per zone), for docs and reviews. */
export function layoutMarkdown(layout: SubnetLayout): string {
  const lines = [
    `| Tier | Block | ${layout.zones.join(' | ')} |`,
    `|---|---|${layout.zones.map(() => '---|').join('')}`,
    ...Object.values(layout.tiers).map(
      (t) => `| ${t.name} (${t.type}) | ${t.cidr} | ${layout.zones.map((z) => t.subnets[z]!.cidr).join(' | ')} |`,
    ),
  ];
  return lines.join('\n');
}
