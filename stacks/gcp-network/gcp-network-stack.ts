import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { GcpHaVpnGateway } from '../../modules/gcp/ha-vpn-gateway';
import { GcpNetwork } from '../../modules/gcp/network';
import type { GcpNetworkOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { googleProvider } from '../private/google-provider';
import type { GcpNetworkConfig } from './config';

/** Props of {@link GcpNetworkStack}. */
export interface GcpNetworkStackProps extends EnvironmentStackProps {
  /** The `gcp.network` section. */
  readonly config: GcpNetworkConfig;
  /**
   * Stage 1 of the AWS-to-GCP DR link: the HA VPN gateway and its Cloud Router, and the AWS VPC
   * range the firewall admits.
   *
   * @default - no DR link
   */
  readonly drVpn?: {
    /** The Cloud Router's private BGP ASN (`dr.vpn.gcpRouterAsn`). */
    readonly routerAsn: number;
    /** The AWS VPC's range (`aws.network.cidr`). */
    readonly awsVpcCidr: string;
  };
}

/**
 * `<env>-gcp-network`: the environment's VPC, subnets, Cloud NAT, firewall and private services
 * access; with `dr.enabled`, also the HA VPN gateway and Cloud Router of the DR link.
 */
export class GcpNetworkStack extends EnvironmentStack {
  public readonly outputs: GcpNetworkOutputs;
  public readonly network: GcpNetwork;
  /** The DR link's HA VPN gateway and router, when `dr.enabled`. */
  public readonly drVpn?: GcpHaVpnGateway;

  constructor(scope: Construct, name: string, props: GcpNetworkStackProps) {
    super(scope, name, props);
    const { environment: env, config, drVpn } = props;
    googleProvider(this, env);

    // Peers reached over the DR VPN may talk to instances; Azure has no link to GCP, so it is not allowed in.
    const crossCloud = drVpn ? [drVpn.awsVpcCidr] : [];
    this.network = new GcpNetwork(this, 'network', {
      name: `${env.name}-network`,
      region: env.gcp.region,
      routingMode: config.routingMode,
      subnets: config.subnets,
      privateServiceAccessCidr: config.privateServiceAccessCidr,
      // The DR VPN stack exports the VPN routes to the private-services peering (one owner per peering).
      exportCustomRoutesToServices: false,
      peerRanges: crossCloud,
      healthCheckTargetTags: config.healthCheckTargetTags,
      enableIapSsh: config.iapSshEnabled,
      enableFirewallLogging: config.firewallLogging,
      nat: config.nat,
    });

    if (drVpn) {
      this.drVpn = new GcpHaVpnGateway(this, 'dr-vpn', {
        name: `${env.name}-dr-ha-vpn`,
        network: this.network.network.id,
        region: env.gcp.region,
        routerAsn: drVpn.routerAsn,
        // ALL_SUBNETS leaves out the private services range; Cloud SQL must be reachable from AWS.
        advertisedIpRanges: [config.privateServiceAccessCidr],
      });
    }

    const psa = this.network.privateServiceAccess;
    const subnetIds: Record<string, string> = {};
    for (const [key, subnet] of Object.entries(this.network.subnets)) subnetIds[key] = subnet.id;
    this.outputs = {
      networkId: this.network.network.id,
      networkName: this.network.network.name,
      networkSelfLink: this.network.network.selfLink,
      subnetIds,
      privateServiceAccessRangeName: psa.address.name,
      privateServiceAccessCidr: config.privateServiceAccessCidr,
      serviceNetworkingConnectionId: psa.connection.id,
      routerName: this.network.router.name,
      ...(this.drVpn
        ? {
            drVpn: {
              haVpnGatewayId: this.drVpn.gateway.id,
              haVpnGatewaySelfLink: this.drVpn.gateway.selfLink,
              interfaceIps: [this.drVpn.interfaceIp(0), this.drVpn.interfaceIp(1)],
              routerName: this.drVpn.router.name,
              routerAsn: this.drVpn.routerAsn,
            },
          }
        : {}),
    };

    new TerraformOutput(this, 'network_id', { value: this.outputs.networkId });
    new TerraformOutput(this, 'network_name', { value: this.outputs.networkName });
    new TerraformOutput(this, 'network_self_link', { value: this.outputs.networkSelfLink });
    new TerraformOutput(this, 'subnet_ids', { value: subnetIds });
    new TerraformOutput(this, 'subnet_ranges', {
      description: 'Primary and secondary ranges of each subnet',
      value: Object.fromEntries(
        Object.entries(config.subnets).map(([key, s]) => [key, { cidr: s.cidr, secondary_ranges: s.secondaryRanges }])
      ),
    });
    new TerraformOutput(this, 'secondary_range_names', {
      description: 'Secondary range names of each subnet (GKE ip_allocation_policy)',
      value: Object.fromEntries(
        Object.entries(config.subnets).map(([key, s]) => [key, Object.keys(s.secondaryRanges)])
      ),
    });
    new TerraformOutput(this, 'router_name', { value: this.outputs.routerName });
    new TerraformOutput(this, 'private_service_access_range_name', {
      value: this.outputs.privateServiceAccessRangeName,
    });
    new TerraformOutput(this, 'private_service_access_cidr', { value: this.outputs.privateServiceAccessCidr });
    if (this.outputs.drVpn) {
      new TerraformOutput(this, 'dr_ha_vpn_gateway_id', { value: this.outputs.drVpn.haVpnGatewayId });
      new TerraformOutput(this, 'dr_ha_vpn_interface_ips', { value: this.outputs.drVpn.interfaceIps });
      new TerraformOutput(this, 'dr_vpn_router_name', { value: this.outputs.drVpn.routerName });
      new TerraformOutput(this, 'dr_vpn_router_asn', { value: this.outputs.drVpn.routerAsn });
    }
  }
}
