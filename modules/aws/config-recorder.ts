import { ConfigConfigRule } from '@cdktf/provider-aws/lib/config-config-rule';
import { ConfigConfigurationRecorder } from '@cdktf/provider-aws/lib/config-configuration-recorder';
import { ConfigConfigurationRecorderStatus } from '@cdktf/provider-aws/lib/config-configuration-recorder-status';
import { ConfigDeliveryChannel } from '@cdktf/provider-aws/lib/config-delivery-channel';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { AwsContext } from './private/customer-key';

/**
 * The AWS Config managed rules this project knows, keyed by the name used in props and config
 * (the rule's own kebab-case name), each matching a check of the project's policy pack or of the
 * baseline itself.
 *
 * @see https://docs.aws.amazon.com/config/latest/developerguide/managed-rules-by-aws-config.html
 */
export const CONFIG_MANAGED_RULES = {
  'encrypted-volumes': { identifier: 'ENCRYPTED_VOLUMES', summary: 'attached EBS volumes are encrypted' },
  'ec2-ebs-encryption-by-default': { identifier: 'EC2_EBS_ENCRYPTION_BY_DEFAULT', summary: 'EBS encryption by default is on' },
  'rds-storage-encrypted': { identifier: 'RDS_STORAGE_ENCRYPTED', summary: 'RDS storage is encrypted' },
  'rds-instance-public-access-check': { identifier: 'RDS_INSTANCE_PUBLIC_ACCESS_CHECK', summary: 'RDS instances are not public' },
  'rds-instance-deletion-protection-enabled': { identifier: 'RDS_INSTANCE_DELETION_PROTECTION_ENABLED', summary: 'RDS instances are deletion-protected' },
  's3-account-level-public-access-blocks-periodic': { identifier: 'S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC', summary: 'the account-level S3 public access block is on' },
  's3-bucket-level-public-access-prohibited': { identifier: 'S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED', summary: 'S3 buckets block public access' },
  's3-bucket-ssl-requests-only': { identifier: 'S3_BUCKET_SSL_REQUESTS_ONLY', summary: 'S3 bucket policies deny requests without TLS' },
  's3-bucket-versioning-enabled': { identifier: 'S3_BUCKET_VERSIONING_ENABLED', summary: 'S3 buckets are versioned' },
  'cloudtrail-enabled': { identifier: 'CLOUD_TRAIL_ENABLED', summary: 'a CloudTrail trail is logging' },
  'multi-region-cloudtrail-enabled': { identifier: 'MULTI_REGION_CLOUD_TRAIL_ENABLED', summary: 'a multi-region trail records management events' },
  'cloud-trail-log-file-validation-enabled': { identifier: 'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED', summary: 'trails validate their log files' },
  'cloud-trail-encryption-enabled': { identifier: 'CLOUD_TRAIL_ENCRYPTION_ENABLED', summary: 'trails encrypt with KMS' },
  'root-account-mfa-enabled': { identifier: 'ROOT_ACCOUNT_MFA_ENABLED', summary: 'the root user has MFA' },
  'iam-root-access-key-check': { identifier: 'IAM_ROOT_ACCESS_KEY_CHECK', summary: 'the root user has no access keys' },
  'iam-password-policy': { identifier: 'IAM_PASSWORD_POLICY', summary: 'the account password policy meets the requirements' },
  'guardduty-enabled-centralized': { identifier: 'GUARDDUTY_ENABLED_CENTRALIZED', summary: 'GuardDuty is on' },
  'securityhub-enabled': { identifier: 'SECURITYHUB_ENABLED', summary: 'Security Hub is on' },
  'cloudwatch-log-group-encrypted': { identifier: 'CLOUDWATCH_LOG_GROUP_ENCRYPTED', summary: 'log groups are encrypted with KMS' },
  'cmk-backing-key-rotation-enabled': { identifier: 'CMK_BACKING_KEY_ROTATION_ENABLED', summary: 'customer keys rotate' },
  'vpc-flow-logs-enabled': { identifier: 'VPC_FLOW_LOGS_ENABLED', summary: 'VPCs have flow logs' },
  'eks-secrets-encrypted': { identifier: 'EKS_SECRETS_ENCRYPTED', summary: 'EKS encrypts secrets with KMS' },
  'sns-encrypted-kms': { identifier: 'SNS_ENCRYPTED_KMS', summary: 'SNS topics are encrypted with KMS' },
} as const;

