import { AccessanalyzerAnalyzer } from '@cdktf/provider-aws/lib/accessanalyzer-analyzer';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { GuarddutyDetector } from '@cdktf/provider-aws/lib/guardduty-detector';
import { GuarddutyDetectorFeature } from '@cdktf/provider-aws/lib/guardduty-detector-feature';
import { SecurityhubAccount } from '@cdktf/provider-aws/lib/securityhub-account';
import { SecurityhubStandardsSubscription } from '@cdktf/provider-aws/lib/securityhub-standards-subscription';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { AwsContext } from './private/customer-key';

/**
 * GuardDuty protection plans, by the name used in props and config, with the detector feature
 * each turns on (and the feature's additional configuration, all enabled).
 *
 * @see https://docs.aws.amazon.com/guardduty/latest/APIReference/API_DetectorFeatureConfiguration.html
 */
export const GUARDDUTY_FEATURES = {
  s3: { feature: 'S3_DATA_EVENTS', additional: [] },
  eks: { feature: 'EKS_AUDIT_LOGS', additional: [] },
  'ebs-malware': { feature: 'EBS_MALWARE_PROTECTION', additional: [] },
  rds: { feature: 'RDS_LOGIN_EVENTS', additional: [] },
  lambda: { feature: 'LAMBDA_NETWORK_LOGS', additional: [] },
  'runtime-monitoring': { feature: 'RUNTIME_MONITORING', additional: ['EKS_ADDON_MANAGEMENT', 'ECS_FARGATE_AGENT_MANAGEMENT', 'EC2_AGENT_MANAGEMENT'] },
} as const satisfies Record<string, { feature: string; additional: readonly string[] }>;

/** A protection plan name of {@link GUARDDUTY_FEATURES}. */
export type GuardDutyFeature = keyof typeof GUARDDUTY_FEATURES;

/** Every GuardDuty protection plan name. */
export const GUARDDUTY_FEATURE_NAMES = Object.keys(GUARDDUTY_FEATURES) as GuardDutyFeature[];

/** How often GuardDuty exports updated findings. */
export const GUARDDUTY_PUBLISHING_FREQUENCIES = ['FIFTEEN_MINUTES', 'ONE_HOUR', 'SIX_HOURS'] as const;

/**
 * Security Hub standards by name; the ARN is built from the partition and region.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/standards-reference.html
 */
export const SECURITY_HUB_STANDARDS = {
  'aws-foundational-security-best-practices': 'standards/aws-foundational-security-best-practices/v/1.0.0',
  'cis-aws-foundations-benchmark': 'standards/cis-aws-foundations-benchmark/v/3.0.0',
  'nist-800-53': 'standards/nist-800-53/v/5.0.0',
  'pci-dss': 'standards/pci-dss/v/3.2.1',
} as const;

/** A standard name of {@link SECURITY_HUB_STANDARDS}. */
export type SecurityHubStandard = keyof typeof SECURITY_HUB_STANDARDS;

/** Every Security Hub standard name. */
export const SECURITY_HUB_STANDARD_NAMES = Object.keys(SECURITY_HUB_STANDARDS) as SecurityHubStandard[];

/** Defaults of {@link ThreatDetection}. */
export const THREAT_DETECTION_DEFAULTS = {
  features: GUARDDUTY_FEATURE_NAMES,
  findingPublishingFrequency: 'FIFTEEN_MINUTES',
  /** Findings of this GuardDuty severity and above reach the alert topic (4: medium). */
  minimumAlertSeverity: 4,
  standards: ['aws-foundational-security-best-practices', 'cis-aws-foundations-benchmark'],
  enableSecurityHub: true,
  enableAccessAnalyzer: true,
} as const;

/** Limits of {@link ThreatDetection}. */
export const THREAT_DETECTION_LIMITS = {
  /** GuardDuty severities run from 1 (low) to under 10 (critical). */
  minimumAlertSeverity: { min: 1, max: 9 },
} as const;

/** Props of {@link ThreatDetection}. */
export interface ThreatDetectionProps {
  /** Prefix of the analyzer and EventBridge rule names. */
  readonly name: string;
  /** SNS topic GuardDuty findings are published to (its policy must admit EventBridge). */
  readonly alertTopicArn: string;
  /** GuardDuty protection plans to enable; the others are turned off. @default - every plan of {@link GUARDDUTY_FEATURES} */
  readonly features?: readonly string[];
  /** How often GuardDuty exports updated findings. @default 'FIFTEEN_MINUTES' */
  readonly findingPublishingFrequency?: string;
  /** Lowest GuardDuty severity sent to the alert topic (1-9). @default 4 */
  readonly minimumAlertSeverity?: number;
  /** Enable Security Hub with these standards. @default true */
  readonly enableSecurityHub?: boolean;
  /** Security Hub standards to subscribe to. @default ['aws-foundational-security-best-practices', 'cis-aws-foundations-benchmark'] */
  readonly standards?: readonly string[];
  /** Create an account IAM Access Analyzer. @default true */
  readonly enableAccessAnalyzer?: boolean;
  /** Region of the Security Hub standards ARNs (the provider's region). @default - read from the provider (`aws_region`) */
  readonly region?: string;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * Threat detection for the account and region: a GuardDuty detector with the chosen protection
 * plans, its findings sent through EventBridge to the alert topic, Security Hub with the AWS
 * Foundational Security Best Practices and CIS standards, and an account IAM Access Analyzer.
 *
 * @see https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_eventbridge.html
 */
export class ThreatDetection extends Construct {
  public readonly detector: GuarddutyDetector;
  /** The detector features, keyed by plan name. */
  public readonly features: Record<string, GuarddutyDetectorFeature> = {};
  public readonly findingsRule: CloudwatchEventRule;
  public readonly securityHub?: SecurityhubAccount;
  public readonly analyzer?: AccessanalyzerAnalyzer;

