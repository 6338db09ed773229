import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeAtLeast } from '../../private/attrs';

/**
 * RDS instances keep automated backups at least 7 days.
 *
 * Point-in-time restore only reaches back as far as the retention; a day is not enough to notice corruption.
 */
export class RdsBackupRetention extends PolicyRule {
  public readonly id = 'AWS-RDS-6';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'RDS instances keep automated backups at least 7 days';
  public readonly explanation =
    'Point-in-time restore only reaches back as far as the retention; a day is not enough to notice corruption.';
  public readonly fix = 'Set backup_retention_period to 7 or more (backupRetentionDays).';
  public readonly resourceTypes = ['aws_db_instance'];
  public readonly checkov = 'CKV_AWS_133';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (a.replicate_source_db !== undefined) return 'not-applicable';
    return mustBeAtLeast(a.backup_retention_period, 7);
  }
}
