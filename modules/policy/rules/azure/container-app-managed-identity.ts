import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { blocks, check, isRef } from '../../private/attrs';

/**
 * Container apps have a managed identity.
 *
 * A managed identity replaces stored credentials for registries, Key Vault and databases.
 */
export class ContainerAppManagedIdentity extends PolicyRule {
  public readonly id = 'AZ-CA-3';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Container apps have a managed identity';
  public readonly explanation =
    'A managed identity replaces stored credentials for registries, Key Vault and databases.';
  public readonly fix = 'Set identity { type = "SystemAssigned" or "UserAssigned" }.';
  public readonly resourceTypes = ['azurerm_container_app'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return check(isRef(a.identity) || blocks(a.identity).length > 0);
  }
}
