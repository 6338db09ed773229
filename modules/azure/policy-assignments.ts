import { SubscriptionPolicyAssignment } from '@cdktf/provider-azurerm/lib/subscription-policy-assignment';
import { SubscriptionPolicyExemption } from '@cdktf/provider-azurerm/lib/subscription-policy-exemption';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';

/**
 * Built-in Azure Policy initiatives the construct assigns, by short name: the Microsoft cloud
 * security benchmark (the initiative Defender for Cloud's recommendations and regulatory
 * compliance dashboard are built on).
 *
 * @see https://learn.microsoft.com/security/benchmark/azure/overview
 * @see https://learn.microsoft.com/azure/governance/policy/samples/azure-security-benchmark
 */
export const BUILTIN_INITIATIVES = {
  'microsoft-cloud-security-benchmark': '/providers/Microsoft.Authorization/policySetDefinitions/1f3afdf9-d0c9-4c3d-847f-89da613e70a8',
} as const;
export type BuiltinInitiative = keyof typeof BUILTIN_INITIATIVES;

/** Categories of a policy exemption. @see https://learn.microsoft.com/azure/governance/policy/concepts/exemption-structure#exemption-category */
export const POLICY_EXEMPTION_CATEGORIES = ['Waiver', 'Mitigated'] as const;
export type PolicyExemptionCategory = (typeof POLICY_EXEMPTION_CATEGORIES)[number];

/** Defaults of {@link BenchmarkPolicyAssignment}. */
export const POLICY_ASSIGNMENT_DEFAULTS = {
  initiative: 'microsoft-cloud-security-benchmark' as BuiltinInitiative,
  /** Enforce the initiative's effects (`Default` enforcement mode); false = `DoNotEnforce`, audit only. */
  enforce: true,
  exemptionCategory: 'Waiver' as PolicyExemptionCategory,
} as const;

/**
 * Limits: an exemption's reason (its description) is at least 10 characters and at most 512;
 * names of assignments at subscription scope at most 64 characters, of exemptions 64.
 *
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftauthorization
 */
export const POLICY_ASSIGNMENT_LIMITS = { minReasonLength: 10, maxReasonLength: 512, maxNameLength: 64 } as const;

/** One exemption from the assignment, with its reason. */
export interface PolicyExemptionSetting {
  /** Exemption name (1-64 letters, digits, `-`, `_`); keys its construct id. */
  readonly name: string;
  /** Why the subscription is exempt (required): the exemption's description, shown in the portal. */
  readonly reason: string;
  /** `Waiver` (accepted) or `Mitigated` (met another way). @default 'Waiver' */
  readonly category?: PolicyExemptionCategory;
  /** Policy definition reference ids inside the initiative. @default - the whole initiative */
  readonly policyDefinitionReferenceIds?: readonly string[];
  /** RFC 3339 time the exemption expires (e.g. `2027-01-01T00:00:00Z`). @default - never */
  readonly expiresOn?: string;
}

/** Why an exemption or assignment name is refused, or `undefined`. */
export function policyNameProblem(name: string): string | undefined {
  return /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(name)
    ? undefined
    : 'is not a policy exemption name; use 1-64 letters, digits, "-" and "_", starting with a letter or digit';
}

/** Why a reason is refused, or `undefined`. */
export function exemptionReasonProblem(reason: string): string | undefined {
  const { minReasonLength: min, maxReasonLength: max } = POLICY_ASSIGNMENT_LIMITS;
  const length = reason.trim().length;
  return length >= min && length <= max ? undefined : `is not a reason; say why the subscription is exempt in ${min}-${max} characters`;
}

/** Props of {@link BenchmarkPolicyAssignment}. */
export interface BenchmarkPolicyAssignmentProps {
  /** The subscription id (a GUID). */
  readonly subscriptionId: string;
  /** Name of the assignment. */
  readonly name: string;
  /** Location of the assignment's managed identity (an assignment with an identity needs one). */
  readonly location: string;
  /** The built-in initiative. @default 'microsoft-cloud-security-benchmark' */
  readonly initiative?: BuiltinInitiative;
  /** Enforcement mode `Default` (true) or `DoNotEnforce` (false). @default true */
  readonly enforce?: boolean;
  /** Exemptions of the subscription, each with a reason. @default - none */
  readonly exemptions?: readonly PolicyExemptionSetting[];
}

