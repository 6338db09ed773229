import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { AccountHardening } from '../../modules/aws/account-hardening';
import { AlertTopic } from '../../modules/aws/alert-topic';
import { AuditTrail } from '../../modules/aws/audit-trail';
import { ConfigRecorder } from '../../modules/aws/config-recorder';
import { type GuardDutyFeature, ThreatDetection } from '../../modules/aws/threat-detection';
import type { AwsAlertsOutputs, AwsBaselineOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { awsProvider } from '../private/providers';
import { type AwsBaselineConfig, recordsGlobalResources } from './config';


/** Props of {@link AwsBaselineStack}. */
export interface AwsBaselineStackProps extends EnvironmentStackProps {
  /** The `aws.baseline` section. */
  readonly config: AwsBaselineConfig;
  /** The GuardDuty protection plans (from config or from the services the environment runs). */
  readonly guardDutyFeatures: readonly GuardDutyFeature[];
  /** Outputs of `<env>-aws-alerts`, when the environment has it. @default - the stack makes its own findings topic */
  readonly alerts?: AwsAlertsOutputs;
}

/**
 * `<env>-aws-baseline`: the account security baseline, deployed right after the state backend:
 * audit trail, AWS Config, GuardDuty (findings to the alert topic), Security Hub, Access Analyzer,
 * S3 public access block, EBS encryption by default and the IAM password policy (docs/baseline.md).
 */
export class AwsBaselineStack extends EnvironmentStack {
  public readonly audit: AuditTrail;
  public readonly recorder?: ConfigRecorder;
  public readonly threats: ThreatDetection;
  public readonly hardening: AccountHardening;
  public readonly outputs: AwsBaselineOutputs;

  constructor(scope: Construct, name: string, props: AwsBaselineStackProps) {
    super(scope, name, props);
    const { environment: env, config } = props;
    awsProvider(this, env);
    const prefix = `${env.name}-baseline`;

    this.audit = new AuditTrail(this, 'audit', {
      name: `${env.name}-audit`,
      retentionDays: config.trail.retentionDays,
      logRetentionDays: config.trail.logRetentionDays,
      accessLogRetentionDays: config.trail.accessLogRetentionDays,
      enableS3DataEvents: config.trail.s3DataEvents,
      enableLambdaDataEvents: config.trail.lambdaDataEvents,
      enableConfigDelivery: config.config.enabled,
    });

    if (config.config.enabled) {
      this.recorder = new ConfigRecorder(this, 'config', {
        name: prefix,
        bucketName: this.audit.bucketName,
        kmsKeyArn: this.audit.kmsKeyArn,
        recordGlobalResources: recordsGlobalResources(config, env.aws.region),
        deliveryFrequency: config.config.deliveryFrequency,
        rules: config.config.rules,
        ruleParameters: { passwordPolicy: config.passwordPolicy },
      });
    }

    const findingsTopicArn = props.alerts?.topicArn ?? new AlertTopic(this, 'findings', { name: `${env.name}-security-findings` }).topicArn;
    this.threats = new ThreatDetection(this, 'threats', {
      name: prefix,
      alertTopicArn: findingsTopicArn,
      features: props.guardDutyFeatures,
      findingPublishingFrequency: config.guardDuty.findingPublishingFrequency,
      minimumAlertSeverity: config.guardDuty.minimumAlertSeverity,
      enableSecurityHub: config.securityHub.enabled,
      standards: config.securityHub.standards,
      enableAccessAnalyzer: config.accessAnalyzer,
      region: env.aws.region,
    });

    this.hardening = new AccountHardening(this, 'account', {
      name: prefix,
      enableS3PublicAccessBlock: config.s3PublicAccessBlock,
      enableEbsEncryptionByDefault: config.ebsEncryptionByDefault,
      passwordMinimumLength: config.passwordPolicy.minimumLength,
      passwordReusePrevention: config.passwordPolicy.reusePrevention,
      passwordMaxAgeDays: config.passwordPolicy.maxAgeDays,
    });

    this.outputs = {
      trailArn: this.audit.trail.arn,
      auditBucketName: this.audit.bucketName,
      auditKmsKeyArn: this.audit.kmsKeyArn,
      ...(this.hardening.ebsKey ? { ebsKmsKeyArn: this.hardening.ebsKey.arn } : {}),
      findingsTopicArn,
    };
    new TerraformOutput(this, 'trail_arn', { value: this.outputs.trailArn, description: 'Multi-region CloudTrail trail' });
    new TerraformOutput(this, 'audit_bucket_name', { value: this.outputs.auditBucketName, description: 'Audit bucket (CloudTrail, AWS Config)' });
    new TerraformOutput(this, 'audit_kms_key_arn', { value: this.outputs.auditKmsKeyArn, description: 'Key of the trail, audit bucket and log group' });
    if (this.outputs.ebsKmsKeyArn) new TerraformOutput(this, 'ebs_kms_key_arn', { value: this.outputs.ebsKmsKeyArn, description: 'Key of EBS encryption by default' });
    new TerraformOutput(this, 'findings_topic_arn', { value: findingsTopicArn, description: 'Topic GuardDuty findings are sent to' });
  }
}
