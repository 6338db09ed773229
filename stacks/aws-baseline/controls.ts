/**
 * The controls the AWS baseline implements, with the framework controls each supports: the input
 * of the compliance map. Only ids we are confident of are listed; a framework left out means the
 * control is not claimed for it.
 *
 * Framework versions: SOC 2 Trust Services Criteria (2017, revised points of focus 2022), HIPAA
 * Security Rule (45 CFR 164), PCI DSS v4.0, GDPR (Regulation 2016/679) articles, CIS AWS
 * Foundations Benchmark v3.0.0.
 */
export interface BaselineControl {
  /** Stable id, `AWS-BL-<NAME>`. */
  readonly id: string;
  /** What the control does, in one line. */
  readonly summary: string;
  /** Terraform resource types that evidence it. */
  readonly resourceTypes: readonly string[];
  /** Framework control ids it supports, by framework. */
  readonly frameworks: {
    readonly soc2?: readonly string[];
    readonly hipaa?: readonly string[];
    readonly pci?: readonly string[];
    readonly gdpr?: readonly string[];
    readonly cis?: readonly string[];
  };
}

export const AWS_BASELINE_CONTROLS: readonly BaselineControl[] = [
  {
    id: 'AWS-BL-CLOUDTRAIL',
    summary: 'A multi-region CloudTrail trail records management events of every region',
    resourceTypes: ['aws_cloudtrail'],
    frameworks: { soc2: ['CC7.2'], hipaa: ['164.312(b)'], pci: ['10.2.1'], gdpr: ['32'], cis: ['3.1'] },
  },
  {
    id: 'AWS-BL-CLOUDTRAIL-VALIDATION',
    summary: 'CloudTrail log file validation (signed digest files) is on',
    resourceTypes: ['aws_cloudtrail'],
    frameworks: { hipaa: ['164.312(c)(1)'], pci: ['10.3.4'], cis: ['3.2'] },
  },
  {
    id: 'AWS-BL-CLOUDTRAIL-KMS',
    summary: 'CloudTrail logs are encrypted with a customer key only CloudTrail (for this trail) may encrypt with',
    resourceTypes: ['aws_cloudtrail', 'aws_kms_key'],
    frameworks: { pci: ['10.3.2'], gdpr: ['32'], cis: ['3.5'] },
  },
  {
    id: 'AWS-BL-AUDIT-BUCKET-IMMUTABLE',
    summary: 'The audit bucket is versioned with Object Lock (governance mode) retention, TLS-only and private',
    resourceTypes: ['aws_s3_bucket', 'aws_s3_bucket_object_lock_configuration', 'aws_s3_bucket_versioning', 'aws_s3_bucket_policy', 'aws_s3_bucket_public_access_block'],
    frameworks: { hipaa: ['164.312(c)(1)'], pci: ['10.3.2', '10.5.1'], gdpr: ['32'] },
  },
  {
    id: 'AWS-BL-AUDIT-BUCKET-ACCESS-LOGGING',
    summary: 'Access to the audit bucket is logged (S3 server access logs)',
    resourceTypes: ['aws_s3_bucket_logging'],
    frameworks: { cis: ['3.4'] },
  },
  {
    id: 'AWS-BL-CLOUDTRAIL-CLOUDWATCH',
    summary: 'CloudTrail events are delivered to an encrypted CloudWatch log group, searchable for its retention',
    resourceTypes: ['aws_cloudwatch_log_group'],
    frameworks: { soc2: ['CC7.2'], hipaa: ['164.312(b)'], pci: ['10.5.1'] },
  },
  {
    id: 'AWS-BL-CONFIG',
    summary: 'AWS Config records every supported resource type and delivers history to the audit bucket',
    resourceTypes: ['aws_config_configuration_recorder', 'aws_config_delivery_channel'],
    frameworks: { soc2: ['CC7.1'], hipaa: ['164.312(b)'], gdpr: ['32'], cis: ['3.3'] },
  },
  {
    id: 'AWS-BL-CONFIG-RULES',
    summary: 'AWS Config managed rules evaluate the running account against the policy pack',
    resourceTypes: ['aws_config_config_rule'],
    frameworks: { soc2: ['CC7.1'], gdpr: ['32'] },
  },
  {
    id: 'AWS-BL-GUARDDUTY',
    summary: 'GuardDuty watches the account and the services it runs; findings reach the alert topic through EventBridge',
    resourceTypes: ['aws_guardduty_detector', 'aws_guardduty_detector_feature', 'aws_cloudwatch_event_rule', 'aws_cloudwatch_event_target'],
    frameworks: { soc2: ['CC7.2'], hipaa: ['164.308(a)(1)(ii)(D)'], pci: ['11.5.1'], gdpr: ['32'] },
  },
  {
    id: 'AWS-BL-SECURITY-HUB',
    summary: 'Security Hub evaluates the AWS Foundational Security Best Practices and CIS standards',
    resourceTypes: ['aws_securityhub_account', 'aws_securityhub_standards_subscription'],
    frameworks: { soc2: ['CC7.1'], gdpr: ['32'] },
  },
  {
    id: 'AWS-BL-ACCESS-ANALYZER',
    summary: 'IAM Access Analyzer reports resources shared outside the account',
    resourceTypes: ['aws_accessanalyzer_analyzer'],
    frameworks: { soc2: ['CC6.1'], cis: ['1.20'] },
  },
  {
    id: 'AWS-BL-S3-ACCOUNT-PUBLIC-ACCESS-BLOCK',
    summary: 'The account blocks public access to every S3 bucket',
    resourceTypes: ['aws_s3_account_public_access_block'],
    frameworks: { soc2: ['CC6.1'], gdpr: ['25', '32'], cis: ['2.1.4'] },
  },
  {
    id: 'AWS-BL-EBS-DEFAULT-ENCRYPTION',
    summary: 'New EBS volumes are encrypted by default with a customer key',
    resourceTypes: ['aws_ebs_encryption_by_default', 'aws_ebs_default_kms_key'],
    frameworks: { hipaa: ['164.312(a)(2)(iv)'], gdpr: ['25', '32'], cis: ['2.2.1'] },
  },
  {
    id: 'AWS-BL-PASSWORD-POLICY',
    summary: 'IAM user passwords are at least 14 characters, complex, not reused (24) and expire',
    resourceTypes: ['aws_iam_account_password_policy'],
    frameworks: { hipaa: ['164.308(a)(5)(ii)(D)'], pci: ['8.3.6', '8.3.7'], cis: ['1.8', '1.9'] },
  },
];
