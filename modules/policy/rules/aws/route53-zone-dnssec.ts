import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { blocks, check, isRef, pointsAt } from '../../private/attrs';

/**
 * Public Route 53 zones are signed with DNSSEC.
 *
 * DNSSEC stops spoofed answers for the zone.
 */
export class Route53ZoneDnssec extends PolicyRule {
  public readonly id = 'AWS-R53-2';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Public Route 53 zones are signed with DNSSEC';
  public readonly explanation = 'DNSSEC stops spoofed answers for the zone.';
  public readonly fix = 'Add an aws_route53_hosted_zone_dnssec for the zone.';
  public readonly resourceTypes = ['aws_route53_zone'];
  public readonly checkov = 'CKV2_AWS_38';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (blocks(a.vpc).length > 0 || isRef(a.vpc)) return 'not-applicable';
    return check(r.related('aws_route53_hosted_zone_dnssec').some((q) => pointsAt(q.attrs.hosted_zone_id, r.address)));
  }
}
