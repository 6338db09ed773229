import { S3Backend, type TerraformStack } from 'cdktf';
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
  const backend = new S3Backend(stack, {
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
