import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, DataResource, Fn, TerraformOutput, TerraformStack, TerraformVariable, Token } from 'cdktf';
import type { Construct } from 'constructs';
import { stateKey } from '../../../modules/core/naming';
import { addS3StateBackend, type S3StateBackendProps } from '../../../modules/state/s3-state-backend';
import { type LoopbackState, startLoopbackState } from '../../helpers/loopback-state';
import { type RecordingProxy, startRecordingProxy } from '../../helpers/state-recording-proxy';

/**
 * The S3 backend end to end: real Terraform, the project's own backend code, and the S3 and
 * DynamoDB wire protocols served on 127.0.0.1 by s3rver and dynalite, with a recording proxy in
 * front of s3rver to see the headers Terraform sends.
 *
 * Locking is `dynamodb` here: s3rver has no conditional writes, so the default `lockfile` mode
 * (an `If-None-Match: *` PUT of `<key>.tflock`) cannot be exercised against it.
 */

const BUCKET = 'acme-tfstate-e2e';
const TABLE = 'acme-tfstate-locks-e2e';
const ACCOUNT = '111122223333';
/** What the producer's backend sends by default: the state key's alias ARN, from naming only. */
const DEFAULT_KEY = 'arn:aws:kms:us-east-1:111122223333:alias/acme-tfstate-e2e';
/** What the consumer's backend is given explicitly. */
const EXPLICIT_KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-4cde-8f01-1234567890ab';

interface BackendStackProps {
  readonly backend: S3StateBackendProps;
}

/** A stack with the project's S3 state backend, and nothing else from the project. */
class BackendStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: BackendStackProps) {
    super(scope, id);
    addS3StateBackend(this, props.backend);
  }
}

class ProducerStack extends BackendStack {
  public readonly value: string;
  constructor(scope: Construct, id: string, props: BackendStackProps) {
    super(scope, id, props);
    const round = new TerraformVariable(this, 'round', { type: 'string', default: '1' });
    const data = new DataResource(this, 'value', { input: { value: 'produced-by-the-producer' } });
    // Replaced on every later round, so a later apply has a change to prompt for (and holds the
    // lock while it waits at the prompt).
    new DataResource(this, 'changing', { triggersReplace: [round.stringValue] });
    this.value = Token.asString(Fn.lookup(data.output, 'value'));
  }
}

interface ConsumerStackProps extends BackendStackProps {
  readonly value: string;
}

class ConsumerStack extends BackendStack {
  constructor(scope: Construct, id: string, props: ConsumerStackProps) {
    super(scope, id, props);
    const data = new DataResource(this, 'copy', { input: { value: props.value } });
    new TerraformOutput(this, 'copied', { value: data.output });
  }
}

interface Run {
  code: number;
  out: string;
}

function terraform(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return interactive(args, cwd, env).done;
}

