import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CustomerGateway } from '@cdktf/provider-aws/lib/customer-gateway';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Route } from '@cdktf/provider-aws/lib/route';
import { VpnConnection, type VpnConnectionConfig } from '@cdktf/provider-aws/lib/vpn-connection';
import { VpnGateway } from '@cdktf/provider-aws/lib/vpn-gateway';
import { VpnGatewayRoutePropagation } from '@cdktf/provider-aws/lib/vpn-gateway-route-propagation';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { CLOUDWATCH_RETENTION_ALLOWED, isCloudwatchRetention } from '../aws/log-retention';
import { type KeyedList, keyedEntries } from '../aws/private/ids';
import { ValidationError } from '../core/validation-error';
import { validateTunnelLayout } from './private/tunnel-rules';
import { type VpnProposal, tunnelInsideAddresses, vpnProposalProblem } from './vpn-limits';

/** Defaults of {@link AwsDrVpn}, exported for the `dr.vpn` config section. */
export const AWS_DR_VPN_DEFAULTS = {
  /** Where the VPN terminates. */
  gatewayType: 'vgw',
  /** Days the KMS-encrypted tunnel log group keeps IKE/IPsec negotiation logs. */
  tunnelLogRetentionDays: 365,
  /** Format of the tunnel logs. */
  tunnelLogOutputFormat: 'json',
  /** What a tunnel does after dead-peer detection: come back up rather than stay down. */
  dpdTimeoutAction: 'restart',
} as const;

/** One of the four tunnels, as the GCP side needs it. */
export interface AwsDrTunnel {
  /** Public address of the AWS tunnel endpoint (an interface of GCP's external VPN gateway). */
  readonly outsideAddress: string;
  /** The tunnel's pre-shared key (a sensitive token). */
  readonly presharedKey: string;
  /** The /30 inside range. */
  readonly insideCidr: string;
  /** Amazon-side inside address (GCP's BGP peer address). */
  readonly awsInsideAddress: string;
  /** Customer-side inside address (the Cloud Router interface address). */
  readonly gcpInsideAddress: string;
}

