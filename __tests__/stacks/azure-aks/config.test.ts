import { azureAksSection, defaultDnsServiceIp } from '../../../stacks/azure-aks/config';
import { environmentProblems, testEnvironment } from '../../helpers/environment';

const RESERVED = { addressPlan: { reserved: { 'aks-pods': '10.40.0.0/16', 'aks-services': '10.41.0.0/16' } } };

/** Problems of an environment file (with the reserved AKS ranges) whose `azure.aks` is enabled and `aks` merged in. */
function problemsOf(aks: Record<string, any>, patch: Record<string, any> = RESERVED): string[] {
  return environmentProblems({ ...patch, azure: { aks: { enabled: true, ...aks } } });
}

describe('azure.aks config', () => {
  it('parses from nothing: disabled, with the secure defaults of modules/azure/aks-cluster.ts', () => {
    expect(testEnvironment().section(azureAksSection)).toEqual({
      enabled: false,
      skuTier: 'Standard',
      private: true,
      authorizedIpRanges: [],
      adminGroupObjectIds: [],
      networkPolicy: 'cilium',
      automaticUpgradeChannel: 'patch',
      nodeOsUpgradeChannel: 'NodeImage',
      autoUpgradeWindow: { dayOfWeek: 'Sunday', startTime: '00:00', durationHours: 4, utcOffset: '+00:00' },
      nodeOsUpgradeWindow: { dayOfWeek: 'Saturday', startTime: '00:00', durationHours: 4, utcOffset: '+00:00' },
      systemPoolVmSize: 'Standard_D4ds_v5',
      systemPoolMinCount: 3,
      systemPoolMaxCount: 5,
      zones: ['1', '2', '3'],
      enableDefender: false,
      logRetentionDays: 90,
      nodePools: {},
    });
  });

  it('accepts an enabled cluster on the reserved ranges, and a public API server behind authorized ranges', () => {
    expect(problemsOf({ nodePools: { work: { minCount: 0, maxCount: 3, taints: ['pool=work:NoSchedule'], labels: { pool: 'work' } } } })).toEqual([]);
    expect(problemsOf({ private: false, authorizedIpRanges: ['203.0.113.0/24', '198.51.100.7'] })).toEqual([]);
  });

  it('defaults the DNS service address to the 10th address of the service range', () => {
    expect(defaultDnsServiceIp('10.41.0.0/16')).toBe('10.41.0.10');
    expect(defaultDnsServiceIp('172.16.4.0/24')).toBe('172.16.4.10');
  });

  it('ignores a disabled cluster (no reserved ranges needed)', () => {
    expect(environmentProblems({ azure: { aks: { enabled: false } } })).toEqual([]);
  });

  it.each([
    [
      'public authorized range',
      { private: false, authorizedIpRanges: ['0.0.0.0/0'] },
      'azure.aks.authorizedIpRanges[0] "0.0.0.0/0" opens the API server to (nearly) the whole internet; list specific egress ranges, /8 or narrower, never 0.0.0.0/0',
    ],
    [
      'public API server without ranges',
      { private: false },
      'azure.aks.authorizedIpRanges [] is required for a public API server (private: false): list the ranges allowed to reach it, never 0.0.0.0/0',
    ],
    [
      'authorized ranges on a private cluster',
      { authorizedIpRanges: ['203.0.113.0/24'] },
      'azure.aks.authorizedIpRanges ["203.0.113.0/24"] applies to a public API server only; leave it out, or set private: false',
    ],
    [
      'pod range that overlaps the plan (the Azure VNet)',
      { podCidr: '10.3.32.0/20' },
      'azure.aks.podCidr "10.3.32.0/20" overlaps azure.network.addressSpace "10.3.0.0/16"; every range of the address plan (AWS, GCP, Azure, reserved) must be distinct',
    ],
    [
      'service range that overlaps the plan (AWS)',
      { serviceCidr: '10.0.128.0/20' },
      'azure.aks.serviceCidr "10.0.128.0/20" overlaps aws.network.cidr "10.0.0.0/16"; every range of the address plan (AWS, GCP, Azure, reserved) must be distinct',
    ],
    [
      'pod range that is not private',
      { podCidr: '8.8.0.0/16' },
      'azure.aks.podCidr "8.8.0.0/16" is not a private range; use RFC 1918 (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) or RFC 6598 (100.64.0.0/10) space',
    ],
    [
      'DNS service address outside the service range',
      { dnsServiceIp: '10.42.0.10' },
      'azure.aks.dnsServiceIp "10.42.0.10" is not a usable address inside serviceCidr "10.41.0.0/16"; use one inside it other than the first two and the last (e.g. .10)',
    ],
    ['network policy', { networkPolicy: 'calico' }, 'azure.aks.networkPolicy "calico" is not allowed; allowed values: "cilium", "azure"'],
    ['SKU tier that does not exist', { skuTier: 'Gold' }, 'azure.aks.skuTier "Gold" is not allowed; allowed values: "Free", "Standard", "Premium"'],
    [
      'node OS channel with the node-image channel',
      { automaticUpgradeChannel: 'node-image', nodeOsUpgradeChannel: 'SecurityPatch' },
      'azure.aks.nodeOsUpgradeChannel "SecurityPatch" must be NodeImage when automaticUpgradeChannel is node-image',
    ],
    ['admin group', { adminGroupObjectIds: ['platform-admins'] }, 'azure.aks.adminGroupObjectIds[0] "platform-admins" is not an Entra group; use its object id (GUID)'],
    ['maintenance window length', { autoUpgradeWindow: { durationHours: 2 } }, 'azure.aks.autoUpgradeWindow.durationHours 2 is out of range; allowed: a value >= 4'],
    ['maintenance day', { nodeOsUpgradeWindow: { dayOfWeek: 'Sun' } }, 'azure.aks.nodeOsUpgradeWindow.dayOfWeek "Sun" is not allowed; allowed values: "Monday"'],
    ['system pool range', { systemPoolMinCount: 4, systemPoolMaxCount: 3 }, 'azure.aks.systemPoolMinCount 4 is greater than systemPoolMaxCount 3; use systemPoolMinCount <= systemPoolMaxCount'],
    ['zones', { zones: ['1', '1'] }, 'azure.aks.zones ["1","1"] is not allowed; use distinct zones among "1", "2", "3"'],
    ['zone', { zones: [4] }, 'azure.aks.zones[0] "4" is not allowed; allowed values: "1", "2", "3"'],
    ['node pool name', { nodePools: { Work_1: {} } }, 'azure.aks.nodePools.Work_1 is not a node pool name; use 1-12 lower-case letters and digits, starting with a letter'],
    ['node pool named like the system pool', { nodePools: { system: {} } }, 'azure.aks.nodePools.system is the name of the system pool; choose another'],
    ['node pool range', { nodePools: { work: { minCount: 6, maxCount: 2 } } }, 'azure.aks.nodePools.work.minCount 6 is greater than maxCount 2; use minCount <= maxCount'],
    ['Kubernetes version', { kubernetesVersion: 'latest' }, 'azure.aks.kubernetesVersion "latest" is not a Kubernetes version; use <major>.<minor> or <major>.<minor>.<patch>, e.g. "1.33"'],
  ])('refuses a bad %s, naming the file, field, value and what is allowed', (_what, aks, message) => {
    const problems = problemsOf(aks);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`config/test.yaml: ${message}`);
  });

  it('refuses overlay ranges that cannot be resolved from the address plan', () => {
    expect(problemsOf({}, {})).toEqual([
      'config/test.yaml: azure.aks.podCidr is not set and addressPlan.reserved has no "aks-pods" range; reserve one (addressPlan.reserved.aks-pods) or set azure.aks.podCidr',
      'config/test.yaml: azure.aks.serviceCidr is not set and addressPlan.reserved has no "aks-services" range; reserve one (addressPlan.reserved.aks-services) or set azure.aks.serviceCidr',
    ]);
  });

  it('refuses a reserved service range too small for the default DNS service address', () => {
    expect(problemsOf({}, { addressPlan: { reserved: { 'aks-pods': '10.40.0.0/16', 'aks-services': '10.41.0.0/29' } } })).toEqual([
      'config/test.yaml: azure.aks.serviceCidr "10.41.0.0/29" leaves no default DNS service address (10.41.0.10); use a larger service range or set azure.aks.dnsServiceIp',
    ]);
  });
});
