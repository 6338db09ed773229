import { TerraformResource } from 'cdktf';
import type { IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { PolicyLevel, PolicyRule, RuleResult } from './rule';
import { policyResourceOf } from './rule';
import type { AppliedSuppression, PolicySuppression } from './suppressions';
import { findSuppression, matchesResource } from './suppressions';

/** Status of one rule on one resource in the report. */
export type FindingStatus = 'compliant' | 'non-compliant' | 'suppressed';

/** One rule evaluated on one resource. */
export interface PolicyFinding {
  /** Rule id, e.g. `AWS-RDS-1`. */
  readonly rule: string;
  /** The rule's level. */
  readonly level: PolicyLevel;
  /** Terraform address `<type>.<name>`. */
  readonly resource: string;
  /** Construct path. */
  readonly path: string;
  /** Stack name. */
  readonly stack: string;
  /** Compliant, non-compliant, or non-compliant but suppressed. */
  readonly status: FindingStatus;
  /** The suppression's reason, when suppressed. */
  readonly reason?: string;
  /** Where the suppression came from, when suppressed. */
  readonly suppressedBy?: AppliedSuppression['source'];
}

/**
 * All rules as one aspect: indexes the rules by resource type, reads each resource's
 * synthesized attributes once and records a finding per applicable rule.
 */
export class PolicyPack implements IAspect {
  /** Findings recorded so far, in visiting order. */
  public readonly findings: PolicyFinding[] = [];
  private readonly byType = new Map<string, PolicyRule[]>();

  /**
   * @param rules the rules to apply
   * @param environmentSuppressions suppressions for a stack, by stack name (given by the caller)
   */
  constructor(
    public readonly rules: readonly PolicyRule[],
    private readonly environmentSuppressions: (stack: string) => readonly PolicySuppression[] = () => []
  ) {
    for (const rule of rules) {
      for (const type of rule.resourceTypes) {
        const list = this.byType.get(type) ?? [];
        list.push(rule);
        this.byType.set(type, list);
      }
    }
  }

  /** Aspect entry point: evaluates the rules that apply to a resource. */
  public visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource)) return;
    const rules = this.byType.get(node.terraformResourceType);
    if (!rules) return;
    const resource = policyResourceOf(node);
    for (const rule of rules) {
      const result: RuleResult = rule.evaluate(resource);
      if (result === 'not-applicable') continue;
      const base = {
        rule: rule.id,
        level: rule.level,
        resource: resource.address,
        path: resource.path,
        stack: resource.stack,
      };
      if (result === 'compliant') {
        this.findings.push({ ...base, status: 'compliant' });
        continue;
      }
      const suppression =
        findSuppression(node, rule.id) ?? this.fromEnvironment(rule.id, resource.path, resource.stack);
      this.findings.push(
        suppression
          ? {
              ...base,
              status: 'suppressed',
              reason: suppression.reason,
              suppressedBy: suppression.source,
            }
          : { ...base, status: 'non-compliant' }
      );
    }
  }

  private fromEnvironment(rule: string, path: string, stack: string): AppliedSuppression | undefined {
    const match = this.environmentSuppressions(stack).find(
      (s) => s.rule === rule && matchesResource(s.resource, path, stack)
    );
    return match ? { reason: match.reason.trim(), source: 'environment' } : undefined;
  }
}
