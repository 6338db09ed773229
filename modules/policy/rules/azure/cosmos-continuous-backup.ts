import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeOneOf } from '../../private/attrs';

/**
 * Cosmos DB accounts use continuous backup.
 *
 * Periodic backup restores only through a support request to a few fixed points; continuous backup restores any second of the last 7 or 30 days.
 */
export class CosmosContinuousBackup extends PolicyRule {
  public readonly id = 'AZ-COSMOS-4';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Cosmos DB accounts use continuous backup';
  public readonly explanation =
    'Periodic backup restores only through a support request to a few fixed points; continuous backup restores any second of the last 7 or 30 days.';
  public readonly fix = 'Set backup { type = "Continuous", tier = "Continuous30Days" }.';
  public readonly resourceTypes = ['azurerm_cosmosdb_account'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeOneOf(get(a, 'backup.type'), ['Continuous']);
  }
}