/** A Terraform run whose standard input stays open, to answer its prompt later. */
function interactive(args: string[], cwd: string, env: NodeJS.ProcessEnv): { answer(text: string): void; done: Promise<Run> } {
  const child = spawn('terraform', args, { cwd, env });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return {
    answer: (text) => child.stdin.end(text),
    done: new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, out }))),
  };
}

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, attempts = 300): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('S3 state backend on loopback', () => {
  let servers: LoopbackState;
  let proxy: RecordingProxy;
  let outdir: string;
  let tfEnv: NodeJS.ProcessEnv;
  const backend = (stackName: string, extra: Partial<S3StateBackendProps> = {}): S3StateBackendProps => ({
    bucket: BUCKET,
    region: 'us-east-1',
    accountId: ACCOUNT,
    environment: 'e2e',
    stackName,
    locking: 'dynamodb',
    lockTable: TABLE,
    endpoints: { s3: proxy.endpoint, dynamodb: servers.dynamodbEndpoint },
    usePathStyle: true,
    skipAwsChecks: true,
    ...extra,
  });

  beforeAll(async () => {
    expect(spawnSync('terraform', ['version']).status).toBe(0);
    servers = await startLoopbackState(BUCKET, TABLE);
    proxy = await startRecordingProxy(servers.s3Endpoint, {
      conditionalWrites: { exists: (bucket, key) => objectExists(bucket, key) },
    });
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-e2e-'));
    const app = new App({ outdir });
    const producer = new ProducerStack(app, 'e2e-aws-producer', { backend: backend('e2e-aws-producer') });
    new ConsumerStack(app, 'e2e-aws-consumer', {
      backend: backend('e2e-aws-consumer', { kmsKeyId: EXPLICIT_KEY }),
      value: producer.value,
    });
    // The default locking: S3 lock files, no table.
    const { locking: _locking, lockTable: _table, ...lockfileBackend } = backend('e2e-aws-lockfile');
    new ProducerStack(app, 'e2e-aws-lockfile', { backend: lockfileBackend });
    app.synth();
    tfEnv = {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_EC2_METADATA_DISABLED: 'true',
      NO_PROXY: '127.0.0.1,localhost',
      TF_IN_AUTOMATION: '1',
      CHECKPOINT_DISABLE: '1',
      TF_CLI_CONFIG_FILE: path.resolve(__dirname, '../../../terraform.rc'),
    };
  });

  afterAll(async () => {
    await proxy?.stop();
    await servers?.stop();
    if (outdir) fs.rmSync(outdir, { recursive: true, force: true });
  });

  const dir = (stack: string) => path.join(outdir, 'stacks', stack);
  const objectExists = (bucket: string, key: string) =>
    fs.existsSync(path.join(servers.s3Directory, bucket, `${key}._S3rver_object`));

  it('deploys a producer and a consumer, each to its own state key, and the consumer reads the producer', async () => {
    for (const stack of ['e2e-aws-producer', 'e2e-aws-consumer']) {
      const init = await terraform(['init', '-input=false', '-no-color'], dir(stack), tfEnv);
      if (init.code !== 0) throw new Error(init.out);
      const apply = await terraform(['apply', '-auto-approve', '-input=false', '-no-color'], dir(stack), tfEnv);
      if (apply.code !== 0) throw new Error(apply.out);
    }
    const producerState = servers.readState(BUCKET, stateKey('e2e', 'e2e-aws-producer'));
    const consumerState = servers.readState(BUCKET, stateKey('e2e', 'e2e-aws-consumer'));
    expect(producerState).toBeDefined();
    expect(consumerState).toBeDefined();
    expect(producerState.resources.filter((r: any) => r.type === 'terraform_data')).toHaveLength(2);
    expect(consumerState.resources.filter((r: any) => r.type === 'terraform_data')).toHaveLength(1);
    // Nothing else was written to the bucket: one object per stack under the environment's prefix.
    const objects = fs.readdirSync(path.join(servers.s3Directory, BUCKET, 'e2e')).filter((f) => f.endsWith('._S3rver_object'));
    expect(objects.sort()).toEqual(['e2e-aws-consumer.tfstate._S3rver_object', 'e2e-aws-producer.tfstate._S3rver_object']);
    // The consumer's copy holds the producer's value, read through cdktf's remote-state reference.
    const output = await terraform(['output', '-json'], dir('e2e-aws-consumer'), tfEnv);
    expect(JSON.parse(output.out).copied.value).toEqual({ value: 'produced-by-the-producer' });
    expect(consumerState.resources.some((r: any) => r.type === 'terraform_remote_state')).toBe(true);
  });

  it('writes every state object as SSE-KMS with the configured key: the derived alias ARN by default, an explicit key when given', () => {
    const cases: [string, string][] = [
      [stateKey('e2e', 'e2e-aws-producer'), DEFAULT_KEY],
      [stateKey('e2e', 'e2e-aws-consumer'), EXPLICIT_KEY],
    ];
    for (const [key, kmsKeyId] of cases) {
      const puts = proxy.puts(BUCKET, key);
      expect(puts.length).toBeGreaterThan(0);
      for (const put of puts) {
        expect(put.headers).toMatchObject({
          'x-amz-server-side-encryption': 'aws:kms',
          'x-amz-server-side-encryption-aws-kms-key-id': kmsKeyId,
        });
      }
    }
    // No write to the bucket asked for S3-managed keys (AES256), which the bucket policy denies.
    const sse = proxy.requests.filter((r) => r.method === 'PUT').map((r) => r.headers['x-amz-server-side-encryption']);
    expect(sse).not.toContain('AES256');
  });

  it('lets one of two concurrent applies of a stack take the lock and fails the other on it', async () => {
    const key = stateKey('e2e', 'e2e-aws-producer');
    const before = servers.readState(BUCKET, key);
    // The first apply takes the lock, plans a change and waits at its prompt, holding the lock.
    const first = interactive(['apply', '-no-color', '-var', 'round=2'], dir('e2e-aws-producer'), tfEnv);
    await waitFor(() => servers.lockItem(TABLE, `${BUCKET}/${key}`), 'the first apply to take the lock');
    const second = await terraform(
      ['apply', '-auto-approve', '-input=false', '-no-color', '-lock-timeout=0s', '-var', 'round=3'],
      dir('e2e-aws-producer'),
      tfEnv,
    );
    expect(second.code).not.toBe(0);
    expect(second.out).toMatch(/Error acquiring the state lock/);
    first.answer('yes\n');
    const done = await first.done;
    if (done.code !== 0) throw new Error(done.out);

    const after = servers.readState(BUCKET, key);
    expect(after.serial).toBeGreaterThan(before.serial);
    const names = after.resources.map((r: any) => `${r.type}.${r.name}`);
    const expected = before.resources.map((r: any) => `${r.type}.${r.name}`);
    expect(names.sort()).toEqual(expected.sort());
    expect(await servers.lockItem(TABLE, `${BUCKET}/${key}`)).toBeUndefined();
  });

  describe('with the default S3 lock files (the proxy answers conditional writes as S3 does)', () => {
    const key = stateKey('e2e', 'e2e-aws-lockfile');

    it('takes the lock with a conditional PUT of <key>.tflock, encrypted like the state, and removes it after', async () => {
      const init = await terraform(['init', '-input=false', '-no-color'], dir('e2e-aws-lockfile'), tfEnv);
      if (init.code !== 0) throw new Error(init.out);
      expect(init.out).not.toMatch(/dynamodb_table/);
      const apply = await terraform(['apply', '-auto-approve', '-input=false', '-no-color'], dir('e2e-aws-lockfile'), tfEnv);
      if (apply.code !== 0) throw new Error(apply.out);

      const lockPuts = proxy.puts(BUCKET, `${key}.tflock`);
      expect(lockPuts.length).toBeGreaterThan(0);
      for (const put of [...lockPuts, ...proxy.puts(BUCKET, key)]) {
        expect(put.headers).toMatchObject({
          'x-amz-server-side-encryption': 'aws:kms',
          'x-amz-server-side-encryption-aws-kms-key-id': DEFAULT_KEY,
        });
      }
      for (const put of lockPuts) expect(put.headers['if-none-match']).toBe('*');
      expect(servers.readState(BUCKET, key)).toBeDefined();
      expect(objectExists(BUCKET, `${key}.tflock`)).toBe(false);
    });

    it('fails a second apply while the lock file is held, and frees it when the first ends', async () => {
      // The first apply takes the lock, plans a change and waits at its prompt, holding the lock.
      const first = interactive(['apply', '-no-color', '-var', 'round=2'], dir('e2e-aws-lockfile'), tfEnv);
      await waitFor(async () => (objectExists(BUCKET, `${key}.tflock`) ? true : undefined), 'the first apply to take the lock');
      const second = await terraform(
        ['apply', '-auto-approve', '-input=false', '-no-color', '-lock-timeout=0s', '-var', 'round=3'],
        dir('e2e-aws-lockfile'),
        tfEnv,
      );
      expect(second.code).not.toBe(0);
      expect(second.out).toMatch(/Error acquiring the state lock/);
      first.answer('no\n');
      const done = await first.done;
      expect(done.out).toMatch(/Apply cancelled/);
      expect(objectExists(BUCKET, `${key}.tflock`)).toBe(false);
    });
  });
});
