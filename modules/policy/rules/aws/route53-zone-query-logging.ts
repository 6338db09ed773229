import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { blocks, check, isRef, pointsAt } from '../../private/attrs';

/**
 * Public Route 53 zones log queries.
 *
 * Query logs show who resolves which names, and DNS-based exfiltration.
 */
export class Route53ZoneQueryLogging extends PolicyRule {
  public readonly id = 'AWS-R53-1';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Public Route 53 zones log queries';
  public readonly explanation = 'Query logs show who resolves which names, and DNS-based exfiltration.';
  public readonly fix = 'Add an aws_route53_query_log for the zone.';
  public readonly resourceTypes = ['aws_route53_zone'];
  public readonly checkov = 'CKV2_AWS_39';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (blocks(a.vpc).length > 0 || isRef(a.vpc)) return 'not-applicable';
    return check(r.related('aws_route53_query_log').some((q) => pointsAt(q.attrs.zone_id, r.address)));
  }
}
