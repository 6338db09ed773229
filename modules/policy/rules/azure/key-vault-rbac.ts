import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeTrue } from '../../private/attrs';

/**
 * Key vaults use Azure RBAC.
 *
 * RBAC grants are reviewable with all other role assignments; access policies are not.
 */
export class KeyVaultRbac extends PolicyRule {
  public readonly id = 'AZ-KV-3';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Key vaults use Azure RBAC';
  public readonly explanation = 'RBAC grants are reviewable with all other role assignments; access policies are not.';
  public readonly fix = 'Set rbac_authorization_enabled (enable_rbac_authorization) = true.';
  public readonly resourceTypes = ['azurerm_key_vault'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const v = a.rbac_authorization_enabled ?? a.enable_rbac_authorization;
    return mustBeTrue(v);
  }
}
