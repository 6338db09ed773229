import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, DataResource, Fn, TerraformStack, Token } from 'cdktf';
import type { Construct } from 'constructs';
import { addS3StateBackend, type S3StateBackendProps } from '../../../modules/state/s3-state-backend';
import { sensitiveInput } from '../../../stacks/private/sensitive-input';
import { type LoopbackState, startLoopbackState } from '../../helpers/loopback-state';

/**
 * A secret that crosses a stack boundary stays sensitive in the consumer: real Terraform, the
 * project's S3 backend and cdktf's own cross-stack path (a sensitive output in the producer, a
 * `terraform_remote_state` read in the consumer), on s3rver at 127.0.0.1.
 *
 * The wrapped consumer is built exactly as `<env>-gcp-dr-vpn` (the VPN pre-shared keys) and
 * `<env>-aws-dr-replication` (the DMS target password) read their secrets: through
 * {@link sensitiveInput}. The unwrapped consumer shows what Terraform does without it, so the
 * test fails if the wrapping stops working or becomes unnecessary.
 */

const BUCKET = 'acme-tfstate-secrets-e2e';
const ACCOUNT = '111122223333';
const SECRET = 'psk-only-the-producer-knows-0123456789';

class BackendStack extends TerraformStack {
  constructor(scope: Construct, id: string, backend: S3StateBackendProps) {
    super(scope, id);
    addS3StateBackend(this, backend);
  }
}

/** Publishes a secret the way `<env>-aws-dr-vpn` publishes a tunnel's pre-shared key (a resource attribute). */
class ProducerStack extends BackendStack {
  public readonly secret: string;
  constructor(scope: Construct, id: string, backend: S3StateBackendProps) {
    super(scope, id, backend);
    const data = new DataResource(this, 'preshared-key', { input: { key: SECRET } });
    this.secret = Token.asString(Fn.lookup(data.output, 'key'));
  }
}

/** Feeds the secret to a resource argument, as `google_compute_vpn_tunnel.shared_secret` is fed. */
class ConsumerStack extends BackendStack {
  constructor(scope: Construct, id: string, backend: S3StateBackendProps, secret: string) {
    super(scope, id, backend);
    new DataResource(this, 'tunnel', { input: { shared_secret: secret } });
  }
}

interface Run {
  code: number;
  out: string;
}

function terraform(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  const child = spawn('terraform', args, { cwd, env });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, out })));
}

async function ok(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  const run = await terraform(args, cwd, env);
  if (run.code !== 0) throw new Error(`terraform ${args.join(' ')} failed:\n${run.out}`);
  return run.out;
}

