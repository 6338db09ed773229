import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeFalse } from '../../private/attrs';

/**
 * Cosmos DB accounts block metadata writes with account keys.
 *
 * Otherwise anyone holding a key can change databases, containers and throughput outside Terraform.
 */
export class CosmosKeyMetadataWritesDisabled extends PolicyRule {
  public readonly id = 'AZ-COSMOS-3';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Cosmos DB accounts block metadata writes with account keys';
  public readonly explanation =
    'Otherwise anyone holding a key can change databases, containers and throughput outside Terraform.';
  public readonly fix = 'Set access_key_metadata_writes_enabled = false.';
  public readonly resourceTypes = ['azurerm_cosmosdb_account'];
  public readonly checkov = 'CKV_AZURE_132';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeFalse(a.access_key_metadata_writes_enabled, false);
  }
}
