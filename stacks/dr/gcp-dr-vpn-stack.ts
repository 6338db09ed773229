import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { ValidationError } from '../../modules/core/validation-error';
import { CloudSqlUser } from '../../modules/gcp/cloud-sql-user';
import { GcpDrVpn } from '../../modules/dr/gcp-dr-vpn';
import type { AwsDrTunnelOutputs, DrDmsUserOutputs, GcpDatabaseOutputs, GcpNetworkOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { googleProvider } from '../private/google-provider';
import { sensitiveInput } from '../private/sensitive-input';
import type { DrConfig } from './config';

/** Props of {@link GcpDrVpnStack}. */
export interface GcpDrVpnStackProps extends EnvironmentStackProps {
  /** The `dr` section. */
  readonly config: DrConfig;
  /** The GCP network with its HA VPN gateway and Cloud Router (stage 1). */
  readonly gcpNetwork: GcpNetworkOutputs;
  /** The Cloud SQL standby (`<env>-gcp-database`). */
  readonly gcpDatabase: GcpDatabaseOutputs;
  /** The four AWS tunnels (`<env>-aws-dr-vpn`, stage 2). */
  readonly awsTunnels: AwsDrTunnelOutputs;
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
    const { environment: env, config, gcpNetwork, gcpDatabase } = props;
    const ha = gcpNetwork.drVpn;
    if (!ha) {
      throw new ValidationError(this, 'gcpNetwork.drVpn', undefined, 'is required: the GCP network has no HA VPN gateway; it is created when dr.enabled is true');
    }
    googleProvider(this, env);
    new RandomProvider(this, 'random');

    this.vpn = new GcpDrVpn(this, 'vpn', {
      namePrefix: `${env.name}-dr`,
      region: env.gcp.region,
      networkName: gcpNetwork.networkName,
      haVpnGatewaySelfLink: ha.haVpnGatewaySelfLink,
      routerName: ha.routerName,
      routerAsn: config.vpn.gcpRouterAsn,
      peerAsn: config.vpn.awsAsn,
      // The pre-shared keys are the one secret that must cross from AWS (GCP cannot read AWS
      // Secrets Manager): marked sensitive again here, where terraform_remote_state drops the mark.
      tunnels: props.awsTunnels.map((t) => ({ ...t, presharedKey: sensitiveInput(t.presharedKey) })),
    });
    const user = new CloudSqlUser(this, 'dms-user', { instanceName: gcpDatabase.instanceName, userName: 'dms_replication' });
    // No secret: the user's password is a readable (sensitive) value, for the DMS target on AWS.
    this.dmsUser = { userName: user.userName, password: user.password! };

    new TerraformOutput(this, 'external_vpn_gateway', { value: this.vpn.externalGateway.selfLink });
    new TerraformOutput(this, 'tunnel_names', { value: this.vpn.tunnels.map((t) => t.name) });
    new TerraformOutput(this, 'bgp_peers', {
      description: 'Cloud Router address -> AWS address of each BGP session',
      value: props.awsTunnels.map((t) => `${t.gcpInsideAddress} -> ${t.awsInsideAddress}`),
    });
    new TerraformOutput(this, 'dms_user_name', { value: this.dmsUser.userName });
  }
}
