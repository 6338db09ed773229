import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, DataResource, Fn, Op, TerraformOutput, TerraformVariable, Token } from 'cdktf';
import type { Construct } from 'constructs';
import { stateKey } from '../../../modules/core/naming';
import { EnvironmentStack, type EnvironmentStackProps } from '../../../stacks/environment-stack';
import { testEnvironment } from '../../helpers/environment';
import { type LoopbackState, startLoopbackState } from '../../helpers/loopback-state';

/**
 * The S3 backend end to end: real Terraform, the project's own backend code, and the S3 and
 * DynamoDB wire protocols served on 127.0.0.1 by s3rver and dynalite.
 */

const BUCKET = 'acme-tfstate-e2e';
const TABLE = 'acme-tfstate-locks-e2e';

class ProducerStack extends EnvironmentStack {
  public readonly value: string;
  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id, props);
    const round = new TerraformVariable(this, 'round', { type: 'string', default: '1' });
    const data = new DataResource(this, 'value', { input: { value: 'produced-by-the-producer' } });
    // Replaced on every later round, slowly, so a second apply meets the lock.
    new DataResource(this, 'slow', {
      triggersReplace: [round.stringValue],
      provisioners: [{ type: 'local-exec', command: Token.asString(Fn.conditional(Op.eq(round.stringValue, '1'), 'true', 'sleep 3')) }],
    });
    this.value = Token.asString(Fn.lookup(data.output, 'value'));
  }
}

interface ConsumerStackProps extends EnvironmentStackProps {
  readonly value: string;
}

class ConsumerStack extends EnvironmentStack {
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
  return new Promise((resolve) => {
    const child = spawn('terraform', args, { cwd, env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
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
  let outdir: string;
  let tfEnv: NodeJS.ProcessEnv;
  const env = () =>
    testEnvironment(
      {
        state: {
          bucket: BUCKET,
          region: 'us-east-1',
          lockTable: TABLE,
          locking: 'dynamodb',
          endpoints: { s3: servers.s3Endpoint, dynamodb: servers.dynamodbEndpoint },
          usePathStyle: true,
          skipAwsChecks: true,
        },
      },
      'e2e',
    );

  beforeAll(async () => {
    expect(spawnSync('terraform', ['version']).status).toBe(0);
    servers = await startLoopbackState(BUCKET, TABLE);
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-e2e-'));
    const app = new App({ outdir });
    const producer = new ProducerStack(app, 'e2e-aws-producer', { env: env() });
    new ConsumerStack(app, 'e2e-aws-consumer', { env: env(), value: producer.value });
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
    await servers?.stop();
    if (outdir) fs.rmSync(outdir, { recursive: true, force: true });
  });

  const dir = (stack: string) => path.join(outdir, 'stacks', stack);

  it('deploys a producer and a consumer, each to its own state key, and the consumer reads the producer', async () => {
    for (const stack of ['e2e-aws-producer', 'e2e-aws-consumer']) {
      const init = await terraform(['init', '-input=false', '-no-color'], dir(stack), tfEnv);
      expect(init).toMatchObject({ code: 0 });
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

  it('lets one of two concurrent applies of a stack take the lock and fails the other on it', async () => {
    const key = stateKey('e2e', 'e2e-aws-producer');
    const before = servers.readState(BUCKET, key);
    const first = terraform(
      ['apply', '-auto-approve', '-input=false', '-no-color', '-var', 'round=2'],
      dir('e2e-aws-producer'),
      tfEnv,
    );
    await waitFor(() => servers.lockItem(TABLE, `${BUCKET}/${key}`), 'the first apply to take the lock');
    const second = await terraform(
      ['apply', '-auto-approve', '-input=false', '-no-color', '-lock-timeout=0s', '-var', 'round=3'],
      dir('e2e-aws-producer'),
      tfEnv,
    );
    expect(second.code).not.toBe(0);
    expect(second.out).toMatch(/Error acquiring the state lock/);
    const done = await first;
    if (done.code !== 0) throw new Error(done.out);

    const after = servers.readState(BUCKET, key);
    expect(after.serial).toBeGreaterThan(before.serial);
    const names = after.resources.map((r: any) => `${r.type}.${r.name}`);
    const expected = before.resources.map((r: any) => `${r.type}.${r.name}`);
    expect(names.sort()).toEqual(expected.sort());
    expect(await servers.lockItem(TABLE, `${BUCKET}/${key}`)).toBeUndefined();
  });
});
