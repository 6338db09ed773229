import { AccessanalyzerAnalyzer } from '@cdktf/provider-aws/lib/accessanalyzer-analyzer';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { GuarddutyDetector } from '@cdktf/provider-aws/lib/guardduty-detector';
import { GuarddutyDetectorFeature } from '@cdktf/provider-aws/lib/guardduty-detector-feature';
import { SecurityhubAccount } from '@cdktf/provider-aws/lib/securityhub-account';
import { Testing } from 'cdktf';
import { THREAT_DETECTION_DEFAULTS, ThreatDetection, type ThreatDetectionProps } from '../../../modules/aws/threat-detection';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:test-alerts';

function synth(props: Partial<ThreatDetectionProps> = {}): string {
  return Testing.synthScope((scope) => new ThreatDetection(scope, 'threats', { name: 'test-baseline', alertTopicArn: TOPIC, ...props }));
}

function resources(json: string, type: string): any[] {
  return Object.values(JSON.parse(json).resource[type] ?? {});
}

describe('ThreatDetection', () => {
  it('exports its defaults', () => {
    expect(THREAT_DETECTION_DEFAULTS).toMatchObject({
      features: ['s3', 'eks', 'ebs-malware', 'rds', 'lambda', 'runtime-monitoring'],
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
      minimumAlertSeverity: 4,
      standards: ['aws-foundational-security-best-practices', 'cis-aws-foundations-benchmark'],
      enableSecurityHub: true,
      enableAccessAnalyzer: true,
    });
  });

  it('enables a GuardDuty detector publishing every 15 minutes with every protection plan', () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(GuarddutyDetector, { enable: true, finding_publishing_frequency: 'FIFTEEN_MINUTES' });
    const features = resources(json, 'aws_guardduty_detector_feature');
    expect(features.map((f) => [f.name, f.status]).sort()).toEqual([
      ['EBS_MALWARE_PROTECTION', 'ENABLED'],
      ['EKS_AUDIT_LOGS', 'ENABLED'],
      ['LAMBDA_NETWORK_LOGS', 'ENABLED'],
      ['RDS_LOGIN_EVENTS', 'ENABLED'],
      ['RUNTIME_MONITORING', 'ENABLED'],
      ['S3_DATA_EVENTS', 'ENABLED'],
    ]);
    expect(json).toHaveResourceWithProperties(GuarddutyDetectorFeature, {
      name: 'RUNTIME_MONITORING',
      additional_configuration: [
        { name: 'EKS_ADDON_MANAGEMENT', status: 'ENABLED' },
        { name: 'ECS_FARGATE_AGENT_MANAGEMENT', status: 'ENABLED' },
        { name: 'EC2_AGENT_MANAGEMENT', status: 'ENABLED' },
      ],
    });
  });

  it('turns off the plans not chosen', () => {
    const features = resources(synth({ features: ['s3', 'rds'] }), 'aws_guardduty_detector_feature');
    expect(features.filter((f) => f.status === 'ENABLED').map((f) => f.name).sort()).toEqual(['RDS_LOGIN_EVENTS', 'S3_DATA_EVENTS']);
    expect(features.find((f) => f.name === 'RUNTIME_MONITORING').additional_configuration[0].status).toBe('DISABLED');
  });

  it('sends findings of medium severity and above to the alert topic through EventBridge', () => {
    const json = synth();
    const rule = resources(json, 'aws_cloudwatch_event_rule')[0];
    expect(JSON.parse(rule.event_pattern)).toEqual({
      source: ['aws.guardduty'],
      'detail-type': ['GuardDuty Finding'],
      detail: { severity: [{ numeric: ['>=', 4] }] },
    });
    expect(json).toHaveResourceWithProperties(CloudwatchEventTarget, { arn: TOPIC });
    expect(JSON.parse(resources(synth({ minimumAlertSeverity: 7 }), 'aws_cloudwatch_event_rule')[0].event_pattern).detail.severity).toEqual([{ numeric: ['>=', 7] }]);
  });

  it('enables Security Hub with the FSBP and CIS standards, ARNs from partition and region', () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(SecurityhubAccount, { enable_default_standards: false, control_finding_generator: 'SECURITY_CONTROL' });
    const arns = resources(json, 'aws_securityhub_standards_subscription').map((s) => s.standards_arn);
    expect(arns).toHaveLength(2);
    expect(arns[0]).toMatch(/^arn:\$\{data\.aws_partition\..*\}:securityhub:\$\{data\.aws_region\..*\}::standards\/aws-foundational-security-best-practices\/v\/1\.0\.0$/);
    expect(arns[1]).toMatch(/::standards\/cis-aws-foundations-benchmark\/v\/3\.0\.0$/);
  });

  it('creates an account Access Analyzer', () => {
    expect(synth()).toHaveResourceWithProperties(AccessanalyzerAnalyzer, { analyzer_name: 'test-baseline-account', type: 'ACCOUNT' });
  });

  it('leaves out Security Hub and Access Analyzer when turned off', () => {
    const json = synth({ enableSecurityHub: false, enableAccessAnalyzer: false });
    expect(json).not.toHaveResource(SecurityhubAccount);
    expect(json).not.toHaveResource(AccessanalyzerAnalyzer);
  });

  it.each([
    ['an unknown GuardDuty plan', { features: ['s3', 'dns'] }, /prop features\[1\] "dns" is not a GuardDuty protection plan; use one of s3, eks, ebs-malware, rds, lambda, runtime-monitoring/],
    ['a plan listed twice', { features: ['s3', 's3'] }, /prop features\[1\] "s3" is listed twice/],
    ['an unknown standard', { standards: ['iso-27001'] }, /prop standards\[0\] "iso-27001" is not a Security Hub standard; use one of aws-foundational-security-best-practices, /],
    ['an unknown frequency', { findingPublishingFrequency: 'DAILY' }, /prop findingPublishingFrequency "DAILY" is not a publishing frequency; use one of FIFTEEN_MINUTES, ONE_HOUR, SIX_HOURS/],
    ['a severity of 0', { minimumAlertSeverity: 0 }, /prop minimumAlertSeverity 0 is not a GuardDuty severity; use 1 \(low\) to 9 \(critical\)/],
  ])('rejects %s', (_, props, pattern) => {
    expect(() => synth(props)).toThrow(pattern);
  });
});

describe('ThreatDetection standards ARNs', () => {
  it('use the region given (the provider region known at synth)', () => {
    const arns = resources(synth({ region: 'eu-west-1' }), 'aws_securityhub_standards_subscription').map((s) => s.standards_arn);
    expect(arns[0]).toMatch(/^arn:\$\{data\.aws_partition\..*\}:securityhub:eu-west-1::standards\/aws-foundational-security-best-practices\/v\/1\.0\.0$/);
  });
});
