import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type LoopbackState, startLoopbackState } from '../helpers/loopback-state';

/**
 * `npm run deploy -- <stack>` end to end: scripts/deploy.ts runs the real cdktf CLI
 * (node_modules/.bin/cdktf) and real Terraform against S3 and DynamoDB served on 127.0.0.1
 * (s3rver, dynalite), for a tiny app written here: two stacks of `terraform_data` only (no
 * provider to install), the consumer reading the producer through cdktf's remote state.
 */

const ROOT = path.resolve(__dirname, '../..');
const BUCKET = 'deploy-e2e-state';
const TABLE = 'deploy-e2e-locks';

/** The test app: its own cdktf.json and main.js, using the repository's cdktf. */
function writeApp(dir: string, s: LoopbackState): void {
  const backend = (key: string) => ({
    bucket: BUCKET,
    key,
    region: 'us-east-1',
    dynamodbTable: TABLE,
    endpoints: { s3: s.s3Endpoint, dynamodb: s.dynamodbEndpoint },
    usePathStyle: true,
    skipCredentialsValidation: true,
    skipRequestingAccountId: true,
    skipMetadataApiCheck: true,
    skipRegionValidation: true,
    skipS3Checksum: true,
  });
  fs.writeFileSync(path.join(dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'node main.js', output: 'cdktf.out', terraformProviders: [] }));
  fs.writeFileSync(
    path.join(dir, 'main.js'),
    `const { App, TerraformStack, S3Backend, DataResource, TerraformOutput, Fn, Token } = require(${JSON.stringify(path.join(ROOT, 'node_modules', 'cdktf'))});
const app = new App({ outdir: process.env.CDKTF_OUTDIR || 'cdktf.out' });
const producer = new TerraformStack(app, 'e2e-producer');
new S3Backend(producer, ${JSON.stringify(backend('e2e/producer.tfstate'))});
const made = new DataResource(producer, 'made', { input: { greeting: 'hello from the producer' } });
const consumer = new TerraformStack(app, 'e2e-consumer');
new S3Backend(consumer, ${JSON.stringify(backend('e2e/consumer.tfstate'))});
const copy = new DataResource(consumer, 'copy', { input: Token.asString(Fn.lookup(made.output, 'greeting')) });
new TerraformOutput(consumer, 'copied', { value: copy.output });
app.synth();
`,
  );
}

interface Run {
  code: number;
  out: string;
}

function deploy(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', path.join(ROOT, 'scripts/register.js'), path.join(ROOT, 'scripts/deploy.ts'), ...args], { cwd, env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

describe('npm run deploy -- <stack> (real cdktf CLI, loopback S3 backend)', () => {
  let servers: LoopbackState;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    servers = await startLoopbackState(BUCKET, TABLE);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-e2e-'));
    writeApp(dir, servers);
    env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_EC2_METADATA_DISABLED: 'true',
      NO_PROXY: '127.0.0.1,localhost',
      TF_IN_AUTOMATION: '1',
      INFRA_OFFLINE: '1',
      FORCE_COLOR: '0',
    };
  });

  afterAll(async () => {
    await servers?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses the consumer before the producer has state, naming the stack to deploy first', async () => {
    const run = await deploy(['deploy', 'e2e-consumer', '--auto-approve'], dir, env);
    expect(run.code).toBe(3);
    expect(run.out).toContain('Refusing to deploy e2e-consumer');
    expect(run.out).toContain('e2e-producer has no state yet; e2e-consumer reads 1 of its outputs. Deploy it first: npm run deploy -- e2e-producer');
    expect(servers.readState(BUCKET, 'e2e/consumer.tfstate')).toBeUndefined();
  }, 120_000);

  it('deploys the producer, then the consumer alone, which reads the value through remote state', async () => {
    const started = Date.now();
    const producer = await deploy(['deploy', 'e2e-producer', '--auto-approve'], dir, env);
    if (producer.code !== 0) throw new Error(producer.out);
    const consumer = await deploy(['deploy', 'e2e-consumer', '--auto-approve'], dir, env);
    if (consumer.code !== 0) throw new Error(consumer.out);
    console.log(`two deploys through the cdktf CLI: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(`${producer.out}${consumer.out}`).not.toContain('ENOTFOUND');
    const state = servers.readState(BUCKET, 'e2e/consumer.tfstate');
    expect(state.outputs.copied.value).toBe('hello from the producer');
    expect(state.resources.some((r: any) => r.type === 'terraform_remote_state')).toBe(true);
  }, 300_000);
});
