import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeTrue } from '../../private/attrs';

/**
 * GKE nodes use secure boot.
 *
 * Secure boot blocks unsigned kernels and rootkits.
 */
export class GkeNodeSecureBoot extends PolicyRule {
  public readonly id = 'GCP-GKE-10';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'GKE nodes use secure boot';
  public readonly explanation = 'Secure boot blocks unsigned kernels and rootkits.';
  public readonly fix = 'Set node_config.shielded_instance_config { enable_secure_boot = true }.';
  public readonly resourceTypes = ['google_container_node_pool'];
  public readonly checkov = 'CKV_GCP_68';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(get(a, 'node_config.shielded_instance_config.enable_secure_boot'));
  }
}
