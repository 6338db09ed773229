import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeTrue } from '../../private/attrs';

/**
 * Function and web apps accept HTTPS only.
 *
 * HTTP sends requests in clear text.
 */
export class FunctionAppHttpsOnly extends PolicyRule {
  public readonly id = 'AZ-FN-1';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Function and web apps accept HTTPS only';
  public readonly explanation = 'HTTP sends requests in clear text.';
  public readonly fix = 'Set https_only = true.';
  public readonly resourceTypes = [
    'azurerm_linux_function_app',
    'azurerm_windows_function_app',
    'azurerm_linux_web_app',
    'azurerm_windows_web_app',
  ];
  public readonly checkov = 'CKV_AZURE_70';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(a.https_only);
  }
}
