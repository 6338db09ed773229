import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { CLOUDWATCH_RETENTION_ALLOWED, isCloudwatchRetention } from './log-retention';

/** Defaults of {@link VpcFlowLog}, exported for the `aws.network.flowLogs` config section. */
export const FLOW_LOG_DEFAULTS = {
  destination: 'cloudwatch',
  /** Days the log group keeps records (CKV_AWS_338 asks for at least a year). */
  retentionDays: 365,
  trafficType: 'ALL',
  /** Days before a scheduled deletion of the log key happens. */
  keyDeletionWindowDays: 30,
} as const;

/** Destinations {@link VpcFlowLog} writes to. */
export const FLOW_LOG_DESTINATIONS = ['cloudwatch', 's3'] as const;
/** Traffic types a flow log records. */
export const FLOW_LOG_TRAFFIC_TYPES = ['ALL', 'ACCEPT', 'REJECT'] as const;

/** Props of {@link VpcFlowLog}. */
export interface VpcFlowLogProps {
  /** The VPC whose traffic is recorded. */
  readonly vpcId: string;
  /** Name used in the log group (`/aws/vpc-flow-logs/<name>`), the role and the Name tags. */
  readonly name: string;
  /**
   * Where the records go: a CloudWatch log group made here, or an existing S3 bucket.
   *
   * @default 'cloudwatch'
   */
  readonly destination?: 'cloudwatch' | 's3';
  /**
   * Days the log group keeps records (a CloudWatch retention value).
   *
   * @default 365
   */
  readonly retentionDays?: number;
  /**
   * KMS key ARN that encrypts the log group; its key policy must allow `logs.<region>.amazonaws.com`.
   *
   * @default - a customer-managed key made here, with rotation, usable by CloudWatch Logs for this log group only
   */
  readonly kmsKeyArn?: string;
  /**
   * ARN of the bucket (optionally `/<prefix>`) that receives the records; required for `s3`.
   *
   * @default - none
   */
  readonly s3BucketArn?: string;
  /**
   * Traffic to record.
   *
   * @default 'ALL'
   */
  readonly trafficType?: 'ALL' | 'ACCEPT' | 'REJECT';
  /**
   * Account id the flow-logs service may act for (the `aws:SourceAccount` / `aws:SourceArn` conditions of the role's trust policy).
   *
   * @default - the account of the provider's credentials (`aws_caller_identity`)
   */
  readonly accountId?: string;
  /**
   * Tags merged onto every taggable resource.
   *
   * @default {}
   */
  readonly tags?: Record<string, string>;
}

/**
 * VPC flow logs, to a CloudWatch log group (with retention, a customer-managed KMS key and a
 * least-privilege role) or to S3.
 *
 * The role may only write streams and events of its own log group; it gets no `logs:CreateLogGroup`
 * and no `*` resource, since the group exists before the flow log starts. Only the flow-logs
 * service acting for this account's flow logs may assume it (confused deputy).
 *
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/logs/encrypt-log-data-kms.html
 */
export class VpcFlowLog extends Construct {
  /** The flow log. */
  public readonly resource: FlowLog;
  /** The log group, for the `cloudwatch` destination. */
  public readonly logGroup?: CloudwatchLogGroup;
  /** The role the flow-logs service assumes, for the `cloudwatch` destination. */
  public readonly role?: IamRole;
  /** The customer-managed key of the log group, when no `kmsKeyArn` was given (`cloudwatch` destination). */
  public readonly key?: KmsKey;

