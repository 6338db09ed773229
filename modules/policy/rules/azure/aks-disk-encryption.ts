import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeSet } from '../../private/attrs';

/**
 * AKS node disks are encrypted with a customer key.
 *
 * A disk encryption set puts node OS and data disks under your key.
 */
export class AksDiskEncryption extends PolicyRule {
  public readonly id = 'AZ-AKS-6';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'AKS node disks are encrypted with a customer key';
  public readonly explanation = 'A disk encryption set puts node OS and data disks under your key.';
  public readonly fix = 'Set disk_encryption_set_id.';
  public readonly resourceTypes = ['azurerm_kubernetes_cluster'];
  public readonly checkov = 'CKV_AZURE_117';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(a.disk_encryption_set_id);
  }
}
