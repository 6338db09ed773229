import { sharedStateBucketProblems, stateSection } from '../../../stacks/state-backend/config';
import { environmentProblems, testEnvironment } from '../../helpers/environment';

const FILE = 'config/test.yaml';

/** The parsed `state` section of a valid test environment with `state` merged in. */
function stateOf(state: Record<string, any> = {}) {
  return testEnvironment({ state }).section(stateSection);
}

/** Problems of the base environment with `state` merged in, then `edit` applied to the section. */
function problemsOf(state: Record<string, any>, edit?: (state: Record<string, any>) => void): string[] {
  return environmentProblems({ state }, edit && ((input) => edit(input.state)));
}

/** An environment as the cross-file checks see it. */
function loaded(file: string, name: string, state: Record<string, any>) {
  return { file, config: testEnvironment({ state }, name) };
}

describe('state config', () => {
  it('fills in defaults: S3 lock files, the backend created here, 90 days of noncurrent versions', () => {
    expect(stateOf()).toEqual({
      bucket: 'acme-tfstate-test',
      region: 'eu-west-1',
      lockTable: 'acme-tfstate-locks',
      locking: 'lockfile',
      createBackend: true,
      bootstrapStateInBucket: false,
      noncurrentVersionExpirationDays: 90,
      usePathStyle: false,
      skipAwsChecks: false,
    });
  });

  it('needs no lock table with S3 lock files', () => {
    expect(problemsOf({}, (state) => delete state.lockTable)).toEqual([]);
  });

  it.each(['dynamodb', 'both'])('needs a lock table with locking %s, naming the field and the way out', (locking) => {
    expect(problemsOf({ locking }, (state) => delete state.lockTable)).toEqual([
      `${FILE}: state.lockTable is missing; locking "${locking}" needs a DynamoDB table name (or use locking: lockfile)`,
    ]);
    expect(problemsOf({ locking })).toEqual([]);
  });

  it.each([
    'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-44cd-a6ef-1234567890ab',
    'arn:aws:kms:eu-west-1:123456789012:alias/tfstate',
    '1234abcd-12ab-44cd-a6ef-1234567890ab',
    'alias/tfstate',
  ])('accepts the KMS key %s', (kmsKeyId) => {
    expect(problemsOf({ kmsKeyId })).toEqual([]);
  });

  it('rejects a KMS key the S3 backend does not accept, with the forms allowed', () => {
    expect(problemsOf({ kmsKeyId: 'tfstate' })).toEqual([
      `${FILE}: state.kmsKeyId "tfstate" is not a KMS key the S3 backend accepts; use a key ARN, an alias ARN, a key id (UUID) or "alias/<name>", e.g. "arn:aws:kms:eu-west-1:123456789012:alias/tfstate"`,
    ]);
  });

  it('rejects an expiry above 3650 days', () => {
    expect(problemsOf({ noncurrentVersionExpirationDays: 3651 })).toEqual([
      `${FILE}: state.noncurrentVersionExpirationDays 3651 is out of range; allowed: a value <= 3650`,
    ]);
  });
});

describe('sharedStateBucketProblems', () => {
  const shared = { bucket: 'acme-tfstate-shared' };

  it('allows one creator of a shared bucket', () => {
    expect(
      sharedStateBucketProblems([
        loaded('config/dev.yaml', 'dev', shared),
        loaded('config/qa.yaml', 'qa', { ...shared, createBackend: false }),
      ]),
    ).toEqual([]);
  });

  it('refuses a second creator, and a different region or lock table, on the later file', () => {
    expect(
      sharedStateBucketProblems([
        loaded('config/dev.yaml', 'dev', shared),
        loaded('config/qa.yaml', 'qa', { ...shared, region: 'eu-central-1', lockTable: 'other-locks' }),
      ]),
    ).toEqual([
      {
        file: 'config/qa.yaml',
        path: 'state.createBackend',
        message:
          'true is not allowed: bucket "acme-tfstate-shared" is shared with config/dev.yaml, which already creates it; set createBackend: false here',
      },
      {
        file: 'config/qa.yaml',
        path: 'state.region',
        message:
          '"eu-central-1" differs from "eu-west-1" in config/dev.yaml, which shares bucket "acme-tfstate-shared"; environments sharing a bucket must use the same region',
      },
      {
        file: 'config/qa.yaml',
        path: 'state.lockTable',
        message:
          '"other-locks" differs from "acme-tfstate-locks" in config/dev.yaml, which shares bucket "acme-tfstate-shared"; environments sharing a bucket must use the same lockTable',
      },
    ]);
  });

  it('checks nothing across environments with their own buckets', () => {
    expect(
      sharedStateBucketProblems([
        loaded('config/dev.yaml', 'dev', { bucket: 'acme-tfstate-dev' }),
        loaded('config/qa.yaml', 'qa', { bucket: 'acme-tfstate-qa', region: 'eu-central-1' }),
      ]),
    ).toEqual([]);
  });
});