  constructor(scope: Construct, id: string, props: VpcFlowLogProps) {
    super(scope, id);
    const destination = props.destination ?? FLOW_LOG_DEFAULTS.destination;
    const retentionDays = props.retentionDays ?? FLOW_LOG_DEFAULTS.retentionDays;
    const trafficType = props.trafficType ?? FLOW_LOG_DEFAULTS.trafficType;
    const tags = props.tags ?? {};
    if (!(FLOW_LOG_DESTINATIONS as readonly string[]).includes(destination)) {
      throw new ValidationError(this, 'destination', destination, 'is not allowed; use "cloudwatch" or "s3"');
    }
    if (!Token.isUnresolved(retentionDays) && !isCloudwatchRetention(retentionDays)) {
      throw new ValidationError(this, 'retentionDays', retentionDays, `is not a CloudWatch Logs retention period; ${CLOUDWATCH_RETENTION_ALLOWED}`);
    }
    if (destination === 's3' && !props.s3BucketArn) {
      throw new ValidationError(
        this,
        's3BucketArn',
        props.s3BucketArn,
        'is needed by destination "s3"; give the ARN of the bucket, e.g. "arn:aws:s3:::my-flow-logs"',
      );
    }
    if (!(FLOW_LOG_TRAFFIC_TYPES as readonly string[]).includes(trafficType)) {
      throw new ValidationError(this, 'trafficType', trafficType, 'is not allowed; use "ALL", "ACCEPT" or "REJECT"');
    }

    if (destination === 's3') {
      this.resource = new FlowLog(this, 'resource', {
        vpcId: props.vpcId,
        trafficType,
        logDestinationType: 's3',
        logDestination: props.s3BucketArn!,
        tags: { Name: `${props.name}-flow-log`, ...tags },
      });
      return;
    }

    const caller = props.accountId === undefined ? new DataAwsCallerIdentity(this, 'account') : undefined;
    const accountId = props.accountId ?? caller!.accountId;
    const partition = new DataAwsPartition(this, 'partition').partition;
    const region = new DataAwsRegion(this, 'region').name;
    const logGroupName = `/aws/vpc-flow-logs/${props.name}`;

    let kmsKeyArn = props.kmsKeyArn;
    if (kmsKeyArn === undefined) {
      // CKV_AWS_158: a customer key, usable by CloudWatch Logs for this log group only.
      const keyPolicy = new DataAwsIamPolicyDocument(this, 'key-policy', {
        statement: [
          {
            sid: 'EnableAccountAdministration',
            effect: 'Allow',
            principals: [{ type: 'AWS', identifiers: [`arn:${partition}:iam::${accountId}:root`] }],
            actions: ['kms:*'],
            resources: ['*'],
          },
          {
            sid: 'AllowCloudWatchLogsForTheFlowLogs',
            effect: 'Allow',
            principals: [{ type: 'Service', identifiers: [`logs.${region}.amazonaws.com`] }],
            actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
            resources: ['*'],
            condition: [
              {
                test: 'ArnEquals',
                variable: 'kms:EncryptionContext:aws:logs:arn',
                values: [`arn:${partition}:logs:${region}:${accountId}:log-group:${logGroupName}`],
              },
            ],
          },
        ],
      });
      this.key = new KmsKey(this, 'key', {
        description: `VPC flow logs of ${props.name}`,
        enableKeyRotation: true,
        deletionWindowInDays: FLOW_LOG_DEFAULTS.keyDeletionWindowDays,
        policy: keyPolicy.json,
        tags: { Name: `${props.name}-flow-logs`, ...tags },
      });
      new KmsAlias(this, 'key-alias', { name: `alias/${props.name}-vpc-flow-logs`, targetKeyId: this.key.keyId });
      kmsKeyArn = this.key.arn;
    }

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: logGroupName,
      retentionInDays: retentionDays,
      kmsKeyId: kmsKeyArn,
      tags: { Name: `${props.name}-flow-logs`, ...tags },
    });
    const trust = new DataAwsIamPolicyDocument(this, 'trust', {
      statement: [
        {
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }],
          condition: [
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: [accountId] },
            {
              test: 'ArnLike',
              variable: 'aws:SourceArn',
              values: [`arn:${partition}:ec2:${region}:${accountId}:vpc-flow-log/*`],
            },
          ],
        },
      ],
    });
    this.role = new IamRole(this, 'role', {
      name: `${props.name}-vpc-flow-logs`,
      description: `Lets VPC flow logs of ${props.name} write to ${this.logGroup.name}`,
      assumeRolePolicy: trust.json,
      tags: { Name: `${props.name}-vpc-flow-logs`, ...tags },
    });
    const write = new DataAwsIamPolicyDocument(this, 'write', {
      statement: [
        {
          sid: 'WriteFlowLogs',
          effect: 'Allow',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [this.logGroup.arn, `${this.logGroup.arn}:*`],
        },
      ],
    });
    new IamRolePolicy(this, 'role-policy', { name: 'write-flow-logs', role: this.role.id, policy: write.json });
    this.resource = new FlowLog(this, 'resource', {
      vpcId: props.vpcId,
      trafficType,
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.logGroup.arn,
      iamRoleArn: this.role.arn,
      tags: { Name: `${props.name}-flow-log`, ...tags },
    });
  }
}