/** Props of {@link AwsDrVpn}. */
export interface AwsDrVpnProps {
  /** Prefix of every resource name, e.g. `prod-dr`. */
  readonly namePrefix: string;
  /** The VPC the VPN attaches to. */
  readonly vpcId: string;
  /**
   * Route tables that learn the GCP routes (private and database tiers): literal ids, or ids keyed
   * by a stable name (`{ 'private-eu-west-1a': <token> }`) when they are tokens. Each route
   * resource is keyed by the id or the name, so removing one table renames no other.
   */
  readonly routeTableIds: KeyedList;
  /**
   * Public addresses of the GCP HA VPN gateway's interfaces 0 and 1. The position is the identity
   * (interface 0 -> connection A, 1 -> connection B), so the customer gateways are keyed by it.
   */
  readonly customerGatewayIps: readonly [string, string];
  /** BGP ASN of the Cloud Router (the customer gateways' ASN). */
  readonly customerGatewayAsn: number;
  /** Amazon-side BGP ASN. */
  readonly amazonSideAsn: number;
  /** Inside /30s of tunnels 1-4 (connection A: 1, 2; connection B: 3, 4). */
  readonly tunnelInsideCidrs: readonly string[];
  /** The one IKE phase 1 proposal. */
  readonly phase1: VpnProposal;
  /** The one IPsec phase 2 proposal. */
  readonly phase2: VpnProposal;
  /** `vgw` (virtual private gateway, route propagation) or `tgw` (transit gateway, ECMP). @default 'vgw' */
  readonly gatewayType?: 'vgw' | 'tgw';
  /** Subnets of the transit gateway attachment, one per AZ (tgw only). @default [] */
  readonly transitGatewaySubnetIds?: readonly string[];
  /**
   * GCP ranges routed to the transit gateway (tgw only: a TGW does not propagate into VPC tables),
   * keyed by value. @default []
   */
  readonly remoteCidrs?: KeyedList;
  /**
   * Pre-shared keys of tunnels 1-4 (tokens, e.g. read from a secret). Literal keys are checked
   * against AWS's rules. @default - AWS generates each key (recommended)
   */
  readonly presharedKeys?: readonly string[];
  /** Days the tunnel log group keeps records (a CloudWatch Logs retention). @default 365 */
  readonly tunnelLogRetentionDays?: number;
  /** Tags merged onto every taggable resource. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * The AWS side of the DR link: a VPN gateway, two customer gateways at the GCP HA VPN
 * interfaces and two BGP VPN connections (four tunnels), IKEv2 with one proposal per phase,
 * every tunnel logging to a log group encrypted with its own customer-managed key.
 *
 * Connection A terminates on HA VPN interface 0, connection B on interface 1, so GCP's
 * external gateway interfaces 0-3 are A.tunnel1, A.tunnel2, B.tunnel1, B.tunnel2.
 *
 * @see https://cloud.google.com/network-connectivity/docs/vpn/how-to/connect-ha-vpn-aws-peer-gateway
 * @see https://docs.aws.amazon.com/vpn/latest/s2svpn/monitoring-logs.html
 */
export class AwsDrVpn extends Construct {
  /** The virtual private gateway (vgw) or transit gateway (tgw) id. */
  public readonly gatewayId: string;
  /** Customer gateways at HA VPN interfaces 0 and 1. */
  public readonly customerGateways: CustomerGateway[];
  /** Connections A and B. */
  public readonly connections: VpnConnection[];
  /** Tunnels 1-4 in the order GCP's external gateway interfaces 0-3 use them. */
  public readonly tunnels: AwsDrTunnel[];
  /** The customer-managed key of the tunnel logs. */
  public readonly logKey: KmsKey;
  /** The log group every tunnel writes its IKE/IPsec logs to. */
  public readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: AwsDrVpnProps) {
    super(scope, id);
    const gatewayType = props.gatewayType ?? AWS_DR_VPN_DEFAULTS.gatewayType;
    const retentionDays = props.tunnelLogRetentionDays ?? AWS_DR_VPN_DEFAULTS.tunnelLogRetentionDays;
    validateTunnelLayout(this, props);
    for (const phase of ['phase1', 'phase2'] as const) {
      const problem = vpnProposalProblem(props[phase]);
      if (problem) throw new ValidationError(this, phase, props[phase], problem);
    }
    if (gatewayType !== 'vgw' && gatewayType !== 'tgw') {
      throw new ValidationError(this, 'gatewayType', gatewayType, 'is not allowed; use "vgw" or "tgw"');
    }
    if (gatewayType === 'tgw' && (props.transitGatewaySubnetIds ?? []).length === 0) {
      throw new ValidationError(
        this,
        'transitGatewaySubnetIds',
        props.transitGatewaySubnetIds ?? [],
        'is empty; a transit gateway attachment needs one subnet per AZ',
      );
    }
    if (!Token.isUnresolved(retentionDays) && !isCloudwatchRetention(retentionDays)) {
      throw new ValidationError(this, 'tunnelLogRetentionDays', retentionDays, `is not a CloudWatch Logs retention; ${CLOUDWATCH_RETENTION_ALLOWED}`);
    }
    const routeTables = keyedEntries(this, 'routeTableIds', props.routeTableIds);
    const remoteCidrs = keyedEntries(this, 'remoteCidrs', props.remoteCidrs);
    const tags = props.tags ?? {};
    const named = (name: string) => ({ ...tags, Name: `${props.namePrefix}-${name}` });

    // Tunnel logs: a customer-managed key that CloudWatch Logs may use for this log group only.
    const account = new DataAwsCallerIdentity(this, 'account');
    const partition = new DataAwsPartition(this, 'partition');
    const region = new DataAwsRegion(this, 'region');
    const logGroupName = `/aws/vpn/${props.namePrefix}`;
    const keyPolicy = new DataAwsIamPolicyDocument(this, 'log-key-policy', {
      statement: [
        {
          sid: 'EnableAccountAdministration',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: [`arn:${partition.partition}:iam::${account.accountId}:root`] }],
          actions: ['kms:*'],
          resources: ['*'],
        },
        {
          sid: 'AllowCloudWatchLogsForTheTunnelLogs',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: [`logs.${region.name}.amazonaws.com`] }],
          actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
          resources: ['*'],
          condition: [
            {
              test: 'ArnEquals',
              variable: 'kms:EncryptionContext:aws:logs:arn',
              values: [`arn:${partition.partition}:logs:${region.name}:${account.accountId}:log-group:${logGroupName}`],
            },
          ],
        },
      ],
    });
    this.logKey = new KmsKey(this, 'log-key', {
      description: `${props.namePrefix}: Site-to-Site VPN tunnel logs of the DR link`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: keyPolicy.json,
      tags: named('vpn-logs'),
    });
    new KmsAlias(this, 'log-key-alias', { name: `alias/${props.namePrefix}-vpn-logs`, targetKeyId: this.logKey.keyId });
    this.logGroup = new CloudwatchLogGroup(this, 'tunnel-logs', {
      name: logGroupName,
      retentionInDays: retentionDays,
      kmsKeyId: this.logKey.arn,
      tags: named('vpn-logs'),
    });

    let attach: Pick<VpnConnectionConfig, 'vpnGatewayId' | 'transitGatewayId'>;
    if (gatewayType === 'vgw') {
      const vgw = new VpnGateway(this, 'gateway', {
        vpcId: props.vpcId,
        amazonSideAsn: String(props.amazonSideAsn),
        tags: named('vgw'),
      });
      for (const [key, routeTableId] of routeTables) {
        new VpnGatewayRoutePropagation(this, `route-propagation-${key}`, { vpnGatewayId: vgw.id, routeTableId });
      }
      this.gatewayId = vgw.id;
      attach = { vpnGatewayId: vgw.id };
    } else {
      const tgw = new Ec2TransitGateway(this, 'transit-gateway', {
        description: `${props.namePrefix} DR link to GCP`,
        amazonSideAsn: props.amazonSideAsn,
        vpnEcmpSupport: 'enable',
        dnsSupport: 'enable',
        tags: named('tgw'),
      });
      new Ec2TransitGatewayVpcAttachment(this, 'transit-gateway-attachment', {
        transitGatewayId: tgw.id,
        vpcId: props.vpcId,
        subnetIds: [...(props.transitGatewaySubnetIds ?? [])],
        tags: named('tgw-attachment'),
      });
      // A transit gateway does not propagate into VPC route tables: route the GCP ranges to it.
      for (const [tableKey, routeTableId] of routeTables) {
        for (const [cidrKey, cidr] of remoteCidrs) {
          new Route(this, `route-${tableKey}-${cidrKey}`, {
            routeTableId,
            destinationCidrBlock: cidr,
            transitGatewayId: tgw.id,
          });
        }
      }
      this.gatewayId = tgw.id;
      attach = { transitGatewayId: tgw.id };
    }

    // Keyed by HA VPN interface (0, 1): the interface, not the address, is what each connection is bound to.
    this.customerGateways = props.customerGatewayIps.map(
      (ip, i) =>
        new CustomerGateway(this, `customer-gateway-${i}`, {
          type: 'ipsec.1',
          ipAddress: ip,
          bgpAsn: String(props.customerGatewayAsn),
          tags: named(`gcp-ha-vpn-if${i}`),
        }),
    );

    const keys = props.presharedKeys;
    const logArn = this.logGroup.arn;
    this.connections = (['a', 'b'] as const).map((letter, c) => {
      const first = c * 2;
      return new VpnConnection(this, `connection-${letter}`, {
        customerGatewayId: this.customerGateways[c]!.id,
        type: 'ipsec.1',
        staticRoutesOnly: false,
        ...attach,
        ...tunnelOptions(1, props.tunnelInsideCidrs[first]!, props.phase1, props.phase2, logArn, keys?.[first]),
        ...tunnelOptions(2, props.tunnelInsideCidrs[first + 1]!, props.phase1, props.phase2, logArn, keys?.[first + 1]),
        tags: named(`vpn-${letter}`),
      });
    });

    this.tunnels = this.connections.flatMap((conn, c) =>
      [1, 2].map((n) => {
        const insideCidr = props.tunnelInsideCidrs[c * 2 + n - 1]!;
        const inside = tunnelInsideAddresses(insideCidr);
        return {
          outsideAddress: n === 1 ? conn.tunnel1Address : conn.tunnel2Address,
          presharedKey: n === 1 ? conn.tunnel1PresharedKey : conn.tunnel2PresharedKey,
          insideCidr,
          awsInsideAddress: inside.awsAddress,
          gcpInsideAddress: inside.gcpAddress,
        };
      }),
    );
  }
}

