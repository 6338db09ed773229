import { EbsEncryptionByDefault } from '@cdktf/provider-aws/lib/ebs-encryption-by-default';
import { IamAccountPasswordPolicy } from '@cdktf/provider-aws/lib/iam-account-password-policy';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3AccountPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-account-public-access-block';
import { Testing } from 'cdktf';
import { ACCOUNT_HARDENING_DEFAULTS, AccountHardening, type AccountHardeningProps } from '../../../modules/aws/account-hardening';

function synth(props: Partial<AccountHardeningProps> = {}): string {
  return Testing.synthScope((scope) => new AccountHardening(scope, 'account', { name: 'test-baseline', ...props }));
}

describe('AccountHardening', () => {
  it('exports its defaults', () => {
    expect(ACCOUNT_HARDENING_DEFAULTS).toEqual({
      enableS3PublicAccessBlock: true,
      enableEbsEncryptionByDefault: true,
      passwordMinimumLength: 14,
      passwordReusePrevention: 24,
      passwordMaxAgeDays: 90,
    });
  });

  it('blocks public access to every bucket of the account', () => {
    expect(synth()).toHaveResourceWithProperties(S3AccountPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  it('encrypts new EBS volumes by default with its own rotating customer key, usable through EC2 only', () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(EbsEncryptionByDefault, { enabled: true });
    const defaultKey = Object.values(JSON.parse(json).resource.aws_ebs_default_kms_key)[0] as any;
    expect(defaultKey.key_arn).toMatch(/^\$\{aws_kms_key\.account_ebs-key_[0-9A-F]+\.arn\}$/);
    expect(json).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
    const docs = JSON.parse(json).data.aws_iam_policy_document as Record<string, any>;
    const statements = Object.values(docs)[0].statement as any[];
    const use = statements.find((s) => s.sid === 'AllowUseThroughEc2ForThisAccount');
    expect(use.condition.map((c: any) => c.variable)).toEqual(['kms:CallerAccount', 'kms:ViaService']);
    expect(use.condition[1].values[0]).toMatch(/^ec2\..*\.amazonaws\.com$/);
  });

  it('sets a password policy of 14 characters, all character classes, 24 remembered, 90 days', () => {
    expect(synth()).toHaveResourceWithProperties(IamAccountPasswordPolicy, {
      minimum_password_length: 14,
      password_reuse_prevention: 24,
      max_password_age: 90,
      require_lowercase_characters: true,
      require_uppercase_characters: true,
      require_numbers: true,
      require_symbols: true,
      allow_users_to_change_password: true,
    });
  });

  it('leaves out the public access block and EBS encryption when turned off', () => {
    const json = synth({ enableS3PublicAccessBlock: false, enableEbsEncryptionByDefault: false });
    expect(json).not.toHaveResource(S3AccountPublicAccessBlock);
    expect(json).not.toHaveResource(EbsEncryptionByDefault);
    expect(json).not.toHaveResource(KmsKey);
  });

  it.each([
    ['a password length of 5', { passwordMinimumLength: 5 }, /prop passwordMinimumLength 5 is not allowed by IAM; use a whole number from 6 to 128/],
    ['a reuse prevention of 25', { passwordReusePrevention: 25 }, /prop passwordReusePrevention 25 is not allowed by IAM; use a whole number from 1 to 24/],
    ['a maximum age of 2000 days', { passwordMaxAgeDays: 2000 }, /prop passwordMaxAgeDays 2000 is not allowed by IAM; use a whole number from 1 to 1095/],
  ])('rejects %s', (_, props, pattern) => {
    expect(() => synth(props)).toThrow(pattern);
  });
});
