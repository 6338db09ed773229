import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeOneOf } from '../../private/attrs';

/**
 * GKE clusters encrypt secrets with Cloud KMS.
 *
 * Application-layer secrets encryption protects secrets in etcd with a key you control.
 */
export class GkeSecretsEncrypted extends PolicyRule {
  public readonly id = 'GCP-GKE-7';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'GKE clusters encrypt secrets with Cloud KMS';
  public readonly explanation = 'Application-layer secrets encryption protects secrets in etcd with a key you control.';
  public readonly fix = 'Set database_encryption { state = "ENCRYPTED", key_name }.';
  public readonly resourceTypes = ['google_container_cluster'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeOneOf(get(a, 'database_encryption.state'), ['ENCRYPTED']);
  }
}
