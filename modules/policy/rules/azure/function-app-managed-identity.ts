import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { blocks, check, isRef } from '../../private/attrs';

/**
 * Function and web apps have a managed identity.
 *
 * A managed identity replaces stored credentials for Key Vault, storage and databases.
 */
export class FunctionAppManagedIdentity extends PolicyRule {
  public readonly id = 'AZ-FN-3';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Function and web apps have a managed identity';
  public readonly explanation = 'A managed identity replaces stored credentials for Key Vault, storage and databases.';
  public readonly fix = 'Set identity { type = "SystemAssigned" or "UserAssigned" }.';
  public readonly resourceTypes = [
    'azurerm_linux_function_app',
    'azurerm_windows_function_app',
    'azurerm_linux_web_app',
    'azurerm_windows_web_app',
  ];
  public readonly checkov = 'CKV_AZURE_71';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return check(isRef(a.identity) || blocks(a.identity).length > 0);
  }
}
