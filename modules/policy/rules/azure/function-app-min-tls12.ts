import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeOneOf } from '../../private/attrs';

/**
 * Function and web apps require TLS 1.2.
 *
 * TLS 1.0/1.1 are deprecated and weak.
 */
export class FunctionAppMinTls12 extends PolicyRule {
  public readonly id = 'AZ-FN-2';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Function and web apps require TLS 1.2';
  public readonly explanation = 'TLS 1.0/1.1 are deprecated and weak.';
  public readonly fix = 'Set site_config { minimum_tls_version = "1.2" } (the default).';
  public readonly resourceTypes = [
    'azurerm_linux_function_app',
    'azurerm_windows_function_app',
    'azurerm_linux_web_app',
    'azurerm_windows_web_app',
  ];
  public readonly checkov = 'CKV_AZURE_145';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeOneOf(get(a, 'site_config.minimum_tls_version'), ['1.2', '1.3'], true);
  }
}
