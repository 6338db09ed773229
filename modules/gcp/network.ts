import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { parseCidr } from '../core/cidr';
import { ValidationError } from '../core/validation-error';
import { GcpPrivateServiceAccess } from './private-service-access';

/**
 * Source ranges of Google Cloud load-balancer and health-check probes.
 * @see https://cloud.google.com/load-balancing/docs/health-check-concepts#ip-ranges
 */
export const GOOGLE_HEALTH_CHECK_RANGES = ['35.191.0.0/16', '130.211.0.0/22'];
/** Source range of Identity-Aware Proxy TCP forwarding. */
export const IAP_TCP_FORWARDING_RANGE = '35.235.240.0/20';
/** APIs the network needs. */
export const GCP_NETWORK_SERVICES = ['compute.googleapis.com', 'servicenetworking.googleapis.com'];

/** Priority of the explicit deny-all-ingress rule: just above the implied rules (65535). */
export const DENY_ALL_INGRESS_PRIORITY = 65534;
/** Priority of the allow rules. */
export const ALLOW_PRIORITY = 1000;

/** Flow-log aggregation intervals the Compute API accepts. */
export const GCP_FLOW_LOG_INTERVALS = [
  'INTERVAL_5_SEC',
  'INTERVAL_30_SEC',
  'INTERVAL_1_MIN',
  'INTERVAL_5_MIN',
  'INTERVAL_10_MIN',
  'INTERVAL_15_MIN',
] as const;

/** What {@link GcpNetwork} does when a prop is left out. */
export const GCP_NETWORK_DEFAULTS = {
  routingMode: 'GLOBAL',
  exportCustomRoutesToServices: false,
  peerRanges: [] as readonly string[],
  /** PostgreSQL only: the DR link's DMS writes to the standby; nothing else from a peer needs a VM. */
  peerTcpPorts: ['5432'] as readonly string[],
  healthCheckTargetTags: ['allow-health-checks'] as readonly string[],
  /** HTTP, HTTPS and the usual container port; other serving ports are opt-in. */
  healthCheckPorts: ['80', '443', '8080'] as readonly string[],
  enableIapSsh: false,
  enableFirewallLogging: true,
  firewallLogMetadata: 'INCLUDE_ALL_METADATA',
  enableServices: true,
  flowLogs: {
    enabled: true,
    aggregationInterval: 'INTERVAL_5_SEC',
    flowSampling: 0.5,
    metadata: 'INCLUDE_ALL_METADATA',
  },
  nat: { enabled: true, logFilter: 'ERRORS_ONLY', minPortsPerVm: 64 },
} as const;

/** Limits {@link GcpNetwork} checks its props against. */
export const GCP_NETWORK_LIMITS = {
  /** RFC 1035 label: GCP network, subnet and firewall names. */
  maxNameLength: 63,
  minFlowSampling: 0,
  maxFlowSampling: 1,
  minPort: 1,
  maxPort: 65535,
} as const;

/** VPC flow logs of one subnet. */
export interface GcpSubnetFlowLogs {
  /** Export flow logs. @default true */
  readonly enabled?: boolean;
  /** Aggregation interval, e.g. `INTERVAL_5_SEC`. @default INTERVAL_5_SEC */
  readonly aggregationInterval?: string;
  /** Share of flows reported, 0.0 to 1.0. @default 0.5 */
  readonly flowSampling?: number;
  /** `INCLUDE_ALL_METADATA` or `EXCLUDE_ALL_METADATA`. @default INCLUDE_ALL_METADATA */
  readonly metadata?: string;
}

/** One regional subnet. Private Google Access is always on. */
export interface GcpSubnetSpec {
  /** Primary IPv4 range. */
  readonly cidr: string;
  /** Secondary ranges keyed by range name (GKE `pods`, `services`). @default {} */
  readonly secondaryRanges?: Record<string, string>;
  /** The subnet hosts GKE: requires `pods` and `services` secondary ranges. @default false */
  readonly gke?: boolean;
  /** VPC flow logs. @default on, INTERVAL_5_SEC, sampling 0.5, all metadata */
  readonly flowLogs?: GcpSubnetFlowLogs;
}

