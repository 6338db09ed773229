import * as fs from 'node:fs';
import { auditBucketName, enforcedConstraints, gcpBaselineSection } from '../../../stacks/gcp-baseline/config';
import { environmentProblems, parseEnvironmentText, testEnvironment } from '../../helpers/environment';

const baseline = (patch: Record<string, any>) => ({ gcp: { baseline: { enabled: true, ...patch } } });
const sectionOf = (patch: Record<string, any> = {}) => testEnvironment(baseline(patch)).section(gcpBaselineSection);

describe('gcp.baseline config', () => {
  it('parses from nothing, disabled, with the secure defaults', () => {
    expect(testEnvironment().section(gcpBaselineSection)).toEqual({
      enabled: false,
      complianceFrameworks: [],
      auditLogs: {
        services: ['cloudsql.googleapis.com', 'container.googleapis.com', 'secretmanager.googleapis.com', 'cloudkms.googleapis.com', 'storage.googleapis.com'],
        logTypes: ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE'],
        retentionDays: 365,
        lockRetention: true,
        kmsKeyRotationDays: 90,
      },
      organizationPolicies: { enabled: true, constraints: {} },
    });
  });

  it('enforces the default constraints, switched on or off by constraints', () => {
    expect(enforcedConstraints(sectionOf())).toEqual([
      'compute.disableSerialPortAccess',
      'compute.requireOsLogin',
      'compute.skipDefaultNetworkCreation',
      'iam.automaticIamGrantsForDefaultServiceAccounts',
      'iam.disableServiceAccountKeyCreation',
      'iam.disableServiceAccountKeyUpload',
      'sql.restrictAuthorizedNetworks',
      'sql.restrictPublicIp',
      'storage.publicAccessPrevention',
      'storage.uniformBucketLevelAccess',
    ]);
    const switched = sectionOf({
      organizationPolicies: {
        constraints: {
          'compute.requireShieldedVm': { enforce: true },
          'compute.requireOsLogin': { enforce: false, reason: 'bastion hosts use IAP TCP forwarding with metadata keys' },
        },
      },
    });
    const enforced = enforcedConstraints(switched);
    expect(enforced).toContain('compute.requireShieldedVm');
    expect(enforced).not.toContain('compute.requireOsLogin');
    expect(enforced).toHaveLength(10);
  });

  it('names the archive bucket after the project and environment', () => {
    expect(auditBucketName('acme-test-1', 'test', sectionOf())).toBe('acme-test-1-test-audit-logs');
    expect(auditBucketName('acme-test-1', 'test', sectionOf({ auditLogs: { bucketName: 'acme-audit' } }))).toBe('acme-audit');
  });

  it('accepts pci-dss with a year of retention', () => {
    expect(environmentProblems(baseline({ complianceFrameworks: ['pci-dss'], auditLogs: { retentionDays: 365 } }))).toEqual([]);
  });

  describe('rejects, naming the file, field, value and what is allowed', () => {
    it.each<[string, Record<string, any>, string | RegExp]>([
      [
        'a retention below what pci-dss requires',
        { complianceFrameworks: ['pci-dss'], auditLogs: { retentionDays: 90 } },
        /^config\/test\.yaml: gcp\.baseline\.auditLogs\.retentionDays 90 is below the 365 days pci-dss requires \(PCI DSS v4\.0 10\.5\.1.*\); use 365 or more, or drop pci-dss from complianceFrameworks$/,
      ],
      [
        'an organization policy constraint that does not exist',
        { organizationPolicies: { constraints: { 'sql.restrictPublicIP': { enforce: true } } } },
        /^config\/test\.yaml: gcp\.baseline\.organizationPolicies\.constraints\.sql\.restrictPublicIP "sql\.restrictPublicIP" is not a boolean organization policy constraint a project can set; use one of cloudfunctions\.requireVPCConnector, .*sql\.restrictPublicIp, storage\.publicAccessPrevention, storage\.uniformBucketLevelAccess$/,
      ],
      [
        'a default constraint turned off without a reason',
        { organizationPolicies: { constraints: { 'iam.disableServiceAccountKeyCreation': { enforce: false } } } },
        'config/test.yaml: gcp.baseline.organizationPolicies.constraints.iam.disableServiceAccountKeyCreation.enforce false turns off a constraint the baseline enforces by default; add a reason (why this environment needs iam.disableServiceAccountKeyCreation off)',
      ],
      [
        'a reason too short',
        { organizationPolicies: { constraints: { 'compute.requireOsLogin': { enforce: false, reason: 'no' } } } },
        /gcp\.baseline\.organizationPolicies\.constraints\.compute\.requireOsLogin\.reason "no" is too short a reason/,
      ],
      [
        'an unknown framework',
        { complianceFrameworks: ['iso27001'] },
        /^config\/test\.yaml: gcp\.baseline\.complianceFrameworks\[0\] "iso27001" is not allowed; allowed values: "soc2", "hipaa", "pci-dss", "gdpr", "cis"$/,
      ],
      [
        'a service that cannot be audited here',
        { auditLogs: { services: ['bigquery.googleapis.com'] } },
        /^config\/test\.yaml: gcp\.baseline\.auditLogs\.services\[0\] "bigquery\.googleapis\.com" is not allowed; allowed values: "cloudsql\.googleapis\.com"/,
      ],
      [
        'an unknown log type',
        { auditLogs: { logTypes: ['ALL'] } },
        /gcp\.baseline\.auditLogs\.logTypes\[0\] "ALL" is not allowed; allowed values: "ADMIN_READ", "DATA_READ", "DATA_WRITE"$/,
      ],
      [
        'a retention over 100 years',
        { auditLogs: { retentionDays: 40000 } },
        /^config\/test\.yaml: gcp\.baseline\.auditLogs\.retentionDays 40000 is not allowed; use a whole number of days from 1 to 36524/,
      ],
      [
        'a bucket name that is not one',
        { auditLogs: { bucketName: 'Audit_Logs!' } },
        /gcp\.baseline\.auditLogs\.bucketName "Audit_Logs!" is not a valid bucket name; use 3-63 lowercase letters/,
      ],
      ['an unknown field', { retention: 30 }, /gcp\.baseline\.retention is not a known field; allowed fields here: enabled, complianceFrameworks, auditLogs, organizationPolicies/],
    ])('%s', (_name, patch, expected) => {
      expect(environmentProblems(baseline(patch))).toEqual([typeof expected === 'string' ? expected : expect.stringMatching(expected)]);
    });
  });

  it.each(['dev', 'staging', 'prod'])('deploys the baseline in the shipped %s environment', (name) => {
    const { config, problems } = parseEnvironmentText(`config/${name}.yaml`, fs.readFileSync(`config/${name}.yaml`, 'utf8'));
    expect(problems).toEqual([]);
    expect(config!.section(gcpBaselineSection).enabled).toBe(true);
  });

  it('keeps dev shorter and unlocked, and prod at pci-dss retention', () => {
    const read = (name: string) => parseEnvironmentText(`config/${name}.yaml`, fs.readFileSync(`config/${name}.yaml`, 'utf8')).config!.section(gcpBaselineSection);
    expect(read('dev').auditLogs).toMatchObject({ retentionDays: 30, lockRetention: false });
    expect(read('prod')).toMatchObject({ complianceFrameworks: ['pci-dss'], auditLogs: { retentionDays: 400, lockRetention: true } });
  });
});