/**
 * Per-tunnel options: IKEv2 only, one proposal per phase (HA VPN rekeys fail with several),
 * restart after dead-peer detection, logs to the encrypted log group.
 *
 * @see https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/vpn_connection#tunnel1_log_options
 */
function tunnelOptions(
  n: 1 | 2,
  insideCidr: string,
  p1: VpnProposal,
  p2: VpnProposal,
  logGroupArn: string,
  key?: string,
): Partial<VpnConnectionConfig> {
  const t = `tunnel${n}` as const;
  const options: Record<string, unknown> = {
    [`${t}InsideCidr`]: insideCidr,
    [`${t}IkeVersions`]: ['ikev2'],
    [`${t}Phase1EncryptionAlgorithms`]: [p1.encryption],
    [`${t}Phase1IntegrityAlgorithms`]: [p1.integrity],
    [`${t}Phase1DhGroupNumbers`]: [p1.dhGroup],
    [`${t}Phase2EncryptionAlgorithms`]: [p2.encryption],
    [`${t}Phase2IntegrityAlgorithms`]: [p2.integrity],
    [`${t}Phase2DhGroupNumbers`]: [p2.dhGroup],
    [`${t}DpdTimeoutAction`]: AWS_DR_VPN_DEFAULTS.dpdTimeoutAction,
    [`${t}LogOptions`]: {
      cloudwatchLogOptions: {
        logEnabled: true,
        logGroupArn,
        logOutputFormat: AWS_DR_VPN_DEFAULTS.tunnelLogOutputFormat,
      },
    },
  };
  if (key !== undefined) options[`${t}PresharedKey`] = key;
  return options as Partial<VpnConnectionConfig>;
}
