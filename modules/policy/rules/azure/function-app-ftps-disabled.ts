import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeOneOf } from '../../private/attrs';

/**
 * Function and web apps disable FTP.
 *
 * FTP deployment sends credentials in clear text.
 */
export class FunctionAppFtpsDisabled extends PolicyRule {
  public readonly id = 'AZ-FN-5';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Function and web apps disable FTP';
  public readonly explanation = 'FTP deployment sends credentials in clear text.';
  public readonly fix = 'Set site_config { ftps_state = "Disabled" } (the default).';
  public readonly resourceTypes = [
    'azurerm_linux_function_app',
    'azurerm_windows_function_app',
    'azurerm_linux_web_app',
    'azurerm_windows_web_app',
  ];
  public readonly checkov = 'CKV_AZURE_78';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeOneOf(get(a, 'site_config.ftps_state'), ['Disabled', 'FtpsOnly'], true);
  }
}
