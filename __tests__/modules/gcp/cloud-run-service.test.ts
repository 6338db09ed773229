import { CloudRunV2Service } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import { CloudRunV2ServiceIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { SecretManagerSecretIamMember } from '@cdktf/provider-google/lib/secret-manager-secret-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { Testing } from 'cdktf';
import {
  CloudRunService,
  type CloudRunServiceProps,
  cloudRunCpuMemoryProblem,
} from '../../../modules/gcp/cloud-run-service';

const IMAGE = 'europe-west1-docker.pkg.dev/acme-test-1/apps/api:1.0.0';
const SUBNET = 'projects/acme-test-1/regions/europe-west1/subnetworks/serverless';

const BASE: CloudRunServiceProps = {
  project: 'acme-test-1',
  region: 'europe-west1',
  serviceName: 'api',
  image: IMAGE,
  vpcSubnetwork: SUBNET,
};

function synth(patch: Partial<CloudRunServiceProps> = {}): string {
  return Testing.synthScope((scope) => {
    new CloudRunService(scope, 'run', { ...BASE, ...patch });
  });
}

function resources(json: string, type: string): any[] {
  return Object.values(JSON.parse(json).resource?.[type] ?? {});
}

function service(json: string): any {
  const all = resources(json, 'google_cloud_run_v2_service');
  expect(all).toHaveLength(1);
  return all[0];
}

function build(patch: Partial<CloudRunServiceProps>): () => void {
  return () => synth(patch);
}

describe('CloudRunService', () => {
  describe('secure defaults', () => {
    const json = synth();

    it('runs as a service account created for it, never the default compute account', () => {
      expect(json).toHaveResourceWithProperties(ServiceAccount, { account_id: 'api-run', project: 'acme-test-1' });
      expect(service(json).template.service_account).toMatch(
        /^\$\{google_service_account\.run_service-account_[A-Z0-9]+\.email\}$/
      );
      expect(json).not.toContain('-compute@developer.gserviceaccount.com');
    });

    it('grants the account no project role when none is asked for', () => {
      expect(resources(json, 'google_project_iam_member')).toHaveLength(0);
    });

    it('accepts traffic from internal load balancers only', () => {
      expect(json).toHaveResourceWithProperties(CloudRunV2Service, {
        ingress: 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER',
      });
    });

    it('has no public invoker and no invoker at all by default', () => {
      expect(resources(json, 'google_cloud_run_v2_service_iam_member')).toHaveLength(0);
      expect(json).not.toContain('allUsers');
    });

    // Exact match: network_interfaces, never the conflicting Serverless VPC Access connector.
    // @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/cloud_run_v2_service#nested_vpc_access
    it('sends private ranges through Direct VPC egress in the given subnetwork', () => {
      expect(service(json).template.vpc_access).toEqual({
        egress: 'PRIVATE_RANGES_ONLY',
        network_interfaces: [{ subnetwork: SUBNET }],
      });
    });

    it('uses the second-generation execution environment', () => {
      expect(service(json).template.execution_environment).toBe('EXECUTION_ENVIRONMENT_GEN2');
    });

    it('is protected from deletion', () => {
      expect(json).toHaveResourceWithProperties(CloudRunV2Service, { deletion_protection: true });
    });

    // cpu_idle must be explicit once resources are set, or billing silently becomes instance-based.
    // @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/cloud_run_v2_service#cpu_idle
    it('sizes 1 CPU / 512Mi, 0-10 instances, 80 requests each, 300 s timeout, request-based billing', () => {
      const t = service(json).template;
      expect(t.scaling).toEqual({ min_instance_count: 0, max_instance_count: 10 });
      expect(t.max_instance_request_concurrency).toBe(80);
      expect(t.timeout).toBe('300s');
      expect(t.containers[0].resources).toEqual({
        limits: { cpu: '1', memory: '512Mi' },
        cpu_idle: true,
        startup_cpu_boost: true,
      });
    });

    it('probes startup over TCP on the container port', () => {
      expect(service(json).template.containers[0].startup_probe).toEqual({
        tcp_socket: { port: 8080 },
        period_seconds: 5,
        timeout_seconds: 2,
        failure_threshold: 24,
      });
      expect(service(json).template.containers[0].liveness_probe).toBeUndefined();
    });
  });

  describe('the seeds example', () => {
    const json = synth({
      cpu: '2',
      memory: '512Mi',
      minInstances: 0,
      maxInstances: 100,
      timeoutSeconds: 30,
      env: { APP_ENV: 'prod', LOG_LEVEL: 'info' },
    });

    it('runs 2 CPU / 512 Mi, 0-100 instances, 30 s timeout with env vars', () => {
      const t = service(json).template;
      expect(t.scaling).toEqual({ min_instance_count: 0, max_instance_count: 100 });
      expect(t.timeout).toBe('30s');
      expect(t.containers[0].resources.limits).toEqual({ cpu: '2', memory: '512Mi' });
      expect(t.containers[0].env).toEqual([
        { name: 'APP_ENV', value: 'prod' },
        { name: 'LOG_LEVEL', value: 'info' },
      ]);
    });
  });

  describe('access', () => {
    it('adds the allUsers invoker only with public: true', () => {
      const json = synth({ public: true });
      expect(json).toHaveResourceWithProperties(CloudRunV2ServiceIamMember, {
        role: 'roles/run.invoker',
        member: 'allUsers',
      });
    });

    it('grants invokers keyed by member, so removing one does not rename the others', () => {
      const json = synth({
        invokers: ['serviceAccount:caller@acme-test-1.iam.gserviceaccount.com', 'group:ops@example.com'],
      });
      const ids = Object.keys(JSON.parse(json).resource.google_cloud_run_v2_service_iam_member);
      expect(ids.some((i) => i.includes('invoker-serviceaccount-caller-acme-test-1-iam-gserviceaccount-com'))).toBe(
        true
      );
      expect(ids.some((i) => i.includes('invoker-group-ops-example-com'))).toBe(true);
      const fewer = Object.keys(
        JSON.parse(synth({ invokers: ['group:ops@example.com'] })).resource.google_cloud_run_v2_service_iam_member
      );
      expect(fewer).toEqual(ids.filter((i) => i.includes('group-ops')));
    });

    it('grants exactly the given project roles, keyed by role', () => {
      const json = synth({ projectRoles: ['roles/pubsub.publisher'] });
      expect(resources(json, 'google_project_iam_member').map((r) => r.role)).toEqual(['roles/pubsub.publisher']);
    });
  });

  describe('secrets', () => {
    const json = synth({
      secretEnv: {
        DB_PASSWORD: { secret: 'projects/acme-test-1/secrets/db-password', version: '3' },
        API_KEY: { secret: 'api-key', version: 'latest' },
      },
    });

    it('references secret versions, never values', () => {
      expect(service(json).template.containers[0].env).toEqual([
        {
          name: 'DB_PASSWORD',
          value_source: { secret_key_ref: { secret: 'projects/acme-test-1/secrets/db-password', version: '3' } },
        },
        { name: 'API_KEY', value_source: { secret_key_ref: { secret: 'api-key', version: 'latest' } } },
      ]);
    });

    it('grants secretAccessor on exactly those secrets', () => {
      const grants = resources(json, 'google_secret_manager_secret_iam_member');
      expect(grants.map((g) => [g.project, g.secret_id, g.role]).sort()).toEqual([
        ['acme-test-1', 'api-key', 'roles/secretmanager.secretAccessor'],
        ['acme-test-1', 'db-password', 'roles/secretmanager.secretAccessor'],
      ]);
      expect(json).toHaveResourceWithProperties(SecretManagerSecretIamMember, { secret_id: 'db-password' });
      expect(json).not.toContain('roles/secretmanager.admin');
    });
  });

  describe('Cloud SQL grant', () => {
    const json = synth({ cloudSql: { connectionName: 'acme-test-1:europe-west1:test-postgres' } });

    it('gives the account cloudsql.client and instanceUser', () => {
      expect(json).toHaveResourceWithProperties(ProjectIamMember, { role: 'roles/cloudsql.client' });
      expect(json).toHaveResourceWithProperties(ProjectIamMember, { role: 'roles/cloudsql.instanceUser' });
    });

    it('mounts the instance connection at /cloudsql', () => {
      const t = service(json).template;
      expect(t.volumes).toEqual([
        { name: 'cloudsql', cloud_sql_instance: { instances: ['acme-test-1:europe-west1:test-postgres'] } },
      ]);
      expect(t.containers[0].volume_mounts).toEqual([{ name: 'cloudsql', mount_path: '/cloudsql' }]);
    });
  });

  it('adds HTTP startup and liveness probes on the given paths', () => {
    const c = service(synth({ startupProbePath: '/ready', livenessProbePath: '/healthz' })).template.containers[0];
    expect(c.startup_probe.http_get).toEqual({ path: '/ready', port: 8080 });
    expect(c.liveness_probe.http_get).toEqual({ path: '/healthz', port: 8080 });
  });

  it('omits vpc_access without a subnetwork', () => {
    expect(service(synth({ vpcSubnetwork: undefined })).template.vpc_access).toBeUndefined();
  });

  describe('cloudRunCpuMemoryProblem', () => {
    it.each([
      ['1', '512Mi'],
      ['2', '512Mi'],
      ['2', '8Gi'],
      ['4', '2Gi'],
      ['4', '16Gi'],
      ['6', '4Gi'],
      ['8', '32Gi'],
    ])('allows cpu %s with memory %s', (cpu, memory) => {
      expect(cloudRunCpuMemoryProblem(cpu, memory)).toBeUndefined();
    });

    it.each([
      ['3', '2Gi', /cpu "3" is not allowed; use 1, 2, 4, 6, 8/],
      ['4', '1Gi', /4 CPU needs at least 2Gi/],
      ['8', '2Gi', /8 CPU needs at least 4Gi/],
      ['1', '8Gi', /needs at least 2 CPU/],
      ['2', '12Gi', /needs at least 4 CPU/],
      ['1', '256Mi', /out of range; use 512Mi to 32Gi/],
      ['8', '64Gi', /out of range/],
      ['1', 'lots', /not a size/],
    ])('rejects cpu %s with memory %s', (cpu, memory, pattern) => {
      expect(cloudRunCpuMemoryProblem(cpu, memory)).toMatch(pattern);
    });

    it('allows 256Mi in the first generation', () => {
      expect(cloudRunCpuMemoryProblem('1', '256Mi', 'EXECUTION_ENVIRONMENT_GEN1')).toBeUndefined();
    });
  });

  describe('rejects bad input', () => {
    it.each<[string, Partial<CloudRunServiceProps>, RegExp]>([
      ['an invalid CPU/memory pair', { cpu: '4', memory: '512Mi' }, /prop memory .*4 CPU needs at least 2Gi/],
      ['an unknown CPU', { cpu: '3' }, /prop cpu .*use 1, 2, 4, 6, 8/],
      ['min > max instances', { minInstances: 5, maxInstances: 2 }, /prop minInstances .*use min <= max/],
      ['too many instances', { maxInstances: 5000 }, /prop maxInstances .*use 1-1000/],
      ['a zero timeout', { timeoutSeconds: 0 }, /prop timeoutSeconds 0 .*use 1-3600 seconds/],
      ['a timeout over an hour', { timeoutSeconds: 3601 }, /prop timeoutSeconds 3601 .*use 1-3600 seconds/],
      ['concurrency 0', { concurrency: 0 }, /prop concurrency 0 .*use 1-1000/],
      [
        'fractional CPU with concurrency',
        { cpu: '0.5', concurrency: 10 },
        /prop concurrency 10 must be 1 with cpu "0.5"/,
      ],
      [
        'fractional CPU on gen2',
        { cpu: '0.5', concurrency: 1 },
        /prop executionEnvironment .*must be EXECUTION_ENVIRONMENT_GEN1/,
      ],
      [
        'public ingress without public',
        { ingress: 'INGRESS_TRAFFIC_ALL' },
        /prop ingress "INGRESS_TRAFFIC_ALL" .*set public: true/,
      ],
      [
        'an unknown ingress',
        { ingress: 'EVERYONE' as any },
        /prop ingress "EVERYONE" .*INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER/,
      ],
      ['allUsers as an invoker', { invokers: ['allUsers'] }, /prop invokers "allUsers" .*set public: true/],
      [
        'an invoker without a type',
        { invokers: ['ops@example.com'] },
        /prop invokers .*use "user:", "serviceAccount:"/,
      ],
      ['an image outside Artifact Registry', { image: 'nginx:latest' }, /prop image "nginx:latest" .*docker.pkg.dev/],
      ['a basic role', { projectRoles: ['roles/editor'] }, /prop projectRoles "roles\/editor" .*basic role/],
      ['an upper-case service name', { serviceName: 'Api' }, /prop serviceName "Api" .*lower-case/],
      ['a long service account id', { serviceAccountId: 'x'.repeat(31) }, /prop serviceAccountId .*6-30/],
      [
        'a secret with a bad version',
        { secretEnv: { A: { secret: 'a', version: 'v1' } } },
        /prop secretEnv.A .*version number/,
      ],
      ['a reserved env var', { env: { PORT: '80' } }, /prop env.PORT .*set by Cloud Run/],
      [
        'egress without a subnetwork',
        { vpcSubnetwork: undefined, vpcEgress: 'ALL_TRAFFIC' },
        /prop vpcSubnetwork .*is required/,
      ],
      [
        'a bad Cloud SQL connection name',
        { cloudSql: { connectionName: 'test-postgres' } },
        /prop cloudSql.connectionName .*<project>:<region>:<instance>/,
      ],
      ['a probe path without a slash', { livenessProbePath: 'healthz' }, /prop livenessProbePath .*starting with "\/"/],
    ])('rejects %s', (_name, patch, pattern) => {
      expect(build(patch)).toThrow(pattern);
    });
  });
});
