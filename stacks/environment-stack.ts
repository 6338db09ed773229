import { TerraformStack } from 'cdktf';
import { SinglePassStack } from '../modules/core/single-pass-stack';
import type { Construct } from 'constructs';
import { ephemeralBlocksHcl } from '../modules/core/ephemeral-resource';
import { addS3StateBackend, type S3StateBackendProps } from '../modules/state/s3-state-backend';
import type { EnvironmentContext } from './environment/config';

/** Props every environment stack takes. */
export interface EnvironmentStackProps {
  /** Who and where the environment deploys, and where its state lives. */
  readonly environment: EnvironmentContext;
}

/**
 * A stack of one environment, with its state in the environment's S3 bucket.
 *
 * Every stack but `<env>-state-backend` extends this class. The construct id is the stack name
 * (`<env>-<family>`), which is also the second segment of the state key.
 */
export abstract class EnvironmentStack extends SinglePassStack {
  public readonly environment: EnvironmentContext;

  constructor(scope: Construct, name: string, props: EnvironmentStackProps) {
    super(scope, name);
    this.environment = props.environment;
    addS3StateBackend(this, s3BackendProps(props.environment, name));
  }

  /** cdktf's HCL renderer drops `ephemeral` blocks it does not know: add them back (`cdktf synth --hcl`). */
  public override toHclTerraform(): ReturnType<TerraformStack['toHclTerraform']> {
    const out = super.toHclTerraform();
    const ephemeral = ephemeralBlocksHcl(this);
    return ephemeral ? { ...out, hcl: `${out.hcl}\n\n${ephemeral}\n` } : out;
  }
}

/** The S3 backend of a stack of the environment, from its `state` section. */
export function s3BackendProps(environment: EnvironmentContext, stackName: string): S3StateBackendProps {
  const { state } = environment;
  return {
    bucket: state.bucket,
    region: state.region,
    accountId: environment.aws.accountId,
    environment: environment.name,
    stackName,
    locking: state.locking,
    lockTable: state.lockTable,
    ...(state.kmsKeyId ? { kmsKeyId: state.kmsKeyId } : {}),
    ...(state.roleArn ? { roleArn: state.roleArn } : {}),
    ...(state.endpoints ? { endpoints: Object.fromEntries(Object.entries(state.endpoints).filter(([, v]) => v !== undefined)) as Record<string, string> } : {}),
    usePathStyle: state.usePathStyle,
    skipAwsChecks: state.skipAwsChecks,
  };
}