/** Cloud NAT of the network's router. */
export interface GcpNatSpec {
  /** Create the NAT. @default true */
  readonly enabled?: boolean;
  /** `ERRORS_ONLY`, `TRANSLATIONS_ONLY` or `ALL`. @default ERRORS_ONLY */
  readonly logFilter?: string;
  /** Minimum ports per VM. @default 64 */
  readonly minPortsPerVm?: number;
}

/** Props of {@link GcpNetwork}. */
export interface GcpNetworkProps {
  /** Name of the VPC; also the prefix of every other resource name (`<name>-<subnet>`, `<name>-router`...). */
  readonly name: string;
  /** Region of the subnets, router and NAT. @default - the provider's region */
  readonly region?: string;
  /** `GLOBAL` or `REGIONAL` dynamic routing. @default GLOBAL */
  readonly routingMode?: 'GLOBAL' | 'REGIONAL';
  /** Subnets keyed by name (the GCP subnet is named `<name>-<key>`). At least one. */
  readonly subnets: Record<string, GcpSubnetSpec>;
  /** Private services access range (prefix /8 to /24). */
  readonly privateServiceAccessCidr: string;
  /** Export custom (VPN) routes to the private-services peering. @default false */
  readonly exportCustomRoutesToServices?: boolean;
  /**
   * Source ranges of peered or VPN-connected networks (e.g. the AWS VPC over the DR VPN). They
   * reach instances only on `peerTcpPorts` and ICMP, never on every port like the subnets do.
   * @default []
   */
  readonly peerRanges?: string[];
  /** TCP ports (`"5432"`) or port ranges (`"8000-8080"`) the peer ranges may reach. @default ["5432"] */
  readonly peerTcpPorts?: string[];
  /** Network tags of instances that receive Google health checks. @default ["allow-health-checks"] */
  readonly healthCheckTargetTags?: string[];
  /** TCP ports (or ranges) Google health checks may probe on the tagged instances. @default ["80", "443", "8080"] */
  readonly healthCheckPorts?: string[];
  /** Allow SSH from Identity-Aware Proxy to every instance. @default false */
  readonly enableIapSsh?: boolean;
  /** Log matches of every firewall rule, with all metadata. @default true */
  readonly enableFirewallLogging?: boolean;
  /** Cloud NAT. @default enabled, ERRORS_ONLY logging */
  readonly nat?: GcpNatSpec;
  /** Enable the APIs the network needs (`google_project_service`, kept on destroy). @default true */
  readonly enableServices?: boolean;
}

const NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const PORT_OR_RANGE = /^(\d{1,5})(?:-(\d{1,5}))?$/;

