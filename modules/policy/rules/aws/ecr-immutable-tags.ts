import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeOneOf } from '../../private/attrs';

/**
 * ECR repositories have immutable tags.
 *
 * With mutable tags, what runs under a tag can change after review.
 */
export class EcrImmutableTags extends PolicyRule {
  public readonly id = 'AWS-ECR-1';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'ECR repositories have immutable tags';
  public readonly explanation = 'With mutable tags, what runs under a tag can change after review.';
  public readonly fix = 'Set image_tag_mutability = "IMMUTABLE".';
  public readonly resourceTypes = ['aws_ecr_repository'];
  public readonly checkov = 'CKV_AWS_51';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeOneOf(a.image_tag_mutability, ['IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION']);
  }
}
