import { SubscriptionPolicyAssignment } from '@cdktf/provider-azurerm/lib/subscription-policy-assignment';
import { SubscriptionPolicyExemption } from '@cdktf/provider-azurerm/lib/subscription-policy-exemption';
import { TerraformStack, Testing } from 'cdktf';
import {
  BUILTIN_INITIATIVES,
  BenchmarkPolicyAssignment,
  type BenchmarkPolicyAssignmentProps,
  POLICY_ASSIGNMENT_DEFAULTS,
  POLICY_ASSIGNMENT_LIMITS,
} from '../../../modules/azure/policy-assignments';

const BASE: BenchmarkPolicyAssignmentProps = { subscriptionId: '00000000-0000-0000-0000-000000000000', name: 'test-mcsb', location: 'westeurope' };

function build(patch: Partial<BenchmarkPolicyAssignmentProps> = {}) {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  const policy = new BenchmarkPolicyAssignment(stack, 'policy', { ...BASE, ...patch });
  const text = Testing.synth(stack);
  return { text, json: JSON.parse(text), policy };
}

const REASON = 'Storage firewall rule is met by the private endpoint design (ticket SEC-42)';

describe('BenchmarkPolicyAssignment', () => {
  it('exports its defaults and limits', () => {
    expect(POLICY_ASSIGNMENT_DEFAULTS).toEqual({ initiative: 'microsoft-cloud-security-benchmark', enforce: true, exemptionCategory: 'Waiver' });
    expect(POLICY_ASSIGNMENT_LIMITS).toEqual({ minReasonLength: 10, maxReasonLength: 512, maxNameLength: 64 });
    expect(BUILTIN_INITIATIVES['microsoft-cloud-security-benchmark']).toBe(
      '/providers/Microsoft.Authorization/policySetDefinitions/1f3afdf9-d0c9-4c3d-847f-89da613e70a8',
    );
  });

  it('assigns the Microsoft cloud security benchmark to the subscription, enforced', () => {
    expect(build().text).toHaveResourceWithProperties(SubscriptionPolicyAssignment, {
      name: 'test-mcsb',
      subscription_id: '/subscriptions/00000000-0000-0000-0000-000000000000',
      policy_definition_id: '/providers/Microsoft.Authorization/policySetDefinitions/1f3afdf9-d0c9-4c3d-847f-89da613e70a8',
      enforce: true,
    });
  });

  it('gives the assignment an identity together with the location the provider requires for one (@see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/subscription_policy_assignment#location)', () => {
    const assignment: any = Object.values(build().json.resource.azurerm_subscription_policy_assignment)[0];
    expect(assignment.identity).toEqual({ type: 'SystemAssigned' });
    expect(assignment.location).toBe('westeurope');
  });

  it('audits only when enforce is false', () => {
    expect(build({ enforce: false }).text).toHaveResourceWithProperties(SubscriptionPolicyAssignment, { enforce: false });
  });

  it('creates no exemption by default, and each given one with its reason as description', () => {
    expect(build().text).not.toHaveResource(SubscriptionPolicyExemption);
    const { text, json, policy } = build({
      exemptions: [{ name: 'storage-firewall', reason: REASON, category: 'Mitigated', policyDefinitionReferenceIds: ['storageAccountsShouldRestrictNetworkAccess'], expiresOn: '2027-01-01T00:00:00Z' }],
    });
    expect(text).toHaveResourceWithProperties(SubscriptionPolicyExemption, {
      name: 'storage-firewall',
      subscription_id: '/subscriptions/00000000-0000-0000-0000-000000000000',
      exemption_category: 'Mitigated',
      description: REASON,
      policy_definition_reference_ids: ['storageAccountsShouldRestrictNetworkAccess'],
      expires_on: '2027-01-01T00:00:00Z',
    });
    const exemption: any = Object.values(json.resource.azurerm_subscription_policy_exemption)[0];
    expect(exemption.policy_assignment_id).toMatch(/^\$\{azurerm_subscription_policy_assignment\.[^.]+\.id\}$/);
    expect(policy.exemptions['storage-firewall']!.node.id).toBe('exemption-storage-firewall');
  });

  it('makes an exemption a Waiver unless told otherwise', () => {
    expect(build({ exemptions: [{ name: 'x1', reason: REASON }] }).text).toHaveResourceWithProperties(SubscriptionPolicyExemption, { exemption_category: 'Waiver' });
  });

  describe('rejects', () => {
    it.each<[string, Partial<BenchmarkPolicyAssignmentProps>, RegExp]>([
      ['an exemption without a reason', { exemptions: [{ name: 'x1', reason: ' ' }] }, /prop exemptions\[0\]\.reason " " is not a reason; say why the subscription is exempt in 10-512 characters/],
      ['an exemption with a bad name', { exemptions: [{ name: 'has space', reason: REASON }] }, /prop exemptions\[0\]\.name "has space" is not a policy exemption name; use 1-64 letters/],
      ['an exemption twice', { exemptions: [{ name: 'x1', reason: REASON }, { name: 'x1', reason: REASON }] }, /prop exemptions\[1\]\.name "x1" is used twice/],
      ['an unknown category', { exemptions: [{ name: 'x1', reason: REASON, category: 'Accepted' as any }] }, /prop exemptions\[0\]\.category "Accepted" is not an exemption category; use Waiver or Mitigated/],
      ['an expiry that is not a time', { exemptions: [{ name: 'x1', reason: REASON, expiresOn: 'next year' }] }, /prop exemptions\[0\]\.expiresOn "next year" is not a time; use RFC 3339/],
      ['an unknown initiative', { initiative: 'cis' as any }, /prop initiative "cis" is not a built-in initiative this construct assigns; use microsoft-cloud-security-benchmark/],
    ])('%s', (_name, patch, pattern) => {
      expect(() => build(patch)).toThrow(pattern);
    });
  });
});
