import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeOneOf } from '../../private/attrs';

/**
 * Cosmos DB accounts require TLS 1.2 or later.
 *
 * TLS 1.0 and 1.1 have known weaknesses.
 */
export class CosmosMinTls12 extends PolicyRule {
  public readonly id = 'AZ-COSMOS-5';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Cosmos DB accounts require TLS 1.2 or later';
  public readonly explanation = 'TLS 1.0 and 1.1 have known weaknesses.';
  public readonly fix = 'Set minimal_tls_version = "Tls12" (the default).';
  public readonly resourceTypes = ['azurerm_cosmosdb_account'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeOneOf(a.minimal_tls_version, ['Tls12'], true);
  }
}
