import * as fs from 'node:fs';
import { azureBaselineSection, defenderPlanSettings } from '../../../stacks/azure-baseline/config';
import { environmentProblems, parseEnvironmentText, testEnvironment } from '../../helpers/environment';

const baseline = (patch: Record<string, any>) => ({ azure: { baseline: { enabled: true, ...patch } } });
const REASON = 'Met by the private endpoint design (ticket SEC-42)';

describe('azure.baseline config', () => {
  it('parses from nothing, disabled, with the secure defaults', () => {
    expect(testEnvironment().section(azureBaselineSection)).toEqual({
      enabled: false,
      complianceFrameworks: [],
      activityLog: {
        categories: ['Administrative', 'Security', 'ServiceHealth', 'Alert', 'Recommendation', 'Policy', 'Autoscale', 'ResourceHealth'],
        retentionDays: 365,
        workspaceRetentionDays: 90,
        lockImmutability: true,
      },
      defenderPlans: {
        Containers: {},
        OpenSourceRelationalDatabases: {},
        KeyVaults: { subplan: 'PerKeyVault' },
        StorageAccounts: { subplan: 'DefenderForStorageV2' },
        Arm: { subplan: 'PerSubscription' },
        VirtualMachines: { subplan: 'P1' },
      },
      policy: { enabled: true, enforce: true, exemptions: {} },
    });
  });

  it('replaces the default plans with the ones listed', () => {
    const config = testEnvironment(baseline({ defenderPlans: { VirtualMachines: { subplan: 'P2' }, SqlServers: {} } })).section(azureBaselineSection);
    expect(defenderPlanSettings(config)).toEqual([{ plan: 'VirtualMachines', subplan: 'P2' }, { plan: 'SqlServers' }]);
  });

  it('accepts exemptions with a reason, and pci-dss with a year archived and 90 days searchable', () => {
    expect(
      environmentProblems(
        baseline({
          complianceFrameworks: ['pci-dss'],
          activityLog: { retentionDays: 365, workspaceRetentionDays: 90 },
          policy: { exemptions: { 'storage-firewall': { reason: REASON, category: 'Mitigated', expiresOn: '2027-01-01T00:00:00Z' } } },
        }),
      ),
    ).toEqual([]);
  });

  describe('rejects, naming the file, field, value and what is allowed', () => {
    it.each<[string, Record<string, any>, string | RegExp]>([
      [
        'an archive retention below what pci-dss requires',
        { complianceFrameworks: ['pci-dss'], activityLog: { retentionDays: 180 } },
        /^config\/test\.yaml: azure\.baseline\.activityLog\.retentionDays 180 is below the 365 days pci-dss requires \(PCI DSS v4\.0 10\.5\.1.*\); use 365 or more, or drop pci-dss from complianceFrameworks$/,
      ],
      [
        'a searchable retention below what pci-dss requires',
        { complianceFrameworks: ['pci-dss'], activityLog: { workspaceRetentionDays: 30 } },
        /^config\/test\.yaml: azure\.baseline\.activityLog\.workspaceRetentionDays 30 is below the 90 days pci-dss requires/,
      ],
      [
        'a Defender plan name that does not exist',
        { defenderPlans: { Databases: {} } },
        /^config\/test\.yaml: azure\.baseline\.defenderPlans\.Databases "Databases" is not a Microsoft Defender for Cloud plan; use one of VirtualMachines, Containers, OpenSourceRelationalDatabases, SqlServers, .*CloudPosture$/,
      ],
      [
        'a sub-plan the plan does not offer',
        { defenderPlans: { VirtualMachines: { subplan: 'P3' } } },
        'config/test.yaml: azure.baseline.defenderPlans.VirtualMachines.subplan "P3" is not a sub-plan of VirtualMachines; use one of P1, P2',
      ],
      [
        'an exemption without a reason',
        { policy: { exemptions: { 'storage-firewall': { category: 'Waiver' } } } },
        'config/test.yaml: azure.baseline.policy.exemptions.storage-firewall.reason is missing; it is required (string)',
      ],
      [
        'an exemption whose reason says nothing',
        { policy: { exemptions: { 'storage-firewall': { reason: 'because' } } } },
        'config/test.yaml: azure.baseline.policy.exemptions.storage-firewall.reason "because" is not a reason; say why the subscription is exempt in 10-512 characters',
      ],
      [
        'an exemption name with a space',
        { policy: { exemptions: { 'storage firewall': { reason: REASON } } } },
        /^config\/test\.yaml: azure\.baseline\.policy\.exemptions\.storage firewall "storage firewall" is not a policy exemption name/,
      ],
      [
        'an exemption category that does not exist',
        { policy: { exemptions: { x1: { reason: REASON, category: 'Accepted' } } } },
        /azure\.baseline\.policy\.exemptions\.x1\.category "Accepted" is not allowed; allowed values: "Waiver", "Mitigated"$/,
      ],
      [
        'an activity log category that does not exist',
        { activityLog: { categories: ['Audit'] } },
        /azure\.baseline\.activityLog\.categories\[0\] "Audit" is not allowed; allowed values: "Administrative", "Security"/,
      ],
      [
        'a workspace retention Log Analytics refuses',
        { activityLog: { workspaceRetentionDays: 1000 } },
        'config/test.yaml: azure.baseline.activityLog.workspaceRetentionDays 1000 is not allowed; use a whole number of days from 30 to 730',
      ],
      [
        'a storage account name with capitals',
        { activityLog: { storageAccountName: 'AuditLogs' } },
        'config/test.yaml: azure.baseline.activityLog.storageAccountName "AuditLogs" is not a storage account name; use 3-24 lowercase letters and digits',
      ],
    ])('%s', (_name, patch, expected) => {
      expect(environmentProblems(baseline(patch))).toEqual([typeof expected === 'string' ? expected : expect.stringMatching(expected)]);
    });
  });

  it.each(['dev', 'staging', 'prod'])('deploys the baseline in the shipped %s environment', (name) => {
    const { config, problems } = parseEnvironmentText(`config/${name}.yaml`, fs.readFileSync(`config/${name}.yaml`, 'utf8'));
    expect(problems).toEqual([]);
    expect(config!.section(azureBaselineSection).enabled).toBe(true);
  });

  it('keeps dev shorter and unlocked, and prod at pci-dss retention', () => {
    const read = (name: string) => parseEnvironmentText(`config/${name}.yaml`, fs.readFileSync(`config/${name}.yaml`, 'utf8')).config!.section(azureBaselineSection);
    expect(read('dev').activityLog).toMatchObject({ retentionDays: 30, lockImmutability: false });
    expect(read('prod')).toMatchObject({ complianceFrameworks: ['pci-dss'], activityLog: { retentionDays: 400, workspaceRetentionDays: 90, lockImmutability: true } });
  });
});
