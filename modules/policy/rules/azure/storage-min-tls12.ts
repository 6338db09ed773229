import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeOneOf } from '../../private/attrs';

/**
 * Storage accounts require TLS 1.2.
 *
 * TLS 1.0/1.1 are deprecated and weak.
 */
export class StorageMinTls12 extends PolicyRule {
  public readonly id = 'AZ-ST-2';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Storage accounts require TLS 1.2';
  public readonly explanation = 'TLS 1.0/1.1 are deprecated and weak.';
  public readonly fix = 'Set min_tls_version = "TLS1_2" (the default).';
  public readonly resourceTypes = ['azurerm_storage_account'];
  public readonly checkov = 'CKV_AZURE_44';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeOneOf(a.min_tls_version, ['TLS1_2', 'TLS1_3'], true);
  }
}
