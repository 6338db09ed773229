import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, pointsAt } from '../../private/attrs';

/**
 * VPCs have a flow log.
 *
 * Flow logs are the only record of who talked to what inside a VPC; incident response needs them.
 */
export class VpcFlowLogsEnabled extends PolicyRule {
  public readonly id = 'AWS-VPC-1';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'VPCs have a flow log';
  public readonly explanation =
    'Flow logs are the only record of who talked to what inside a VPC; incident response needs them.';
  public readonly fix = 'Add an aws_flow_log for the VPC (the Network construct does, with the VpcFlowLog construct).';
  public readonly resourceTypes = ['aws_vpc'];
  public readonly checkov = 'CKV2_AWS_11';

  public evaluate(r: PolicyResource): RuleResult {
    return check(r.related('aws_flow_log').some((f) => pointsAt(f.attrs.vpc_id, r.address)));
  }
}
