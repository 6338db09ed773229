import type {
  AwsDatabaseOutputs,
  AwsDrTunnelOutputs,
  AwsNetworkOutputs,
  GcpDatabaseOutputs,
  GcpNetworkOutputs,
} from '../../stacks/contracts';

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
  keyedRouteTableIds: { 'private-a': 'rtb-a', 'private-b': 'rtb-b', database: 'rtb-d' },
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
  databaseName: 'app',
  resourceId: 'db-ABCDEFGHIJKLMNOPQRSTUVWXY0',
};

export const GCP_DATABASE: GcpDatabaseOutputs = {
  instanceName: 'test-postgres',
  connectionName: 'acme-test-1:europe-west1:test-postgres',
  privateIp: '10.2.0.3',
  databaseName: 'app',
  secretId: 'test-postgres-app-password',
  serverCaCert: '-----BEGIN CERTIFICATE-----\nCLOUDSQL\n-----END CERTIFICATE-----\n',
};

/** Literal AWS tunnels (the default inside /30s: AWS takes the first host, GCP the second). */
export const AWS_TUNNELS: AwsDrTunnelOutputs = [
  ['198.51.100.1', '169.254.21.0/30', '169.254.21.1', '169.254.21.2'],
  ['198.51.100.2', '169.254.21.4/30', '169.254.21.5', '169.254.21.6'],
  ['198.51.100.3', '169.254.22.0/30', '169.254.22.1', '169.254.22.2'],
  ['198.51.100.4', '169.254.22.4/30', '169.254.22.5', '169.254.22.6'],
].map(([outsideAddress, insideCidr, awsInsideAddress, gcpInsideAddress]) => ({
  outsideAddress: outsideAddress!,
  presharedKey: 'from-aws-stack',
  insideCidr: insideCidr!,
  awsInsideAddress: awsInsideAddress!,
  gcpInsideAddress: gcpInsideAddress!,
}));
