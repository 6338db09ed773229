import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { AwsDrTunnel } from '../modules/dr/aws-dr-vpn';
import { CloudSqlDmsUser } from '../modules/dr/cloud-sql-dms-user';
import { GcpDrVpn } from '../modules/dr/gcp-dr-vpn';
import type { GcpDatabaseOutputs, GcpNetworkOutputs } from './contracts';
import { EnvironmentStack, type EnvironmentStackProps } from './environment-stack';
import { googleProvider } from './private/google-provider';

/** The Cloud SQL user DMS writes as (published for `<env>-aws-dr-replication`). */
export interface DrDmsUserOutputs {
  readonly userName: string;
  /** Sensitive: reaches the AWS stack only as a sensitive cross-stack output. */
  readonly password: string;
}

/** Props of {@link GcpDrVpnStack}. */
export interface GcpDrVpnStackProps extends EnvironmentStackProps {
  /** The GCP network with its HA VPN gateway and Cloud Router (stage 1). */
  readonly gcpNetwork: GcpNetworkOutputs;
  /** The Cloud SQL standby (`<env>-gcp-database`). */
  readonly gcpDatabase: GcpDatabaseOutputs;
  /** The four AWS tunnels (`<env>-aws-dr-vpn`, stage 2). */
  readonly awsTunnels: AwsDrTunnel[];
}

/**
 * `<env>-gcp-dr-vpn` (stage 3 of the DR link): the GCP side of the HA VPN, custom-route
 * exchange with the Cloud SQL producer network, and the Cloud SQL user DMS writes as.
 */
export class GcpDrVpnStack extends EnvironmentStack {
  public readonly vpn: GcpDrVpn;
  public readonly dmsUser: DrDmsUserOutputs;

  constructor(scope: Construct, name: string, props: GcpDrVpnStackProps) {
    super(scope, name, props);
    const { env, gcpNetwork, gcpDatabase } = props;
    const ha = gcpNetwork.drVpn;
    if (!ha) {
      throw new Error(
        `${name}: the GCP network has no HA VPN gateway (GcpNetworkOutputs.drVpn); it is created when dr.enabled is true`,
      );
    }
    googleProvider(this, env);
    new RandomProvider(this, 'random');

    this.vpn = new GcpDrVpn(this, 'vpn', {
      namePrefix: `${env.name}-dr`,
      region: env.gcp.region,
      networkName: gcpNetwork.networkName,
      haVpnGatewaySelfLink: ha.haVpnGatewaySelfLink,
      routerName: ha.routerName,
      routerAsn: env.dr.vpn.gcpRouterAsn,
      peerAsn: env.dr.vpn.awsAsn,
      tunnels: props.awsTunnels,
    });
    const user = new CloudSqlDmsUser(this, 'dms-user', { instanceName: gcpDatabase.instanceName });
    this.dmsUser = { userName: user.userName, password: user.password };

    new TerraformOutput(this, 'external_vpn_gateway', { value: this.vpn.externalGateway.selfLink });
    new TerraformOutput(this, 'tunnel_names', { value: this.vpn.tunnels.map((t) => t.name) });
    new TerraformOutput(this, 'bgp_peers', {
      description: 'Cloud Router address -> AWS address of each BGP session',
      value: props.awsTunnels.map((t) => `${t.gcpInsideAddress} -> ${t.awsInsideAddress}`),
    });
    new TerraformOutput(this, 'dms_user_name', { value: this.dmsUser.userName });
  }
}
