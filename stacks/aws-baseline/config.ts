import { z } from 'zod';
import { ACCOUNT_HARDENING_DEFAULTS as HARDENING, ACCOUNT_HARDENING_LIMITS as HARDENING_LIMITS, passwordPolicyProblem } from '../../modules/aws/account-hardening';
import { AUDIT_RETENTION_MINIMUMS, AUDIT_TRAIL_DEFAULTS as TRAIL, AUDIT_TRAIL_LIMITS, auditRetentionProblem } from '../../modules/aws/audit-trail';
import { CONFIG_DELIVERY_FREQUENCIES, CONFIG_MANAGED_RULE_NAMES, CONFIG_RECORDER_DEFAULTS as RECORDER } from '../../modules/aws/config-recorder';
import { CLOUDWATCH_RETENTION_DAYS } from '../../modules/aws/log-retention';
import {
  GUARDDUTY_FEATURE_NAMES,
  GUARDDUTY_PUBLISHING_FREQUENCIES,
  type GuardDutyFeature,
  SECURITY_HUB_STANDARD_NAMES,
  THREAT_DETECTION_DEFAULTS as THREATS,
  THREAT_DETECTION_LIMITS,
} from '../../modules/aws/threat-detection';
import type { Environment } from '../../modules/core/config/load';
import { defineSection, type ParsedEnvironment, type ReportProblem } from '../../modules/core/config/section';
import { awsDatabaseSection } from '../aws-database/config';
import { awsEksSection } from '../aws-eks/config';
import { awsFunctionsSection } from '../aws-functions/config';
import { awsServicesSection } from '../aws-services/config';
import type { EnvironmentCore } from '../environment/config';

/** Compliance frameworks an environment may claim (they tighten what the baseline accepts). */
export const COMPLIANCE_FRAMEWORKS = ['soc2', 'hipaa', 'pci-dss', 'gdpr', 'cis'] as const;

/** A list of names from a catalog, each listed once. */
function uniqueList<T extends string>(values: readonly [T, ...T[]]) {
  return z.array(z.enum(values)).superRefine((list, ctx) => {
    list.forEach((v, i) => {
      if (list.indexOf(v) !== i) ctx.addIssue({ code: 'custom', path: [i], input: v, message: 'is listed twice; list each once' });
    });
  });
}

const TrailSchema = z.strictObject({
  /** Object Lock (governance mode) retention of every audit log object, in days. @default 365 */
  retentionDays: z.number().int().min(AUDIT_TRAIL_LIMITS.retentionDays.min).max(AUDIT_TRAIL_LIMITS.retentionDays.max).default(TRAIL.retentionDays),
  /** Retention of the CloudTrail log group (searchable copy), in days. @default 365 */
  logRetentionDays: z.literal(CLOUDWATCH_RETENTION_DAYS).default(TRAIL.logRetentionDays),
  /** Days the server access logs of the audit bucket are kept. @default 365 */
  accessLogRetentionDays: z.number().int().min(1).default(TRAIL.accessLogRetentionDays),
  /** Record S3 object-level (data) events of every bucket (billed per event). @default false */
  s3DataEvents: z.boolean().default(TRAIL.enableS3DataEvents),
  /** Record Lambda invoke (data) events of every function (billed per event). @default false */
  lambdaDataEvents: z.boolean().default(TRAIL.enableLambdaDataEvents),
});

const ConfigRecorderSchema = z.strictObject({
  /** Record configuration with AWS Config and evaluate the managed rules. @default true */
  enabled: z.boolean().default(true),
  /** The one region of the account that records global resources (IAM). @default - the environment's region */
  globalResourcesRegion: z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, { message: 'is not an AWS region; use e.g. "eu-west-1"' }).optional(),
  /** How often configuration snapshots are delivered. @default "TwentyFour_Hours" */
  deliveryFrequency: z.enum(CONFIG_DELIVERY_FREQUENCIES).default(RECORDER.deliveryFrequency),
  /** AWS Config managed rules to deploy. @default - every rule of modules/aws/config-recorder.ts */
  rules: uniqueList(CONFIG_MANAGED_RULE_NAMES as [string, ...string[]]).default([...RECORDER.rules]),
});

const GuardDutySchema = z.strictObject({
  /** GuardDuty protection plans. @default - s3 and ebs-malware, plus rds, lambda, eks and runtime-monitoring when the environment has those services */
  features: uniqueList(GUARDDUTY_FEATURE_NAMES as [GuardDutyFeature, ...GuardDutyFeature[]]).optional(),
  /** How often updated findings are exported. @default "FIFTEEN_MINUTES" */
  findingPublishingFrequency: z.enum(GUARDDUTY_PUBLISHING_FREQUENCIES).default(THREATS.findingPublishingFrequency),
  /** Lowest severity (1-9) sent to the alert topic. @default 4 (medium) */
  minimumAlertSeverity: z
    .number()
    .min(THREAT_DETECTION_LIMITS.minimumAlertSeverity.min)
    .max(THREAT_DETECTION_LIMITS.minimumAlertSeverity.max)
    .default(THREATS.minimumAlertSeverity),
});

const SecurityHubSchema = z.strictObject({
  /** Enable Security Hub. @default true */
  enabled: z.boolean().default(THREATS.enableSecurityHub),
  /** Standards to subscribe to. @default ["aws-foundational-security-best-practices", "cis-aws-foundations-benchmark"] */
  standards: uniqueList(SECURITY_HUB_STANDARD_NAMES as [string, ...string[]]).default([...THREATS.standards]),
});

