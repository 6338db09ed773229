import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository as EcrRepositoryResource } from '@cdktf/provider-aws/lib/ecr-repository';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { CustomerKey } from './private/customer-key';

/** Defaults of {@link EcrRepository}. */
export const ECR_DEFAULTS = {
  /** Tagged images kept; older ones expire. */
  keepImages: 30,
  /** Days an untagged image is kept. */
  untaggedExpiryDays: 7,
} as const;

/** Limits of {@link EcrRepository}. */
export const ECR_LIMITS = { keepImages: [1, 10000], untaggedExpiryDays: [1, 3650] } as const;

/** Props of {@link EcrRepository}. */
export interface EcrRepositoryProps {
  /** Repository name (`team/app`). */
  readonly name: string;
  /** Images kept (by push time); older ones expire. @default 30 */
  readonly keepImages?: number;
  /** Days an untagged image is kept. @default 7 */
  readonly untaggedExpiryDays?: number;
  /** KMS key. @default - a rotating customer-managed key is created */
  readonly kmsKeyArn?: string;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * An ECR repository: immutable tags, scan on push, KMS encryption, and a lifecycle that keeps the last N images.
 *
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecr_repository
 */
export class EcrRepository extends Construct {
  public readonly resource: EcrRepositoryResource;
  public readonly repositoryName: string;
  public readonly repositoryArn: string;
  /** `<account>.dkr.ecr.<region>.amazonaws.com/<name>`. */
  public readonly repositoryUrl: string;
  public readonly kmsKeyArn: string;

  constructor(scope: Construct, id: string, props: EcrRepositoryProps) {
    super(scope, id);
    const keep = props.keepImages ?? ECR_DEFAULTS.keepImages;
    const untagged = props.untaggedExpiryDays ?? ECR_DEFAULTS.untaggedExpiryDays;
    if (!Token.isUnresolved(props.name) && !/^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(props.name)) {
      throw new ValidationError(this, 'name', props.name, 'is not a repository name; use lower-case letters, digits, . _ - and / between parts');
    }
    for (const [prop, value, [min, max]] of [
      ['keepImages', keep, ECR_LIMITS.keepImages],
      ['untaggedExpiryDays', untagged, ECR_LIMITS.untaggedExpiryDays],
    ] as const) {
      if (!Token.isUnresolved(value) && !(Number.isInteger(value) && value >= min && value <= max)) {
        throw new ValidationError(this, prop, value, `is not allowed; use a whole number from ${min} to ${max}`);
      }
    }
    const tags = props.tags ?? {};
    this.kmsKeyArn = props.kmsKeyArn ?? new CustomerKey(this, 'key', { description: `Encrypts ECR repository ${props.name}`, tags }).arn;
    this.resource = new EcrRepositoryResource(this, 'repository', {
      name: props.name,
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: 'KMS', kmsKey: this.kmsKeyArn }],
      forceDelete: false,
      tags,
    });
    new EcrLifecyclePolicy(this, 'lifecycle', {
      repository: this.resource.name,
      // No tokens inside: plain JSON is safe here.
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            description: `Expire untagged images after ${untagged} days`,
            selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: untagged },
            action: { type: 'expire' },
          },
          {
            rulePriority: 2,
            description: `Keep the last ${keep} images`,
            selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: keep },
            action: { type: 'expire' },
          },
        ],
      }),
    });
    this.repositoryName = this.resource.name;
    this.repositoryArn = this.resource.arn;
    this.repositoryUrl = this.resource.repositoryUrl;
  }
}
