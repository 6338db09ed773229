import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { AwsNetwork } from '../../modules/aws/network';
import type { AwsNetworkOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { awsProvider } from '../private/providers';
import { type AwsNetworkConfig, awsNetworkZones } from './config';

/**
 * Subnet tags by which the AWS Load Balancer Controller (EKS) finds the subnets of internet-facing and
 * internal balancers; harmless without EKS.
 *
 * @see https://docs.aws.amazon.com/eks/latest/userguide/network-load-balancing.html#_subnet_tagging
 */
export const LOAD_BALANCER_DISCOVERY_TAGS = {
  public: { 'kubernetes.io/role/elb': '1' },
  private: { 'kubernetes.io/role/internal-elb': '1' },
} as const;

/** Props of {@link AwsNetworkStack}. */
export interface AwsNetworkStackProps extends EnvironmentStackProps {
  /** The `aws.network` section. */
  readonly config: AwsNetworkConfig;
  /**
   * EKS cluster whose Karpenter picks its node subnets by `karpenter.sh/discovery` (set on the
   * private tier).
   *
   * @default - no Karpenter discovery tag
   */
  readonly karpenterClusterName?: string;
}

/**
 * `<env>-aws-network`: the environment's VPC from `aws.network` (see docs/aws-network.md).
 */
export class AwsNetworkStack extends EnvironmentStack {
  public readonly network: AwsNetwork;
  public readonly outputs: AwsNetworkOutputs;

  constructor(scope: Construct, name: string, props: AwsNetworkStackProps) {
    super(scope, name, props);
    const { environment: env, config } = props;
    awsProvider(this, env);

    const flowLogs = config.flowLogs;
    this.network = new AwsNetwork(this, 'network', {
      name: env.name,
      region: env.aws.region,
      accountId: env.aws.accountId,
      cidr: config.cidr,
      zones: awsNetworkZones(config, env.aws.region),
      tiers: config.tiers,
      natGateways: config.natGateways,
      flowLogs: flowLogs.enabled
        ? {
            destination: flowLogs.destination,
            retentionDays: flowLogs.retentionDays,
            trafficType: flowLogs.trafficType,
            ...(flowLogs.kmsKeyArn ? { kmsKeyArn: flowLogs.kmsKeyArn } : {}),
            ...(flowLogs.s3BucketArn ? { s3BucketArn: flowLogs.s3BucketArn } : {}),
          }
        : false,
      interfaceEndpoints: config.interfaceEndpoints,
      gatewayEndpoints: config.gatewayEndpoints,
      enableIpv6: config.ipv6,
      tierTags: props.karpenterClusterName
        ? {
            ...LOAD_BALANCER_DISCOVERY_TAGS,
            private: { ...LOAD_BALANCER_DISCOVERY_TAGS.private, 'karpenter.sh/discovery': props.karpenterClusterName },
          }
        : LOAD_BALANCER_DISCOVERY_TAGS,
    });

    const network = this.network;
    const secretsManager = network.endpoints.interfaceEndpoints.secretsmanager;
    this.outputs = {
      vpcId: network.vpc.id,
      vpcCidr: network.vpc.cidrBlock,
      availabilityZones: [...network.zones],
      publicSubnetIds: network.subnetIds('public'),
      privateSubnetIds: network.subnetIds('private'),
      databaseSubnetIds: network.subnetIds('database'),
      privateRouteTableIds: network.routeTableIds('private'),
      databaseRouteTableIds: network.routeTableIds('database'),
      keyedRouteTableIds: { ...keyedRouteTables(network, 'private'), ...keyedRouteTables(network, 'database') },
      dbSubnetGroupName: network.dbSubnetGroup.name,
      endpointSecurityGroupId: network.endpoints.securityGroup.id,
      secretsManagerEndpointDnsName: secretsManager ? secretsManager.dnsEntry.get(0).dnsName : '',
    };

    const output = (id: string, value: unknown, description: string): TerraformOutput =>
      new TerraformOutput(this, id, { value, description });
    output('vpc_id', this.outputs.vpcId, 'VPC id');
    output('vpc_cidr', this.outputs.vpcCidr, 'VPC IPv4 block');
    output('availability_zones', this.outputs.availabilityZones, 'Availability zones, in slot order');
    output(
      'subnet_ids',
      Object.fromEntries(Object.keys(network.tiers).map((t) => [t, network.subnetIds(t)])),
      'Subnet ids per tier, in zone order',
    );
    output(
      'route_table_ids',
      Object.fromEntries(Object.keys(network.tiers).map((t) => [t, network.routeTableIds(t)])),
      'Route table ids per tier',
    );
    output('db_subnet_group_name', this.outputs.dbSubnetGroupName, 'DB subnet group over the database subnets');
    output('endpoint_security_group_id', this.outputs.endpointSecurityGroupId, 'Security group of the interface endpoints');
    output('secrets_manager_endpoint_dns_name', this.outputs.secretsManagerEndpointDnsName, 'Regional DNS name of the Secrets Manager endpoint');
    output('subnet_layout', network.layoutTable(), 'Computed layout: tier -> availability zone -> IPv4 block');
  }
}

/** A tier's route tables keyed by `<tier>-<zone letter>`, or `<tier>` when all zones share one. */
function keyedRouteTables(network: AwsNetwork, tier: string): Record<string, string> {
  const tables = network.tiers[tier]!.routeTables;
  const zones = network.zones;
  const distinct = new Set(zones.map((z) => tables[z]));
  if (distinct.size === 1) return { [tier]: tables[zones[0]!]!.id };
  return Object.fromEntries(zones.map((z) => [`${tier}-${z.slice(-1)}`, tables[z]!.id]));
}
