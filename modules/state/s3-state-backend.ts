import { DataTerraformRemoteStateS3, S3Backend, type S3BackendConfig, type TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../core/config/schema';
import { stateKey } from '../core/naming';

/** Props of {@link addS3StateBackend}. */
export interface S3StateBackendProps {
  /** The environment's `state` section. */
  readonly state: EnvironmentConfig['state'];
  /** Environment name (first segment of the key). */
  readonly environment: string;
  /** Stack name (second segment of the key). */
  readonly stackName: string;
}

/**
 * Puts a stack's state in the environment's S3 bucket at `<env>/<stack>.tfstate`.
 *
 * Locking follows `state.locking`: `dynamodb` sets `dynamodb_table`; `lockfile` sets S3's
 * native `use_lockfile` (Terraform >= 1.10), which cdktf 0.21's `S3Backend` has no prop for,
 * so it is added as an override; `both` sets the two (the documented migration path).
 *
 * @see https://developer.hashicorp.com/terraform/language/backend/s3
 */
export function addS3StateBackend(stack: TerraformStack, props: S3StateBackendProps): S3Backend {
  const { state } = props;
  const useTable = state.locking === 'dynamodb' || state.locking === 'both';
  const backend = new LockFreeReadsS3Backend(stack, {
    bucket: state.bucket,
    key: stateKey(props.environment, props.stackName),
    region: state.region,
    encrypt: true,
    ...(state.kmsKeyId ? { kmsKeyId: state.kmsKeyId } : {}),
    ...(useTable ? { dynamodbTable: state.lockTable } : {}),
    ...(state.roleArn ? { assumeRole: { roleArn: state.roleArn } } : {}),
    ...(state.endpoints ? { endpoints: { ...state.endpoints } } : {}),
    ...(state.usePathStyle ? { usePathStyle: true } : {}),
    ...(state.skipAwsChecks
      ? {
          skipCredentialsValidation: true,
          skipRequestingAccountId: true,
          skipMetadataApiCheck: true,
          skipRegionValidation: true,
          skipS3Checksum: true,
        }
      : {}),
  });
  if (state.locking === 'lockfile' || state.locking === 'both') {
    backend.addOverride('use_lockfile', true);
  }
  return backend;
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
