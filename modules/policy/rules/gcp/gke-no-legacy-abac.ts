import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeFalse } from '../../private/attrs';

/**
 * GKE clusters do not use legacy ABAC.
 *
 * Legacy ABAC grants broad static permissions outside RBAC.
 */
export class GkeNoLegacyAbac extends PolicyRule {
  public readonly id = 'GCP-GKE-5';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'GKE clusters do not use legacy ABAC';
  public readonly explanation = 'Legacy ABAC grants broad static permissions outside RBAC.';
  public readonly fix = 'Set enable_legacy_abac = false (the default).';
  public readonly resourceTypes = ['google_container_cluster'];
  public readonly checkov = 'CKV_GCP_7';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeFalse(a.enable_legacy_abac);
  }
}
