import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { isRef, mustBeOneOf } from '../../private/attrs';

/**
 * DMS endpoints use TLS.
 *
 * Replication without TLS sends the database contents in clear text.
 */
export class DmsEndpointTls extends PolicyRule {
  public readonly id = 'AWS-DMS-5';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'DMS endpoints use TLS';
  public readonly explanation = 'Replication without TLS sends the database contents in clear text.';
  public readonly fix = 'Set ssl_mode to require, verify-ca or verify-full.';
  public readonly resourceTypes = ['aws_dms_endpoint'];
  public readonly checkov = 'CKV2_AWS_49';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const engine = String(a.engine_name);
    if (
      ![
        'postgres',
        'aurora-postgresql',
        'mysql',
        'aurora',
        'mariadb',
        'sqlserver',
        'oracle',
        'mongodb',
        'db2',
        'sybase',
      ].includes(engine) &&
      !isRef(a.engine_name)
    )
      return 'not-applicable';
    return mustBeOneOf(a.ssl_mode, ['require', 'verify-ca', 'verify-full']);
  }
}
