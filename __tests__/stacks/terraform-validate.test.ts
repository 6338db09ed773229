import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import type { Environment } from '../../modules/core/config/load';
import type { EnvironmentCore } from '../../stacks/environment/config';
import { checkHclStackDirsTogether, checkStackDirsTogether, findMirror, type StackCheck } from '../../scripts/lib/offline-terraform';
import { addEnvironmentStacks } from '../../stacks';
import { testEnvironment } from '../helpers/environment';
import { shippedSynth } from '../helpers/shipped-synth';

/**
 * Real `terraform init -backend=false && terraform validate`, offline, of every stack of two
 * environments that between them turn every option of the AWS stacks on and off, wired together
 * through the real cross-stack references.
 *
 * One Terraform run for all of them: a scratch HCL root calls each synthesized stack as a child
 * module (the way Terraform users consume them; the first exactly as synthesized) and outputs
 * each module's outputs, so the AWS provider schema loads once. `npm run validate` (in CI) checks
 * every stack again as its own root module, provider configuration included, as `cdktf deploy`
 * and `terraform -chdir` run it, for every stack of the shipped environments.
 */

/** Every option of the AWS stacks on: extra tiers, IPv6, KMS flow logs, a read replica, a transit gateway. */
const maxed = testEnvironment(
  {
    aws: {
      network: {
        tiers: { cache: { type: 'isolated', cidr: '10.0.192.0/19' }, edge: { type: 'public', cidr: '10.0.224.0/19' } },
        ipv6: true,
        flowLogs: { kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
      },
      database: {
        enabled: true,
        readReplica: { enabled: true },
        allowedSecurityGroupIds: ['sg-0123456789abcdef0'],
        allowedCidrs: ['10.0.0.0/16'],
        alarms: { emails: ['oncall@example.com'] },
      },
    },
    gcp: { database: { enabled: true } },
    // Azure stacks cannot be checked offline; they are left out to keep the run short.
    azure: { network: { enabled: false } },
    state: { bucket: 'acme-tfstate-maxed', locking: 'both' },
    dr: {
      enabled: true,
      vpn: { gatewayType: 'tgw', presharedKeySecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:dr-psk-AbCdEf' },
    },
  },
  'maxed',
);

/** The lean end: no NAT, flow logs to S3, the DR link failed over with the DMS account roles owned elsewhere. */
const lean = testEnvironment(
  {
    aws: {
      network: { natGateways: 'none', flowLogs: { destination: 's3', s3BucketArn: 'arn:aws:s3:::acme-flow-logs' } },
      database: { enabled: true },
    },
    gcp: { database: { enabled: true } },
    azure: { network: { enabled: false } },
    state: { bucket: 'acme-tfstate-lean', locking: 'lockfile' },
    dr: { enabled: true, mode: 'failed-over', dms: { createAccountRoles: false } },
  },
  'lean',
);

function synthesize(envs: Environment<EnvironmentCore>[]): string[] {
  const app = new App({ outdir: Testing.app().outdir });
  for (const env of envs) addEnvironmentStacks(app, env);
  app.synth();
  const stacksDir = path.join(app.outdir, 'stacks');
  return fs.readdirSync(stacksDir).sort().map((s) => path.join(stacksDir, s));
}

describe('terraform validate of every stack (real Terraform, offline mirror)', () => {
  const mirror = findMirror();
  if (!mirror) throw new Error('No Terraform provider mirror found: set TF_PROVIDER_MIRROR');
  const envs = [maxed, lean];
  const dirs = synthesize(envs);
  const results: StackCheck[] = checkStackDirsTogether(dirs, mirror);
  const byName = new Map(results.map((r) => [r.stack, r]));

  const awsOnly = results.filter((r) => r.providers.every((p) => p.startsWith('hashicorp/aws@')));
  it.each(awsOnly.map((r) => r.stack))('%s is valid', (stack) => {
    const result = byName.get(stack)!;
    if (result.status !== 'valid') console.error(result.detail);
    expect(result.providers).toEqual(['hashicorp/aws@5.100.0']);
    expect(result.status).toBe('valid');
  });

  it('checks every AWS stack kind of the product', () => {
    for (const env of envs.map((e) => e.name)) {
      for (const kind of ['state-backend', 'aws-network', 'aws-database']) expect(byName.has(`${env}-${kind}`)).toBe(true);
    }
    for (const env of ['maxed', 'lean']) {
      for (const kind of ['aws-dr-vpn', 'aws-dr-replication']) expect(byName.get(`${env}-${kind}`)?.status).toBe('valid');
    }
  });

  it('reports the stacks it cannot check, naming the missing providers', () => {
    const others = results.filter((r) => !awsOnly.includes(r));
    expect(others.length).toBeGreaterThan(0);
    for (const r of others) {
      expect(r.status).toBe('not checkable');
      expect(r.detail).toMatch(/^not in the mirror: hashicorp\/(google|random)/);
    }
  });
});

/**
 * The `cdktf synth --hcl` exit stays open: the HCL of every AWS-only stack of the shipped
 * environments passes `terraform init -backend=false && terraform validate` (one run for all,
 * each stack's cdk.tf called as a child module without its provider and backend blocks).
 */
describe('terraform validate of cdktf synth --hcl output (real Terraform, offline mirror)', () => {
  const mirror = findMirror();
  if (!mirror) throw new Error('No Terraform provider mirror found: set TF_PROVIDER_MIRROR');
  let outdir: string;
  let results: StackCheck[];

  beforeAll(() => {
    // The app reads SYNTH_HCL_OUTPUT as `cdktf synth --hcl` sets it. The output is reused while no
    // input byte changed (read-only: shared with other runs).
    outdir = shippedSynth({ SYNTH_HCL_OUTPUT: 'true' });
    const stacks = path.join(outdir, 'stacks');
    results = checkHclStackDirsTogether(fs.readdirSync(stacks).sort().map((s) => path.join(stacks, s)), mirror);
  }, 300_000);

  it('passes for every AWS-only stack', () => {
    const aws = results.filter((r) => r.providers.length > 0 && r.providers.every((p) => p.startsWith('hashicorp/aws@')));
    for (const r of aws) if (r.status !== 'valid') console.error(`${r.stack}: ${r.detail}`);
    expect(aws.map((r) => r.stack)).toEqual(expect.arrayContaining(['prod-aws-network', 'prod-aws-database', 'prod-aws-dr-replication', 'prod-state-backend']));
    expect(aws.filter((r) => r.status !== 'valid')).toEqual([]);
  });

  it('names the stacks it cannot check and their missing providers', () => {
    const others = results.filter((r) => !r.providers.every((p) => p.startsWith('hashicorp/aws@')));
    expect(others.length).toBeGreaterThan(0);
    for (const r of others) expect(r).toMatchObject({ status: 'not checkable', detail: expect.stringMatching(/^not in the mirror: hashicorp\//) });
  });

  it('fails a stack that builds a policy with JSON.stringify around a token', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-hcl-bad-'));
    const previous = process.env.SYNTH_HCL_OUTPUT;
    process.env.SYNTH_HCL_OUTPUT = 'true';
    try {
      const app = new App({ outdir: dir });
      const stack = new TerraformStack(app, 'bad-policy');
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      const bucket = new S3Bucket(stack, 'bucket', { bucket: 'acme-bad-policy' });
      new IamPolicy(stack, 'policy', {
        policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `${bucket.arn}/*` }] }),
      });
      app.synth();
    } finally {
      if (previous === undefined) delete process.env.SYNTH_HCL_OUTPUT;
      else process.env.SYNTH_HCL_OUTPUT = previous;
    }
    const [r] = checkHclStackDirsTogether([path.join(dir, 'stacks', 'bad-policy')], mirror);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r!.status).toBe('invalid');
    expect(r!.detail).not.toMatch(/no cdk.tf/);
  }, 120_000);
});
