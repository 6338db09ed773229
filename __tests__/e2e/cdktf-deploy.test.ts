import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findMirror } from '../../scripts/lib/offline-terraform';
import { scenarioVerdict, sourceClosure } from '../../scripts/lib/verdict-cache';
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

/** What one run of the scenario observed. */
interface Facts {
  /** The consumer deployed before the producer has state. */
  refused: Run & { consumerState: unknown };
  producer: Run;
  consumer: Run;
  /** The consumer's state after both deploys. */
  consumerState: { outputs: { copied: { value: unknown } }; resources: { type: string }[] };
  seconds: number;
}

/** The scenario: refuse the consumer, deploy the producer, then the consumer alone. */
async function scenario(): Promise<Facts> {
  const servers = await startLoopbackState(BUCKET, TABLE);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-e2e-'));
  try {
    writeApp(dir, servers);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_EC2_METADATA_DISABLED: 'true',
      NO_PROXY: '127.0.0.1,localhost',
      TF_IN_AUTOMATION: '1',
      INFRA_OFFLINE: '1',
      FORCE_COLOR: '0',
    };
    const refused = await deploy(['deploy', 'e2e-consumer', '--auto-approve'], dir, env);
    const refusedState = servers.readState(BUCKET, 'e2e/consumer.tfstate') ?? null;
    const started = Date.now();
    const producer = await deploy(['deploy', 'e2e-producer', '--auto-approve'], dir, env);
    if (producer.code !== 0) throw new Error(producer.out);
    const consumer = await deploy(['deploy', 'e2e-consumer', '--auto-approve'], dir, env);
    if (consumer.code !== 0) throw new Error(consumer.out);
    return {
      refused: { ...refused, consumerState: refusedState },
      producer,
      consumer,
      consumerState: servers.readState(BUCKET, 'e2e/consumer.tfstate'),
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await servers.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('npm run deploy -- <stack> (real cdktf CLI, loopback S3 backend)', () => {
  let facts: Facts;

  beforeAll(async () => {
    const mirror = findMirror();
    if (!mirror) throw new Error('No Terraform provider mirror found: set TF_PROVIDER_MIRROR');
    // A warm run reuses the facts of an earlier run of exactly this scenario: same test, same
    // scripts, same tool versions (package-lock.json), same Terraform and providers.
    const files = [__filename, ...sourceClosure(path.join(ROOT, 'scripts/deploy.ts')), path.join(ROOT, 'scripts/register.js'), path.join(ROOT, 'package-lock.json'), path.join(__dirname, '../helpers/loopback-state.ts')];
    ({ facts } = await scenarioVerdict('cdktf CLI deploy scenario', files, { mirror }, scenario));
    console.log(`two deploys through the cdktf CLI: ${facts.seconds.toFixed(1)} s`);
  }, 300_000);

  it('refuses the consumer before the producer has state, naming the stack to deploy first', () => {
    expect(facts.refused.code).toBe(3);
    expect(facts.refused.out).toContain('Refusing to deploy e2e-consumer');
    expect(facts.refused.out).toContain('e2e-producer has no state yet; e2e-consumer reads 1 of its outputs. Deploy it first: npm run deploy -- e2e-producer');
    expect(facts.refused.consumerState).toBeNull();
  });

  it('deploys the producer, then the consumer alone, which reads the value through remote state', () => {
    expect(facts.producer.code).toBe(0);
    expect(facts.consumer.code).toBe(0);
    expect(`${facts.producer.out}${facts.consumer.out}`).not.toContain('ENOTFOUND');
    expect(facts.consumerState.outputs.copied.value).toBe('hello from the producer');
    expect(facts.consumerState.resources.some((r) => r.type === 'terraform_remote_state')).toBe(true);
  });
});
