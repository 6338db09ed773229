import { DataTerraformRemoteStateS3, S3Backend, type S3BackendConfig, type TerraformStack, Token } from 'cdktf';
import type { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { stateKey } from '../core/naming';
import { awsPartition } from '../core/regions';

/**
 * How Terraform locks a state object.
 *
 * `lockfile`: S3 native lock files (`use_lockfile`, a `<key>.tflock` object written with a
 * conditional `If-None-Match` PUT; Terraform >= 1.10). `dynamodb`: an item in the lock table
 * (deprecated by Terraform, kept for older CLIs). `both`: the two at once, the documented path
 * from `dynamodb` to `lockfile`.
 *
 * @see https://developer.hashicorp.com/terraform/language/backend/s3#state-locking
 */
export type StateLocking = (typeof STATE_LOCKING_MODES)[number];

/** Every {@link StateLocking} mode. */
export const STATE_LOCKING_MODES = ['lockfile', 'dynamodb', 'both'] as const;

/** Defaults of the state backend, shared by {@link addS3StateBackend}, `StateBackend` and the config layer. */
export const STATE_DEFAULTS = {
  /** S3 native lock files: no lock table needed. */
  locking: 'lockfile',
  /** Noncurrent state versions are kept this many days (state recovery window). */
  noncurrentVersionExpirationDays: 90,
  /** Incomplete multipart uploads of state are aborted after this many days. */
  abortIncompleteUploadDays: 7,
  /** Server access logs of the state bucket are kept this many days. */
  accessLogRetentionDays: 365,
} as const;

/** Limits of the state backend's numeric settings (whole days, inclusive). */
export const STATE_LIMITS = {
  noncurrentVersionExpirationDays: { min: 1, max: 3650 },
  abortIncompleteUploadDays: { min: 1, max: 3650 },
  accessLogRetentionDays: { min: 1, max: 3650 },
} as const;

/**
 * S3 general purpose bucket names: 3-63 lower-case letters, digits, `.` and `-`, starting and
 * ending with a letter or digit.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export const S3_BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const ACCOUNT_ID = /^\d{12}$/;
const KMS_KEY_ID = '([a-f0-9]{8}-[a-f0-9]{4}-[1-5][a-f0-9]{3}-[ab89][a-f0-9]{3}-[a-f0-9]{12}|mrk-[a-f0-9]{32})';
const KMS_ALIAS = 'alias/[a-zA-Z0-9/_-]+';

/**
 * The `kms_key_id` forms Terraform's S3 backend accepts: a key id (UUID or `mrk-` multi-Region
 * key), an alias, or the ARN of either. Anything else fails `terraform init`.
 *
 * @see https://developer.hashicorp.com/terraform/language/backend/s3#kms_key_id
 */
export const S3_BACKEND_KMS_KEY = new RegExp(
  `^(${KMS_KEY_ID}|${KMS_ALIAS}|arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:(key/${KMS_KEY_ID}|${KMS_ALIAS}))$`,
);
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/**
 * Name of the KMS alias of the state key that `StateBackend` creates for a bucket: `alias/<bucket>`.
 *
 * Keyed by the bucket (not the environment) so that environments sharing one bucket find the
 * one key; this is the name the alias has always had. KMS alias names allow only letters,
 * digits, `/`, `_` and `-`, so the dots a bucket name may hold become `-`.
 *
 * @see https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html
 */
export function stateKeyAliasName(bucket: string): string {
  return `alias/${bucket.replace(/\./g, '-')}`;
}

/** Where a state bucket and its key live. */
export interface StateKeyLocation {
  /** The state bucket. */
  readonly bucket: string;
  /** Region of the bucket and its key. */
  readonly region: string;
  /** Account of the bucket and its key (12 digits). */
  readonly accountId: string;
}

/**
 * ARN of the state key's alias, derived from naming only: `arn:aws:kms:<region>:<account>:alias/<bucket>`.
 *
 * This is what every S3 backend sends as `kms_key_id`, so no stack has to look the key up or
 * wait for the bootstrap stack's outputs. S3 accepts an alias ARN in
 * `x-amz-server-side-encryption-aws-kms-key-id` and resolves it in the account the ARN names,
 * not the caller's (a bare `alias/...` would resolve in the caller's account).
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html#API_PutObject_RequestSyntax
 */
export function stateKeyAliasArn(location: StateKeyLocation): string {
  const { bucket, region, accountId } = location;
  return `arn:${awsPartition(region)}:kms:${region}:${accountId}:${stateKeyAliasName(bucket)}`;
}

/** Props of {@link addS3StateBackend}. */
export interface S3StateBackendProps {
  /** Name of the S3 bucket that holds the state. */
  readonly bucket: string;
  /** Region of the bucket, its key and the lock table. */
  readonly region: string;
  /** Account of the bucket and its key (12 digits); names the key's alias ARN. */
  readonly accountId: string;
  /** Environment name (first segment of the state key). */
  readonly environment: string;
  /** Stack name (second segment of the state key). */
  readonly stackName: string;
  /**
   * How the state is locked.
   *
   * @default 'lockfile'
   */
  readonly locking?: StateLocking;
  /**
   * DynamoDB lock table; required when `locking` is `dynamodb` or `both`, ignored otherwise.
   *
   * @default - none
   */
  readonly lockTable?: string;
  /**
   * KMS key the state is encrypted with (key id, key ARN, alias or alias ARN).
   *
   * @default - the alias ARN of the state key `StateBackend` creates, {@link stateKeyAliasArn}
   */
  readonly kmsKeyId?: string;
  /**
   * IAM role the backend assumes.
   *
   * @default - the caller's credentials
   */
  readonly roleArn?: string;
  /**
   * Endpoints of an S3-compatible store.
   *
   * @default - AWS endpoints
   */
  readonly endpoints?: Readonly<Record<string, string>>;
  /**
   * Path-style S3 addressing (most S3-compatible stores need it).
   *
   * @default false
   */
  readonly usePathStyle?: boolean;
  /**
   * Skip the AWS-only checks (credentials, account id, region, metadata API, checksums).
   *
   * @default false
   */
  readonly skipAwsChecks?: boolean;
}

/**
 * Puts a stack's state in the environment's S3 bucket at `<env>/<stack>.tfstate`, encrypted with
 * the state key.
 *
 * Encryption: `encrypt = true` plus `kms_key_id`, so Terraform sends
 * `x-amz-server-side-encryption: aws:kms` and `x-amz-server-side-encryption-aws-kms-key-id`
 * on every PutObject. Without `kms_key_id` it would send `AES256`, which overrides the bucket's
 * SSE-KMS default (and which `StateBackend`'s bucket policy denies).
 *
 * Locking: `dynamodb` sets `dynamodb_table`; `lockfile` sets S3's native `use_lockfile`
 * (Terraform >= 1.10), which cdktf 0.21's `S3Backend` has no prop for, so it is added as an
 * override; `both` sets the two.
 *
 * @see https://developer.hashicorp.com/terraform/language/backend/s3#kms_key_id
 */
export function addS3StateBackend(stack: TerraformStack, props: S3StateBackendProps): S3Backend {
  validate(stack, props);
  const locking = props.locking ?? STATE_DEFAULTS.locking;
  const useTable = locking === 'dynamodb' || locking === 'both';
  const backend = new LockFreeReadsS3Backend(stack, {
    bucket: props.bucket,
    key: stateKey(props.environment, props.stackName),
    region: props.region,
    encrypt: true,
    kmsKeyId: props.kmsKeyId ?? stateKeyAliasArn(props),
    ...(useTable ? { dynamodbTable: props.lockTable } : {}),
    ...(props.roleArn ? { assumeRole: { roleArn: props.roleArn } } : {}),
    ...(props.endpoints ? { endpoints: { ...props.endpoints } } : {}),
    ...(props.usePathStyle ? { usePathStyle: true } : {}),
    ...(props.skipAwsChecks
      ? {
          skipCredentialsValidation: true,
          skipRequestingAccountId: true,
          skipMetadataApiCheck: true,
          skipRegionValidation: true,
          skipS3Checksum: true,
        }
      : {}),
  });
  if (locking === 'lockfile' || locking === 'both') {
    backend.addOverride('use_lockfile', true);
  }
  return backend;
}

function validate(stack: TerraformStack, props: S3StateBackendProps): void {
  const known = (v: unknown): v is string => typeof v === 'string' && !Token.isUnresolved(v);
  if (known(props.bucket) && !S3_BUCKET_NAME.test(props.bucket)) {
    throw new ValidationError(stack, 'bucket', props.bucket, 'is not a valid S3 bucket name; use 3-63 lower-case letters, digits, "." and "-"');
  }
  if (known(props.region) && !REGION.test(props.region)) {
    throw new ValidationError(stack, 'region', props.region, 'is not an AWS region; use a region code such as "eu-west-1"');
  }
  if (known(props.accountId) && !ACCOUNT_ID.test(props.accountId)) {
    throw new ValidationError(stack, 'accountId', props.accountId, 'is not an AWS account id; use 12 digits');
  }
  for (const prop of ['environment', 'stackName'] as const) {
    if (known(props[prop]) && props[prop].trim() === '') {
      throw new ValidationError(stack, prop, props[prop], 'is empty; it names the state key <environment>/<stackName>.tfstate');
    }
  }
  const locking = props.locking ?? STATE_DEFAULTS.locking;
  if (!(STATE_LOCKING_MODES as readonly string[]).includes(locking)) {
    throw new ValidationError(stack, 'locking', locking, `is not allowed; use one of ${STATE_LOCKING_MODES.join(', ')}`);
  }
  if ((locking === 'dynamodb' || locking === 'both') && !props.lockTable) {
    throw new ValidationError(stack, 'lockTable', props.lockTable, `is required when locking is "${locking}"; name the DynamoDB lock table or use locking "lockfile"`);
  }
  if (props.kmsKeyId !== undefined && known(props.kmsKeyId) && !S3_BACKEND_KMS_KEY.test(props.kmsKeyId)) {
    throw new ValidationError(
      stack,
      'kmsKeyId',
      props.kmsKeyId,
      'is not a KMS key the S3 backend accepts; give a key id, key ARN, "alias/<name>" or alias ARN, or leave it out to use the state key',
    );
  }
}

/**
 * An S3 backend whose cross-stack reads (`terraform_remote_state`) leave out the lock table.
 *
 * cdktf copies every backend prop into the consumer's remote-state data source, including
 * `dynamodb_table`, which a read never uses and Terraform >= 1.11 reports as deprecated on every
 * validate and plan (terraform-cdk #3834).
 */
class LockFreeReadsS3Backend extends S3Backend {
  constructor(
    scope: Construct,
    private readonly config: S3BackendConfig,
  ) {
    super(scope, config);
  }

  public getRemoteStateDataSource(scope: Construct, name: string, _fromStack: string): DataTerraformRemoteStateS3 {
    const { dynamodbTable: _unused, ...read } = this.config;
    return new DataTerraformRemoteStateS3(scope, name, { ...read, workspace: '${terraform.workspace}' });
  }
}
