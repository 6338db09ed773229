import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { all, block, isRef, mustBeTrue } from '../../private/attrs';

/**
 * GKE node pools auto-repair and auto-upgrade.
 *
 * Unmanaged nodes stay broken or unpatched.
 */
export class GkeNodeAutoRepairUpgrade extends PolicyRule {
  public readonly id = 'GCP-GKE-9';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'GKE node pools auto-repair and auto-upgrade';
  public readonly explanation = 'Unmanaged nodes stay broken or unpatched.';
  public readonly fix = 'Set management { auto_repair = true, auto_upgrade = true }.';
  public readonly resourceTypes = ['google_container_node_pool'];
  public readonly checkov = 'CKV_GCP_9';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (isRef(a.management)) return 'compliant';
    const m = block(a.management);
    if (!m) return 'compliant';
    return all([mustBeTrue(m.auto_repair, true), mustBeTrue(m.auto_upgrade, true)]);
  }
}
