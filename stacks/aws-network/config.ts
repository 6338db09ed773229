import { z } from 'zod';
import { AWS_NETWORK_DEFAULTS, NAT_GATEWAY_MODES } from '../../modules/aws/network';
import { CLOUDWATCH_RETENTION_DAYS } from '../../modules/aws/log-retention';
import { GATEWAY_ENDPOINT_SERVICES } from '../../modules/aws/vpc-endpoints';
import { FLOW_LOG_DEFAULTS, FLOW_LOG_DESTINATIONS, FLOW_LOG_TRAFFIC_TYPES } from '../../modules/aws/vpc-flow-log';
import type { PlanRange } from '../../modules/core/config/plan-range';
import { ipv4Cidr } from '../../modules/core/config/primitives';
import { defineSection, type ParsedEnvironment, type ReportProblem } from '../../modules/core/config/section';
import { awsZonesOf } from '../../modules/core/regions';
import { type SubnetTierSpec, subnetLayoutProblems } from '../../modules/core/subnet-layout';
import type { EnvironmentCore } from '../environment/config';

/** Availability zones used when neither `availabilityZones` nor `zones` is set. */
export const DEFAULT_AZ_COUNT = 3;

/** Tier names: part of construct ids and Name tags. */
const TIER_NAME = /^[a-z][a-z0-9-]{0,14}[a-z0-9]$/;

const SubnetTierSchema = z.strictObject({
  /**
   * Routing of the tier: `public` (internet gateway), `private` (out through NAT) or `isolated` (no route out).
   * @default - fixed for `public`, `private` and `database` (isolated); required for other tiers
   */
  type: z.enum(['public', 'private', 'isolated']).optional(),
  /**
   * The tier's block inside the VPC.
   * @default - private = first half of the VPC, public = fifth eighth, database = sixth eighth; required for other tiers
   */
  cidr: ipv4Cidr.optional(),
  /**
   * Prefix length of each subnet of the tier (its size).
   * @default - the tier block's prefix + 3: 8 slots, one per zone letter a-h
   */
  subnetPrefix: z.number().int().min(16).max(28).optional(),
});

const FlowLogsSchema = z.strictObject({
  /** Record VPC flow logs. @default true */
  enabled: z.boolean().default(true),
  /** Where flow logs go: a CloudWatch log group created here (with its IAM role) or an existing S3 bucket. @default cloudwatch */
  destination: z.enum(FLOW_LOG_DESTINATIONS).default(FLOW_LOG_DEFAULTS.destination),
  /** Days the CloudWatch log group keeps flow logs (a CloudWatch retention value). @default 365 */
  retentionDays: z
    .number()
    .refine((v) => (CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(v), {
      message: `is not a CloudWatch Logs retention period; use one of ${CLOUDWATCH_RETENTION_DAYS.join(', ')}`,
    })
    .default(FLOW_LOG_DEFAULTS.retentionDays),
  /** KMS key ARN that encrypts the CloudWatch log group (its key policy must allow logs.<region>.amazonaws.com). @default - CloudWatch's own encryption */
  kmsKeyArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/, {
      message: 'is not a KMS key ARN; expected "arn:aws:kms:<region>:<12-digit account>:key/<key id>"',
    })
    .optional(),
  /** ARN of the S3 bucket (optionally with a prefix) that receives flow logs when destination is s3. @default - none; required for s3 */
  s3BucketArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/, {
      message: 'is not an S3 bucket ARN; expected "arn:aws:s3:::<bucket>" or "arn:aws:s3:::<bucket>/<prefix>"',
    })
    .optional(),
  /** Traffic to record: ALL, ACCEPT or REJECT. @default ALL */
  trafficType: z.enum(FLOW_LOG_TRAFFIC_TYPES).default(FLOW_LOG_DEFAULTS.trafficType),
});

export type AwsFlowLogsConfig = z.infer<typeof FlowLogsSchema>;

/**
 * `aws.network`: the VPC of the `<env>-aws-network` stack.
 */
export const AwsNetworkConfigSchema = z.strictObject({
  /** Create the `<env>-aws-network` stack. @default true */
  enabled: z.boolean().default(true),
  /** The VPC's IPv4 block, e.g. `10.10.0.0/16` (AWS allows /16 to /28; the default tiers need /22 or larger). */
  cidr: ipv4Cidr,
  /** Number of availability zones, the region's first ones by letter (2-6). @default 3 */
  availabilityZones: z.number().int().min(2).max(6).optional(),
  /** Explicit availability-zone names of the region, e.g. `[eu-west-1a, eu-west-1c]` (2-6). @default - the first `availabilityZones` of the region */
  zones: z.array(z.string()).min(2).max(6).optional(),
  /**
   * Subnet tiers keyed by name. `public`, `private` (egress through NAT) and `database` (isolated) always exist;
   * set them here only to change their block or size. Names are lower-case kebab-case.
   * @default {} - the three well-known tiers at their default blocks
   */
  tiers: z
    .record(z.string(), SubnetTierSchema)
    .superRefine((tiers, ctx) => {
      // A key schema would only say "Invalid key in record"; name the tier and what is allowed.
      for (const name of Object.keys(tiers)) {
        if (!TIER_NAME.test(name)) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            input: name,
            message:
              'is not a valid tier name; use 2-16 lowercase letters, digits and "-", starting with a letter (it becomes part of resource names)',
          });
        }
      }
    })
    .default({}),
  /** NAT gateways: `none` (private tier has no default route), `single` (one, in the first zone) or `per-az`. @default per-az */
  natGateways: z.enum(NAT_GATEWAY_MODES).default(AWS_NETWORK_DEFAULTS.natGateways),
  /** VPC flow logs. @default - on, ALL traffic to a CloudWatch log group kept 365 days */
  flowLogs: FlowLogsSchema.prefault({}),
  /** Interface endpoints (service suffixes such as `ecr.api`) in the private subnets, private DNS on. @default secretsmanager, kms, logs, sts, ecr.api, ecr.dkr */
  interfaceEndpoints: z
    .array(
      z.string().regex(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/, {
        message: 'is not an AWS service endpoint suffix; use e.g. "secretsmanager" or "ecr.api"',
      }),
    )
    .default([...AWS_NETWORK_DEFAULTS.interfaceEndpoints]),
  /** Gateway endpoints on the private and isolated route tables. @default [s3, dynamodb] */
  gatewayEndpoints: z.array(z.enum(GATEWAY_ENDPOINT_SERVICES)).default([...AWS_NETWORK_DEFAULTS.gatewayEndpoints]),
  /** Dual stack: an Amazon-provided IPv6 /56 on the VPC and a /64 per subnet. @default false */
  ipv6: z.boolean().default(AWS_NETWORK_DEFAULTS.enableIpv6),
});