describe('a secret read from another stack on loopback', () => {
  let servers: LoopbackState;
  let outdir: string;
  let tfEnv: NodeJS.ProcessEnv;
  const backend = (stackName: string): S3StateBackendProps => ({
    bucket: BUCKET,
    region: 'us-east-1',
    accountId: ACCOUNT,
    environment: 'e2e',
    stackName,
    locking: 'lockfile',
    endpoints: { s3: servers.s3Endpoint },
    usePathStyle: true,
    skipAwsChecks: true,
  });
  const dir = (stack: string) => path.join(outdir, 'stacks', stack);

  /** The consumer's plan (text), its saved plan as JSON, and its state as JSON after apply. */
  async function deployConsumer(stack: string) {
    await ok(['init', '-input=false', '-no-color'], dir(stack), tfEnv);
    const plan = await ok(['plan', '-input=false', '-no-color', '-out=tfplan'], dir(stack), tfEnv);
    const planJson = JSON.parse(await ok(['show', '-json', 'tfplan'], dir(stack), tfEnv));
    await ok(['apply', '-input=false', '-no-color', 'tfplan'], dir(stack), tfEnv);
    const stateJson = JSON.parse(await ok(['show', '-json'], dir(stack), tfEnv));
    const change = planJson.resource_changes.find((r: any) => r.type === 'terraform_data');
    const resource = stateJson.values.root_module.resources.find((r: any) => r.type === 'terraform_data');
    return { plan, change, resource };
  }

  beforeAll(async () => {
    expect(spawnSync('terraform', ['version']).status).toBe(0);
    servers = await startLoopbackState(BUCKET, 'unused-lock-table');
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-secrets-e2e-'));
    const app = new App({ outdir });
    const producer = new ProducerStack(app, 'e2e-producer', backend('e2e-producer'));
    new ConsumerStack(app, 'e2e-consumer', backend('e2e-consumer'), sensitiveInput(producer.secret));
    new ConsumerStack(app, 'e2e-consumer-unwrapped', backend('e2e-consumer-unwrapped'), producer.secret);
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
    await ok(['init', '-input=false', '-no-color'], dir('e2e-producer'), tfEnv);
    await ok(['apply', '-auto-approve', '-input=false', '-no-color'], dir('e2e-producer'), tfEnv);
  });

  afterAll(async () => {
    await servers?.stop();
    if (outdir) fs.rmSync(outdir, { recursive: true, force: true });
  });

  it('reads the secret through cdktf\'s remote-state path, wrapped in sensitive()', () => {
    const json = JSON.parse(fs.readFileSync(path.join(dir('e2e-consumer'), 'cdk.tf.json'), 'utf8'));
    const input = Object.values(json.resource.terraform_data)[0] as any;
    expect(input.input.shared_secret).toMatch(
      /^\$\{sensitive\(data\.terraform_remote_state\.cross-stack-reference-input-e2e-producer\.outputs\.cross-stack-output-[^)]+\)\}$/,
    );
    // The producer publishes it as a sensitive output; the value itself is not in any JSON.
    const producer = fs.readFileSync(path.join(dir('e2e-producer'), 'cdk.tf.json'), 'utf8');
    const outputs = Object.values(JSON.parse(producer).output) as any[];
    expect(outputs.map((o) => o.sensitive)).toEqual([true]);
    expect(fs.readFileSync(path.join(dir('e2e-consumer'), 'cdk.tf.json'), 'utf8')).not.toContain(SECRET);
  });

  it('marks the secret sensitive in the consumer\'s plan and in terraform show -json', async () => {
    const { plan, change, resource } = await deployConsumer('e2e-consumer');
    expect(plan).toMatch(/\+ shared_secret = \(sensitive value\)/);
    expect(plan).not.toContain(SECRET);
    expect(change.change.after_sensitive).toMatchObject({ input: { shared_secret: true } });
    expect(resource.sensitive_values).toMatchObject({ input: { shared_secret: true } });
  });

  // After the apply of the test above.
  it('still records the value in the consumer\'s state (remote-state read and resource), which is why state is encrypted', () => {
    const state = servers.readState(BUCKET, 'e2e/e2e-consumer.tfstate');
    const remote = state.resources.find((r: any) => r.type === 'terraform_remote_state');
    expect(JSON.stringify(remote.instances[0].attributes.outputs)).toContain(SECRET);
    const tunnel = state.resources.find((r: any) => r.type === 'terraform_data');
    expect(tunnel.instances[0].attributes.input.value).toEqual({ shared_secret: SECRET });
    // Recorded as sensitive in the state itself, too.
    expect(tunnel.instances[0].sensitive_attributes).toEqual(
      expect.arrayContaining([expect.arrayContaining([expect.objectContaining({ value: 'shared_secret' })])]),
    );
  });

  it('without the wrapping, Terraform prints and records the same secret unmarked (what sensitiveInput prevents)', async () => {
    const { plan, change, resource } = await deployConsumer('e2e-consumer-unwrapped');
    expect(plan).toContain(`+ shared_secret = "${SECRET}"`);
    expect(change.change.after_sensitive).not.toMatchObject({ input: { shared_secret: true } });
    expect(resource.sensitive_values).toEqual({ input: {}, output: {} });
  });
});
