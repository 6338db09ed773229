import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { EgressOnlyInternetGateway } from '@cdktf/provider-aws/lib/egress-only-internet-gateway';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import {
  type LayoutTier,
  type SubnetLayout,
  type SubnetTierSpec,
  SubnetLayoutError,
  layoutTable,
  subnetLayout,
} from '../core/subnet-layout';
import { ValidationError } from '../core/validation-error';
import { VPC_ENDPOINT_DEFAULTS, VpcEndpoints } from './vpc-endpoints';
import { VpcFlowLog, type VpcFlowLogProps } from './vpc-flow-log';

/** How private tiers reach the internet. */
export type NatGatewayMode = 'none' | 'single' | 'per-az';

/** Flow-log options of {@link AwsNetwork} (the VPC and name are filled in). */
export type AwsNetworkFlowLogOptions = Omit<VpcFlowLogProps, 'vpcId' | 'name' | 'accountId' | 'tags'>;

/** Props of {@link AwsNetwork}. */
export interface AwsNetworkProps {
  /** Name prefix of every resource's Name tag and of named resources, e.g. `prod`. */
  readonly name: string;
  /** Region of the VPC, e.g. `eu-west-1` (endpoint service names are built from it). */
  readonly region: string;
  /** The VPC's IPv4 block (/16 to /28; the default tiers need /22 or larger). */
  readonly cidr: string;
  /** Availability-zone names of the region, 2 to 6, e.g. `['eu-west-1a', 'eu-west-1b']`. */
  readonly zones: readonly string[];
  /**
   * Subnet tiers keyed by name; `public`, `private` and `database` always exist (see subnet-layout.ts).
   *
   * @default - the three well-known tiers at their default blocks
   */
  readonly tiers?: Readonly<Record<string, SubnetTierSpec>>;
  /**
   * NAT gateways for the private tiers: none (no default route), one in the first zone, or one per zone.
   *
   * @default 'per-az'
   */
  readonly natGateways?: NatGatewayMode;
  /**
   * VPC flow logs; `false` records none.
   *
   * @default - ALL traffic to a CloudWatch log group kept 365 days, encrypted with its own customer key
   */
  readonly flowLogs?: AwsNetworkFlowLogOptions | false;
  /**
   * Interface endpoints (suffixes of `com.amazonaws.<region>.`) in the `private` subnets.
   *
   * @default - secretsmanager, kms, logs, sts, ecr.api, ecr.dkr
   */
  readonly interfaceEndpoints?: readonly string[];
  /**
   * Gateway endpoints on the route tables of every private and isolated tier.
   *
   * @default ['s3', 'dynamodb']
   */
  readonly gatewayEndpoints?: readonly ('s3' | 'dynamodb')[];
  /**
   * Dual stack: an Amazon-provided IPv6 /56 on the VPC and a /64 per subnet.
   *
   * @default false
   */
  readonly enableIpv6?: boolean;
  /**
   * Account id, used to scope the flow-logs role's trust policy.
   *
   * @default - no account condition
   */
  readonly accountId?: string;
  /**
   * Tags merged onto every taggable resource (the provider adds the environment's default tags).
   *
   * @default {}
   */
  readonly tags?: Record<string, string>;
  /**
   * Extra tags on the subnets of one tier, keyed by tier name, e.g. the load-balancer discovery tags
   * `{ public: { 'kubernetes.io/role/elb': '1' }, private: { 'kubernetes.io/role/internal-elb': '1' } }`.
   *
   * @default {}
   */
  readonly tierTags?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** The subnets and route tables of one tier. */
export interface AwsNetworkTier {
  readonly layout: LayoutTier;
  /** Subnets keyed by zone name. */
  readonly subnets: Readonly<Record<string, Subnet>>;
  /** Route tables keyed by zone name (a public tier's zones share one table). */
  readonly routeTables: Readonly<Record<string, RouteTable>>;
}

/** Defaults of {@link AwsNetwork}, exported for the `aws.network` config section. */
export const AWS_NETWORK_DEFAULTS = {
  natGateways: 'per-az',
  enableIpv6: false,
  interfaceEndpoints: VPC_ENDPOINT_DEFAULTS.interfaceServices,
  gatewayEndpoints: VPC_ENDPOINT_DEFAULTS.gatewayServices,
} as const;

/** Limits of {@link AwsNetwork}. */
export const AWS_NETWORK_LIMITS = {
  /** Availability zones a network spans. */
  zones: { min: 2, max: 6 },
  /** The `name` prop: 1-40 lowercase letters, digits and "-", starting with a letter. */
  name: /^[a-z][a-z0-9-]{0,39}$/,
} as const;

/** NAT gateway modes {@link AwsNetwork} accepts. */
export const NAT_GATEWAY_MODES = ['none', 'single', 'per-az'] as const;

/**
 * A VPC laid out in tiers x availability zones, locked down and with private access to AWS APIs.
 *
 * Creates: the VPC (DNS support and hostnames on), the default security group adopted with every
 * rule removed, an internet gateway, one subnet per tier and zone at the address given by
 * {@link subnetLayout} (keyed by tier name and zone letter, so adding either never moves a subnet),
 * NAT gateways with Elastic IPs by `natGateways`, route tables (one shared per public tier, one per
 * zone for private and isolated tiers), VPC flow logs, S3/DynamoDB gateway endpoints on the private
 * and isolated route tables, interface endpoints in the `private` subnets with private DNS behind a
 * security group that admits HTTPS from the VPC only, a DB subnet group over the `database`
 * subnets, and optionally IPv6 (an egress-only internet gateway for the private tiers).
 *
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-best-practices.html
 */
export class AwsNetwork extends Construct {
  public readonly vpc: Vpc;
  /** The computed address layout. */
  public readonly layout: SubnetLayout;
  /** Zone names in slot order. */
  public readonly zones: readonly string[];
  /** Tiers keyed by name. */
  public readonly tiers: Readonly<Record<string, AwsNetworkTier>>;
  public readonly internetGateway: InternetGateway;
  /** NAT gateways keyed by the zone they sit in. */
  public readonly natGateways: Readonly<Record<string, NatGateway>>;
  public readonly defaultSecurityGroup: DefaultSecurityGroup;
  public readonly endpoints: VpcEndpoints;
  public readonly dbSubnetGroup: DbSubnetGroup;
  public readonly flowLog?: VpcFlowLog;

