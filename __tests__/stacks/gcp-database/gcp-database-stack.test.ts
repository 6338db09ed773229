import * as fs from 'node:fs';
import * as path from 'node:path';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { SqlDatabaseInstance } from '@cdktf/provider-google/lib/sql-database-instance';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { App, DefaultTokenResolver, StringConcat, TerraformStack, Testing, Tokenization } from 'cdktf';
import { addEnvironmentStacks } from '../../../stacks';
import type { GcpNetworkOutputs } from '../../../stacks/contracts';
import { gcpDatabaseFamily } from '../../../stacks/gcp-database/family';
import type { GcpDatabaseStack } from '../../../stacks/gcp-database/gcp-database-stack';
import { familyStack, testEnvironment } from '../../helpers/environment';
import { validateStack } from '../../helpers/terraform';

const NETWORK: GcpNetworkOutputs = {
  networkId: 'projects/acme-test-1/global/networks/test-network',
  networkName: 'test-network',
  networkSelfLink: 'https://www.googleapis.com/compute/v1/projects/acme-test-1/global/networks/test-network',
  subnetIds: { main: 'projects/acme-test-1/regions/europe-west1/subnetworks/main' },
  privateServiceAccessRangeName: 'test-network-psa',
  privateServiceAccessCidr: '10.2.0.0/16',
  serviceNetworkingConnectionId: 'projects/acme-test-1/global/networks/test-network:servicenetworking.googleapis.com',
  routerName: 'test-router',
};

/** The stack as the app builds it, for the test environment with `database` as `gcp.database` (and `patch`). */
function stackFor(database: Record<string, any> = {}, patch: Record<string, any> = {}): GcpDatabaseStack {
  const env = testEnvironment({ ...patch, gcp: { ...patch.gcp, database: { enabled: true, ...database } } });
  return familyStack<GcpDatabaseStack>(gcpDatabaseFamily, env, { 'gcp-network': NETWORK });
}

const instanceOf = (s: GcpDatabaseStack): any =>
  Object.values(JSON.parse(Testing.synth(s)).resource.google_sql_database_instance)[0];

/** Every string value anywhere in a JSON document, with its path. */
function strings(value: unknown, at = ''): { path: string; value: string }[] {
  if (typeof value === 'string') return [{ path: at, value }];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => strings(v, `${at}/${k}`));
}

