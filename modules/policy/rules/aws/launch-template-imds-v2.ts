import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeOneOf } from '../../private/attrs';

/**
 * Launch templates require IMDSv2.
 *
 * IMDSv1 lets SSRF bugs read instance credentials.
 */
export class LaunchTemplateImdsV2 extends PolicyRule {
  public readonly id = 'AWS-EKS-4';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Launch templates require IMDSv2';
  public readonly explanation = 'IMDSv1 lets SSRF bugs read instance credentials.';
  public readonly fix = 'Set metadata_options { http_tokens = "required" }.';
  public readonly resourceTypes = ['aws_launch_template', 'aws_instance'];
  public readonly checkov = 'CKV_AWS_79';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (get(a, 'metadata_options.http_endpoint') === 'disabled') return 'compliant';
    return mustBeOneOf(get(a, 'metadata_options.http_tokens'), ['required']);
  }
}