  constructor(scope: Construct, id: string, props: AwsNetworkProps) {
    super(scope, id);
    const natMode = props.natGateways ?? AWS_NETWORK_DEFAULTS.natGateways;
    const tags = props.tags ?? {};
    const enableIpv6 = props.enableIpv6 ?? AWS_NETWORK_DEFAULTS.enableIpv6;
    const nameTag = (suffix: string): Record<string, string> => ({ Name: `${props.name}-${suffix}`, ...tags });

    if (!AWS_NETWORK_LIMITS.name.test(props.name)) {
      throw new ValidationError(this, 'name', props.name, 'is not allowed; use 1-40 lowercase letters, digits and "-", starting with a letter');
    }
    if (!(NAT_GATEWAY_MODES as readonly string[]).includes(natMode)) {
      throw new ValidationError(this, 'natGateways', natMode, 'is not allowed; use "none", "single" or "per-az"');
    }
    const { min, max } = AWS_NETWORK_LIMITS.zones;
    if (props.zones.length < min || props.zones.length > max) {
      throw new ValidationError(this, 'zones', props.zones, `has ${props.zones.length} zones; use ${min} to ${max} availability zones`);
    }
    props.zones.forEach((zone, i) => {
      if (!new RegExp(`^${props.region}[a-z]$`).test(zone)) {
        throw new ValidationError(
          this,
          `zones[${i}]`,
          zone,
          `is not an availability zone of ${props.region}; use "${props.region}" followed by a letter, e.g. "${props.region}a"`,
        );
      }
    });
    if (new Set(props.zones).size !== props.zones.length) {
      throw new ValidationError(this, 'zones', props.zones, 'lists a zone twice; list each availability zone once');
    }
    try {
      this.layout = subnetLayout({ cidr: props.cidr, zones: props.zones, tiers: props.tiers ?? {}, ipv6: enableIpv6 });
    } catch (err) {
      if (err instanceof SubnetLayoutError) {
        const p = err.problems[0]!;
        throw new ValidationError(this, p.path.join('.'), p.input, p.message);
      }
      throw err;
    }
    for (const tierName of Object.keys(props.tierTags ?? {})) {
      if (!this.layout.tiers[tierName]) {
        throw new ValidationError(this, `tierTags.${tierName}`, tierName, `is not a tier of this network; use one of ${Object.keys(this.layout.tiers).join(', ')}`);
      }
    }
    this.zones = this.layout.zones;

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      ...(enableIpv6 ? { assignGeneratedIpv6CidrBlock: true } : {}),
      tags: nameTag('vpc'),
    });
    // Adopting the default security group removes all its rules; nothing may use it.
    this.defaultSecurityGroup = new DefaultSecurityGroup(this, 'default-security-group', {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: nameTag('default-do-not-use'),
    });
    this.internetGateway = new InternetGateway(this, 'internet-gateway', { vpcId: this.vpc.id, tags: nameTag('igw') });
    const egressOnly = enableIpv6
      ? new EgressOnlyInternetGateway(this, 'egress-only-internet-gateway', { vpcId: this.vpc.id, tags: nameTag('eigw') })
      : undefined;

