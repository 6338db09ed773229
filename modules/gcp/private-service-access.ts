import { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address';
import { ComputeNetworkPeeringRoutesConfig } from '@cdktf/provider-google/lib/compute-network-peering-routes-config';
import { ServiceNetworkingConnection } from '@cdktf/provider-google/lib/service-networking-connection';
import { Fn, type ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { parseCidr } from '../core/cidr';
import { ValidationError } from '../core/validation-error';

/** Name of the VPC peering that `servicenetworking.googleapis.com` creates. */
export const SERVICE_NETWORKING_PEERING = 'servicenetworking-googleapis-com';

/** What {@link GcpPrivateServiceAccess} does when a prop is left out. */
export const PRIVATE_SERVICE_ACCESS_DEFAULTS = { exportCustomRoutes: false } as const;

/** Prefix lengths of the reserved range (Google allocates /24 blocks per service; /16 is recommended). */
export const PRIVATE_SERVICE_ACCESS_LIMITS = { minPrefix: 8, maxPrefix: 24 } as const;

/** Props of {@link GcpPrivateServiceAccess}. */
export interface GcpPrivateServiceAccessProps {
  /** Name of the reserved global address (the Cloud SQL `allocated_ip_range`). */
  readonly name: string;
  /** Self link or id of the VPC the range is reserved in. */
  readonly network: string;
  /** Name of the VPC (for the peering routes config). */
  readonly networkName: string;
  /** The reserved range, prefix /8 to /24, e.g. `10.2.0.0/16`. */
  readonly cidr: string;
  /**
   * Export the VPC's custom (VPN-learned) routes to the service producer network, so Cloud SQL can
   * answer peers reached over a VPN.
   * @default false
   */
  readonly exportCustomRoutes?: boolean;
  /** Resources the connection waits for (the `servicenetworking` API). @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Private services access: a reserved internal range peered to Google's service producer network.
 *
 * Cloud SQL private IPs come from this range.
 * @see https://cloud.google.com/vpc/docs/configure-private-services-access
 */
export class GcpPrivateServiceAccess extends Construct {
  /** The reserved `VPC_PEERING` global address. */
  public readonly address: ComputeGlobalAddress;
  /** The peering connection to `servicenetworking.googleapis.com`. */
  public readonly connection: ServiceNetworkingConnection;
  /** Export of custom routes over the peering, when `exportCustomRoutes`. */
  public readonly peeringRoutes?: ComputeNetworkPeeringRoutesConfig;

  constructor(scope: Construct, id: string, props: GcpPrivateServiceAccessProps) {
    super(scope, id);
    // A token CIDR is split by Terraform; a literal one is checked here.
    let address: string = Fn.element(Fn.split('/', props.cidr), 0);
    let prefixLength: number = Token.asNumber(Fn.tonumber(Fn.element(Fn.split('/', props.cidr), 1)));
    if (!Token.isUnresolved(props.cidr)) {
      const { range, error } = parseCidr(props.cidr);
      if (!range) throw new ValidationError(this, 'cidr', props.cidr, error!);
      prefixLength = Number(range.cidrPrefix.getValue());
      const { minPrefix, maxPrefix } = PRIVATE_SERVICE_ACCESS_LIMITS;
      if (prefixLength < minPrefix || prefixLength > maxPrefix) {
        throw new ValidationError(
          this,
          'cidr',
          props.cidr,
          `has prefix /${prefixLength}; use a prefix length from /${minPrefix} to /${maxPrefix}`
        );
      }
      address = range.getFirst().toString();
    }

    this.address = new ComputeGlobalAddress(this, 'address', {
      name: props.name,
      description: 'Private services access range (Cloud SQL private IP)',
      purpose: 'VPC_PEERING',
      addressType: 'INTERNAL',
      address,
      prefixLength,
      network: props.network,
    });
    this.connection = new ServiceNetworkingConnection(this, 'connection', {
      network: props.network,
      service: 'servicenetworking.googleapis.com',
      reservedPeeringRanges: [this.address.name],
      dependsOn: props.dependsOn,
    });
    if (props.exportCustomRoutes ?? PRIVATE_SERVICE_ACCESS_DEFAULTS.exportCustomRoutes) {
      this.peeringRoutes = new ComputeNetworkPeeringRoutesConfig(this, 'peering-routes', {
        network: props.networkName,
        peering: SERVICE_NETWORKING_PEERING,
        exportCustomRoutes: true,
        importCustomRoutes: false,
        dependsOn: [this.connection],
      });
    }
  }
}
