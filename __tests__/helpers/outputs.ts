import { DEFAULT_INSIDE_CIDRS, tunnelInsideAddresses } from '../../modules/core/config/dr';
import type { AwsDrTunnel } from '../../modules/dr/aws-dr-vpn';
import type { AwsDatabaseOutputs, AwsNetworkOutputs, GcpDatabaseOutputs, GcpNetworkOutputs } from '../../stacks/contracts';

/**
 * Literal stack outputs, as if the producing stacks had been applied: tests build a consuming
 * stack on these instead of cross-stack references.
 */

export const AWS_NETWORK: AwsNetworkOutputs = {
  vpcId: 'vpc-123',
  vpcCidr: '10.0.0.0/16',
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  publicSubnetIds: ['subnet-pa', 'subnet-pb'],
  privateSubnetIds: ['subnet-a', 'subnet-b'],
  databaseSubnetIds: ['subnet-da', 'subnet-db'],
  privateRouteTableIds: ['rtb-a', 'rtb-b'],
  databaseRouteTableIds: ['rtb-d'],
  dbSubnetGroupName: 'test-database',
  endpointSecurityGroupId: 'sg-0123456789abcdef0',
  secretsManagerEndpointDnsName: 'vpce-123.secretsmanager.eu-west-1.vpce.amazonaws.com',
};

export const GCP_NETWORK: GcpNetworkOutputs = {
  networkId: 'projects/acme-test-1/global/networks/test-network',
  networkName: 'test-network',
  networkSelfLink: 'https://www.googleapis.com/compute/v1/projects/acme-test-1/global/networks/test-network',
  subnetIds: { main: 'projects/acme-test-1/regions/europe-west1/subnetworks/test-main' },
  privateServiceAccessRangeName: 'test-psa',
  privateServiceAccessCidr: '10.2.0.0/16',
  serviceNetworkingConnectionId: 'sn-1',
  routerName: 'test-router',
  drVpn: {
    haVpnGatewayId: 'projects/acme-test-1/regions/europe-west1/vpnGateways/test-dr-ha-vpn',
    haVpnGatewaySelfLink:
      'https://www.googleapis.com/compute/v1/projects/acme-test-1/regions/europe-west1/vpnGateways/test-dr-ha-vpn',
    interfaceIps: ['203.0.113.10', '203.0.113.11'],
    routerName: 'test-dr-ha-vpn-router',
    routerAsn: 65010,
  },
};

export const AWS_DATABASE: AwsDatabaseOutputs = {
  endpoint: 'test-postgres.abc.eu-west-1.rds.amazonaws.com:5432',
  address: 'test-postgres.abc.eu-west-1.rds.amazonaws.com',
  port: 5432,
  instanceId: 'test-postgres',
  instanceArn: 'arn:aws:rds:eu-west-1:123456789012:db:test-postgres',
  securityGroupId: 'sg-0aaaaaaaaaaaaaaa0',
  secretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-1-AbCdEf',
  kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/abc',
  parameterGroupName: 'test-postgres17',
};

export const GCP_DATABASE: GcpDatabaseOutputs = {
  instanceName: 'test-postgres',
  connectionName: 'acme-test-1:europe-west1:test-postgres',
  privateIp: '10.2.0.3',
  databaseName: 'app',
  secretId: 'test-postgres-app-password',
  serverCaCert: '-----BEGIN CERTIFICATE-----\nCLOUDSQL\n-----END CERTIFICATE-----\n',
};

/** Literal AWS tunnels for the GCP DR stack that publishes the DMS user. */
export const AWS_TUNNELS: AwsDrTunnel[] = DEFAULT_INSIDE_CIDRS.map((cidr, i) => {
  const a = tunnelInsideAddresses(cidr);
  return {
    outsideAddress: `198.51.100.${i + 1}`,
    presharedKey: 'from-aws-stack',
    insideCidr: cidr,
    awsInsideAddress: a.awsAddress,
    gcpInsideAddress: a.gcpAddress,
  };
});
