import { Annotations, TerraformResource, TerraformStack } from 'cdktf';
import type { IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { elementJson } from '../core/element-json';
import type { Attrs } from './private/attrs';
import { findSuppression } from './suppressions';

/** How bad a breach is: an `error` stops synth unless suppressed; a `warning` is only reported. */
export type PolicyLevel = 'error' | 'warning';

/** What a rule says about one resource. */
export type RuleResult = 'compliant' | 'non-compliant' | 'not-applicable';

/** One synthesized resource as the rules see it. */
export interface PolicyResource {
  /** Terraform resource type, e.g. `aws_db_instance`. */
  readonly type: string;
  /** Terraform resource name (the logical id), e.g. `postgres_instance_1A2B3C4D`. */
  readonly name: string;
  /** `<type>.<name>`. */
  readonly address: string;
  /** Construct path, e.g. `prod-aws-database/postgres/instance`. */
  readonly path: string;
  /** Name of the stack holding the resource. */
  readonly stack: string;
  /** Attributes as synthesized (`toTerraform()`, snake_case, `addOverride` applied). */
  readonly attrs: Attrs;
  /** The other resources of one type in the same stack (for rules that need a companion resource). */
  related(type: string): readonly PolicyResource[];
}

/**
 * One policy rule: a check of one property of some resource types, named for the compliant
 * state (`RdsStorageEncrypted`).
 *
 * A rule is a cdktf aspect: `Aspects.of(stack).add(new RdsStorageEncrypted())` annotates each
 * breach at synth (error or warning, as its level). The pack ({@link PolicyPack}) evaluates every
 * rule at once and builds a report instead.
 */
export abstract class PolicyRule implements IAspect {
  /** Rule id, `<CLOUD>-<AREA>-<n>`, e.g. `AWS-RDS-1`. Never reused for another check. */
  public abstract readonly id: string;
  /** Whether a breach fails synth (`error`) or is only reported (`warning`). */
  public abstract readonly level: PolicyLevel;
  /** One line: the compliant state. */
  public abstract readonly summary: string;
  /** Why it matters. */
  public abstract readonly explanation: string;
  /** How to comply (the construct prop or the Terraform attribute to set). */
  public abstract readonly fix: string;
  /** Terraform resource types the rule applies to. */
  public abstract readonly resourceTypes: readonly string[];
  /** The matching checkov (or tfsec/trivy) check id, where one exists. */
  public readonly checkov?: string;

  /** Checks one resource whose type is one of {@link resourceTypes}. */
  public abstract evaluate(resource: PolicyResource): RuleResult;

  /** Aspect entry point: annotates a breach that is not suppressed. */
  public visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource) || !this.resourceTypes.includes(node.terraformResourceType)) return;
    const resource = policyResourceOf(node);
    if (this.evaluate(resource) !== 'non-compliant' || findSuppression(node, this.id)) return;
    const message = `[${this.id}] ${this.summary}. ${this.fix}`;
    if (this.level === 'error') Annotations.of(node).addError(message);
    else Annotations.of(node).addWarning(message);
  }
}

const cache = new WeakMap<TerraformResource, PolicyResource>();
const stackIndexes = new WeakMap<TerraformStack, Map<string, TerraformResource[]>>();
const relatedCache = new WeakMap<TerraformStack, Map<string, readonly PolicyResource[]>>();

/**
 * The rules' view of a resource; `toTerraform()` is called once per resource and cached, so
 * every rule of the pack reads the same attributes (and, during the app's synth, the synthesizer
 * reuses them: {@link elementJson}).
 */
export function policyResourceOf(node: TerraformResource): PolicyResource {
  const known = cache.get(node);
  if (known) return known;
  const type = node.terraformResourceType;
  const name = node.friendlyUniqueId;
  const synthesized = elementJson(node) as { resource?: Record<string, Record<string, Attrs>> };
  const attrs = synthesized.resource?.[type]?.[name] ?? {};
  const stack = TerraformStack.of(node);
  const resource: PolicyResource = {
    type,
    name,
    address: `${type}.${name}`,
    path: node.node.path,
    stack: stack.node.id,
    attrs,
    related: (other) => relatedOf(stack, other),
  };
  cache.set(node, resource);
  return resource;
}

/** Resources of one type in a stack, read (toTerraform) only when a rule asks for that type. */
function relatedOf(stack: TerraformStack, type: string): readonly PolicyResource[] {
  let byType = relatedCache.get(stack);
  if (!byType) {
    byType = new Map();
    relatedCache.set(stack, byType);
  }
  let list = byType.get(type);
  if (!list) {
    list = (stackIndex(stack).get(type) ?? []).map(policyResourceOf);
    byType.set(type, list);
  }
  return list;
}

function stackIndex(stack: TerraformStack): Map<string, TerraformResource[]> {
  let index = stackIndexes.get(stack);
  if (!index) {
    index = new Map();
    for (const child of stack.node.findAll()) {
      if (!(child instanceof TerraformResource)) continue;
      const list = index.get(child.terraformResourceType) ?? [];
      list.push(child);
      index.set(child.terraformResourceType, list);
    }
    stackIndexes.set(stack, index);
  }
  return index;
}
