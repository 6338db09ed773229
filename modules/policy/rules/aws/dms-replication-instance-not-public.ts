import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeFalse } from '../../private/attrs';

/**
 * DMS replication instances are not publicly accessible.
 *
 * A public replication instance exposes the database traffic it carries.
 */
export class DmsReplicationInstanceNotPublic extends PolicyRule {
  public readonly id = 'AWS-DMS-1';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'DMS replication instances are not publicly accessible';
  public readonly explanation = 'A public replication instance exposes the database traffic it carries.';
  public readonly fix = 'Set publicly_accessible = false.';
  public readonly resourceTypes = ['aws_dms_replication_instance'];
  public readonly checkov = 'CKV_AWS_89';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeFalse(a.publicly_accessible, false);
  }
}