/** Checks the props before any resource exists; unresolved tokens are skipped. */
function validate(scope: Construct, props: GcpNetworkProps): void {
  const checkCidr = (prop: string, value: string): void => {
    if (Token.isUnresolved(value)) return;
    const { error } = parseCidr(value);
    if (error) throw new ValidationError(scope, prop, value, error);
  };
  const checkPorts = (prop: string, ports: readonly string[] | undefined): void => {
    if (ports === undefined) return;
    if (ports.length === 0)
      throw new ValidationError(scope, prop, ports, 'is empty; give at least one TCP port, e.g. "443"');
    ports.forEach((port, i) => {
      if (Token.isUnresolved(port)) return;
      const m = PORT_OR_RANGE.exec(port);
      const [low, high] = m ? [Number(m[1]), Number(m[2] ?? m[1])] : [NaN, NaN];
      const { minPort, maxPort } = GCP_NETWORK_LIMITS;
      if (!m || low < minPort || high > maxPort || low > high) {
        throw new ValidationError(
          scope,
          `${prop}[${i}]`,
          port,
          `is not a TCP port; use a port ("5432") or a range ("8000-8080") within ${minPort}-${maxPort}`
        );
      }
    });
  };
  if (!Token.isUnresolved(props.name) && !NAME.test(props.name)) {
    throw new ValidationError(
      scope,
      'name',
      props.name,
      'is not a valid GCP name; use 1-63 lowercase letters, digits and "-", starting with a letter'
    );
  }
  const subnetNames = Object.keys(props.subnets);
  if (subnetNames.length === 0)
    throw new ValidationError(scope, 'subnets', props.subnets, 'is empty; give at least one subnet');
  for (const [key, subnet] of Object.entries(props.subnets)) {
    const full = `${props.name}-${key}`;
    if (!Token.isUnresolved(props.name) && !NAME.test(full)) {
      throw new ValidationError(
        scope,
        'subnets',
        key,
        `makes the invalid subnet name "${full}"; use keys of lowercase letters, digits and "-"`
      );
    }
    checkCidr(`subnets.${key}.cidr`, subnet.cidr);
    for (const [rangeName, cidr] of Object.entries(subnet.secondaryRanges ?? {})) {
      checkCidr(`subnets.${key}.secondaryRanges.${rangeName}`, cidr);
    }
    if (subnet.gke) {
      const missing = ['pods', 'services'].filter((r) => !(r in (subnet.secondaryRanges ?? {})));
      if (missing.length > 0) {
        throw new ValidationError(
          scope,
          `subnets.${key}.gke`,
          true,
          `needs secondary ranges named ${missing.map((m) => `"${m}"`).join(' and ')}; add them or set gke: false`
        );
      }
    }
    const sampling = subnet.flowLogs?.flowSampling;
    const { minFlowSampling, maxFlowSampling } = GCP_NETWORK_LIMITS;
    if (
      sampling !== undefined &&
      !Token.isUnresolved(sampling) &&
      !(sampling >= minFlowSampling && sampling <= maxFlowSampling)
    ) {
      throw new ValidationError(
        scope,
        `subnets.${key}.flowLogs.flowSampling`,
        sampling,
        'is out of range; use 0.0 to 1.0'
      );
    }
    const interval = subnet.flowLogs?.aggregationInterval;
    if (
      interval !== undefined &&
      !Token.isUnresolved(interval) &&
      !(GCP_FLOW_LOG_INTERVALS as readonly string[]).includes(interval)
    ) {
      throw new ValidationError(
        scope,
        `subnets.${key}.flowLogs.aggregationInterval`,
        interval,
        `is not an interval; use one of ${GCP_FLOW_LOG_INTERVALS.join(', ')}`
      );
    }
  }
  (props.peerRanges ?? []).forEach((range, i) => {
    checkCidr(`peerRanges[${i}]`, range);
    if (!Token.isUnresolved(range) && parseCidr(range).range && Number(range.split('/')[1]) === 0) {
      throw new ValidationError(
        scope,
        `peerRanges[${i}]`,
        range,
        'is the whole internet; use the private range of the peered network, e.g. "10.0.0.0/16"'
      );
    }
  });
  checkPorts('peerTcpPorts', props.peerTcpPorts);
  checkPorts('healthCheckPorts', props.healthCheckPorts);
  if (props.healthCheckTargetTags && props.healthCheckTargetTags.length === 0) {
    throw new ValidationError(
      scope,
      'healthCheckTargetTags',
      props.healthCheckTargetTags,
      'is empty; give at least one tag (an untagged rule would apply to every instance)'
    );
  }
}

/**
 * A custom-mode VPC with private subnets, Cloud NAT, a locked-down firewall and private services access.
 *
 * - every subnet has Private Google Access, flow logs (unless turned off) and its named secondary ranges;
 * - a Cloud Router with Cloud NAT (auto-allocated IPs, all subnet ranges, error logging);
 * - firewall, every rule logged: an explicit deny of all ingress at priority 65534, all traffic
 *   between the network's own ranges, peers (`peerRanges`) on `peerTcpPorts` and ICMP only,
 *   Google health checks to the health-check ports of tagged instances, and optionally SSH from IAP;
 * - a `VPC_PEERING` range peered to `servicenetworking.googleapis.com` (Cloud SQL private IP).
 * @see https://cloud.google.com/vpc/docs/vpc
 */
