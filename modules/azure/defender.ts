import { SecurityCenterSubscriptionPricing } from '@cdktf/provider-azurerm/lib/security-center-subscription-pricing';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';

/**
 * Microsoft Defender for Cloud plans (`resource_type` of
 * `azurerm_security_center_subscription_pricing`) the construct can turn on, with the sub-plans
 * each offers. `ContainerRegistry`, `KubernetesService` and `Dns` are left out: Azure deprecated
 * them (replaced by `Containers` and by the `VirtualMachines` plan's DNS protection).
 *
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/security_center_subscription_pricing#resource_type
 * @see https://learn.microsoft.com/rest/api/defenderforcloud/pricings/update
 */
export const DEFENDER_PLANS = {
  VirtualMachines: ['P1', 'P2'],
  Containers: [],
  OpenSourceRelationalDatabases: [],
  SqlServers: [],
  SqlServerVirtualMachines: [],
  KeyVaults: ['PerKeyVault', 'PerTransaction'],
  StorageAccounts: ['DefenderForStorageV2', 'PerTransaction'],
  AppServices: [],
  Arm: ['PerSubscription', 'PerApiCall'],
  CosmosDbs: [],
  Api: ['P1', 'P2', 'P3', 'P4', 'P5'],
  AI: [],
  CloudPosture: [],
} as const satisfies Record<string, readonly string[]>;
export type DefenderPlan = keyof typeof DEFENDER_PLANS;

/** Every plan name of {@link DEFENDER_PLANS}, in that order. */
export const DEFENDER_PLAN_NAMES = Object.keys(DEFENDER_PLANS) as DefenderPlan[];

/** One plan to turn on. */
export interface DefenderPlanSetting {
  /** The plan (`resource_type`). */
  readonly plan: string;
  /** The sub-plan, for plans that offer several. @default - the plan's full (default) sub-plan */
  readonly subplan?: string;
}

/** Defaults of {@link DefenderPlans}. */
export const DEFENDER_DEFAULTS = {
  /**
   * The plans for the resource types this project creates: AKS and its nodes (Containers), the
   * PostgreSQL flexible servers, Key Vaults, storage accounts, Resource Manager operations, and
   * servers (Plan 1: Defender for Endpoint on VMs and scale sets).
   */
  plans: [
    { plan: 'Containers' },
    { plan: 'OpenSourceRelationalDatabases' },
    { plan: 'KeyVaults', subplan: 'PerKeyVault' },
    { plan: 'StorageAccounts', subplan: 'DefenderForStorageV2' },
    { plan: 'Arm', subplan: 'PerSubscription' },
    { plan: 'VirtualMachines', subplan: 'P1' },
  ] as readonly DefenderPlanSetting[],
} as const;

/** Why a plan name is refused, or `undefined` when it is a plan this construct turns on. */
export function defenderPlanProblem(plan: string): string | undefined {
  return (DEFENDER_PLAN_NAMES as readonly string[]).includes(plan)
    ? undefined
    : `is not a Microsoft Defender for Cloud plan; use one of ${DEFENDER_PLAN_NAMES.join(', ')}`;
}

/** Why a sub-plan is refused for a (known) plan, or `undefined` when the plan offers it. */
export function defenderSubplanProblem(plan: DefenderPlan, subplan: string): string | undefined {
  const offered: readonly string[] = DEFENDER_PLANS[plan];
  if (offered.includes(subplan)) return undefined;
  return offered.length === 0
    ? `is not allowed: plan ${plan} has no sub-plans; leave subplan out`
    : `is not a sub-plan of ${plan}; use one of ${offered.join(', ')}`;
}

/** Props of {@link DefenderPlans}. */
export interface DefenderPlansProps {
  /**
   * The plans to turn on (tier `Standard`). A plan left out is not managed; removing one from the
   * list resets it to `Free`.
   *
   * @default - {@link DEFENDER_DEFAULTS.plans}
   */
  readonly plans?: readonly DefenderPlanSetting[];
}

/**
 * Microsoft Defender for Cloud plans of the subscription (threat detection for the resource
 * types used), each at tier `Standard`.
 *
 * The pricings are applied one after another: Defender rejects concurrent updates of one
 * subscription's pricings with `409 Another update operation is in progress`
 * (hashicorp/terraform-provider-azurerm#32451, fixed by a provider lock only in later 4.x).
 *
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/security_center_subscription_pricing
 */
export class DefenderPlans extends Construct {
  /** The pricings, keyed by plan. */
  public readonly pricings: Record<string, SecurityCenterSubscriptionPricing>;

  constructor(scope: Construct, id: string, props: DefenderPlansProps = {}) {
    super(scope, id);
    const plans = props.plans ?? DEFENDER_DEFAULTS.plans;
    const seen = new Set<string>();
    plans.forEach((p, i) => {
      const problem = defenderPlanProblem(p.plan);
      if (problem) throw new ValidationError(this, `plans[${i}].plan`, p.plan, problem);
      if (seen.has(p.plan)) throw new ValidationError(this, `plans[${i}].plan`, p.plan, 'is listed twice; list each plan once');
      seen.add(p.plan);
      if (p.subplan !== undefined) {
        const subProblem = defenderSubplanProblem(p.plan as DefenderPlan, p.subplan);
        if (subProblem) throw new ValidationError(this, `plans[${i}].subplan`, p.subplan, subProblem);
      }
    });

    this.pricings = {};
    let previous: ITerraformDependable | undefined;
    // Sorted, so the chain (and each pricing's depends_on) does not change with the list's order.
    for (const p of [...plans].sort((a, b) => a.plan.localeCompare(b.plan))) {
      const pricing = new SecurityCenterSubscriptionPricing(this, p.plan.toLowerCase(), {
        tier: 'Standard',
        resourceType: p.plan,
        subplan: p.subplan,
        dependsOn: previous ? [previous] : undefined,
      });
      this.pricings[p.plan] = pricing;
      previous = pricing;
    }
  }
}
