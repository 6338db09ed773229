import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Testing } from 'cdktf';
import { checkHclStackDirsTogether, checkStackDirsTogether, findMirror } from '../../../scripts/lib/offline-terraform';
import { policyErrors, runPolicyPack } from '../../../modules/policy/report';
import { addEnvironmentStacks } from '../../../stacks';
import { policySection } from '../../../stacks/environment/policy';
import { awsAlertsFamily } from '../../../stacks/aws-alerts/family';
import { awsDataFamily } from '../../../stacks/aws-data/family';
import { awsDatabaseFamily } from '../../../stacks/aws-database/family';
import { awsNetworkFamily } from '../../../stacks/aws-network/family';
import { gcpNetworkFamily } from '../../../stacks/gcp-network/family';
import { parse as parseYaml, stringify } from 'yaml';
import type { Environment } from '../../../modules/core/config/load';
import { parseEnvironment } from '../../../modules/core/config/load';
import type { ConfigRegistry } from '../../../modules/core/config/load';
import { awsDashboardSection, cacheNodeIds, dashboardInventory, drReplicationInstanceId } from '../../../stacks/aws-dashboard/config';
import { awsDashboardFamily } from '../../../stacks/aws-dashboard/family';
import { awsFunctionsFamily } from '../../../stacks/aws-functions/family';
import { awsServicesFamily } from '../../../stacks/aws-services/family';
import type { AwsAlertsOutputs, AwsDataOutputs, AwsFunctionsOutputs, AwsServicesOutputs } from '../../../stacks/contracts';
import { awsDrReplicationFamily, awsDrVpnFamily, gcpDrVpnFamily } from '../../../stacks/dr/family';
import { awsEventsFamily } from '../../../stacks/aws-events/family';
import type { GcpDrVpnStack } from '../../../stacks/dr/gcp-dr-vpn-stack';
import type { EnvironmentCore } from '../../../stacks/environment/config';
import { familyDependencies } from '../../../stacks/family';
import { CONFIG_REGISTRY } from '../../../stacks/registry';
import { baseEnvironmentInput, familyStack, merge, TEST_FILE, testEnvironment } from '../../helpers/environment';
import { AWS_DATABASE, AWS_NETWORK, AWS_TUNNELS, GCP_DATABASE, GCP_NETWORK } from '../../helpers/outputs';

/** The app's registry, with `aws.dashboard` added should it not be registered. */
const REGISTRY: ConfigRegistry<EnvironmentCore> = CONFIG_REGISTRY.sections.includes(awsDashboardSection as never)
  ? CONFIG_REGISTRY
  : { ...CONFIG_REGISTRY, sections: [...CONFIG_REGISTRY.sections, awsDashboardSection as never] };

function parse(patch: Record<string, any>) {
  return parseEnvironment(TEST_FILE, stringify(merge(baseEnvironmentInput(), patch)), REGISTRY);
}
function env(patch: Record<string, any> = {}): Environment<EnvironmentCore> {
  const { config, problems } = parse(patch);
  if (!config) throw new Error(problems.map((p) => `${p.path} ${p.message}`).join('\n'));
  return config;
}
const problems = (patch: Record<string, any>) => parse(patch).problems.map((p) => `${p.file}: ${p.path} ${p.message}`);


/**
 * A shipped environment file parsed as the app does. Sections other helpers are adding before the
 * lead registers them ("is not a known field") are dropped first, so this tests only what is
 * shipped and registered.
 */
function shipped(name: string) {
  const file = `config/${name}.yaml`;
  const text = fs.readFileSync(file, 'utf8');
  const first = parseEnvironment(file, text, REGISTRY);
  const unknown = first.problems.filter((p) => p.message.startsWith('is not a known field'));
  if (unknown.length === 0 || unknown.length < first.problems.length) return first;
  const input = parseYaml(text) as Record<string, any>;
  for (const p of unknown) {
    const keys = p.path.split('.');
    const parent = keys.slice(0, -1).reduce<any>((o, k) => o?.[k], input);
    if (parent) delete parent[keys[keys.length - 1]!];
  }
  return parseEnvironment(file, stringify(input), REGISTRY);
}