const PasswordPolicySchema = z.strictObject({
  /** Minimum IAM user password length. @default 14 */
  minimumLength: z.number().int().min(HARDENING_LIMITS.passwordMinimumLength.min).max(HARDENING_LIMITS.passwordMinimumLength.max).default(HARDENING.passwordMinimumLength),
  /** Previous passwords that cannot be reused. @default 24 */
  reusePrevention: z.number().int().min(HARDENING_LIMITS.passwordReusePrevention.min).max(HARDENING_LIMITS.passwordReusePrevention.max).default(HARDENING.passwordReusePrevention),
  /** Days before a password expires. @default 90 */
  maxAgeDays: z.number().int().min(HARDENING_LIMITS.passwordMaxAgeDays.min).max(HARDENING_LIMITS.passwordMaxAgeDays.max).default(HARDENING.passwordMaxAgeDays),
});

/**
 * `aws.baseline`: the account security baseline of the `<env>-aws-baseline` stack (CloudTrail,
 * AWS Config, GuardDuty, Security Hub, Access Analyzer, account hardening; docs/baseline.md).
 */
export const AwsBaselineConfigSchema = z.strictObject({
  /** Create the `<env>-aws-baseline` stack. @default false */
  enabled: z.boolean().default(false),
  /** Frameworks the environment claims; each may require more (e.g. pci-dss: 365 days of audit logs). @default [] */
  complianceFrameworks: uniqueList(COMPLIANCE_FRAMEWORKS).default([]),
  /** The CloudTrail trail and its audit bucket and log group. */
  trail: TrailSchema.prefault({}),
  /** AWS Config recorder and managed rules. */
  config: ConfigRecorderSchema.prefault({}),
  /** GuardDuty detector and where its findings go. */
  guardDuty: GuardDutySchema.prefault({}),
  /** Security Hub and its standards. */
  securityHub: SecurityHubSchema.prefault({}),
  /** Create an account IAM Access Analyzer. @default true */
  accessAnalyzer: z.boolean().default(THREATS.enableAccessAnalyzer),
  /** Block public access to every S3 bucket of the account. @default true */
  s3PublicAccessBlock: z.boolean().default(HARDENING.enableS3PublicAccessBlock),
  /** Encrypt new EBS volumes by default with a customer key. @default true */
  ebsEncryptionByDefault: z.boolean().default(HARDENING.enableEbsEncryptionByDefault),
  /** The IAM account password policy. */
  passwordPolicy: PasswordPolicySchema.prefault({}),
});

export type AwsBaselineConfig = z.infer<typeof AwsBaselineConfigSchema>;

/** Checks across the fields of `aws.baseline`: what the claimed frameworks require of retention and passwords. */
export function checkAwsBaseline(baseline: AwsBaselineConfig, _env: ParsedEnvironment<EnvironmentCore>, report: ReportProblem): void {
  const frameworks = baseline.complianceFrameworks ?? [];
  for (const field of ['retentionDays', 'logRetentionDays'] as const) {
    const days = baseline.trail?.[field];
    if (typeof days !== 'number') continue;
    const message = auditRetentionProblem(field, days, frameworks);
    if (message) report(['aws', 'baseline', 'trail', field], days, message);
  }
  for (const field of ['minimumLength', 'reusePrevention'] as const) {
    const value = baseline.passwordPolicy?.[field];
    if (typeof value !== 'number') continue;
    const message = passwordPolicyProblem(field, value, frameworks);
    if (message) report(['aws', 'baseline', 'passwordPolicy', field], value, message);
  }
}

/** Frameworks that set a minimum audit retention (for docs and tests). */
export const RETENTION_FRAMEWORKS = Object.keys(AUDIT_RETENTION_MINIMUMS);

/** `aws.baseline`, owned by the `aws-baseline` stack family. */
export const awsBaselineSection = defineSection({
  path: 'aws.baseline',
  schema: AwsBaselineConfigSchema,
  optional: true,
  check: checkAwsBaseline,
});

/**
 * The GuardDuty protection plans of the environment: `aws.baseline.guardDuty.features`, else S3
 * and EBS malware protection plus the plans of the services the environment runs (RDS, Lambda,
 * EKS audit logs; runtime monitoring for EKS and ECS on Fargate).
 */
export function guardDutyFeatures(baseline: AwsBaselineConfig, env: Environment<EnvironmentCore>): GuardDutyFeature[] {
  if (baseline.guardDuty.features) return [...baseline.guardDuty.features];
  const on = (enabled: boolean | undefined, ...features: GuardDutyFeature[]) => (enabled ? features : []);
  const eks = env.section(awsEksSection).enabled;
  const services = env.section(awsServicesSection).enabled;
  return [
    's3',
    'ebs-malware',
    ...on(env.section(awsDatabaseSection).enabled, 'rds'),
    ...on(env.section(awsFunctionsSection).enabled, 'lambda'),
    ...on(eks, 'eks'),
    ...on(eks || services, 'runtime-monitoring'),
  ];
}

/** Whether this environment's recorder records global resources: its region is the one that should. */
export function recordsGlobalResources(baseline: AwsBaselineConfig, region: string): boolean {
  return (baseline.config.globalResourcesRegion ?? region) === region;
}
