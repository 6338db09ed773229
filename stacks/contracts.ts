/**
 * What each stack publishes for the stacks after it.
 *
 * A consuming stack takes one of these through its props; the values are tokens of the
 * producing stack, and cdktf turns each into an output there and a remote-state read here.
 * Keep the field names stable: they are part of the stack graph.
 */

/** Published by `<env>-aws-network`. */
export interface AwsNetworkOutputs {
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** Availability-zone names, in slot order. */
  readonly availabilityZones: string[];
  readonly publicSubnetIds: string[];
  readonly privateSubnetIds: string[];
  readonly databaseSubnetIds: string[];
  /** Route tables of the private tier (one per AZ or one shared, by NAT mode). */
  readonly privateRouteTableIds: string[];
  /** Route tables of the isolated database tier. */
  readonly databaseRouteTableIds: string[];
  /** DB subnet group over the database subnets. */
  readonly dbSubnetGroupName: string;
  /** Security group of the interface endpoints (443 from the VPC). */
  readonly endpointSecurityGroupId: string;
  /** Regional DNS name of the Secrets Manager interface endpoint (for DMS endpoint overrides). */
  readonly secretsManagerEndpointDnsName: string;
}

/** Published by `<env>-gcp-network`. */
export interface GcpNetworkOutputs {
  readonly networkId: string;
  readonly networkName: string;
  readonly networkSelfLink: string;
  /** Subnet ids keyed by the subnet's name in the config. */
  readonly subnetIds: Record<string, string>;
  /** Name of the private-services-access global address (Cloud SQL `allocated_ip_range`). */
  readonly privateServiceAccessRangeName: string;
  /** The private-services-access range, e.g. `10.2.0.0/16`. */
  readonly privateServiceAccessCidr: string;
  /** Id of the `servicenetworking.googleapis.com` connection (Cloud SQL must depend on it). */
  readonly serviceNetworkingConnectionId: string;
  /** Cloud Router used by Cloud NAT. */
  readonly routerName: string;
  /** HA VPN side of the DR link, present when `dr.enabled`. */
  readonly drVpn?: GcpDrVpnGatewayOutputs;
}

/** The HA VPN gateway and Cloud Router the DR link terminates on (in `<env>-gcp-network`). */
export interface GcpDrVpnGatewayOutputs {
  readonly haVpnGatewayId: string;
  readonly haVpnGatewaySelfLink: string;
  /** Public addresses of HA VPN interfaces 0 and 1. */
  readonly interfaceIps: [string, string];
  readonly routerName: string;
  /** The Cloud Router's BGP ASN (a number known at synth, from config). */
  readonly routerAsn: number;
}

/** Published by `<env>-azure-network`. */
export interface AzureNetworkOutputs {
  readonly resourceGroupName: string;
  readonly location: string;
  readonly vnetId: string;
  readonly vnetName: string;
  /** Subnet ids keyed by role: at least `app`, `data`, `aks`. */
  readonly subnetIds: Record<string, string>;
  /** NSG ids keyed by the same roles. */
  readonly nsgIds: Record<string, string>;
  /** Private DNS zone for PostgreSQL flexible servers, linked to the VNet. */
  readonly postgresPrivateDnsZoneId: string;
}

/** Published by `<env>-aws-database`. */
export interface AwsDatabaseOutputs {
  readonly endpoint: string;
  readonly address: string;
  readonly port: number;
  readonly instanceId: string;
  readonly instanceArn: string;
  readonly securityGroupId: string;
  /** Secrets Manager secret that RDS manages for the master user. */
  readonly secretArn: string;
  readonly kmsKeyArn: string;
  readonly parameterGroupName: string;
}

/** Published by `<env>-gcp-database`. */
export interface GcpDatabaseOutputs {
  readonly instanceName: string;
  readonly connectionName: string;
  readonly privateIp: string;
  readonly databaseName: string;
  /** Secret Manager secret id of the application user's password. */
  readonly secretId: string;
  /** PEM of the instance's server CA (for DMS `verify-ca`). */
  readonly serverCaCert: string;
}

/** Published by `<env>-azure-database`. */
export interface AzureDatabaseOutputs {
  readonly serverId: string;
  readonly fqdn: string;
  readonly databaseName: string;
  readonly keyVaultSecretId: string;
}
