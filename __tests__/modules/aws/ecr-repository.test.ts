import { EcrRepository as EcrRepositoryResource } from '@cdktf/provider-aws/lib/ecr-repository';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Testing } from 'cdktf';
import { EcrRepository, type EcrRepositoryProps } from '../../../modules/aws/ecr-repository';

const synth = (props: Partial<EcrRepositoryProps> = {}): string => Testing.synthScope((s) => new EcrRepository(s, 'ecr', { name: 'shop/orders', ...props }));
const one = (json: string, type: string): any => Object.values(JSON.parse(json).resource[type])[0];

describe('EcrRepository', () => {
  it('makes tags immutable, scans on push and encrypts with a rotating customer key', () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(EcrRepositoryResource, {
      name: 'shop/orders',
      image_tag_mutability: 'IMMUTABLE',
      image_scanning_configuration: { scan_on_push: true },
      force_delete: false,
    });
    expect(one(json, 'aws_ecr_repository').encryption_configuration[0].encryption_type).toBe('KMS');
    expect(one(json, 'aws_ecr_repository').encryption_configuration[0].kms_key).toMatch(/aws_kms_key\.ecr_key_[0-9A-F]+\.arn/);
    expect(json).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
  });

  it('keeps the last N images and expires untagged ones', () => {
    const policy = JSON.parse(one(synth({ keepImages: 15, untaggedExpiryDays: 3 }), 'aws_ecr_lifecycle_policy').policy);
    expect(policy.rules).toEqual([
      expect.objectContaining({ selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 3 } }),
      expect.objectContaining({ selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 15 } }),
    ]);
  });

  it.each([
    [{ keepImages: 0 }, /prop keepImages 0 is not allowed; use a whole number from 1 to 10000/],
    [{ name: 'Shop/Orders' }, /prop name "Shop\/Orders" is not a repository name/],
  ])('rejects %j', (props, pattern) => expect(() => synth(props)).toThrow(pattern));
});
