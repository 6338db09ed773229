import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeTrue } from '../../private/attrs';

/**
 * Storage accounts accept HTTPS only.
 *
 * HTTP sends data and SAS tokens in clear text.
 */
export class StorageHttpsOnly extends PolicyRule {
  public readonly id = 'AZ-ST-1';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Storage accounts accept HTTPS only';
  public readonly explanation = 'HTTP sends data and SAS tokens in clear text.';
  public readonly fix = 'Leave https_traffic_only_enabled = true (the default).';
  public readonly resourceTypes = ['azurerm_storage_account'];
  public readonly checkov = 'CKV_AZURE_3';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(a.https_traffic_only_enabled ?? a.enable_https_traffic_only, true);
  }
}
