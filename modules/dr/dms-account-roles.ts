import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';

/** Names DMS looks the account roles up by; they cannot be changed. */
export const DMS_VPC_ROLE_NAME = 'dms-vpc-role';
export const DMS_CLOUDWATCH_LOGS_ROLE_NAME = 'dms-cloudwatch-logs-role';

/** Props of {@link DmsAccountRoles}. */
export interface DmsAccountRolesProps {
  /** The AWS account id (for the confused-deputy conditions). */
  readonly accountId: string;
  /** The region DMS runs in (for the `aws:SourceArn` condition). */
  readonly region: string;
  /** AWS partition. @default 'aws' */
  readonly partition?: string;
  /** Tags merged onto the roles. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * The two account-wide roles AWS DMS finds by exact name: `dms-vpc-role` (ENIs of replication
 * instances) and `dms-cloudwatch-logs-role` (task logs), with their AWS managed policies.
 *
 * There is one of each per account: create them in one stack only (`dr.dms.createAccountRoles`).
 * The trust policy limits `dms.amazonaws.com` to this account's DMS resources (confused deputy).
 * Resources that need the roles depend on {@link attachments}: IAM is eventually consistent and
 * DMS fails with "dms-vpc-role is not configured properly" when it races them.
 *
 * @see https://docs.aws.amazon.com/dms/latest/userguide/security-iam.html#CHAP_Security.APIRole
 */
export class DmsAccountRoles extends Construct {
  public readonly vpcRole: IamRole;
  public readonly cloudwatchLogsRole: IamRole;
  /** The managed-policy attachments; make DMS resources depend on these. */
  public readonly attachments: IamRolePolicyAttachment[];

  constructor(scope: Construct, id: string, props: DmsAccountRolesProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.accountId) && !/^\d{12}$/.test(props.accountId)) {
      throw new ValidationError(this, 'accountId', props.accountId, 'is not an AWS account id; expected 12 digits');
    }
    const partition = props.partition ?? 'aws';
    const trust = new DataAwsIamPolicyDocument(this, 'trust', {
      statement: [
        {
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['dms.amazonaws.com'] }],
          actions: ['sts:AssumeRole'],
          condition: [
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: [props.accountId] },
            { test: 'ArnLike', variable: 'aws:SourceArn', values: [`arn:${partition}:dms:${props.region}:${props.accountId}:*`] },
          ],
        },
      ],
    }).json;
    const role = (rid: string, name: string, policy: string, description: string) => {
      const r = new IamRole(this, rid, {
        name,
        description,
        assumeRolePolicy: trust,
        tags: props.tags,
      });
      const attachment = new IamRolePolicyAttachment(this, `${rid}-policy`, {
        role: r.name,
        policyArn: `arn:${partition}:iam::aws:policy/service-role/${policy}`,
      });
      return { r, attachment };
    };
    const vpc = role('vpc-role', DMS_VPC_ROLE_NAME, 'AmazonDMSVPCManagementRole', 'DMS: manage ENIs of replication instances');
    const logs = role(
      'cloudwatch-logs-role',
      DMS_CLOUDWATCH_LOGS_ROLE_NAME,
      'AmazonDMSCloudWatchLogsRole',
      'DMS: write task logs',
    );
    this.vpcRole = vpc.r;
    this.cloudwatchLogsRole = logs.r;
    this.attachments = [vpc.attachment, logs.attachment];
  }
}
