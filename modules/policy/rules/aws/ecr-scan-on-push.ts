import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeTrue } from '../../private/attrs';

/**
 * ECR repositories scan images on push.
 *
 * Scanning finds known CVEs before the image runs.
 */
export class EcrScanOnPush extends PolicyRule {
  public readonly id = 'AWS-ECR-2';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'ECR repositories scan images on push';
  public readonly explanation = 'Scanning finds known CVEs before the image runs.';
  public readonly fix = 'Set image_scanning_configuration { scan_on_push = true } (or registry enhanced scanning).';
  public readonly resourceTypes = ['aws_ecr_repository'];
  public readonly checkov = 'CKV_AWS_163';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(get(a, 'image_scanning_configuration.scan_on_push'));
  }
}