    // Subnets of every tier, each in the scope `<tier>/<zone>`.
    const tiers: Record<string, AwsNetworkTier> = {};
    const zoneScopes: Record<string, Record<string, Construct>> = {};
    for (const tier of Object.values(this.layout.tiers)) {
      const tierScope = new Construct(this, tier.name);
      const subnets: Record<string, Subnet> = {};
      zoneScopes[tier.name] = {};
      for (const zone of this.zones) {
        // The zone name, not its letter: cdktf drops a path segment that ends the previous one ("public" + "c").
        const zoneScope = new Construct(tierScope, zone);
        zoneScopes[tier.name]![zone] = zoneScope;
        const planned = tier.subnets[zone]!;
        subnets[zone] = new Subnet(zoneScope, 'subnet', {
          vpcId: this.vpc.id,
          availabilityZone: zone,
          cidrBlock: planned.cidr,
          mapPublicIpOnLaunch: false,
          ...(enableIpv6
            ? {
                ipv6CidrBlock: Fn.cidrsubnet(this.vpc.ipv6CidrBlock, 8, planned.ipv6Netnum),
                assignIpv6AddressOnCreation: true,
              }
            : {}),
          tags: { ...nameTag(`${tier.name}-${zone}`), Tier: tier.name, ...(props.tierTags?.[tier.name] ?? {}) },
        });
      }
      tiers[tier.name] = { layout: tier, subnets, routeTables: {} };
    }

    // NAT gateways sit in the `public` tier; `single` keeps the first zone's, so moving to per-az adds the others.
    const natGateways: Record<string, NatGateway> = {};
    const natZones = natMode === 'none' ? [] : natMode === 'single' ? [this.zones[0]!] : [...this.zones];
    for (const zone of natZones) {
      const zoneScope = zoneScopes.public![zone]!;
      const eip = new Eip(zoneScope, 'nat-eip', { domain: 'vpc', tags: nameTag(`nat-${zone}`) });
      natGateways[zone] = new NatGateway(zoneScope, 'nat-gateway', {
        allocationId: eip.allocationId,
        subnetId: tiers.public!.subnets[zone]!.id,
        connectivityType: 'public',
        tags: nameTag(`nat-${zone}`),
        dependsOn: [this.internetGateway],
      });
    }
    this.natGateways = natGateways;

