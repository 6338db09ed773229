import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, isRef, mustBeOneOf } from '../../private/attrs';

/**
 * Cloud SQL instances accept only encrypted connections.
 *
 * Without it, clients may connect in clear text.
 */
export class CloudSqlSslRequired extends PolicyRule {
  public readonly id = 'GCP-SQL-2';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Cloud SQL instances accept only encrypted connections';
  public readonly explanation = 'Without it, clients may connect in clear text.';
  public readonly fix =
    'Set settings.ip_configuration.ssl_mode = "ENCRYPTED_ONLY" (or TRUSTED_CLIENT_CERTIFICATE_REQUIRED).';
  public readonly resourceTypes = ['google_sql_database_instance'];
  public readonly checkov = 'CKV_GCP_6';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const ip = get(a, 'settings.ip_configuration');
    if (isRef(ip)) return 'compliant';
    if (get(a, 'settings.ip_configuration.require_ssl') === true) return 'compliant';
    return mustBeOneOf(get(a, 'settings.ip_configuration.ssl_mode'), [
      'ENCRYPTED_ONLY',
      'TRUSTED_CLIENT_CERTIFICATE_REQUIRED',
    ]);
  }
}
