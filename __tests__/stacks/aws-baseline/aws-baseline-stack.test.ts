import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { ConfigConfigRule } from '@cdktf/provider-aws/lib/config-config-rule';
import { ConfigConfigurationRecorder } from '@cdktf/provider-aws/lib/config-configuration-recorder';
import { EbsEncryptionByDefault } from '@cdktf/provider-aws/lib/ebs-encryption-by-default';
import { IamAccountPasswordPolicy } from '@cdktf/provider-aws/lib/iam-account-password-policy';
import { S3AccountPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-account-public-access-block';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { SecurityhubAccount } from '@cdktf/provider-aws/lib/securityhub-account';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { Testing } from 'cdktf';
import type { AwsBaselineStack } from '../../../stacks/aws-baseline/aws-baseline-stack';
import { AWS_BASELINE_CONTROLS } from '../../../stacks/aws-baseline/controls';
import { awsBaselineFamily } from '../../../stacks/aws-baseline/family';
import { environmentStackGraph } from '../../../stacks';
import { familyStack, testEnvironment } from '../../helpers/environment';

const ALERTS = { topicArn: 'arn:aws:sns:eu-west-1:123456789012:test-alerts', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/alerts' };

function build(baseline: Record<string, any> = {}, patch: Record<string, any> = {}): AwsBaselineStack {
  const env = testEnvironment({ aws: { baseline: { enabled: true, ...baseline }, alerts: { enabled: true }, ...patch } });
  return familyStack<AwsBaselineStack>(awsBaselineFamily, env, { 'aws-alerts': ALERTS });
}

function resources(json: string, type: string): any[] {
  return Object.values(JSON.parse(json).resource[type] ?? {});
}

describe('AwsBaselineStack', () => {
  it('configures the AWS provider and the S3 backend', () => {
    const json = JSON.parse(Testing.synth(build()));
    expect(json.provider.aws[0]).toMatchObject({ region: 'eu-west-1', allowed_account_ids: ['123456789012'] });
    expect(json.terraform.backend.s3).toMatchObject({ key: 'test/test-aws-baseline.tfstate', encrypt: true });
  });

  it('deploys every part of the baseline by default', () => {
    const json = Testing.synth(build());
    expect(json).toHaveResourceWithProperties(Cloudtrail, { name: 'test-audit', is_multi_region_trail: true, enable_log_file_validation: true });
    expect(json).toHaveResourceWithProperties(S3BucketObjectLockConfigurationA, { rule: { default_retention: { mode: 'GOVERNANCE', days: 365 } } });
    expect(json).toHaveResourceWithProperties(ConfigConfigurationRecorder, { name: 'test-baseline', recording_group: { all_supported: true, include_global_resource_types: true } });
    expect(json).toHaveResource(ConfigConfigRule);
    expect(json).toHaveResource(SecurityhubAccount);
    expect(json).toHaveResourceWithProperties(S3AccountPublicAccessBlock, { block_public_policy: true });
    expect(json).toHaveResourceWithProperties(EbsEncryptionByDefault, { enabled: true });
    expect(json).toHaveResourceWithProperties(IamAccountPasswordPolicy, { minimum_password_length: 14 });
  });

  it('sends GuardDuty findings to the alert topic of <env>-aws-alerts', () => {
    const json = Testing.synth(build());
    expect(json).toHaveResourceWithProperties(CloudwatchEventTarget, { arn: ALERTS.topicArn });
    expect(json).not.toHaveResource(SnsTopic);
  });

  it('makes its own findings topic when the environment has no alerts stack', () => {
    const env = testEnvironment({ aws: { baseline: { enabled: true } } });
    const stack = familyStack<AwsBaselineStack>(awsBaselineFamily, env, {});
    const json = Testing.synth(stack);
    expect(json).toHaveResourceWithProperties(SnsTopic, { name: 'test-security-findings' });
    expect(resources(json, 'aws_cloudwatch_event_target')[0].arn).toMatch(/^\$\{aws_sns_topic\.findings_topic_[0-9A-F]+\.arn\}$/);
  });

  it('depends on <env>-aws-alerts only when the environment has it', () => {
    const withAlerts = environmentStackGraph(testEnvironment({ aws: { baseline: { enabled: true }, alerts: { enabled: true } } }));
    expect(withAlerts.find((n) => n.name === 'test-aws-baseline')!.dependsOn).toEqual(['test-aws-alerts']);
    const without = environmentStackGraph(testEnvironment({ aws: { baseline: { enabled: true } } }));
    expect(without.find((n) => n.name === 'test-aws-baseline')!.dependsOn).toEqual([]);
  });

  it('passes the config through: retention, data events, rules, plans, standards, password policy', () => {
    const json = Testing.synth(
      build({
        trail: { retentionDays: 90, logRetentionDays: 30, lambdaDataEvents: true },
        config: { globalResourcesRegion: 'us-east-1', rules: ['cloudtrail-enabled'] },
        guardDuty: { features: ['s3'], minimumAlertSeverity: 7 },
        securityHub: { standards: ['cis-aws-foundations-benchmark'] },
        passwordPolicy: { minimumLength: 16 },
      }),
    );
    expect(json).toHaveResourceWithProperties(S3BucketObjectLockConfigurationA, { rule: { default_retention: { mode: 'GOVERNANCE', days: 90 } } });
    expect(resources(json, 'aws_cloudwatch_log_group')[0].retention_in_days).toBe(30);
    expect(resources(json, 'aws_cloudtrail')[0].advanced_event_selector.map((s: any) => s.name)).toEqual(['Management events', 'Lambda data events']);
    expect(json).toHaveResourceWithProperties(ConfigConfigurationRecorder, { recording_group: { all_supported: true, include_global_resource_types: false } });
    expect(resources(json, 'aws_config_config_rule').map((r) => r.name)).toEqual(['test-baseline-cloudtrail-enabled']);
    expect(resources(json, 'aws_guardduty_detector_feature').filter((f) => f.status === 'ENABLED').map((f) => f.name)).toEqual(['S3_DATA_EVENTS']);
    expect(resources(json, 'aws_securityhub_standards_subscription')).toHaveLength(1);
    expect(json).toHaveResourceWithProperties(IamAccountPasswordPolicy, { minimum_password_length: 16 });
  });

  it('leaves out AWS Config, Security Hub, Access Analyzer and the account settings when turned off', () => {
    const json = Testing.synth(build({ config: { enabled: false }, securityHub: { enabled: false }, accessAnalyzer: false, s3PublicAccessBlock: false, ebsEncryptionByDefault: false }));
    expect(json).not.toHaveResource(ConfigConfigurationRecorder);
    expect(json).not.toHaveResource(SecurityhubAccount);
    expect(json).not.toHaveResource(S3AccountPublicAccessBlock);
    expect(json).not.toHaveResource(EbsEncryptionByDefault);
    expect(json).toHaveResource(Cloudtrail);
  });

  it('publishes its outputs', () => {
    const stack = build();
    const output = JSON.parse(Testing.synth(stack)).output as Record<string, { value: string }>;
    expect(Object.keys(output).sort()).toEqual(['audit_bucket_name', 'audit_kms_key_arn', 'ebs_kms_key_arn', 'findings_topic_arn', 'trail_arn']);
    expect(output.trail_arn!.value).toMatch(/^\$\{aws_cloudtrail\.audit_trail_[0-9A-F]+\.arn\}$/);
    expect(output.findings_topic_arn!.value).toBe(ALERTS.topicArn);
    expect(Object.keys(stack.outputs).sort()).toEqual(['auditBucketName', 'auditKmsKeyArn', 'ebsKmsKeyArn', 'findingsTopicArn', 'trailArn']);
  });

  it('lists the controls it implements, each evidenced by resource types the stack makes', () => {
    const types = new Set(Object.keys(JSON.parse(Testing.synth(build())).resource));
    expect(AWS_BASELINE_CONTROLS.map((c) => c.id)).toContain('AWS-BL-CLOUDTRAIL');
    expect(AWS_BASELINE_CONTROLS.find((c) => c.id === 'AWS-BL-CLOUDTRAIL')!.frameworks).toEqual({
      soc2: ['CC7.2'],
      hipaa: ['164.312(b)'],
      pci: ['10.2.1'],
      gdpr: ['32'],
      cis: ['3.1'],
    });
    for (const control of AWS_BASELINE_CONTROLS) {
      expect(control.id).toMatch(/^AWS-BL-[A-Z0-9-]+$/);
      for (const type of control.resourceTypes) expect([control.id, types.has(type)]).toEqual([control.id, true]);
    }
    expect(new Set(AWS_BASELINE_CONTROLS.map((c) => c.id)).size).toBe(AWS_BASELINE_CONTROLS.length);
  });
});