export type AwsNetworkConfig = z.infer<typeof AwsNetworkConfigSchema>;

/** The ranges this section adds to the cross-cloud address plan. */
export function awsNetworkRanges(network: AwsNetworkConfig): PlanRange[] {
  return [{ cidr: network.cidr, source: 'aws.network.cidr' }];
}

/** The availability zones of the VPC: `zones`, else the region's first `availabilityZones` (default 3). */
export function awsNetworkZones(network: Pick<AwsNetworkConfig, 'zones' | 'availabilityZones'>, region: string): string[] {
  if (network.zones && network.zones.length > 0) return [...network.zones];
  return awsZonesOf(region).slice(0, network.availabilityZones ?? DEFAULT_AZ_COUNT);
}

/** Checks across the fields of `aws.network` and the environment's region. */
export function checkAwsNetwork(network: AwsNetworkConfig, env: ParsedEnvironment<EnvironmentCore>, report: ReportProblem): void {
  if (!network.enabled) return;
  const region: string = env.core.aws.region;
  const issue = (path: (string | number)[], input: unknown, message: string): void =>
    report(['aws', 'network', ...path], input, message);

  let zonesOk = true;
  const available = typeof region === 'string' ? awsZonesOf(region) : [];
  if (Array.isArray(network.zones)) {
    const seen = new Set<string>();
    network.zones.forEach((zone: unknown, i: number) => {
      if (typeof zone !== 'string') return;
      if (available.length > 0 && (!zone.startsWith(String(region)) || !available.includes(zone))) {
        zonesOk = false;
        issue(['zones', i], zone, `is not an availability zone of ${String(region)}; use one of ${available.join(', ')}`);
      } else if (seen.has(zone)) {
        zonesOk = false;
        issue(['zones', i], zone, 'is listed twice; list each availability zone once');
      }
      seen.add(zone);
    });
    if (typeof network.availabilityZones === 'number' && network.availabilityZones !== network.zones.length) {
      issue(
        ['availabilityZones'],
        network.availabilityZones,
        `does not match the ${network.zones.length} zones listed in aws.network.zones; set only one of the two`,
      );
    }
  } else if (typeof network.availabilityZones === 'number' && available.length > 0) {
    // Counts outside 2-6 are reported by the schema.
    if (network.availabilityZones <= 6 && network.availabilityZones > available.length) {
      zonesOk = false;
      issue(
        ['availabilityZones'],
        network.availabilityZones,
        `is more than the ${available.length} availability zones of ${String(region)} (${available.join(', ')}); use 2-${available.length}`,
      );
    }
  }

  const flowLogs = network.flowLogs;
  if (flowLogs?.enabled !== false && flowLogs?.destination === 's3' && !flowLogs?.s3BucketArn) {
    issue(['flowLogs'], flowLogs, 'has no s3BucketArn; destination "s3" needs the ARN of the bucket, e.g. s3BucketArn: "arn:aws:s3:::my-flow-logs"');
  }
  if (flowLogs?.destination === 's3' && flowLogs?.kmsKeyArn) {
    issue(['flowLogs', 'kmsKeyArn'], flowLogs.kmsKeyArn, 'only applies to destination "cloudwatch"; encrypt the S3 bucket instead, and remove kmsKeyArn');
  }

  if (zonesOk && typeof network.cidr === 'string' && available.length > 0) {
    const zones = awsNetworkZones(network, String(region));
    const tiers = network.tiers && typeof network.tiers === 'object' ? (network.tiers as Record<string, SubnetTierSpec>) : {};
    for (const p of subnetLayoutProblems({ cidr: network.cidr, zones, tiers, ipv6: network.ipv6 === true })) {
      issue([...p.path], p.input, p.message);
    }
  }
}

/** `aws.network`, owned by the `aws-network` stack family. */
export const awsNetworkSection = defineSection({
  path: 'aws.network',
  schema: AwsNetworkConfigSchema,
  check: checkAwsNetwork,
  addressRanges: awsNetworkRanges,
});