    // Route tables: one shared per public tier, one per zone for private and isolated tiers.
    for (const tier of Object.values(tiers)) {
      const routeTables = tier.routeTables as Record<string, RouteTable>;
      const tierScope = this.node.findChild(tier.layout.name);
      if (tier.layout.type === 'public') {
        const table = new RouteTable(tierScope, 'route-table', { vpcId: this.vpc.id, tags: nameTag(tier.layout.name) });
        new Route(tierScope, 'default-route', {
          routeTableId: table.id,
          destinationCidrBlock: '0.0.0.0/0',
          gatewayId: this.internetGateway.id,
        });
        if (enableIpv6) {
          new Route(tierScope, 'default-route-ipv6', {
            routeTableId: table.id,
            destinationIpv6CidrBlock: '::/0',
            gatewayId: this.internetGateway.id,
          });
        }
        for (const zone of this.zones) routeTables[zone] = table;
      } else {
        for (const zone of this.zones) {
          const zoneScope = zoneScopes[tier.layout.name]![zone]!;
          const table = new RouteTable(zoneScope, 'route-table', {
            vpcId: this.vpc.id,
            tags: nameTag(`${tier.layout.name}-${zone}`),
          });
          routeTables[zone] = table;
          if (tier.layout.type !== 'private' || natMode === 'none') continue;
          const nat = natGateways[zone] ?? natGateways[this.zones[0]!]!;
          new Route(zoneScope, 'default-route', {
            routeTableId: table.id,
            destinationCidrBlock: '0.0.0.0/0',
            natGatewayId: nat.id,
          });
          if (egressOnly) {
            new Route(zoneScope, 'default-route-ipv6', {
              routeTableId: table.id,
              destinationIpv6CidrBlock: '::/0',
              egressOnlyGatewayId: egressOnly.id,
            });
          }
        }
      }
      for (const zone of this.zones) {
        new RouteTableAssociation(zoneScopes[tier.layout.name]![zone]!, 'route-table-association', {
          subnetId: tier.subnets[zone]!.id,
          routeTableId: routeTables[zone]!.id,
        });
      }
    }
    this.tiers = tiers;

    const privateTables = Object.values(tiers)
      .filter((t) => t.layout.type !== 'public')
      .flatMap((t) => this.zones.map((z) => t.routeTables[z]!.id));
    this.endpoints = new VpcEndpoints(this, 'endpoints', {
      vpcId: this.vpc.id,
      vpcCidr: this.vpc.cidrBlock,
      ...(enableIpv6 ? { vpcIpv6Cidr: this.vpc.ipv6CidrBlock } : {}),
      region: props.region,
      name: props.name,
      subnetIds: this.subnetIds('private'),
      routeTableIds: privateTables,
      interfaceServices: props.interfaceEndpoints ?? AWS_NETWORK_DEFAULTS.interfaceEndpoints,
      gatewayServices: props.gatewayEndpoints ?? AWS_NETWORK_DEFAULTS.gatewayEndpoints,
      tags,
    });

    this.dbSubnetGroup = new DbSubnetGroup(this, 'database-subnet-group', {
      name: `${props.name}-database`,
      description: `Isolated database subnets of ${props.name}`,
      subnetIds: this.subnetIds('database'),
      tags: nameTag('database'),
    });

    if (props.flowLogs !== false) {
      this.flowLog = new VpcFlowLog(this, 'flow-log', {
        ...(props.flowLogs ?? {}),
        vpcId: this.vpc.id,
        name: props.name,
        ...(props.accountId ? { accountId: props.accountId } : {}),
        tags,
      });
    }
  }

  /** Subnet ids of a tier, in zone order. */
  public subnetIds(tier: string): string[] {
    const t = this.tier(tier);
    return this.zones.map((z) => t.subnets[z]!.id);
  }

  /** Distinct route table ids of a tier, in zone order. */
  public routeTableIds(tier: string): string[] {
    const t = this.tier(tier);
    return [...new Set(this.zones.map((z) => t.routeTables[z]!))].map((table) => table.id);
  }

  /** The layout as tier -> zone -> IPv4 block. */
  public layoutTable(): Record<string, Record<string, string>> {
    return layoutTable(this.layout);
  }

  private tier(name: string): AwsNetworkTier {
    const t = this.tiers[name];
    if (!t) throw new ValidationError(this, 'tier', name, `does not exist; use one of ${Object.keys(this.tiers).join(', ')}`);
    return t;
  }
}
