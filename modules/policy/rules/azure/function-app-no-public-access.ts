import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeFalse } from '../../private/attrs';

/**
 * Function and web apps are not reachable from the public internet.
 *
 * Public apps should sit behind Front Door or Application Gateway with a WAF.
 */
export class FunctionAppNoPublicAccess extends PolicyRule {
  public readonly id = 'AZ-FN-4';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Function and web apps are not reachable from the public internet';
  public readonly explanation = 'Public apps should sit behind Front Door or Application Gateway with a WAF.';
  public readonly fix = 'Set public_network_access_enabled = false and use a private endpoint.';
  public readonly resourceTypes = [
    'azurerm_linux_function_app',
    'azurerm_windows_function_app',
    'azurerm_linux_web_app',
    'azurerm_windows_web_app',
  ];
  public readonly checkov = 'CKV_AZURE_221';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeFalse(a.public_network_access_enabled, false);
  }
}
