import { LocalBackend, TerraformOutput } from 'cdktf';
import { SinglePassStack } from '../../modules/core/single-pass-stack';
import type { Construct } from 'constructs';
import { addS3StateBackend } from '../../modules/state/s3-state-backend';
import { StateBackend } from '../../modules/state/state-backend';
import type { EnvironmentContext } from '../environment/config';
import { s3BackendProps } from '../environment-stack';
import { awsProvider } from '../private/providers';

/** Props of {@link StateBackendStack}. */
export interface StateBackendStackProps {
  /** The environment whose state bucket and lock table this stack creates (its `state` section). */
  readonly environment: EnvironmentContext;
}

/**
 * `<env>-state-backend`: the bootstrap stack that creates what every other stack's backend needs.
 *
 * It keeps its own state in a local file at the project root (`terraform.<stack>.tfstate`,
 * relative to the stack folder so the path works on any machine, and outside `cdktf.out`, which
 * synth replaces) until `state.bootstrapStateInBucket` moves it into the bucket it made;
 * README.md ("State backend") gives the steps.
 */
export class StateBackendStack extends SinglePassStack {
  public readonly backend: StateBackend;

  constructor(scope: Construct, name: string, props: StateBackendStackProps) {
    super(scope, name);
    const { environment: env } = props;
    if (env.state.bootstrapStateInBucket) {
      addS3StateBackend(this, s3BackendProps(env, name));
    } else {
      new LocalBackend(this, { path: `../../../terraform.${name}.tfstate` });
    }
    awsProvider(this, { ...env, aws: { ...env.aws, region: env.state.region } });

    const useTable = env.state.locking !== 'lockfile';
    this.backend = new StateBackend(this, 'state', {
      bucketName: env.state.bucket,
      accountId: env.aws.accountId,
      region: env.state.region,
      ...(useTable ? { lockTableName: env.state.lockTable } : {}),
      noncurrentVersionExpirationDays: env.state.noncurrentVersionExpirationDays,
    });
    new TerraformOutput(this, 'bucket', { value: this.backend.bucket.bucket });
    new TerraformOutput(this, 'kms_key_arn', { value: this.backend.key.arn });
    if (this.backend.lockTable) new TerraformOutput(this, 'lock_table', { value: this.backend.lockTable.name });
  }
}
