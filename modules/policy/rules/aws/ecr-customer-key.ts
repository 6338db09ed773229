import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeOneOf } from '../../private/attrs';

/**
 * ECR repositories are encrypted with a KMS key.
 *
 * KMS encryption logs and controls every use of the key protecting the images.
 */
export class EcrCustomerKey extends PolicyRule {
  public readonly id = 'AWS-ECR-3';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'ECR repositories are encrypted with a KMS key';
  public readonly explanation = 'KMS encryption logs and controls every use of the key protecting the images.';
  public readonly fix = 'Set encryption_configuration { encryption_type = "KMS", kms_key }.';
  public readonly resourceTypes = ['aws_ecr_repository'];
  public readonly checkov = 'CKV_AWS_136';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeOneOf(get(a, 'encryption_configuration.encryption_type'), ['KMS', 'KMS_DSSE']);
  }
}