/**
 * A built-in Azure Policy initiative (the Microsoft cloud security benchmark by default) assigned
 * at subscription scope, with exemptions that each carry their reason.
 *
 * The assignment gets a system-assigned identity (hence `location`, which the provider requires
 * with `identity`), so the initiative's `DeployIfNotExists`/`Modify` policies can remediate once
 * that identity is granted roles; the benchmark's defaults are audit effects.
 *
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/subscription_policy_assignment
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/subscription_policy_exemption
 */
export class BenchmarkPolicyAssignment extends Construct {
  /** The assignment. */
  public readonly assignment: SubscriptionPolicyAssignment;
  /** The exemptions, keyed by name. */
  public readonly exemptions: Record<string, SubscriptionPolicyExemption>;

  constructor(scope: Construct, id: string, props: BenchmarkPolicyAssignmentProps) {
    super(scope, id);
    const initiative = props.initiative ?? POLICY_ASSIGNMENT_DEFAULTS.initiative;
    if (!(initiative in BUILTIN_INITIATIVES)) {
      throw new ValidationError(this, 'initiative', initiative, `is not a built-in initiative this construct assigns; use ${Object.keys(BUILTIN_INITIATIVES).join(', ')}`);
    }
    if (!Token.isUnresolved(props.name)) {
      const problem = policyNameProblem(props.name);
      if (problem) throw new ValidationError(this, 'name', props.name, problem);
    }
    const exemptions = props.exemptions ?? [];
    const names = new Set<string>();
    exemptions.forEach((e, i) => {
      const nameProblem = policyNameProblem(e.name);
      if (nameProblem) throw new ValidationError(this, `exemptions[${i}].name`, e.name, nameProblem);
      if (names.has(e.name)) throw new ValidationError(this, `exemptions[${i}].name`, e.name, 'is used twice; name each exemption once');
      names.add(e.name);
      const reasonProblem = exemptionReasonProblem(e.reason ?? '');
      if (reasonProblem) throw new ValidationError(this, `exemptions[${i}].reason`, e.reason, reasonProblem);
      if (e.category !== undefined && !(POLICY_EXEMPTION_CATEGORIES as readonly string[]).includes(e.category)) {
        throw new ValidationError(this, `exemptions[${i}].category`, e.category, `is not an exemption category; use ${POLICY_EXEMPTION_CATEGORIES.join(' or ')}`);
      }
      if (e.expiresOn !== undefined && Number.isNaN(Date.parse(e.expiresOn))) {
        throw new ValidationError(this, `exemptions[${i}].expiresOn`, e.expiresOn, 'is not a time; use RFC 3339, e.g. "2027-01-01T00:00:00Z"');
      }
    });

    this.assignment = new SubscriptionPolicyAssignment(this, 'assignment', {
      name: props.name,
      subscriptionId: `/subscriptions/${props.subscriptionId}`,
      policyDefinitionId: BUILTIN_INITIATIVES[initiative],
      displayName: 'Microsoft cloud security benchmark',
      description: 'Security baseline of the subscription (managed by cdktf)',
      enforce: props.enforce ?? POLICY_ASSIGNMENT_DEFAULTS.enforce,
      location: props.location,
      identity: { type: 'SystemAssigned' },
    });

    this.exemptions = {};
    for (const e of exemptions) {
      this.exemptions[e.name] = new SubscriptionPolicyExemption(this, `exemption-${e.name.toLowerCase()}`, {
        name: e.name,
        subscriptionId: `/subscriptions/${props.subscriptionId}`,
        policyAssignmentId: this.assignment.id,
        exemptionCategory: e.category ?? POLICY_ASSIGNMENT_DEFAULTS.exemptionCategory,
        description: e.reason.trim(),
        displayName: e.name,
        policyDefinitionReferenceIds: e.policyDefinitionReferenceIds ? [...e.policyDefinitionReferenceIds] : undefined,
        expiresOn: e.expiresOn,
      });
    }
  }
}
