import { SecurityCenterSubscriptionPricing } from '@cdktf/provider-azurerm/lib/security-center-subscription-pricing';
import { TerraformStack, Testing } from 'cdktf';
import {
  DEFENDER_DEFAULTS,
  DEFENDER_PLAN_NAMES,
  DefenderPlans,
  type DefenderPlansProps,
  defenderPlanProblem,
  defenderSubplanProblem,
} from '../../../modules/azure/defender';

function build(props: DefenderPlansProps = {}) {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  const defender = new DefenderPlans(stack, 'defender', props);
  const text = Testing.synth(stack);
  return { text, json: JSON.parse(text), defender };
}

describe('DefenderPlans', () => {
  it('turns on Standard plans for the resource types the project uses', () => {
    expect(DEFENDER_DEFAULTS.plans).toEqual([
      { plan: 'Containers' },
      { plan: 'OpenSourceRelationalDatabases' },
      { plan: 'KeyVaults', subplan: 'PerKeyVault' },
      { plan: 'StorageAccounts', subplan: 'DefenderForStorageV2' },
      { plan: 'Arm', subplan: 'PerSubscription' },
      { plan: 'VirtualMachines', subplan: 'P1' },
    ]);
    const { json, text } = build();
    const pricings = Object.values<any>(json.resource.azurerm_security_center_subscription_pricing);
    expect(pricings.map((p) => [p.resource_type, p.tier, p.subplan]).sort()).toEqual([
      ['Arm', 'Standard', 'PerSubscription'],
      ['Containers', 'Standard', undefined],
      ['KeyVaults', 'Standard', 'PerKeyVault'],
      ['OpenSourceRelationalDatabases', 'Standard', undefined],
      ['StorageAccounts', 'Standard', 'DefenderForStorageV2'],
      ['VirtualMachines', 'Standard', 'P1'],
    ]);
    expect(text).toHaveResourceWithProperties(SecurityCenterSubscriptionPricing, { resource_type: 'VirtualMachines', tier: 'Standard', subplan: 'P1' });
  });

  it('applies the pricings one after another (concurrent updates fail with 409, hashicorp/terraform-provider-azurerm#32451)', () => {
    const { json } = build();
    const byType = Object.fromEntries(Object.entries<any>(json.resource.azurerm_security_center_subscription_pricing).map(([k, v]) => [v.resource_type, { key: k, ...v }]));
    expect(byType.Arm.depends_on).toBeUndefined();
    expect(byType.Containers.depends_on).toEqual([`azurerm_security_center_subscription_pricing.${byType.Arm.key}`]);
    expect(byType.VirtualMachines.depends_on).toEqual([`azurerm_security_center_subscription_pricing.${byType.StorageAccounts.key}`]);
  });

  it('keys each pricing by its plan, so removing one renames none', () => {
    const { defender } = build({ plans: [{ plan: 'KeyVaults' }, { plan: 'Containers' }] });
    expect(defender.pricings.Containers!.node.id).toBe('containers');
    expect(build({ plans: [{ plan: 'Containers' }] }).defender.pricings.Containers!.node.id).toBe('containers');
  });

  describe('rejects', () => {
    it.each<[string, DefenderPlansProps, RegExp]>([
      ['a plan name that does not exist', { plans: [{ plan: 'Databases' }] }, /prop plans\[0\]\.plan "Databases" is not a Microsoft Defender for Cloud plan; use one of VirtualMachines, Containers, OpenSourceRelationalDatabases, .*CloudPosture$/],
      ['a deprecated plan', { plans: [{ plan: 'KubernetesService' }] }, /prop plans\[0\]\.plan "KubernetesService" is not a Microsoft Defender for Cloud plan/],
      ['a plan twice', { plans: [{ plan: 'Containers' }, { plan: 'Containers' }] }, /prop plans\[1\]\.plan "Containers" is listed twice/],
      ['a sub-plan of another plan', { plans: [{ plan: 'VirtualMachines', subplan: 'PerKeyVault' }] }, /prop plans\[0\]\.subplan "PerKeyVault" is not a sub-plan of VirtualMachines; use one of P1, P2$/],
      ['a sub-plan on a plan without any', { plans: [{ plan: 'Containers', subplan: 'P1' }] }, /prop plans\[0\]\.subplan "P1" is not allowed: plan Containers has no sub-plans; leave subplan out$/],
    ])('%s', (_name, props, pattern) => {
      expect(() => build(props)).toThrow(pattern);
    });
  });

  it('exports the plan list and its rules', () => {
    expect(DEFENDER_PLAN_NAMES).not.toContain('ContainerRegistry');
    expect(defenderPlanProblem('OpenSourceRelationalDatabases')).toBeUndefined();
    expect(defenderSubplanProblem('StorageAccounts', 'DefenderForStorageV2')).toBeUndefined();
  });
});
