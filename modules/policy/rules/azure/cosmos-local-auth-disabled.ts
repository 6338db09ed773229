import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeTrue } from '../../private/attrs';

/**
 * Cosmos DB accounts disable key-based (local) authentication.
 *
 * Account keys give full data access and cannot be scoped or tied to a workload; Entra ID data-plane roles can.
 */
export class CosmosLocalAuthDisabled extends PolicyRule {
  public readonly id = 'AZ-COSMOS-1';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Cosmos DB accounts disable key-based (local) authentication';
  public readonly explanation =
    'Account keys give full data access and cannot be scoped or tied to a workload; Entra ID data-plane roles can.';
  public readonly fix = 'Set local_authentication_disabled = true and grant Cosmos DB SQL role assignments.';
  public readonly resourceTypes = ['azurerm_cosmosdb_account'];
  public readonly checkov = 'CKV_AZURE_140';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(a.local_authentication_disabled, false);
  }
}
