import { awsBaselineSection, guardDutyFeatures, recordsGlobalResources } from '../../../stacks/aws-baseline/config';
import { environmentProblems, loadEnvironments, merge, testEnvironment } from '../../helpers/environment';

/** Problems of an environment file: the base input with `baseline` merged into aws.baseline. */
function problemsOf(baseline: Record<string, any>, patch: Record<string, any> = {}): string[] {
  return environmentProblems(merge({ aws: { baseline } }, patch));
}

function baselineOf(baseline: Record<string, any> = {}, patch: Record<string, any> = {}) {
  const env = testEnvironment(merge({ aws: { baseline } }, patch));
  return { env, baseline: env.section(awsBaselineSection) };
}

describe('aws.baseline config', () => {
  it('parses from {} with secure defaults', () => {
    expect(baselineOf().baseline).toEqual({
      enabled: false,
      complianceFrameworks: [],
      trail: { retentionDays: 365, logRetentionDays: 365, accessLogRetentionDays: 365, s3DataEvents: false, lambdaDataEvents: false },
      config: {
        enabled: true,
        deliveryFrequency: 'TwentyFour_Hours',
        rules: expect.arrayContaining(['encrypted-volumes', 'rds-storage-encrypted', 's3-bucket-level-public-access-prohibited', 'cloudtrail-enabled', 'root-account-mfa-enabled']),
      },
      guardDuty: { findingPublishingFrequency: 'FIFTEEN_MINUTES', minimumAlertSeverity: 4 },
      securityHub: { enabled: true, standards: ['aws-foundational-security-best-practices', 'cis-aws-foundations-benchmark'] },
      accessAnalyzer: true,
      s3PublicAccessBlock: true,
      ebsEncryptionByDefault: true,
      passwordPolicy: { minimumLength: 14, reusePrevention: 24, maxAgeDays: 90 },
    });
  });

  it('accepts a full configuration', () => {
    expect(
      problemsOf({
        enabled: true,
        complianceFrameworks: ['pci-dss', 'soc2'],
        trail: { retentionDays: 400, logRetentionDays: 365, accessLogRetentionDays: 90, s3DataEvents: true, lambdaDataEvents: true },
        config: { enabled: true, globalResourcesRegion: 'us-east-1', deliveryFrequency: 'Six_Hours', rules: ['cloudtrail-enabled'] },
        guardDuty: { features: ['s3', 'rds'], findingPublishingFrequency: 'ONE_HOUR', minimumAlertSeverity: 7 },
        securityHub: { enabled: true, standards: ['cis-aws-foundations-benchmark'] },
        accessAnalyzer: false,
        passwordPolicy: { minimumLength: 16, reusePrevention: 12, maxAgeDays: 60 },
      }),
    ).toEqual([]);
  });

  it.each([
    [
      'an unknown GuardDuty plan',
      { guardDuty: { features: ['s3', 'dns-logs'] } },
      /^config\/test\.yaml: aws\.baseline\.guardDuty\.features\[1\] "dns-logs" is not allowed; allowed values: "s3", "eks", "ebs-malware", "rds", "lambda", "runtime-monitoring"$/,
    ],
    ['a plan listed twice', { guardDuty: { features: ['s3', 's3'] } }, /^config\/test\.yaml: aws\.baseline\.guardDuty\.features\[1\] "s3" is listed twice/],
    ['an unknown Config rule', { config: { rules: ['no-such-rule'] } }, /^config\/test\.yaml: aws\.baseline\.config\.rules\[0\] "no-such-rule" is not allowed; allowed values: "encrypted-volumes", /],
    ['an unknown standard', { securityHub: { standards: ['iso-27001'] } }, /^config\/test\.yaml: aws\.baseline\.securityHub\.standards\[0\] "iso-27001" is not allowed; allowed values: "aws-foundational-security-best-practices"/],
    ['an unknown framework', { complianceFrameworks: ['iso27001'] }, /^config\/test\.yaml: aws\.baseline\.complianceFrameworks\[0\] "iso27001" is not allowed; allowed values: "soc2", "hipaa", "pci-dss", "gdpr", "cis"$/],
    ['a retention of 0 days', { trail: { retentionDays: 0 } }, /^config\/test\.yaml: aws\.baseline\.trail\.retentionDays 0 /],
    ['a log retention CloudWatch refuses', { trail: { logRetentionDays: 100 } }, /^config\/test\.yaml: aws\.baseline\.trail\.logRetentionDays 100 is not allowed; allowed values: 1, 3, 5/],
    ['a severity of 10', { guardDuty: { minimumAlertSeverity: 10 } }, /^config\/test\.yaml: aws\.baseline\.guardDuty\.minimumAlertSeverity 10 /],
    ['a password length of 5', { passwordPolicy: { minimumLength: 5 } }, /^config\/test\.yaml: aws\.baseline\.passwordPolicy\.minimumLength 5 /],
    ['a region that is not one', { config: { globalResourcesRegion: 'Ireland' } }, /^config\/test\.yaml: aws\.baseline\.config\.globalResourcesRegion "Ireland" is not an AWS region; use e\.g\. "eu-west-1"$/],
    ['an unknown field', { trail: { retention: 30 } }, /^config\/test\.yaml: aws\.baseline\.trail\.retention /],
  ])('rejects %s with file, field, value and what is allowed', (_, baseline, pattern) => {
    const problems = problemsOf(baseline);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(pattern);
  });

  it('rejects an audit retention below what a claimed framework requires (pci-dss: 365 days, 90 searchable)', () => {
    expect(problemsOf({ complianceFrameworks: ['pci-dss'], trail: { retentionDays: 90, logRetentionDays: 30 } })).toEqual([
      'config/test.yaml: aws.baseline.trail.retentionDays 90 is below the 365 days pci-dss requires (PCI DSS v4.0 10.5.1: 12 months, 3 months immediately available); use 365 or more, or drop pci-dss from complianceFrameworks',
      'config/test.yaml: aws.baseline.trail.logRetentionDays 30 is below the 90 days pci-dss requires (PCI DSS v4.0 10.5.1: 12 months, 3 months immediately available); use 90 or more, or drop pci-dss from complianceFrameworks',
    ]);
    expect(problemsOf({ complianceFrameworks: ['pci-dss'], trail: { retentionDays: 365, logRetentionDays: 90 } })).toEqual([]);
    expect(problemsOf({ complianceFrameworks: ['soc2'], trail: { retentionDays: 90, logRetentionDays: 30 } })).toEqual([]);
  });

  it('rejects a password policy below what a claimed framework requires (pci-dss: 12 and 4; cis: 14 and 24)', () => {
    expect(problemsOf({ complianceFrameworks: ['pci-dss'], passwordPolicy: { minimumLength: 8, reusePrevention: 3 } })).toEqual([
      'config/test.yaml: aws.baseline.passwordPolicy.minimumLength 8 is below the 12 pci-dss requires (PCI DSS v4.0 8.3.6 and 8.3.7); use 12 or more, or drop pci-dss from complianceFrameworks',
      'config/test.yaml: aws.baseline.passwordPolicy.reusePrevention 3 is below the 4 pci-dss requires (PCI DSS v4.0 8.3.6 and 8.3.7); use 4 or more, or drop pci-dss from complianceFrameworks',
    ]);
    expect(problemsOf({ complianceFrameworks: ['cis'], passwordPolicy: { minimumLength: 12 } })).toEqual([
      'config/test.yaml: aws.baseline.passwordPolicy.minimumLength 12 is below the 14 cis requires (CIS AWS Foundations v3.0 1.8 and 1.9); use 14 or more, or drop cis from complianceFrameworks',
    ]);
    expect(problemsOf({ complianceFrameworks: ['pci-dss'], passwordPolicy: { minimumLength: 12, reusePrevention: 4 } })).toEqual([]);
  });

  it('derives the GuardDuty plans from the services the environment runs', () => {
    const { env, baseline } = baselineOf();
    expect(guardDutyFeatures(baseline, env)).toEqual(['s3', 'ebs-malware']);
    const full = baselineOf({}, { aws: { database: { enabled: true }, eks: { enabled: true, adminRoleArns: ['arn:aws:iam::123456789012:role/platform-admin'], nodeGroups: { system: {} } } } });
    expect(guardDutyFeatures(full.baseline, full.env)).toEqual(['s3', 'ebs-malware', 'rds', 'eks', 'runtime-monitoring']);
    const chosen = baselineOf({ guardDuty: { features: ['lambda'] } });
    expect(guardDutyFeatures(chosen.baseline, chosen.env)).toEqual(['lambda']);
  });

  it('records global resources only in the region the config names (default: the environment region)', () => {
    expect(recordsGlobalResources(baselineOf().baseline, 'eu-west-1')).toBe(true);
    expect(recordsGlobalResources(baselineOf({ config: { globalResourcesRegion: 'us-east-1' } }).baseline, 'eu-west-1')).toBe(false);
  });

  it('is enabled in every shipped environment, with shorter retention in dev', () => {
    const envs = loadEnvironments().map((e) => e.config);
    for (const name of ['dev', 'staging', 'prod']) {
      const env = envs.find((e) => e.name === name)!;
      expect(env.section(awsBaselineSection).enabled).toBe(true);
    }
    const dev = envs.find((e) => e.name === 'dev')!.section(awsBaselineSection);
    const prod = envs.find((e) => e.name === 'prod')!.section(awsBaselineSection);
    expect(dev.trail.retentionDays).toBeLessThan(prod.trail.retentionDays);
    expect(prod.complianceFrameworks).toContain('pci-dss');
  });
});