describe('GcpDatabaseStack', () => {
  const stack = stackFor();
  const text = Testing.synth(stack);
  const json = JSON.parse(text);

  it('configures the google provider for the project and region with the environment labels, and the random provider', () => {
    expect(text).toHaveProviderWithProperties(GoogleProvider, {
      project: 'acme-test-1',
      region: 'europe-west1',
      default_labels: expect.objectContaining({ environment: 'test', 'managed-by': 'cdktf-multicloud' }),
    });
    expect(text).toHaveProvider(RandomProvider);
  });

  it('keeps its state in the environment bucket', () => {
    expect(json.terraform.backend.s3).toMatchObject({
      bucket: 'acme-tfstate-test',
      key: 'test/test-gcp-database.tfstate',
      encrypt: true,
    });
  });

  it('builds the instance from the config and the network outputs', () => {
    expect(text).toHaveResourceWithProperties(SqlDatabaseInstance, {
      name: 'test-postgres',
      region: 'europe-west1',
      database_version: 'POSTGRES_17',
      deletion_protection: true,
      settings: expect.objectContaining({
        tier: 'db-custom-2-7680',
        availability_type: 'REGIONAL',
        deletion_protection_enabled: true,
        ip_configuration: {
          ipv4_enabled: false,
          private_network: NETWORK.networkSelfLink,
          allocated_ip_range: NETWORK.privateServiceAccessRangeName,
          ssl_mode: 'ENCRYPTED_ONLY',
        },
        user_labels: expect.objectContaining({ environment: 'test', role: 'database' }),
      }),
    });
  });

  it('sends the secure default flags for the DR link, with gcp.database.flags merged over them', () => {
    const instance = instanceOf(stackFor({ flags: { work_mem: '32MB', log_min_duration_statement: 500 } }));
    const sent = Object.fromEntries(instance.settings.database_flags.map((f: any) => [f.name, f.value]));
    expect(sent).toEqual({
      'cloudsql.enable_pglogical': 'on',
      'cloudsql.iam_authentication': 'on',
      'cloudsql.logical_decoding': 'on',
      log_connections: 'on',
      log_disconnections: 'on',
      log_lock_waits: 'on',
      log_min_duration_statement: '500',
      log_temp_files: '0',
      max_connections: '420', // db-custom-2-7680 (7.5 GB): Cloud SQL's 400, plus 20 for DMS and admins
      work_mem: '32MB',
    });
  });

  it('labels the instance as the DR standby when the DR link is enabled', () => {
    expect(instanceOf(stackFor()).settings.user_labels.role).toBe('database');
    const dr = stackFor({}, { aws: { database: { enabled: true } }, dr: { enabled: true } });
    expect(instanceOf(dr).settings.user_labels.role).toBe('dr-standby');
  });

  it('publishes the outputs a human needs, none of them sensitive', () => {
    expect(Object.keys(json.output).sort()).toEqual([
      'connection_name',
      'database_name',
      'instance_name',
      'password_secret_id',
      'private_ip',
      'server_ca_cert',
      'user_name',
    ]);
    for (const output of Object.values<any>(json.output)) expect(output.sensitive).toBeUndefined();
    expect(json.output.server_ca_cert.value).toMatch(
      /^\$\{nonsensitive\(google_sql_database_instance\.[^.]+\.server_ca_cert\[0\]\.cert\)\}$/
    );
    expect(json.output.password_secret_id.value).toMatch(/^\$\{google_secret_manager_secret\.[^.]+\.id\}$/);
  });

  it('exposes the contract outputs as references to its resources', () => {
    const resolver = new DefaultTokenResolver(new StringConcat());
    const resolve = (v: unknown) => Tokenization.resolve(v, { scope: stack, preparing: false, resolver });
    const resolved = Object.fromEntries(Object.entries(stack.outputs).map(([k, v]) => [k, resolve(v)]));
    expect(resolved).toEqual({
      instanceName: expect.stringMatching(/^\$\{google_sql_database_instance\.[^.]+\.name\}$/),
      connectionName: expect.stringMatching(/^\$\{google_sql_database_instance\.[^.]+\.connection_name\}$/),
      privateIp: expect.stringMatching(/^\$\{google_sql_database_instance\.[^.]+\.private_ip_address\}$/),
      databaseName: expect.stringMatching(/^\$\{google_sql_database\.[^.]+\.name\}$/),
      secretId: expect.stringMatching(/^\$\{google_secret_manager_secret\.[^.]+\.id\}$/),
      serverCaCert: expect.stringMatching(
        /^\$\{nonsensitive\(google_sql_database_instance\.[^.]+\.server_ca_cert\[0\]\.cert\)\}$/
      ),
    });
  });

  it('never puts the password in the synthesized JSON or an output', () => {
    const passwordRefs = strings(json).filter((s) => s.value.includes('random_password.'));
    expect(passwordRefs.map((s) => s.path.replace(/\/[^/]*_[0-9A-F]{8}\//, '/<id>/')).sort()).toEqual([
      '/resource/google_secret_manager_secret_version/<id>/secret_data_wo',
      '/resource/google_sql_user/<id>/password_wo',
    ]);
    for (const ref of passwordRefs) expect(ref.value).toMatch(/^\$\{ephemeral\.random_password\.[^.]+\.result\}$/);
    for (const output of Object.values<any>(json.output))
      expect(JSON.stringify(output.value)).not.toContain('random_password');
    // only the user's password attribute carries a password, and only as that reference
    const passwordFields = strings(json).filter((s) => /\/(password|secret_data|root_password)(_wo)?$/.test(s.path));
    expect(passwordFields).toHaveLength(2);
  });

  it('never writes a password in any file of the full synth', () => {
    const outdir = Testing.fullSynth(stackFor());
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(p);
        else if (entry.name.endsWith('.json')) files.push(p);
      }
    };
    walk(outdir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      for (const s of strings(JSON.parse(fs.readFileSync(file, 'utf8')))) {
        if (/\/(password|secret_data)$/.test(s.path)) expect(s.value).toMatch(/^\$\{random_password\.[^.]+\.result\}$/);
      }
    }
  });

  it('is reported not checkable by the offline terraform check (google is not in the mirror)', () => {
    const result = validateStack(stackFor());
    expect(result.status).toBe('not checkable');
    expect(result.detail).toMatch(/not in the mirror: .*hashicorp\/google/);
  });

  it('reads the network from the network stack state and depends on that stack', () => {
    const app = Testing.app();
    const env = testEnvironment({ gcp: { database: { enabled: true } } });
    const producer = new TerraformStack(app, 'test-gcp-network');
    new GoogleProvider(producer, 'google', { project: 'acme-test-1' });
    const vpc = new ComputeNetwork(producer, 'vpc', { name: 'test-network', autoCreateSubnetworks: false });
    const network = {
      ...NETWORK,
      networkSelfLink: vpc.selfLink,
      privateServiceAccessRangeName: vpc.name,
      serviceNetworkingConnectionId: vpc.id,
    };
    const db = familyStack<GcpDatabaseStack>(gcpDatabaseFamily, env, { 'gcp-network': network }, { app });
    app.synth();
    const out = JSON.parse(
      fs.readFileSync(path.join(app.outdir, 'stacks', 'test-gcp-database', 'cdk.tf.json'), 'utf8')
    );
    expect(db.dependencies).toContain(producer);
    expect(Object.keys(out.data.terraform_remote_state)).toEqual(['cross-stack-reference-input-test-gcp-network']);
    const instance: any = Object.values(out.resource.google_sql_database_instance)[0];
    expect(instance.settings.ip_configuration.private_network).toMatch(
      /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-test-gcp-network\.outputs\./
    );
    expect(instance.lifecycle.precondition[0].condition).toMatch(
      /^\$\{\(length\(data\.terraform_remote_state\.cross-stack-reference-input-test-gcp-network\.outputs\.[^)]+\) >= 1\)\}$/
    );
  });
});

describe('gcp-database stack registration', () => {
  function stackNames(patch: Record<string, any>): string[] {
    const app = new App({ outdir: Testing.app().outdir });
    addEnvironmentStacks(app, testEnvironment(patch));
    return app.node.children.map((c) => c.node.id);
  }

  it('adds <env>-gcp-database when gcp.database.enabled', () => {
    expect(stackNames({ gcp: { database: { enabled: true } } })).toContain('test-gcp-database');
  });

  it('adds no database stack when gcp.database is disabled (the default)', () => {
    expect(stackNames({})).not.toContain('test-gcp-database');
  });
});
