import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, isRef, mustBeOneOf } from '../../private/attrs';

/**
 * PostgreSQL flexible servers are zone-redundant.
 *
 * Without high availability the server is down for a zone outage; dev relaxes this on purpose and says so with a suppression.
 */
export class PostgresHighAvailability extends PolicyRule {
  public readonly id = 'AZ-PG-2';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'PostgreSQL flexible servers are zone-redundant';
  public readonly explanation =
    'Without high availability the server is down for a zone outage; dev relaxes this on purpose and says so with a suppression.';
  public readonly fix = 'Set high_availability { mode = "ZoneRedundant" }.';
  public readonly resourceTypes = ['azurerm_postgresql_flexible_server'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (isRef(a.high_availability)) return 'compliant';
    return mustBeOneOf(get(a, 'high_availability.mode'), ['ZoneRedundant', 'SameZone']);
  }
}
