import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';

/** Defaults of {@link VpcEndpoints}, exported for the `aws.network` config section. */
export const VPC_ENDPOINT_DEFAULTS = {
  /** Interface endpoints: secrets, keys, logs, STS and ECR stay inside the VPC. */
  interfaceServices: ['secretsmanager', 'kms', 'logs', 'sts', 'ecr.api', 'ecr.dkr'],
  /** Gateway endpoints (free): S3 and DynamoDB. */
  gatewayServices: ['s3', 'dynamodb'],
} as const;

/** Services that have a gateway endpoint. */
export const GATEWAY_ENDPOINT_SERVICES = ['s3', 'dynamodb'] as const;

/** An interface endpoint service suffix: lowercase letters, digits, "." and "-" (`ecr.api`). */
export const INTERFACE_SERVICE_PATTERN = /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/;

/** Props of {@link VpcEndpoints}. */
export interface VpcEndpointsProps {
  /** The VPC. */
  readonly vpcId: string;
  /** The VPC's IPv4 block: the only source allowed to reach the interface endpoints. */
  readonly vpcCidr: string;
  /**
   * The VPC's IPv6 block, also allowed when set.
   *
   * @default - IPv4 only
   */
  readonly vpcIpv6Cidr?: string;
  /** Region of the services, e.g. `eu-west-1`. */
  readonly region: string;
  /** Name used in the security group's name and the Name tags. */
  readonly name: string;
  /** Subnets of the interface endpoints (one per availability zone). */
  readonly subnetIds: string[];
  /** Route tables the gateway endpoints add their prefix-list routes to. */
  readonly routeTableIds: string[];
  /**
   * Interface endpoint services, as suffixes of `com.amazonaws.<region>.` (e.g. `ecr.api`).
   *
   * @default VPC_ENDPOINT_DEFAULTS.interfaceServices (secretsmanager, kms, logs, sts, ecr.api, ecr.dkr)
   */
  readonly interfaceServices?: readonly string[];
  /**
   * Gateway endpoint services.
   *
   * @default ['s3', 'dynamodb']
   */
  readonly gatewayServices?: readonly ('s3' | 'dynamodb')[];
  /**
   * Tags merged onto every taggable resource.
   *
   * @default {}
   */
  readonly tags?: Record<string, string>;
}


/**
 * Private access to AWS APIs: gateway endpoints on the given route tables, interface endpoints with
 * private DNS in the given subnets, behind a security group that admits HTTPS from the VPC only.
 *
 * @see https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html
 */
export class VpcEndpoints extends Construct {
  /** Security group of the interface endpoints. */
  public readonly securityGroup: SecurityGroup;
  /** Interface endpoints keyed by service suffix (`ecr.api`). */
  public readonly interfaceEndpoints: Readonly<Record<string, VpcEndpoint>>;
  /** Gateway endpoints keyed by service (`s3`). */
  public readonly gatewayEndpoints: Readonly<Record<string, VpcEndpoint>>;

  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    const interfaceServices = props.interfaceServices ?? VPC_ENDPOINT_DEFAULTS.interfaceServices;
    const gatewayServices = props.gatewayServices ?? VPC_ENDPOINT_DEFAULTS.gatewayServices;
    const tags = props.tags ?? {};
    interfaceServices.forEach((service, i) => {
      if (!INTERFACE_SERVICE_PATTERN.test(service)) {
        throw new ValidationError(
          this,
          `interfaceServices[${i}]`,
          service,
          'is not an AWS service endpoint suffix; use e.g. "secretsmanager" or "ecr.api"',
        );
      }
    });
    for (const [prop, list] of [
      ['interfaceServices', interfaceServices],
      ['gatewayServices', gatewayServices],
    ] as const) {
      const i = (list as readonly string[]).findIndex((s, j) => list.indexOf(s as never) !== j);
      if (i >= 0) throw new ValidationError(this, `${prop}[${i}]`, list[i], 'is listed twice; list each service once');
    }
    gatewayServices.forEach((service, i) => {
      if (!(GATEWAY_ENDPOINT_SERVICES as readonly string[]).includes(service)) {
        throw new ValidationError(this, `gatewayServices[${i}]`, service, 'is not allowed; use "s3" or "dynamodb"');
      }
    });

    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${props.name}-vpc-endpoints`,
      description: 'Interface VPC endpoints: HTTPS from inside the VPC only',
      vpcId: props.vpcId,
      tags: { Name: `${props.name}-vpc-endpoints`, ...tags },
    });
    new VpcSecurityGroupIngressRule(this, 'https-from-vpc', {
      securityGroupId: this.securityGroup.id,
      description: 'HTTPS from the VPC',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: props.vpcCidr,
      tags: { Name: `${props.name}-vpc-endpoints-https`, ...tags },
    });
    if (props.vpcIpv6Cidr) {
      new VpcSecurityGroupIngressRule(this, 'https-from-vpc-ipv6', {
        securityGroupId: this.securityGroup.id,
        description: 'HTTPS from the VPC (IPv6)',
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv6: props.vpcIpv6Cidr,
        tags: { Name: `${props.name}-vpc-endpoints-https-ipv6`, ...tags },
      });
    }

    // Separate scopes: S3 has both a gateway and an interface endpoint.
    const gatewayScope = new Construct(this, 'gateway');
    const interfaceScope = new Construct(this, 'interface');
    const gateways: Record<string, VpcEndpoint> = {};
    for (const service of gatewayServices) {
      gateways[service] = new VpcEndpoint(gatewayScope, service, {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: 'Gateway',
        routeTableIds: props.routeTableIds,
        tags: { Name: `${props.name}-${service}`, ...tags },
      });
    }
    this.gatewayEndpoints = gateways;

    const interfaces: Record<string, VpcEndpoint> = {};
    for (const service of interfaceServices) {
      interfaces[service] = new VpcEndpoint(interfaceScope, service.replace(/\./g, '-'), {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: props.subnetIds,
        securityGroupIds: [this.securityGroup.id],
        tags: { Name: `${props.name}-${service.replace(/\./g, '-')}`, ...tags },
      });
    }
    this.interfaceEndpoints = interfaces;
  }
}