export class GcpNetwork extends Construct {
  /** The VPC. */
  public readonly network: ComputeNetwork;
  /** Subnets keyed by their key in `props.subnets`. */
  public readonly subnets: Record<string, ComputeSubnetwork>;
  /** The Cloud Router of the NAT. */
  public readonly router: ComputeRouter;
  /** The Cloud NAT, unless disabled. */
  public readonly nat?: ComputeRouterNat;
  /** Firewall rules keyed by role: `deny-all-ingress`, `allow-internal`, `allow-health-checks`, `allow-peers`, `allow-iap-ssh`. */
  public readonly firewallRules: Record<string, ComputeFirewall>;
  /** Private services access (reserved range and peering connection). */
  public readonly privateServiceAccess: GcpPrivateServiceAccess;
  /** Enabled APIs keyed by service name. */
  public readonly services: Record<string, ProjectService>;
  /** Every subnet's primary and secondary ranges (the internal rule's sources). */
  public readonly internalRanges: string[];

  constructor(scope: Construct, id: string, props: GcpNetworkProps) {
    super(scope, id);
    validate(this, props);
    const D = GCP_NETWORK_DEFAULTS;
    const { name, region } = props;

    this.services = {};
    if (props.enableServices ?? D.enableServices) {
      for (const service of GCP_NETWORK_SERVICES) {
        this.services[service] = new ProjectService(this, `service-${service.split('.')[0]}`, {
          service,
          // Other stacks and workloads of the project use these APIs too.
          disableOnDestroy: false,
          disableDependentServices: false,
        });
      }
    }
    const compute = this.services['compute.googleapis.com'];
    const serviceNetworking = this.services['servicenetworking.googleapis.com'];

    this.network = new ComputeNetwork(this, 'network', {
      name,
      description: 'Custom-mode VPC managed by cdktf',
      autoCreateSubnetworks: false,
      routingMode: props.routingMode ?? D.routingMode,
      deleteDefaultRoutesOnCreate: false,
      dependsOn: compute ? [compute] : undefined,
    });

    this.subnets = {};
    this.internalRanges = [];
    for (const [key, spec] of Object.entries(props.subnets)) {
      const flow = spec.flowLogs ?? {};
      const secondary = Object.entries(spec.secondaryRanges ?? {});
      this.subnets[key] = new ComputeSubnetwork(this, `subnet-${key}`, {
        name: `${name}-${key}`,
        network: this.network.id,
        region,
        ipCidrRange: spec.cidr,
        privateIpGoogleAccess: true,
        secondaryIpRange: secondary.map(([rangeName, cidr]) => ({ rangeName, ipCidrRange: cidr })),
        // Without this, removing the last secondary range from the config would leave it in place.
        sendSecondaryIpRangeIfEmpty: true,
        logConfig:
          flow.enabled ?? D.flowLogs.enabled
            ? {
                aggregationInterval: flow.aggregationInterval ?? D.flowLogs.aggregationInterval,
                flowSampling: flow.flowSampling ?? D.flowLogs.flowSampling,
                metadata: flow.metadata ?? D.flowLogs.metadata,
              }
            : undefined,
      });
      this.internalRanges.push(spec.cidr, ...secondary.map(([, cidr]) => cidr));
    }

    this.router = new ComputeRouter(this, 'router', {
      name: `${name}-router`,
      network: this.network.id,
      region,
    });
    const nat = props.nat ?? {};
    if (nat.enabled ?? D.nat.enabled) {
      this.nat = new ComputeRouterNat(this, 'nat', {
        name: `${name}-nat`,
        router: this.router.name,
        region,
        natIpAllocateOption: 'AUTO_ONLY',
        sourceSubnetworkIpRangesToNat: 'ALL_SUBNETWORKS_ALL_IP_RANGES',
        minPortsPerVm: nat.minPortsPerVm ?? D.nat.minPortsPerVm,
        logConfig: { enable: true, filter: nat.logFilter ?? D.nat.logFilter },
      });
    }

    // Every rule logs its matches: an allow that is never logged hides who used it.
    // @see https://cloud.google.com/firewall/docs/firewall-rules-logging
    const logging = props.enableFirewallLogging ?? D.enableFirewallLogging;
    const logConfig = logging ? { metadata: D.firewallLogMetadata } : undefined;
    this.firewallRules = {
      'deny-all-ingress': new ComputeFirewall(this, 'deny-all-ingress', {
        name: `${name}-deny-all-ingress`,
        description: 'Explicit deny of all ingress; allow rules have a higher priority (lower number)',
        network: this.network.id,
        direction: 'INGRESS',
        priority: DENY_ALL_INGRESS_PRIORITY,
        sourceRanges: ['0.0.0.0/0'],
        deny: [{ protocol: 'all' }],
        logConfig,
      }),
      // Only the network's own ranges reach every port; peers get their own, narrower rule.
      'allow-internal': new ComputeFirewall(this, 'allow-internal', {
        name: `${name}-allow-internal`,
        description: "Traffic between the network's own subnet ranges",
        network: this.network.id,
        direction: 'INGRESS',
        priority: ALLOW_PRIORITY,
        sourceRanges: [...this.internalRanges],
        allow: [{ protocol: 'tcp' }, { protocol: 'udp' }, { protocol: 'icmp' }],
        logConfig,
      }),
      'allow-health-checks': new ComputeFirewall(this, 'allow-health-checks', {
        name: `${name}-allow-health-checks`,
        description: 'Google Cloud load-balancer health checks to the serving ports of tagged instances',
        network: this.network.id,
        direction: 'INGRESS',
        priority: ALLOW_PRIORITY,
        sourceRanges: GOOGLE_HEALTH_CHECK_RANGES,
        targetTags: props.healthCheckTargetTags ?? [...D.healthCheckTargetTags],
        allow: [{ protocol: 'tcp', ports: props.healthCheckPorts ?? [...D.healthCheckPorts] }],
        logConfig,
      }),
    };
    const peerRanges = props.peerRanges ?? D.peerRanges;
    if (peerRanges.length > 0) {
      // Cloud SQL lives in Google's producer network, which this VPC's firewall does not filter:
      // DMS reaching the standby needs no rule here. This rule is for VMs/GKE that serve peers.
      this.firewallRules['allow-peers'] = new ComputeFirewall(this, 'allow-peers', {
        name: `${name}-allow-peers`,
        description: 'Peered or VPN-connected networks: the listed TCP ports and ICMP only',
        network: this.network.id,
        direction: 'INGRESS',
        priority: ALLOW_PRIORITY,
        sourceRanges: [...peerRanges],
        allow: [{ protocol: 'tcp', ports: props.peerTcpPorts ?? [...D.peerTcpPorts] }, { protocol: 'icmp' }],
        logConfig,
      });
    }
    if (props.enableIapSsh ?? D.enableIapSsh) {
      this.firewallRules['allow-iap-ssh'] = new ComputeFirewall(this, 'allow-iap-ssh', {
        name: `${name}-allow-iap-ssh`,
        description: 'SSH through Identity-Aware Proxy TCP forwarding',
        network: this.network.id,
        direction: 'INGRESS',
        priority: ALLOW_PRIORITY,
        sourceRanges: [IAP_TCP_FORWARDING_RANGE],
        allow: [{ protocol: 'tcp', ports: ['22'] }],
        logConfig,
      });
    }

    this.privateServiceAccess = new GcpPrivateServiceAccess(this, 'private-service-access', {
      name: `${name}-psa`,
      network: this.network.id,
      networkName: this.network.name,
      cidr: props.privateServiceAccessCidr,
      exportCustomRoutes: props.exportCustomRoutesToServices ?? D.exportCustomRoutesToServices,
      dependsOn: serviceNetworking ? [serviceNetworking] : undefined,
    });
  }
}
