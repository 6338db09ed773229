import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, isSet, mustBeOneOf } from '../../private/attrs';

/**
 * Cloud SQL instances are regional (highly available).
 *
 * A zonal instance is down for the whole of a zone outage; dev relaxes this on purpose and says so with a suppression.
 */
export class CloudSqlHighAvailability extends PolicyRule {
  public readonly id = 'GCP-SQL-5';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Cloud SQL instances are regional (highly available)';
  public readonly explanation =
    'A zonal instance is down for the whole of a zone outage; dev relaxes this on purpose and says so with a suppression.';
  public readonly fix = 'Set settings.availability_type = "REGIONAL".';
  public readonly resourceTypes = ['google_sql_database_instance'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (isSet(a.master_instance_name)) return 'not-applicable';
    return mustBeOneOf(get(a, 'settings.availability_type'), ['REGIONAL']);
  }
}
