import { DataResource, Testing, TerraformStack } from 'cdktf';
import { addS3StateBackend } from '../../../modules/state/s3-state-backend';
import { testEnvironment } from '../../helpers/environment';

function backendOf(statePatch: Record<string, any>): Record<string, any> {
  const env = testEnvironment({ state: statePatch });
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test-aws-network');
  addS3StateBackend(stack, { state: env.state, environment: env.name, stackName: 'test-aws-network' });
  return JSON.parse(Testing.synth(stack)).terraform.backend.s3;
}

describe('addS3StateBackend', () => {
  it('keys the state by environment and stack, encrypted, locked with DynamoDB by default', () => {
    expect(backendOf({})).toEqual({
      bucket: 'acme-tfstate-test',
      key: 'test/test-aws-network.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      dynamodb_table: 'acme-tfstate-locks',
    });
  });

  it('uses S3 native lock files (use_lockfile) and no table in lockfile mode', () => {
    const backend = backendOf({ locking: 'lockfile' });
    expect(backend.use_lockfile).toBe(true);
    expect(backend).not.toHaveProperty('dynamodb_table');
  });

  it('sets both locks in both mode', () => {
    const backend = backendOf({ locking: 'both' });
    expect(backend).toMatchObject({ use_lockfile: true, dynamodb_table: 'acme-tfstate-locks' });
  });

  it('passes the KMS key, the role to assume, and S3-compatible endpoints', () => {
    const backend = backendOf({
      kmsKeyId: 'alias/tfstate',
      roleArn: 'arn:aws:iam::123456789012:role/terraform-ci',
      endpoints: { s3: 'http://127.0.0.1:9000', dynamodb: 'http://127.0.0.1:9001' },
      usePathStyle: true,
      skipAwsChecks: true,
    });
    expect(backend).toMatchObject({
      kms_key_id: 'alias/tfstate',
      assume_role: { role_arn: 'arn:aws:iam::123456789012:role/terraform-ci' },
      endpoints: { s3: 'http://127.0.0.1:9000', dynamodb: 'http://127.0.0.1:9001' },
      use_path_style: true,
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_region_validation: true,
    });
    expect(backend).not.toHaveProperty('role_arn');
  });
});

describe('cross-stack reads', () => {
  it('read the producer state with the backend settings but without the lock table', () => {
    const env = testEnvironment({ state: { locking: 'both', kmsKeyId: 'alias/tfstate' } });
    const app = Testing.app();
    const producer = new TerraformStack(app, 'test-producer');
    addS3StateBackend(producer, { state: env.state, environment: env.name, stackName: 'test-producer' });
    const value = new DataResource(producer, 'value', { input: { v: 1 } });
    const consumer = new TerraformStack(app, 'test-consumer');
    addS3StateBackend(consumer, { state: env.state, environment: env.name, stackName: 'test-consumer' });
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
        kms_key_id: 'alias/tfstate',
      },
      workspace: '${terraform.workspace}',
    });
  });
});
