import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { SubscriptionPolicyAssignment } from '@cdktf/provider-azurerm/lib/subscription-policy-assignment';
import { SubscriptionPolicyExemption } from '@cdktf/provider-azurerm/lib/subscription-policy-exemption';
import { Testing } from 'cdktf';
import { AZURE_BASELINE_CONTROLS } from '../../../stacks/azure-baseline/controls';
import { type AzureBaselineStack, defaultAuditStorageAccountName } from '../../../stacks/azure-baseline/azure-baseline-stack';
import { azureBaselineFamily } from '../../../stacks/azure-baseline/family';
import { familyStack, testEnvironment } from '../../helpers/environment';

const stackFor = (patch: Record<string, any> = {}) =>
  familyStack<AzureBaselineStack>(azureBaselineFamily, testEnvironment({ azure: { baseline: { enabled: true, ...patch } } }));

describe('AzureBaselineStack', () => {
  const stack = stackFor();
  const text = Testing.synth(stack);
  const json = JSON.parse(text);

  it('configures azurerm for the subscription and keeps its state in the environment bucket', () => {
    expect(text).toHaveProviderWithProperties(AzurermProvider, { subscription_id: '00000000-0000-0000-0000-000000000000' });
    expect(json.terraform.backend.s3).toMatchObject({ bucket: 'acme-tfstate-test', key: 'test/test-azure-baseline.tfstate', encrypt: true });
  });

  it('puts the baseline in rg-<env>-baseline, with the environment tags', () => {
    expect(text).toHaveResourceWithProperties(ResourceGroup, { name: 'rg-test-baseline', location: 'westeurope', tags: expect.objectContaining({ Environment: 'test' }) });
  });

  it('names the archive account audit<env><6 hex>, stable and at most 24 characters', () => {
    const name = defaultAuditStorageAccountName({ name: 'test', azure: { subscriptionId: '00000000-0000-0000-0000-000000000000' } });
    expect(name).toMatch(/^audittest[0-9a-f]{6}$/);
    expect(defaultAuditStorageAccountName({ name: 'abcdefghijkl', azure: { subscriptionId: '00000000-0000-0000-0000-000000000000' } }).length).toBeLessThanOrEqual(24);
    expect(text).toHaveResourceWithProperties(StorageAccount, { name });
  });

  it('turns on the default Defender plans and assigns the benchmark', () => {
    expect(Object.values<any>(json.resource.azurerm_security_center_subscription_pricing).map((p) => p.resource_type).sort()).toEqual([
      'Arm',
      'Containers',
      'KeyVaults',
      'OpenSourceRelationalDatabases',
      'StorageAccounts',
      'VirtualMachines',
    ]);
    expect(text).toHaveResourceWithProperties(SubscriptionPolicyAssignment, {
      name: 'test-mcsb',
      policy_definition_id: '/providers/Microsoft.Authorization/policySetDefinitions/1f3afdf9-d0c9-4c3d-847f-89da613e70a8',
      enforce: true,
    });
  });

  it('creates the configured exemptions with their reasons, and no assignment when the policy is off', () => {
    const reason = 'Met by the private endpoint design (ticket SEC-42)';
    expect(Testing.synth(stackFor({ policy: { exemptions: { 'storage-firewall': { reason } } } }))).toHaveResourceWithProperties(SubscriptionPolicyExemption, {
      name: 'storage-firewall',
      description: reason,
      exemption_category: 'Waiver',
    });
    expect(Testing.synth(stackFor({ policy: { enabled: false } }))).not.toHaveResource(SubscriptionPolicyAssignment);
  });

  it('exports the controls it implements, each evidenced by a resource type the stack creates', () => {
    expect(AZURE_BASELINE_CONTROLS.map((c) => c.id)).toEqual(['AZ-BL-ACTIVITY-LOG', 'AZ-BL-DEFENDER', 'AZ-BL-POLICY-BENCHMARK']);
    const withExemption = JSON.parse(Testing.synth(stackFor({ policy: { exemptions: { x1: { reason: 'Met by the private endpoint design' } } } })));
    for (const control of AZURE_BASELINE_CONTROLS) {
      for (const type of control.resourceTypes) expect(Object.keys(withExemption.resource)).toContain(type);
    }
  });
});
