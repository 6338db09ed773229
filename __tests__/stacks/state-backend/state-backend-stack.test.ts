import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { Testing } from 'cdktf';
import { stateBackendFamily } from '../../../stacks/state-backend/family';
import type { StateBackendStack } from '../../../stacks/state-backend/state-backend-stack';
import { familyStack, testEnvironment } from '../../helpers/environment';

function stackFor(patch: Record<string, any> = {}) {
  return familyStack<StateBackendStack>(stateBackendFamily, testEnvironment(patch));
}

describe('StateBackendStack', () => {
  it('keeps its own state in a local file at the project root, not in cdktf.out', () => {
    const json = JSON.parse(Testing.synth(stackFor()));
    expect(json.terraform.backend).toEqual({ local: { path: '../../../terraform.test-state-backend.tfstate' } });
  });

  it('moves its state into the bucket it created once bootstrapStateInBucket is set, locked with a lock file by default', () => {
    const json = JSON.parse(Testing.synth(stackFor({ state: { bootstrapStateInBucket: true } })));
    expect(json.terraform.backend).toEqual({
      s3: {
        bucket: 'acme-tfstate-test',
        key: 'test/test-state-backend.tfstate',
        region: 'eu-west-1',
        encrypt: true,
        kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:alias/acme-tfstate-test',
        use_lockfile: true,
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

  it('creates the configured bucket, and no lock table with S3 lock files (the default)', () => {
    const json = Testing.synth(stackFor());
    expect(json).toHaveResourceWithProperties(S3Bucket, { bucket: 'acme-tfstate-test' });
    expect(json).not.toHaveResource(DynamodbTable);
  });

  it('creates the lock table, and locks its own state with it, in dynamodb mode', () => {
    const stack = stackFor({ state: { locking: 'dynamodb', bootstrapStateInBucket: true } });
    const text = Testing.synth(stack);
    expect(text).toHaveResourceWithProperties(DynamodbTable, { name: 'acme-tfstate-locks' });
    expect(JSON.parse(text).terraform.backend.s3).toEqual({
      bucket: 'acme-tfstate-test',
      key: 'test/test-state-backend.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:alias/acme-tfstate-test',
      dynamodb_table: 'acme-tfstate-locks',
    });
  });
});
