import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeFalse } from '../../private/attrs';

/**
 * Cloud SQL instances have no public IP.
 *
 * A public IP makes the instance reachable from the internet wherever authorized networks allow.
 */
export class CloudSqlNoPublicIp extends PolicyRule {
  public readonly id = 'GCP-SQL-1';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Cloud SQL instances have no public IP';
  public readonly explanation =
    'A public IP makes the instance reachable from the internet wherever authorized networks allow.';
  public readonly fix = 'Set settings.ip_configuration { ipv4_enabled = false, private_network }.';
  public readonly resourceTypes = ['google_sql_database_instance'];
  public readonly checkov = 'CKV_GCP_60';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeFalse(get(a, 'settings.ip_configuration.ipv4_enabled'), false);
  }
}
