import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeFalse } from '../../private/attrs';

/**
 * Cosmos DB accounts disable public network access.
 *
 * A public account is reachable from the internet; a private endpoint keeps it on the network.
 */
export class CosmosNoPublicAccess extends PolicyRule {
  public readonly id = 'AZ-COSMOS-2';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Cosmos DB accounts disable public network access';
  public readonly explanation =
    'A public account is reachable from the internet; a private endpoint keeps it on the network.';
  public readonly fix = 'Set public_network_access_enabled = false and add a private endpoint.';
  public readonly resourceTypes = ['azurerm_cosmosdb_account'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeFalse(a.public_network_access_enabled, false);
  }
}
