import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { Testing } from 'cdktf';
import { StateBackendStack } from '../../stacks/state-backend-stack';
import { testEnvironment } from '../helpers/environment';

function stackFor(patch: Record<string, any> = {}) {
  const app = Testing.app();
  return new StateBackendStack(app, 'test-state-backend', { env: testEnvironment(patch) });
}

describe('StateBackendStack', () => {
  it('keeps its own state in a local file at the project root, not in cdktf.out', () => {
    const json = JSON.parse(Testing.synth(stackFor()));
    expect(json.terraform.backend).toEqual({ local: { path: '../../../terraform.test-state-backend.tfstate' } });
  });

  it('moves its state into the bucket it created once bootstrapStateInBucket is set', () => {
    const json = JSON.parse(Testing.synth(stackFor({ state: { bootstrapStateInBucket: true } })));
    expect(json.terraform.backend).toEqual({
      s3: {
        bucket: 'acme-tfstate-test',
        key: 'test/test-state-backend.tfstate',
        region: 'eu-west-1',
        encrypt: true,
        dynamodb_table: 'acme-tfstate-locks',
      },
    });
  });

  it('configures the AWS provider in the state region with the environment default tags', () => {
    const json = Testing.synth(stackFor({ state: { region: 'eu-central-1' }, tags: { extra: { team: 'core' } } }));
    expect(json).toHaveProviderWithProperties(AwsProvider, {
      region: 'eu-central-1',
      allowed_account_ids: ['123456789012'],
      default_tags: [
        {
          tags: {
            Environment: 'test',
            Owner: 'platform-team',
            CostCentre: 'cc-1',
            ManagedBy: 'cdktf-multicloud',
            team: 'core',
          },
        },
      ],
    });
  });

  it('creates the configured bucket and lock table', () => {
    const json = Testing.synth(stackFor());
    expect(json).toHaveResourceWithProperties(S3Bucket, { bucket: 'acme-tfstate-test' });
    expect(json).toHaveResourceWithProperties(DynamodbTable, { name: 'acme-tfstate-locks' });
  });

  it('skips the lock table in lockfile mode', () => {
    expect(Testing.synth(stackFor({ state: { locking: 'lockfile' } }))).not.toHaveResource(DynamodbTable);
  });

});
