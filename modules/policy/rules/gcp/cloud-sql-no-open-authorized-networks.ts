import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { block, blocks, check, get, isWorld } from '../../private/attrs';

/**
 * Cloud SQL authorized networks do not include 0.0.0.0/0.
 *
 * An authorized network of 0.0.0.0/0 lets the whole internet reach the database.
 */
export class CloudSqlNoOpenAuthorizedNetworks extends PolicyRule {
  public readonly id = 'GCP-SQL-9';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Cloud SQL authorized networks do not include 0.0.0.0/0';
  public readonly explanation = 'An authorized network of 0.0.0.0/0 lets the whole internet reach the database.';
  public readonly fix = 'Remove 0.0.0.0/0 from settings.ip_configuration.authorized_networks.';
  public readonly resourceTypes = ['google_sql_database_instance'];
  public readonly checkov = 'CKV_GCP_11';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const nets = blocks(get(block(a.settings), 'ip_configuration.authorized_networks'));
    return check(!nets.some((n) => isWorld(n.value)));
  }
}
