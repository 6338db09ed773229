import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../modules/core/config/schema';
import { addS3StateBackend } from '../modules/state/s3-state-backend';

/** Props every environment stack takes. */
export interface EnvironmentStackProps {
  /** The validated environment the stack belongs to. */
  readonly env: EnvironmentConfig;
}

/**
 * A stack of one environment, with its state in the environment's S3 bucket.
 *
 * Every stack but `<env>-state-backend` extends this class. The construct id is the stack name
 * (`<env>-<cloud>-<concern>`), which is also the second segment of the state key.
 */
export abstract class EnvironmentStack extends TerraformStack {
  public readonly env: EnvironmentConfig;

  constructor(scope: Construct, name: string, props: EnvironmentStackProps) {
    super(scope, name);
    this.env = props.env;
    addS3StateBackend(this, { state: props.env.state, environment: props.env.name, stackName: name });
  }
}
