import { ArtifactRegistryRepository } from '@cdktf/provider-google/lib/artifact-registry-repository';
import { CloudRunV2Service } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import { CloudRunV2ServiceIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
import { ComputeBackendService } from '@cdktf/provider-google/lib/compute-backend-service';
import { ComputeSecurityPolicy } from '@cdktf/provider-google/lib/compute-security-policy';
import { ComputeSslPolicy } from '@cdktf/provider-google/lib/compute-ssl-policy';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { SecretManagerSecretIamMember } from '@cdktf/provider-google/lib/secret-manager-secret-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { Testing } from 'cdktf';
import { gcpRunFamily } from '../../../stacks/gcp-run/family';
import type { GcpRunStack } from '../../../stacks/gcp-run/gcp-run-stack';
import { familyStack, testEnvironment } from '../../helpers/environment';
import { GCP_DATABASE, GCP_NETWORK } from '../../helpers/outputs';
import { validateStack } from '../../helpers/terraform';
import { onlyResource as only } from '../../helpers/resources';

/** The stack as the app builds it, with `services` as `gcp.run.services` (and `patch` merged into the file). */
function stackFor(services: Record<string, any> = { api: { image: 'api:1.0.0' } }, patch: Record<string, any> = {}): GcpRunStack {
  const env = testEnvironment({ ...patch, gcp: { ...patch.gcp, run: { ...patch.gcp?.run, services } } });
  return familyStack<GcpRunStack>(gcpRunFamily, env, { 'gcp-network': GCP_NETWORK, 'gcp-database': GCP_DATABASE });
}

const synth = (s: GcpRunStack) => JSON.parse(Testing.synth(s));

describe('GcpRunStack', () => {
  const stack = stackFor();
  const text = Testing.synth(stack);
  const json = JSON.parse(text);
  const service = only(json, 'google_cloud_run_v2_service');

  it('configures the google provider for the project and region, and keeps its state in the environment bucket', () => {
    expect(text).toHaveProviderWithProperties(GoogleProvider, { project: 'acme-test-1', region: 'europe-west1' });
    expect(json.terraform.backend.s3).toMatchObject({ bucket: 'acme-tfstate-test', key: 'test/test-gcp-run.tfstate', encrypt: true });
  });

  it('enables the APIs it uses and leaves them on when destroyed', () => {
    for (const api of ['run.googleapis.com', 'artifactregistry.googleapis.com', 'secretmanager.googleapis.com']) {
      expect(text).toHaveResourceWithProperties(ProjectService, { service: api, disable_on_destroy: false });
    }
    expect(service.depends_on).toEqual(expect.arrayContaining(['google_project_service.api-run']));
  });

  it('creates the environment repository with immutable tags, vulnerability scanning and cleanup policies', () => {
    expect(text).toHaveResourceWithProperties(ArtifactRegistryRepository, {
      repository_id: 'test-containers',
      location: 'europe-west1',
      format: 'DOCKER',
      docker_config: { immutable_tags: true },
      vulnerability_scanning_config: { enablement_config: 'INHERITED' },
      cleanup_policy_dry_run: false,
      cleanup_policies: [
        { id: 'keep-recent', action: 'KEEP', most_recent_versions: { keep_count: 10 } },
        { id: 'delete-untagged', action: 'DELETE', condition: { tag_state: 'UNTAGGED', older_than: '604800s' } },
      ],
    });
    expect(text).toHaveResourceWithProperties(ProjectService, { service: 'containerscanning.googleapis.com' });
  });

  it('runs the image of the environment repository, gen2, with its own service account', () => {
    expect(service.template.containers[0].image).toBe('europe-west1-docker.pkg.dev/acme-test-1/test-containers/api:1.0.0');
    expect(text).toHaveResourceWithProperties(CloudRunV2Service, { name: 'api', location: 'europe-west1', project: 'acme-test-1' });
    expect(service.template.execution_environment).toBe('EXECUTION_ENVIRONMENT_GEN2');
    expect(service.template.service_account).toMatch(/^\$\{google_service_account\.[^.]+\.email\}$/);
    expect(text).toHaveResourceWithProperties(ServiceAccount, { account_id: 'api-run' });
  });

  it('is private by default: internal load balancer ingress, no public invoker, no project roles', () => {
    expect(service.ingress).toBe('INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER');
    expect(json.resource.google_cloud_run_v2_service_iam_member).toBeUndefined();
    expect(json.resource.google_project_iam_member).toBeUndefined();
  });

  it('egresses private ranges through the first subnet of the network (Direct VPC egress, not a connector)', () => {
    // vpc_access.connector and vpc_access.network_interfaces are mutually exclusive.
    // @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/cloud_run_v2_service#vpc_access
    expect(service.template.vpc_access).toEqual({
      egress: 'PRIVATE_RANGES_ONLY',
      network_interfaces: [{ network: GCP_NETWORK.networkId, subnetwork: GCP_NETWORK.subnetIds.main }],
    });
  });

  it('sizes the service from the config (seed: 2 CPU / 512Mi, 0-100 instances, 30 s)', () => {
    const s = only(synth(stackFor({ api: { image: 'api:2', cpu: 2, memory: '512Mi', maxInstances: 100, timeoutSeconds: 30, concurrency: 50 } })), 'google_cloud_run_v2_service');
    expect(s.template.containers[0].resources).toEqual({ limits: { cpu: '2', memory: '512Mi' }, cpu_idle: true, startup_cpu_boost: true });
    expect(s.template.scaling).toEqual({ min_instance_count: 0, max_instance_count: 100 });
    expect(s.template.timeout).toBe('30s');
    expect(s.template.max_instance_request_concurrency).toBe(50);
  });

  it('is deletion-protected unless the environment turns it off', () => {
    expect(service.deletion_protection).toBe(true);
    const dev = only(synth(stackFor(undefined, { gcp: { run: { deletionProtection: false } } })), 'google_cloud_run_v2_service');
    expect(dev.deletion_protection).toBe(false);
  });

  it('reads secrets from Secret Manager and may read exactly those secrets', () => {
    const secretStack = stackFor({ api: { image: 'api:1', secrets: { DB_PASSWORD: 'test-postgres-app-password', KEY: { secret: 'projects/other-proj/secrets/key', version: 3 } } } });
    expect(Testing.synth(secretStack)).toHaveResourceWithProperties(SecretManagerSecretIamMember, { secret_id: 'key', project: 'other-proj' });
    const j = synth(secretStack);
    const s = only(j, 'google_cloud_run_v2_service');
    expect(s.template.containers[0].env).toEqual([
      { name: 'DB_PASSWORD', value_source: { secret_key_ref: { secret: 'test-postgres-app-password', version: 'latest' } } },
      { name: 'KEY', value_source: { secret_key_ref: { secret: 'projects/other-proj/secrets/key', version: '3' } } },
    ]);
    const grants = Object.values<any>(j.resource.google_secret_manager_secret_iam_member);
    expect(grants.map((g) => [g.project, g.secret_id, g.role, g.member]).sort()).toEqual([
      ['acme-test-1', 'test-postgres-app-password', 'roles/secretmanager.secretAccessor', expect.stringMatching(/google_service_account\./)],
      ['other-proj', 'key', 'roles/secretmanager.secretAccessor', expect.stringMatching(/google_service_account\./)],
    ]);
    expect(JSON.stringify(j)).not.toMatch(/hunter2/);
  });

  it('grants Cloud SQL access with the instance connection name of the database stack', () => {
    const text2 = Testing.synth(stackFor({ api: { image: 'api:1', cloudSql: true } }, { gcp: { database: { enabled: true } } }));
    const s = only(JSON.parse(text2), 'google_cloud_run_v2_service');
    expect(text2).toHaveResourceWithProperties(ProjectIamMember, { role: 'roles/cloudsql.client', project: 'acme-test-1' });
    expect(text2).toHaveResourceWithProperties(ProjectIamMember, { role: 'roles/cloudsql.instanceUser' });
    expect(s.template.volumes).toEqual([{ name: 'cloudsql', cloud_sql_instance: { instances: [GCP_DATABASE.connectionName] } }]);
    expect(s.template.containers[0].volume_mounts).toEqual([{ name: 'cloudsql', mount_path: '/cloudsql' }]);
  });

  it('gives invokers roles/run.invoker, keyed by member', () => {
    const text2 = Testing.synth(stackFor({ api: { image: 'api:1', invokers: ['group:ops@example.com'] } }));
    expect(text2).toHaveResourceWithProperties(CloudRunV2ServiceIamMember, { role: 'roles/run.invoker', member: 'group:ops@example.com' });
    expect(text2).not.toHaveResourceWithProperties(CloudRunV2ServiceIamMember, { member: 'allUsers' });
    expect(Object.keys(JSON.parse(text2).resource.google_cloud_run_v2_service_iam_member)[0]).toMatch(/invoker-group-ops-example-com/);
  });

  it('creates no load balancer for a private service', () => {
    expect(json.resource.google_compute_security_policy).toBeUndefined();
    expect(json.resource.google_compute_global_forwarding_rule).toBeUndefined();
  });

  describe('a public service with domains', () => {
    const lbText = Testing.synth(stackFor({ web: { image: 'web:1', public: true, domains: ['www.example.com'] } }));
    const lb = JSON.parse(lbText);

    it('keeps ingress internal + load balancer and lets allUsers invoke it', () => {
      expect(only(lb, 'google_cloud_run_v2_service').ingress).toBe('INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER');
      expect(lbText).toHaveResourceWithProperties(CloudRunV2ServiceIamMember, { role: 'roles/run.invoker', member: 'allUsers' });
    });

    it('puts Cloud Armor (OWASP rules, rate limit, adaptive protection) on the backend', () => {
      const policy = only(lb, 'google_compute_security_policy');
      expect(policy.name).toBe('test-web-armor');
      expect(policy.adaptive_protection_config).toEqual({ layer_7_ddos_defense_config: { enable: true } });
      expect(policy.rule.map((r: any) => r.priority)).toEqual([900, 1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 2147483647]);
      // The throttle action requires rate_limit_options.
      // @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/compute_security_policy#rate_limit_options
      const throttle = policy.rule.find((r: any) => r.action === 'throttle');
      expect(throttle.rate_limit_options).toMatchObject({ exceed_action: 'deny(429)', rate_limit_threshold: { count: 600, interval_sec: 60 } });
      expect(lbText).toHaveResourceWithProperties(ComputeBackendService, {
        load_balancing_scheme: 'EXTERNAL_MANAGED',
        security_policy: expect.stringMatching(/^\$\{google_compute_security_policy\.[^.]+\.id\}$/),
        log_config: { enable: true, sample_rate: 1 },
      });
      expect(lbText).toHaveResource(ComputeSecurityPolicy);
    });

    it('gives the serverless NEG backend no health check, port name or timeout (the provider refuses them)', () => {
      // @see https://cloud.google.com/load-balancing/docs/negs/serverless-neg-concepts#limitations
      const backend = only(lb, 'google_compute_backend_service');
      expect(backend.health_checks).toBeUndefined();
      expect(backend.port_name).toBeUndefined();
      expect(backend.timeout_sec).toBeUndefined();
    });

    it('serves TLS 1.2+ with a managed certificate for the domains and redirects HTTP', () => {
      expect(lbText).toHaveResourceWithProperties(ComputeSslPolicy, { profile: 'MODERN', min_tls_version: 'TLS_1_2' });
      expect(only(lb, 'google_compute_managed_ssl_certificate').managed).toEqual({ domains: ['www.example.com'] });
      // default_url_redirect and default_service are mutually exclusive on a URL map.
      // @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/compute_url_map#default_url_redirect
      const maps = Object.values<any>(lb.resource.google_compute_url_map);
      const redirect = maps.find((m) => m.default_url_redirect);
      expect(redirect.default_url_redirect.https_redirect).toBe(true);
      expect(redirect.default_service).toBeUndefined();
      expect(maps.find((m) => m.default_service).default_url_redirect).toBeUndefined();
      expect(Object.values<any>(lb.resource.google_compute_global_forwarding_rule).map((r) => r.port_range).sort()).toEqual(['443', '80']);
    });

    it('publishes the load balancer IP', () => {
      expect(lb.output.load_balancer_ips.value).toEqual({ web: expect.stringMatching(/^\$\{google_compute_global_address\.[^.]+\.address\}$/) });
    });
  });

  it('keys resources by service name: removing one service renames none of the others', () => {
    const both = Object.keys(synth(stackFor({ alpha: { image: 'a:1' }, beta: { image: 'b:1' } })).resource.google_cloud_run_v2_service);
    const onlyB = Object.keys(synth(stackFor({ beta: { image: 'b:1' } })).resource.google_cloud_run_v2_service);
    expect(both).toContain(onlyB[0]);
  });

  it('publishes the repository URL, service URLs and accounts', () => {
    expect(Object.keys(json.output).sort()).toEqual(['load_balancer_ips', 'repository_url', 'service_account_emails', 'service_urls']);
    expect(json.output.repository_url.value).toBe('europe-west1-docker.pkg.dev/acme-test-1/test-containers');
    expect(json.output.service_urls.value).toEqual({ api: expect.stringMatching(/^\$\{google_cloud_run_v2_service\.[^.]+\.uri\}$/) });
    expect(json.output.service_account_emails.value).toEqual({ api: expect.stringMatching(/^\$\{google_service_account\.[^.]+\.email\}$/) });
  });

  it('is reported not checkable by the offline terraform check (google is not in the mirror)', () => {
    const result = validateStack(stack);
    expect(result.status).toBe('not checkable');
    expect(result.detail).toMatch(/not in the mirror: .*hashicorp\/google/);
  });
});