/** A rule name of {@link CONFIG_MANAGED_RULES}. */
export type ConfigManagedRule = keyof typeof CONFIG_MANAGED_RULES;

/** Every known managed rule name, in catalog order. */
export const CONFIG_MANAGED_RULE_NAMES = Object.keys(CONFIG_MANAGED_RULES) as ConfigManagedRule[];

/** How often AWS Config delivers configuration snapshots. */
export const CONFIG_DELIVERY_FREQUENCIES = ['One_Hour', 'Three_Hours', 'Six_Hours', 'Twelve_Hours', 'TwentyFour_Hours'] as const;

/** Defaults of {@link ConfigRecorder}. */
export const CONFIG_RECORDER_DEFAULTS = {
  /** Record IAM users, groups, roles and policies (record them in one region only). */
  recordGlobalResources: true,
  deliveryFrequency: 'TwentyFour_Hours',
  /** Every rule of the catalog. */
  rules: CONFIG_MANAGED_RULE_NAMES,
} as const;

/** Input parameters of rules that need them (the password rule checks the baseline's own policy). */
export interface ConfigRuleParameters {
  /** Password policy the `iam-password-policy` rule checks. @default - the rule's own defaults */
  readonly passwordPolicy?: { readonly minimumLength: number; readonly reusePrevention: number; readonly maxAgeDays: number };
}

/** Props of {@link ConfigRecorder}. */
export interface ConfigRecorderProps {
  /** Name of the recorder and delivery channel, and prefix of its role. */
  readonly name: string;
  /** Bucket the delivery channel writes to (its policy must admit `config.amazonaws.com`). */
  readonly bucketName: string;
  /** KMS key the deliveries are encrypted with (its policy must admit `config.amazonaws.com`). */
  readonly kmsKeyArn: string;
  /** Record global resources (IAM) in this region; exactly one region of an account should. @default true */
  readonly recordGlobalResources?: boolean;
  /** How often configuration snapshots are delivered. @default 'TwentyFour_Hours' */
  readonly deliveryFrequency?: (typeof CONFIG_DELIVERY_FREQUENCIES)[number];
  /** Managed rules to deploy, by name (see {@link CONFIG_MANAGED_RULES}). @default - every rule of the catalog */
  readonly rules?: readonly string[];
  /** Input parameters of rules that take them. @default - none */
  readonly ruleParameters?: ConfigRuleParameters;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * AWS Config for the region: a recorder of every supported resource type (global types where
 * told), its delivery channel to an encrypted bucket, and managed rules that mirror the policy
 * pack in the running account.
 *
 * @see https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/config_configuration_recorder
 */
export class ConfigRecorder extends Construct {
  public readonly recorder: ConfigConfigurationRecorder;
  public readonly deliveryChannel: ConfigDeliveryChannel;
  /** The rules, keyed by rule name. */
  public readonly rules: Record<string, ConfigConfigRule> = {};

