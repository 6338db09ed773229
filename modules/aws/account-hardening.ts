import { EbsDefaultKmsKey } from '@cdktf/provider-aws/lib/ebs-default-kms-key';
import { EbsEncryptionByDefault } from '@cdktf/provider-aws/lib/ebs-encryption-by-default';
import { IamAccountPasswordPolicy } from '@cdktf/provider-aws/lib/iam-account-password-policy';
import { S3AccountPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-account-public-access-block';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { AwsContext, CustomerKey } from './private/customer-key';

/** Defaults of {@link AccountHardening}: CIS AWS Foundations v3.0 1.8 (length 14) and 1.9 (reuse 24). */
export const ACCOUNT_HARDENING_DEFAULTS = {
  enableS3PublicAccessBlock: true,
  enableEbsEncryptionByDefault: true,
  passwordMinimumLength: 14,
  passwordReusePrevention: 24,
  passwordMaxAgeDays: 90,
} as const;

/**
 * Limits of {@link AccountHardening}: what IAM accepts.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html
 */
export const ACCOUNT_HARDENING_LIMITS = {
  passwordMinimumLength: { min: 6, max: 128 },
  passwordReusePrevention: { min: 1, max: 24 },
  passwordMaxAgeDays: { min: 1, max: 1095 },
} as const;

/**
 * Compliance frameworks that set a floor on the IAM password policy: PCI DSS v4.0 8.3.6 (at least
 * 12 characters) and 8.3.7 (not one of the last four); CIS AWS Foundations v3.0 1.8 (14) and 1.9 (24).
 */
export const PASSWORD_POLICY_MINIMUMS: Readonly<Record<string, { readonly minimumLength: number; readonly reusePrevention: number; readonly source: string }>> = {
  'pci-dss': { minimumLength: 12, reusePrevention: 4, source: 'PCI DSS v4.0 8.3.6 and 8.3.7' },
  cis: { minimumLength: 14, reusePrevention: 24, source: 'CIS AWS Foundations v3.0 1.8 and 1.9' },
};

/** Returns what is wrong with a password policy value for the claimed frameworks, or `undefined`. */
export function passwordPolicyProblem(field: 'minimumLength' | 'reusePrevention', value: number, frameworks: readonly string[]): string | undefined {
  for (const framework of frameworks) {
    const minimum = PASSWORD_POLICY_MINIMUMS[framework];
    if (minimum && value < minimum[field]) {
      return `is below the ${minimum[field]} ${framework} requires (${minimum.source}); use ${minimum[field]} or more, or drop ${framework} from complianceFrameworks`;
    }
  }
  return undefined;
}

/** Props of {@link AccountHardening}. */
export interface AccountHardeningProps {
  /** Prefix of the EBS key alias. */
  readonly name: string;
  /** Block public access to every S3 bucket of the account. @default true */
  readonly enableS3PublicAccessBlock?: boolean;
  /** Encrypt every new EBS volume of the region with a customer key made here. @default true */
  readonly enableEbsEncryptionByDefault?: boolean;
  /** Minimum IAM user password length (6-128). @default 14 */
  readonly passwordMinimumLength?: number;
  /** Number of previous passwords that cannot be reused (1-24). @default 24 */
  readonly passwordReusePrevention?: number;
  /** Days before an IAM user password expires (1-1095). @default 90 */
  readonly passwordMaxAgeDays?: number;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * Account-wide settings no single workload owns: the account's S3 public access block, EBS
 * encryption by default with a customer key, and the IAM password policy.
 *
 * @see https://docs.aws.amazon.com/ebs/latest/userguide/work-with-ebs-encr.html#encryption-by-default
 * @see https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html
 */
export class AccountHardening extends Construct {
  public readonly publicAccessBlock?: S3AccountPublicAccessBlock;
  public readonly ebsKey?: CustomerKey;
  public readonly passwordPolicy: IamAccountPasswordPolicy;

  constructor(scope: Construct, id: string, props: AccountHardeningProps) {
    super(scope, id);
    const d = ACCOUNT_HARDENING_DEFAULTS;
    const password = {
      passwordMinimumLength: props.passwordMinimumLength ?? d.passwordMinimumLength,
      passwordReusePrevention: props.passwordReusePrevention ?? d.passwordReusePrevention,
      passwordMaxAgeDays: props.passwordMaxAgeDays ?? d.passwordMaxAgeDays,
    };
    for (const [prop, value] of Object.entries(password) as [keyof typeof password, number][]) {
      const { min, max } = ACCOUNT_HARDENING_LIMITS[prop];
      if (!Token.isUnresolved(value) && (!Number.isInteger(value) || value < min || value > max)) {
        throw new ValidationError(this, prop, value, `is not allowed by IAM; use a whole number from ${min} to ${max}`);
      }
    }
    const tags = props.tags ?? {};

    if (props.enableS3PublicAccessBlock ?? d.enableS3PublicAccessBlock) {
      this.publicAccessBlock = new S3AccountPublicAccessBlock(this, 's3-public-access-block', {
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
    }

    if (props.enableEbsEncryptionByDefault ?? d.enableEbsEncryptionByDefault) {
      const aws = new AwsContext(this, 'context');
      // As the AWS managed aws/ebs key: any principal of this account may use the key, through EC2 only
      // (this covers the Auto Scaling service-linked role that launches EKS nodes).
      const throughEc2 = [
        { test: 'StringEquals', variable: 'kms:CallerAccount', values: [aws.accountId] },
        { test: 'StringEquals', variable: 'kms:ViaService', values: [`ec2.${aws.region}.amazonaws.com`] },
      ];
      this.ebsKey = new CustomerKey(this, 'ebs-key', {
        description: 'Encrypts every new EBS volume of the region (EBS encryption by default)',
        alias: `${props.name}-ebs-default`,
        extraStatements: [
          {
            sid: 'AllowUseThroughEc2ForThisAccount',
            effect: 'Allow',
            principals: [{ type: 'AWS', identifiers: ['*'] }],
            actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
            resources: ['*'],
            condition: throughEc2,
          },
          {
            sid: 'AllowGrantsForAwsResourcesThroughEc2',
            effect: 'Allow',
            principals: [{ type: 'AWS', identifiers: ['*'] }],
            actions: ['kms:CreateGrant'],
            resources: ['*'],
            condition: [...throughEc2, { test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['true'] }],
          },
        ],
        tags,
      });
      new EbsDefaultKmsKey(this, 'ebs-default-key', { keyArn: this.ebsKey.arn });
      new EbsEncryptionByDefault(this, 'ebs-encryption-by-default', { enabled: true });
    }

    this.passwordPolicy = new IamAccountPasswordPolicy(this, 'password-policy', {
      minimumPasswordLength: password.passwordMinimumLength,
      passwordReusePrevention: password.passwordReusePrevention,
      maxPasswordAge: password.passwordMaxAgeDays,
      requireLowercaseCharacters: true,
      requireUppercaseCharacters: true,
      requireNumbers: true,
      requireSymbols: true,
      allowUsersToChangePassword: true,
      hardExpiry: false,
    });
  }
}
