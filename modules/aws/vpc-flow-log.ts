import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Token } from 'cdktf';
import { Construct } from 'constructs';

/** Retention periods CloudWatch Logs accepts, in days. */
const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

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
   * @default - CloudWatch Logs' own encryption
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
   * Account id the flow-logs service may act for (the `aws:SourceAccount` condition of the role's trust policy).
   *
   * @default - no account condition
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
 * VPC flow logs, to a CloudWatch log group (with retention, optional KMS and a least-privilege role) or to S3.
 *
 * The role may only write streams and events of its own log group; it gets no `logs:CreateLogGroup`
 * and no `*` resource, since the group exists before the flow log starts.
 *
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
 */
export class VpcFlowLog extends Construct {
  /** The flow log. */
  public readonly resource: FlowLog;
  /** The log group, for the `cloudwatch` destination. */
  public readonly logGroup?: CloudwatchLogGroup;
  /** The role the flow-logs service assumes, for the `cloudwatch` destination. */
  public readonly role?: IamRole;

  constructor(scope: Construct, id: string, props: VpcFlowLogProps) {
    super(scope, id);
    const destination = props.destination ?? 'cloudwatch';
    const retentionDays = props.retentionDays ?? 365;
    const trafficType = props.trafficType ?? 'ALL';
    const tags = props.tags ?? {};
    if (destination !== 'cloudwatch' && destination !== 's3') {
      throw new Error(`VpcFlowLog: destination "${String(destination)}" is not allowed; use "cloudwatch" or "s3"`);
    }
    if (!Token.isUnresolved(retentionDays) && !RETENTION_DAYS.includes(retentionDays)) {
      throw new Error(
        `VpcFlowLog: retentionDays ${retentionDays} is not a CloudWatch Logs retention period; use one of ${RETENTION_DAYS.join(', ')}`,
      );
    }
    if (destination === 's3' && !props.s3BucketArn) {
      throw new Error('VpcFlowLog: s3BucketArn is missing; destination "s3" needs the ARN of the bucket, e.g. "arn:aws:s3:::my-flow-logs"');
    }
    if (!['ALL', 'ACCEPT', 'REJECT'].includes(trafficType)) {
      throw new Error(`VpcFlowLog: trafficType "${String(trafficType)}" is not allowed; use "ALL", "ACCEPT" or "REJECT"`);
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

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: `/aws/vpc-flow-logs/${props.name}`,
      retentionInDays: retentionDays,
      ...(props.kmsKeyArn ? { kmsKeyId: props.kmsKeyArn } : {}),
      tags: { Name: `${props.name}-flow-logs`, ...tags },
    });
    const trust = new DataAwsIamPolicyDocument(this, 'trust', {
      statement: [
        {
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }],
          ...(props.accountId
            ? { condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [props.accountId] }] }
            : {}),
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