const FUNCTIONS: AwsFunctionsOutputs = { apiUrl: 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/', functionAliasArns: {} };
const SERVICES: AwsServicesOutputs = {
  clusterName: 'test-services',
  clusterArn: 'arn:aws:ecs:eu-west-1:123456789012:cluster/test-services',
  loadBalancerDnsNames: { web: 'test-web-1.eu-west-1.elb.amazonaws.com' },
  loadBalancerArnSuffixes: { web: 'app/test-web/0123456789abcdef' },
  targetGroupArnSuffixes: { web: 'targetgroup/tg-abc/0123456789abcdef' },
  repositoryUrls: {},
};
const CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000';
/** An environment with something of every kind the dashboard shows. */
const FULL = {
  aws: {
    dashboard: { enabled: true, percentile: 'p99' },
    alerts: { enabled: true },
    database: { enabled: true, readReplica: { enabled: true } },
    functions: {
      enabled: true,
      functions: {
        'api-handler': { code: 'apps/aws-api-handler', routes: [{ route: 'GET /health', public: true }] },
        worker: { code: 'apps/aws-api-handler' },
        audit: { code: 'apps/aws-api-handler' },
      },
    },
    services: { enabled: true, services: { web: { image: { tag: '1.0.0' }, alb: { certificateArn: CERT } } } },
    data: { enabled: true, tables: { items: { partitionKey: { name: 'pk' }, stream: 'NEW_AND_OLD_IMAGES' } }, cache: { nodes: 3 } },
    events: {
      enabled: true,
      queues: { work: {} },
      stateMachines: {},
      // `metrics` has no consumer, so no failure queue; `worker` reads two streams and is graphed once.
      streams: { clicks: { consumer: { function: 'worker' } }, metrics: { shards: 1 } },
      tableStreams: { 'item-changes': { table: 'items', consumer: { function: 'worker' } }, 'item-audit': { table: 'items', consumer: { function: 'audit' } } },
    },
  },
  gcp: { database: { enabled: true } },
  dr: { enabled: true },
};
const UPSTREAM = { 'aws-functions': FUNCTIONS, 'aws-services': SERVICES, 'aws-dr-vpn': AWS_TUNNELS };

function body(json: string): string {
  return Object.values<any>(JSON.parse(json).resource.aws_cloudwatch_dashboard)[0].dashboard_body;
}

describe('dashboardInventory', () => {
  it('names what the environment contains from the families\' naming rules', () => {
    const inv = dashboardInventory(env(FULL));
    expect(inv).toMatchObject({
      functionNames: ['test-api-handler', 'test-worker', 'test-audit'],
      ecs: { clusterName: 'test-services', services: { web: 'test-web' } },
      queueNames: ['test-work'],
      streamNames: ['test-clicks', 'test-metrics'],
      streamConsumerFunctionNames: ['test-worker', 'test-audit'],
      streamFailureQueueNames: ['test-clicks-failures', 'test-item-changes-failures', 'test-item-audit-failures'],
      eventBusName: 'test-events',
      databaseIds: ['test-postgres', 'test-postgres-replica'],
      tableNames: ['test-items'],
      cacheNodeIds: ['test-cache-001', 'test-cache-002', 'test-cache-003'],
      dmsReplicationInstanceIds: ['test-dr-dms'],
      needs: { functions: true, services: true, drVpn: true },
    });
    expect(cacheNodeIds('prod', 2)).toEqual(['prod-cache-001', 'prod-cache-002']);
    expect(drReplicationInstanceId('prod')).toBe('prod-dr-dms');
  });

  it('leaves out sections that are not enabled', () => {
    const inv = dashboardInventory(env({ aws: { dashboard: { enabled: true }, database: { enabled: true } } }));
    expect(inv).toMatchObject({ functionNames: [], queueNames: [], streamNames: [], streamConsumerFunctionNames: [], streamFailureQueueNames: [], tableNames: [], cacheNodeIds: [], databaseIds: ['test-postgres'], needs: { functions: false, services: false, drVpn: false } });
    expect(inv.ecs).toBeUndefined();
  });
});

describe('drReplicationInstanceId', () => {
  it('is the identifier <env>-aws-dr-replication gives its DMS instance', () => {
    const app = Testing.app();
    const e = testEnvironment({ aws: { database: { enabled: true } }, gcp: { database: { enabled: true } }, dr: { enabled: true } });
    const gcp = familyStack<GcpDrVpnStack>(gcpDrVpnFamily, e, { 'gcp-network': GCP_NETWORK, 'gcp-database': GCP_DATABASE, 'aws-dr-vpn': AWS_TUNNELS }, { app });
    const stack = familyStack(awsDrReplicationFamily, e, { 'aws-network': AWS_NETWORK, 'gcp-network': GCP_NETWORK, 'aws-database': AWS_DATABASE, 'gcp-database': GCP_DATABASE, 'gcp-dr-vpn': gcp.dmsUser }, { app });
    for (const st of [gcp, stack]) st.prepareStack();
    const instances = Object.values<any>(JSON.parse(Testing.synth(stack)).resource.aws_dms_replication_instance);
    expect(instances.map((i) => i.replication_instance_id)).toEqual([drReplicationInstanceId('test')]);
  });
});

const ALERTS: AwsAlertsOutputs = { topicArn: 'arn:aws:sns:eu-west-1:123456789012:test-alerts', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/alerts' };
const EVENTS_UPSTREAM = {
  'aws-alerts': ALERTS,
  'aws-functions': {
    functionAliasArns: Object.fromEntries(['api-handler', 'worker', 'audit'].map((f) => [f, `arn:aws:lambda:eu-west-1:123456789012:function:test-${f}:live`])),
    functionRoleArns: Object.fromEntries(['api-handler', 'worker', 'audit'].map((f) => [f, `arn:aws:iam::123456789012:role/test-${f}-lambda`])),
  } satisfies AwsFunctionsOutputs,
  'aws-data': {
    bucketNames: {},
    bucketArns: {},
    tableNames: { items: 'test-items' },
    tableArns: { items: 'arn:aws:dynamodb:eu-west-1:123456789012:table/test-items' },
    tableStreamArns: { items: 'arn:aws:dynamodb:eu-west-1:123456789012:table/test-items/stream/2026-01-01T00:00:00.000' },
  } satisfies AwsDataOutputs,
};

describe('stream names of the inventory', () => {
  it('are the Kinesis streams and failure queues <env>-aws-events creates', () => {
    const events = JSON.parse(Testing.synth(familyStack(awsEventsFamily, env(FULL), EVENTS_UPSTREAM)));
    const streams = Object.values<any>(events.resource.aws_kinesis_stream).map((s) => s.name);
    const failureQueues = Object.values<any>(events.resource.aws_sqs_queue).map((q) => q.name).filter((n: string) => n.endsWith('-failures'));
    expect(streams.sort()).toEqual(['test-clicks', 'test-metrics']);
    expect(failureQueues.sort()).toEqual(['test-clicks-failures', 'test-item-audit-failures', 'test-item-changes-failures']);
    const inv = dashboardInventory(env(FULL));
    expect([...inv.streamNames].sort()).toEqual(streams);
    expect([...inv.streamFailureQueueNames].sort()).toEqual(failureQueues);
  });
});

describe('AwsDashboardStack', () => {
  const e = env(FULL);
  const json = Testing.synth(familyStack(awsDashboardFamily, e, UPSTREAM));
  const b = body(json);

  it('makes one dashboard <env>-overview', () => {
    expect(Object.keys(JSON.parse(json).resource)).toEqual(['aws_cloudwatch_dashboard']);
    expect(Object.values<any>(JSON.parse(json).resource.aws_cloudwatch_dashboard)[0].dashboard_name).toBe('test-overview');
  });

  it('graphs functions, services, queues, databases, tables, cache and the DR link by their deployed names', () => {
    for (const text of [
      '"FunctionName", "test-api-handler"',
      '"ClusterName", "test-services", "ServiceName", "test-web"',
      '"QueueName", "test-work-dlq"',
      '"DBInstanceIdentifier", "test-postgres-replica"',
      '"TableName", "test-items"',
      '"CacheClusterId", "test-cache-003"',
      'ReplicationInstanceIdentifier=test-dr-dms',
      '"TunnelIpAddress", "198.51.100.4"',
      '"stat" = "p99"',
    ]) expect(b).toContain(text);
  });

  it('graphs the Kinesis streams, the stream consumers\' iterator age and the failure queues of aws.events', () => {
    for (const text of [
      '["AWS/Kinesis", "GetRecords.IteratorAgeMilliseconds", "StreamName", "test-clicks"]',
      '["AWS/Kinesis", "IncomingRecords", "StreamName", "test-metrics"]',
      '["AWS/Kinesis", "WriteProvisionedThroughputExceeded", "StreamName", "test-clicks", {"label" = "test-clicks write"}]',
      '["AWS/Kinesis", "ReadProvisionedThroughputExceeded", "StreamName", "test-metrics", {"label" = "test-metrics read"}]',
      '"metrics" = [["AWS/Lambda", "IteratorAge", "FunctionName", "test-worker"], ["AWS/Lambda", "IteratorAge", "FunctionName", "test-audit"]]',
      '"metrics" = [["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", "test-clicks-failures"], ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", "test-item-changes-failures"], ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", "test-item-audit-failures"]]',
    ]) expect(b).toContain(text);
    expect(b).not.toContain('test-metrics-failures');
  });

  it('reads the load balancers\' ARN suffixes from aws-services and the API id from the aws-functions URL', () => {
    expect(b).toContain('"LoadBalancer", "app/test-web/0123456789abcdef", "TargetGroup", "targetgroup/tg-abc/0123456789abcdef"');
    expect(b).toContain('"ApiId", element(split(".", trimprefix("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/", "https://")), 0)');
  });

  it('depends on aws-functions, aws-services and aws-dr-vpn only when it reads their outputs', () => {
    expect(familyDependencies(awsDashboardFamily, e.section(awsDashboardSection), e)).toEqual([awsFunctionsFamily, awsServicesFamily, awsDrVpnFamily]);
    const small = env({ aws: { dashboard: { enabled: true }, database: { enabled: true } } });
    expect(familyDependencies(awsDashboardFamily, small.section(awsDashboardSection), small)).toEqual([]);
    expect(() => familyStack(awsDashboardFamily, small)).not.toThrow();
  });

  it('is not built unless enabled', () => {
    const off = env();
    expect(awsDashboardFamily.enabled(off.section(awsDashboardSection), off)).toBe(false);
  });

  it('renders the stream graphs in `cdktf synth --hcl` too (terraform validate of both: the batched describe below)', () => {
    const hcl = Testing.synthHcl(familyStack(awsDashboardFamily, e, UPSTREAM));
    expect(hcl).toContain('"AWS/Lambda", "IteratorAge", "FunctionName", "test-worker"');
  });
});

describe('aws.dashboard config', () => {
  it('rejects a period that is not whole minutes, an unknown percentile, and an empty dashboard', () => {
    expect(problems({ aws: { dashboard: { enabled: true, periodSeconds: 90 }, database: { enabled: true } } })).toEqual([
      'config/test.yaml: aws.dashboard.periodSeconds 90 is not a graph period; use whole minutes in seconds, 60 to 86400 (e.g. 60, 300, 3600)',
    ]);
    expect(problems({ aws: { dashboard: { enabled: true, percentile: 'p42' }, database: { enabled: true } } })).toEqual([
      expect.stringMatching(/^config\/test\.yaml: aws\.dashboard\.percentile "p42" is not allowed; allowed values: .*p95/),
    ]);
    expect(problems({ aws: { dashboard: { enabled: true } } })).toEqual([
      'config/test.yaml: aws.dashboard.enabled true has nothing to show: no AWS function, service, queue, state machine, database, table, cache or DR link is enabled; enable one of them or set aws.dashboard.enabled: false',
    ]);
  });
});

describe('shipped environments', () => {
  it.each(['dev', 'staging', 'prod'])('config/%s.yaml turns the dashboard on and it builds', (name) => {
    const { config, problems: found } = shipped(name);
    expect(found).toEqual([]);
    expect(config!.section(awsDashboardSection)).toMatchObject({ enabled: true });
    const inv = dashboardInventory(config!);
    expect(inv.functionNames).toContain(`${name}-api-handler`);
    expect(inv.ecs?.services).toEqual({ web: `${name}-web` });
    const json = Testing.synth(familyStack(awsDashboardFamily, config!, UPSTREAM));
    expect(body(json)).toContain(`"QueueName", "${name}-work"`);
  });
});

describe('aws-data, aws-services and aws-dashboard of a shipped environment in one app, and the test fixture, with terraform', () => {
  const ENVS = ['dev', 'staging', 'prod'] as const;
  const NAMES = ['aws-data', 'aws-services', 'aws-dashboard'];
  const built = new Map<string, { policyErrors: string[]; missing: string[]; dashboardBody: string; servicesRemoteState: string }>();
  const results: Record<string, string> = {};
  let outdir: string;

  // Every stack below in ONE terraform validate as JSON and ONE as HCL (each run starts the AWS
  // provider and loads its schema): the three environments' apps and the fixture.
  beforeAll(() => {
    const mirror = findMirror();
    if (!mirror) throw new Error('No Terraform provider mirror found: set TF_PROVIDER_MIRROR');
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'h-aws-data-app-'));
    const jsonDirs: string[] = [];
    const hclDirs: string[] = [];
    const families = [awsNetworkFamily, gcpNetworkFamily, awsDatabaseFamily, awsAlertsFamily, awsDataFamily, awsFunctionsFamily, awsServicesFamily, awsDrVpnFamily, awsDashboardFamily];
    for (const name of ENVS) {
      const { config, problems: found } = shipped(name);
      if (found.length > 0) throw new Error(`config/${name}.yaml: ${found.join('; ')}`);
      const app = new App({ outdir: path.join(outdir, name) });
      const stacks = addEnvironmentStacks(app, config!, families);
      const report = runPolicyPack(app, { environmentSuppressions: { [name]: config!.section(policySection).suppressions } });
      const mine = (f: { stack: string }) => NAMES.map((n) => `${name}-${n}`).includes(f.stack);
      app.synth();
      const dirs = NAMES.map((n) => path.join(outdir, name, 'stacks', `${name}-${n}`));
      const dashboard = JSON.parse(fs.readFileSync(path.join(dirs[2]!, 'cdk.tf.json'), 'utf8'));
      const services = JSON.parse(fs.readFileSync(path.join(dirs[1]!, 'cdk.tf.json'), 'utf8'));
      built.set(name, {
        policyErrors: policyErrors({ ...report, findings: report.findings.filter(mine) }),
        missing: NAMES.filter((n) => !stacks.has(n)),
        dashboardBody: Object.values<any>(dashboard.resource.aws_cloudwatch_dashboard)[0].dashboard_body as string,
        servicesRemoteState: JSON.stringify(services.data?.terraform_remote_state ?? {}),
      });
      jsonDirs.push(...dirs);
      // `cdktf synth --hcl` of the same (prepared) stacks, beside the JSON.
      for (const n of NAMES) {
        const dir = path.join(outdir, 'hcl', `${name}-${n}`);
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, 'cdk.tf'), Testing.synthHcl(stacks.get(n)!));
        hclDirs.push(dir);
      }
    }
    // The fixture of the AwsDashboardStack tests (stream graphs included), under its own name.
    const fixture = familyStack(awsDashboardFamily, env(FULL), UPSTREAM);
    const fixtureJson = path.join(Testing.fullSynth(fixture), 'stacks', fixture.node.id);
    const fixtureDir = path.join(outdir, 'fixture-json', 'test-aws-dashboard');
    fs.cpSync(fixtureJson, fixtureDir, { recursive: true });
    jsonDirs.push(fixtureDir);
    const fixtureHcl = path.join(outdir, 'fixture-hcl', 'test-aws-dashboard');
    fs.mkdirSync(fixtureHcl, { recursive: true });
    fs.writeFileSync(path.join(fixtureHcl, 'cdk.tf'), Testing.synthHcl(familyStack(awsDashboardFamily, env(FULL), UPSTREAM)));
    hclDirs.push(fixtureHcl);
    for (const [hcl, checks] of [[false, checkStackDirsTogether(jsonDirs, mirror)], [true, checkHclStackDirsTogether(hclDirs, mirror)]] as const) {
      for (const c of checks) results[`${c.stack}${hcl ? ' (hcl)' : ''}`] = c.status === 'valid' ? 'valid' : `${c.status}: ${c.detail}`;
    }
  }, 600_000);

  afterAll(() => {
    if (outdir) fs.rmSync(outdir, { recursive: true, force: true });
  });

  it.each(ENVS)('config/%s.yaml: they wire each other by cross-stack references, meet the policy pack and pass terraform validate, as JSON and as HCL', (name) => {
    const b = built.get(name)!;
    expect(b.missing).toEqual([]);
    expect(b.policyErrors).toEqual([]);
    expect(b.dashboardBody).toContain(`data.terraform_remote_state.cross-stack-reference-input-${name}-aws-services`);
    if (name !== 'dev') expect(b.servicesRemoteState).toContain(`${name}/${name}-aws-data.tfstate`);
    const mine = Object.fromEntries(Object.entries(results).filter(([k]) => k.startsWith(`${name}-`)));
    expect(mine).toEqual(Object.fromEntries(NAMES.flatMap((n) => [[`${name}-${n}`, 'valid'], [`${name}-${n} (hcl)`, 'valid']])));
  });

  it('the AwsDashboardStack test fixture (stream graphs included) passes terraform validate, as JSON and as HCL', () => {
    expect([results['test-aws-dashboard'], results['test-aws-dashboard (hcl)']]).toEqual(['valid', 'valid']);
  });
});