  constructor(scope: Construct, id: string, props: ConfigRecorderProps) {
    super(scope, id);
    const d = CONFIG_RECORDER_DEFAULTS;
    const rules = props.rules ?? d.rules;
    rules.forEach((rule, i) => {
      if (!(rule in CONFIG_MANAGED_RULES)) {
        throw new ValidationError(this, `rules[${i}]`, rule, `is not a known AWS Config managed rule; use one of ${CONFIG_MANAGED_RULE_NAMES.join(', ')}`);
      }
      if (rules.indexOf(rule) !== i) throw new ValidationError(this, `rules[${i}]`, rule, 'is listed twice; list each rule once');
    });
    const frequency = props.deliveryFrequency ?? d.deliveryFrequency;
    if (!Token.isUnresolved(frequency) && !(CONFIG_DELIVERY_FREQUENCIES as readonly string[]).includes(frequency)) {
      throw new ValidationError(this, 'deliveryFrequency', frequency, `is not a delivery frequency; use one of ${CONFIG_DELIVERY_FREQUENCIES.join(', ')}`);
    }
    const tags = props.tags ?? {};
    const aws = new AwsContext(this, 'context');

    const trust = new DataAwsIamPolicyDocument(this, 'role-trust', {
      statement: [
        {
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['config.amazonaws.com'] }],
          actions: ['sts:AssumeRole'],
          condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [aws.accountId] }],
        },
      ],
    });
    const role = new IamRole(this, 'role', { namePrefix: `${props.name}-config-`, assumeRolePolicy: trust.json, tags });
    // The AWS managed policy is the read-only list of every recordable resource type, kept current by AWS.
    const readAll = new IamRolePolicyAttachment(this, 'role-read-configuration', {
      role: role.name,
      policyArn: `arn:${aws.partition}:iam::aws:policy/service-role/AWS_ConfigRole`,
    });
    const deliver = new DataAwsIamPolicyDocument(this, 'role-delivery-document', {
      statement: [
        { effect: 'Allow', actions: ['s3:GetBucketAcl', 's3:ListBucket'], resources: [`arn:${aws.partition}:s3:::${props.bucketName}`] },
        {
          effect: 'Allow',
          actions: ['s3:PutObject'],
          resources: [`arn:${aws.partition}:s3:::${props.bucketName}/AWSLogs/${aws.accountId}/Config/*`],
          condition: [{ test: 'StringEquals', variable: 's3:x-amz-acl', values: ['bucket-owner-full-control'] }],
        },
        { effect: 'Allow', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [props.kmsKeyArn] },
      ],
    });
    const delivery = new IamRolePolicy(this, 'role-delivery', { role: role.id, name: 'deliver-to-audit-bucket', policy: deliver.json });

    this.recorder = new ConfigConfigurationRecorder(this, 'recorder', {
      name: props.name,
      roleArn: role.arn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: props.recordGlobalResources ?? d.recordGlobalResources },
    });
    this.deliveryChannel = new ConfigDeliveryChannel(this, 'delivery-channel', {
      name: props.name,
      s3BucketName: props.bucketName,
      s3KmsKeyArn: props.kmsKeyArn,
      snapshotDeliveryProperties: { deliveryFrequency: frequency },
      dependsOn: [this.recorder, delivery, readAll],
    });
    const status = new ConfigConfigurationRecorderStatus(this, 'recorder-status', {
      name: this.recorder.name,
      isEnabled: true,
      dependsOn: [this.deliveryChannel],
    });

    for (const rule of rules as ConfigManagedRule[]) {
      const { identifier, summary } = CONFIG_MANAGED_RULES[rule];
      const params = rule === 'iam-password-policy' && props.ruleParameters?.passwordPolicy ? passwordParameters(props.ruleParameters.passwordPolicy) : undefined;
      this.rules[rule] = new ConfigConfigRule(this, `rule-${rule}`, {
        name: `${props.name}-${rule}`.slice(0, 128),
        description: `Checks that ${summary}.`,
        source: { owner: 'AWS', sourceIdentifier: identifier },
        ...(params ? { inputParameters: params } : {}),
        tags,
        dependsOn: [status],
      });
    }
  }
}

/** The `IAM_PASSWORD_POLICY` rule's parameters for a password policy (string values, as the rule expects). */
function passwordParameters(p: NonNullable<ConfigRuleParameters['passwordPolicy']>): string {
  // No token here: the values come from props known at synth, so JSON.stringify is safe.
  return JSON.stringify({
    RequireUppercaseCharacters: 'true',
    RequireLowercaseCharacters: 'true',
    RequireSymbols: 'true',
    RequireNumbers: 'true',
    MinimumPasswordLength: String(p.minimumLength),
    PasswordReusePrevention: String(p.reusePrevention),
    MaxPasswordAge: String(p.maxAgeDays),
  });
}
