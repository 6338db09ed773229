import { DataResource, Testing, TerraformStack } from 'cdktf';
import {
  addS3StateBackend,
  STATE_DEFAULTS,
  STATE_LIMITS,
  type S3StateBackendProps,
  stateKeyAliasArn,
  stateKeyAliasName,
} from '../../../modules/state/s3-state-backend';

const BASE: S3StateBackendProps = {
  bucket: 'acme-tfstate-test',
  region: 'eu-west-1',
  accountId: '123456789012',
  environment: 'test',
  stackName: 'test-aws-network',
};

function backendOf(patch: Partial<S3StateBackendProps> = {}): Record<string, any> {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test-aws-network');
  addS3StateBackend(stack, { ...BASE, ...patch });
  return JSON.parse(Testing.synth(stack)).terraform.backend.s3;
}

describe('addS3StateBackend', () => {
  it('keys the state by environment and stack, encrypts it with the state key, and locks with S3 lock files by default', () => {
    expect(backendOf()).toEqual({
      bucket: 'acme-tfstate-test',
      key: 'test/test-aws-network.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:alias/acme-tfstate-test',
      use_lockfile: true,
    });
  });

  it('names the key in the partition of the region', () => {
    expect(backendOf({ region: 'cn-north-1' }).kms_key_id).toBe('arn:aws-cn:kms:cn-north-1:123456789012:alias/acme-tfstate-test');
    expect(backendOf({ region: 'us-gov-west-1' }).kms_key_id).toBe(
      'arn:aws-us-gov:kms:us-gov-west-1:123456789012:alias/acme-tfstate-test',
    );
  });

  it('lets an explicit kmsKeyId win over the state key', () => {
    const keyArn = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-4cde-8f01-1234567890ab';
    expect(backendOf({ kmsKeyId: keyArn })).toMatchObject({ encrypt: true, kms_key_id: keyArn });
  });

  it.each([
    'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-4cde-8f01-1234567890ab',
    'arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd12ab4cde8f011234567890ab',
    'arn:aws:kms:eu-west-1:123456789012:alias/acme-state',
    '1234abcd-12ab-4cde-8f01-1234567890ab',
    'alias/acme-state',
  ])('accepts kmsKeyId %s', (kmsKeyId) => {
    expect(backendOf({ kmsKeyId }).kms_key_id).toBe(kmsKeyId);
  });

  it('locks with the DynamoDB table and no lock file in dynamodb mode', () => {
    const backend = backendOf({ locking: 'dynamodb', lockTable: 'acme-tfstate-locks' });
    expect(backend.dynamodb_table).toBe('acme-tfstate-locks');
    expect(backend).not.toHaveProperty('use_lockfile');
  });

  it('ignores the lock table in lockfile mode', () => {
    const backend = backendOf({ locking: 'lockfile', lockTable: 'acme-tfstate-locks' });
    expect(backend.use_lockfile).toBe(true);
    expect(backend).not.toHaveProperty('dynamodb_table');
  });

  it('sets both locks in both mode', () => {
    const backend = backendOf({ locking: 'both', lockTable: 'acme-tfstate-locks' });
    expect(backend).toMatchObject({ use_lockfile: true, dynamodb_table: 'acme-tfstate-locks' });
  });

  it('passes the role to assume and S3-compatible endpoints', () => {
    const backend = backendOf({
      roleArn: 'arn:aws:iam::123456789012:role/terraform-ci',
      endpoints: { s3: 'http://127.0.0.1:9000', dynamodb: 'http://127.0.0.1:9001' },
      usePathStyle: true,
      skipAwsChecks: true,
    });
    expect(backend).toMatchObject({
      assume_role: { role_arn: 'arn:aws:iam::123456789012:role/terraform-ci' },
      endpoints: { s3: 'http://127.0.0.1:9000', dynamodb: 'http://127.0.0.1:9001' },
      use_path_style: true,
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_region_validation: true,
      skip_metadata_api_check: true,
      skip_s3_checksum: true,
    });
    expect(backend).not.toHaveProperty('role_arn');
  });

  it.each<[string, Partial<S3StateBackendProps>, RegExp]>([
    ['a bad bucket name', { bucket: 'Acme_State' }, /prop bucket "Acme_State" is not a valid S3 bucket name; use 3-63 lower-case letters/],
    ['a bad region', { region: 'europe' }, /prop region "europe" is not an AWS region; use a region code such as "eu-west-1"/],
    ['a bad account id', { accountId: '1234' }, /prop accountId "1234" is not an AWS account id; use 12 digits/],
    ['an empty environment', { environment: '' }, /prop environment "" is empty; it names the state key/],
    ['an empty stack name', { stackName: ' ' }, /prop stackName " " is empty; it names the state key/],
    ['an unknown locking mode', { locking: 'redis' as any }, /prop locking "redis" is not allowed; use one of lockfile, dynamodb, both/],
    ['dynamodb locking without a table', { locking: 'dynamodb' }, /prop lockTable \(missing\) is required when locking is "dynamodb"/],
    ['both locking without a table', { locking: 'both' }, /prop lockTable \(missing\) is required when locking is "both"/],
    ['an empty kmsKeyId', { kmsKeyId: '' }, /prop kmsKeyId "" is not a KMS key the S3 backend accepts; give a key id, key ARN, "alias\/<name>" or alias ARN/],
    ['a KMS key id that is no UUID', { kmsKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' }, /prop kmsKeyId "1234abcd-12ab-34cd-56ef-1234567890ab" is not a KMS key the S3 backend accepts/],
    ['an alias with a dot', { kmsKeyId: 'alias/acme.state' }, /prop kmsKeyId "alias\/acme.state" is not a KMS key the S3 backend accepts/],
    ['an ARN of another service', { kmsKeyId: 'arn:aws:s3:::acme-tfstate' }, /prop kmsKeyId "arn:aws:s3:::acme-tfstate" is not a KMS key the S3 backend accepts/],
  ])('rejects %s', (_name, patch, pattern) => {
    expect(() => backendOf(patch)).toThrow(pattern);
  });

  it('throws ValidationError, naming the stack', () => {
    expect(() => backendOf({ accountId: 'x' })).toThrow(expect.objectContaining({ name: 'ValidationError', prop: 'accountId' }));
    expect(() => backendOf({ accountId: 'x' })).toThrow(/^test-aws-network: prop accountId/);
  });
});

describe('state defaults and names', () => {
  it('defaults to S3 lock files, 90 days of noncurrent versions and 7 days for incomplete uploads', () => {
    expect(STATE_DEFAULTS).toMatchObject({ locking: 'lockfile', noncurrentVersionExpirationDays: 90, abortIncompleteUploadDays: 7 });
    expect(STATE_LIMITS.noncurrentVersionExpirationDays).toEqual({ min: 1, max: 3650 });
  });

  it('names the state key alias after the bucket, with dots made KMS-safe', () => {
    expect(stateKeyAliasName('acme-tfstate')).toBe('alias/acme-tfstate');
    expect(stateKeyAliasName('acme.tfstate.prod')).toBe('alias/acme-tfstate-prod');
    expect(stateKeyAliasArn({ bucket: 'acme-tfstate', region: 'us-east-1', accountId: '111122223333' })).toBe(
      'arn:aws:kms:us-east-1:111122223333:alias/acme-tfstate',
    );
  });
});

describe('cross-stack reads', () => {
  it('read the producer state with the backend settings but without the lock table', () => {
    const props = { ...BASE, locking: 'both', lockTable: 'acme-tfstate-locks' } as const;
    const app = Testing.app();
    const producer = new TerraformStack(app, 'test-producer');
    addS3StateBackend(producer, { ...props, stackName: 'test-producer' });
    const value = new DataResource(producer, 'value', { input: { v: 1 } });
    const consumer = new TerraformStack(app, 'test-consumer');
    addS3StateBackend(consumer, { ...props, stackName: 'test-consumer' });
    new DataResource(consumer, 'copy', { input: { v: value.output } });
    for (const s of [producer, consumer]) s.prepareStack();
    const read = JSON.parse(Testing.synth(consumer)).data.terraform_remote_state['cross-stack-reference-input-test-producer'];
    expect(read).toEqual({
      backend: 's3',
      config: {
        bucket: 'acme-tfstate-test',
        key: 'test/test-producer.tfstate',
        region: 'eu-west-1',
        encrypt: true,
        kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:alias/acme-tfstate-test',
      },
      workspace: '${terraform.workspace}',
    });
  });
});