  constructor(scope: Construct, id: string, props: ThreatDetectionProps) {
    super(scope, id);
    const d = THREAT_DETECTION_DEFAULTS;
    const features = props.features ?? d.features;
    checkNames(this, 'features', features, GUARDDUTY_FEATURE_NAMES, 'a GuardDuty protection plan');
    const standards = props.standards ?? d.standards;
    checkNames(this, 'standards', standards, SECURITY_HUB_STANDARD_NAMES, 'a Security Hub standard');
    const frequency = props.findingPublishingFrequency ?? d.findingPublishingFrequency;
    if (!Token.isUnresolved(frequency) && !(GUARDDUTY_PUBLISHING_FREQUENCIES as readonly string[]).includes(frequency)) {
      throw new ValidationError(this, 'findingPublishingFrequency', frequency, `is not a publishing frequency; use one of ${GUARDDUTY_PUBLISHING_FREQUENCIES.join(', ')}`);
    }
    const severity = props.minimumAlertSeverity ?? d.minimumAlertSeverity;
    const { min, max } = THREAT_DETECTION_LIMITS.minimumAlertSeverity;
    if (!Token.isUnresolved(severity) && !(severity >= min && severity <= max)) {
      throw new ValidationError(this, 'minimumAlertSeverity', severity, `is not a GuardDuty severity; use ${min} (low) to ${max} (critical)`);
    }
    const tags = props.tags ?? {};
    const aws = new AwsContext(this, 'context');

    this.detector = new GuarddutyDetector(this, 'detector', { enable: true, findingPublishingFrequency: frequency, tags });
    // Every plan is managed, on or off, so a plan GuardDuty turns on by itself does not drift silently.
    for (const name of GUARDDUTY_FEATURE_NAMES) {
      const { feature, additional } = GUARDDUTY_FEATURES[name];
      const status = features.includes(name) ? 'ENABLED' : 'DISABLED';
      this.features[name] = new GuarddutyDetectorFeature(this, `feature-${name}`, {
        detectorId: this.detector.id,
        name: feature,
        status,
        ...(additional.length ? { additionalConfiguration: additional.map((n) => ({ name: n, status })) } : {}),
      });
    }

    this.findingsRule = new CloudwatchEventRule(this, 'findings-rule', {
      name: `${props.name}-guardduty-findings`,
      description: `GuardDuty findings of severity ${severity} and above, to the alert topic`,
      // A literal pattern (no token), so JSON.stringify is safe here.
      eventPattern: JSON.stringify({
        source: ['aws.guardduty'],
        'detail-type': ['GuardDuty Finding'],
        detail: { severity: [{ numeric: ['>=', severity] }] },
      }),
      tags,
    });
    new CloudwatchEventTarget(this, 'findings-target', { rule: this.findingsRule.name, targetId: 'alert-topic', arn: props.alertTopicArn });

    if (props.enableSecurityHub ?? d.enableSecurityHub) {
      this.securityHub = new SecurityhubAccount(this, 'security-hub', {
        enableDefaultStandards: false,
        autoEnableControls: true,
        controlFindingGenerator: 'SECURITY_CONTROL',
      });
      for (const standard of standards as SecurityHubStandard[]) {
        new SecurityhubStandardsSubscription(this, `standard-${standard}`, {
          standardsArn: `arn:${aws.partition}:securityhub:${props.region ?? aws.region}::${SECURITY_HUB_STANDARDS[standard]}`,
          dependsOn: [this.securityHub],
        });
      }
    }
    if (props.enableAccessAnalyzer ?? d.enableAccessAnalyzer) {
      this.analyzer = new AccessanalyzerAnalyzer(this, 'access-analyzer', { analyzerName: `${props.name}-account`, type: 'ACCOUNT', tags });
    }
  }
}

/** Throws unless every name is known and listed once. */
function checkNames(scope: Construct, prop: string, names: readonly string[], known: readonly string[], what: string): void {
  names.forEach((name, i) => {
    if (!known.includes(name)) throw new ValidationError(scope, `${prop}[${i}]`, name, `is not ${what}; use one of ${known.join(', ')}`);
    if (names.indexOf(name) !== i) throw new ValidationError(scope, `${prop}[${i}]`, name, 'is listed twice; list each once');
  });
}
