import { Cloudfunctions2Function } from '@cdktf/provider-google/lib/cloudfunctions2-function';
import { CloudRunV2ServiceIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { Testing } from 'cdktf';
import { gcpFunctionsFamily } from '../../../stacks/gcp-functions/family';
import type { GcpFunctionsStack } from '../../../stacks/gcp-functions/gcp-functions-stack';
import { familyStack, testEnvironment } from '../../helpers/environment';
import { GCP_NETWORK } from '../../helpers/outputs';
import { validateStack } from '../../helpers/terraform';

const QUOTE = { source: 'apps/gcp-function', sourceExcludes: ['tests'] };

/** The stack as the app builds it, with `fns` as `gcp.functions.functions` and `section` fields beside it. */
function stackFor(fns: Record<string, any> = { quote: QUOTE }, section: Record<string, any> = {}): GcpFunctionsStack {
  const env = testEnvironment({ gcp: { functions: { functions: fns, ...section } } });
  return familyStack<GcpFunctionsStack>(gcpFunctionsFamily, env, { 'gcp-network': GCP_NETWORK });
}

const synth = (s: GcpFunctionsStack) => JSON.parse(Testing.synth(s));
const fnOf = (json: any): any => {
  const all = Object.values(json.resource.google_cloudfunctions2_function);
  expect(all).toHaveLength(1);
  return all[0];
};

describe('GcpFunctionsStack', () => {
  const stack = stackFor();
  const text = Testing.synth(stack);
  const json = JSON.parse(text);
  const fn = fnOf(json);

  it('configures the google provider and keeps its state in the environment bucket', () => {
    expect(text).toHaveProviderWithProperties(GoogleProvider, { project: 'acme-test-1', region: 'europe-west1' });
    expect(json.terraform.backend.s3).toMatchObject({ bucket: 'acme-tfstate-test', key: 'test/test-gcp-functions.tfstate' });
  });

  it('enables the APIs a 2nd-gen function needs, left on when destroyed', () => {
    for (const api of ['cloudfunctions.googleapis.com', 'cloudbuild.googleapis.com', 'run.googleapis.com', 'artifactregistry.googleapis.com', 'eventarc.googleapis.com']) {
      expect(text).toHaveResourceWithProperties(ProjectService, { service: api, disable_on_destroy: false });
    }
    expect(fn.depends_on).toEqual(expect.arrayContaining(['google_project_service.api-cloudfunctions', 'google_project_service.api-cloudbuild']));
  });

  it('keeps every source zip in one private, versioned bucket per environment', () => {
    expect(Object.keys(json.resource.google_storage_bucket)).toEqual(['source-bucket']);
    expect(text).toHaveResourceWithProperties(StorageBucket, {
      name: 'acme-test-1-test-fn-source',
      location: 'europe-west1',
      uniform_bucket_level_access: true,
      public_access_prevention: 'enforced',
      versioning: { enabled: true },
      force_destroy: false,
      lifecycle_rule: [
        { action: { type: 'Delete' }, condition: { days_since_noncurrent_time: 30, with_state: 'ARCHIVED' } },
        { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 1 } },
      ],
    });
    expect(fn.build_config.source.storage_source.bucket).toBe('${google_storage_bucket.source-bucket.name}');
  });

  it('uploads the folder (without tests) as a zip named by its content hash, the same bytes on every synth', () => {
    const object: any = Object.values(json.resource.google_storage_bucket_object)[0];
    expect(object.name).toMatch(/^quote\/source-[0-9a-f]{64}\.zip$/);
    const again: any = Object.values(synth(stackFor()).resource.google_storage_bucket_object)[0];
    expect(again.name).toBe(object.name);
    const withTests: any = Object.values(synth(stackFor({ quote: { source: 'apps/gcp-function' } })).resource.google_storage_bucket_object)[0];
    expect(withTests.name).not.toBe(object.name);
  });

  it('builds python313 from the handler entry point, as a build account of its own', () => {
    expect(fn.build_config).toMatchObject({ runtime: 'python313', entry_point: 'handler', service_account: expect.stringMatching(/^\$\{google_service_account\.function-quote_build-account_[^.]+\.name\}$/) });
  });

  it('is private by default: its own account, internal-only ingress, no invoker', () => {
    expect(fn.service_config).toMatchObject({
      service_account_email: expect.stringMatching(/^\$\{google_service_account\.function-quote_service-account_[^.]+\.email\}$/),
      ingress_settings: 'ALLOW_INTERNAL_ONLY',
      all_traffic_on_latest_revision: true,
      available_memory: '256Mi',
      timeout_seconds: 60,
      min_instance_count: 0,
      max_instance_count: 10,
      max_instance_request_concurrency: 1,
    });
    expect(json.resource.google_cloud_run_v2_service_iam_member).toBeUndefined();
    expect(fn.event_trigger).toBeUndefined();
  });

  it('has no VPC egress without a connector (the egress setting needs one)', () => {
    // vpc_connector_egress_settings applies only with vpc_connector.
    // @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/cloudfunctions2_function#vpc_connector_egress_settings
    expect(fn.service_config.vpc_connector).toBeUndefined();
    expect(fn.service_config.vpc_connector_egress_settings).toBeUndefined();
    expect(json.resource.google_vpc_access_connector).toBeUndefined();
  });

  describe('with a VPC connector', () => {
    const j = synth(stackFor(undefined, { vpcConnector: { cidr: '10.1.32.0/28' } }));

    it('creates the connector on the network from its /28, sized by instances', () => {
      const connector: any = Object.values(j.resource.google_vpc_access_connector)[0];
      expect(connector).toMatchObject({
        name: 'test-functions',
        region: 'europe-west1',
        network: GCP_NETWORK.networkName,
        ip_cidr_range: '10.1.32.0/28',
        machine_type: 'e2-micro',
        min_instances: 2,
        max_instances: 3,
      });
      // ip_cidr_range + network and subnet are exclusive; instances and throughput are exclusive.
      // @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/vpc_access_connector
      expect(connector.subnet).toBeUndefined();
      expect(connector.min_throughput).toBeUndefined();
      expect(connector.max_throughput).toBeUndefined();
    });

    it('sends private ranges through it', () => {
      expect(fnOf(j).service_config).toMatchObject({
        vpc_connector: '${google_vpc_access_connector.vpc-connector.id}',
        vpc_connector_egress_settings: 'PRIVATE_RANGES_ONLY',
      });
    });
  });

  it('reads secrets from Secret Manager with access to exactly those secrets', () => {
    const j = synth(stackFor({ quote: { ...QUOTE, secrets: { DB_PASSWORD: 'test-postgres-app-password' } } }));
    expect(fnOf(j).service_config.secret_environment_variables).toEqual([
      { key: 'DB_PASSWORD', project_id: 'acme-test-1', secret: 'test-postgres-app-password', version: 'latest' },
    ]);
    const grants = Object.values<any>(j.resource.google_secret_manager_secret_iam_member);
    expect(grants.map((g) => [g.secret_id, g.role])).toEqual([['test-postgres-app-password', 'roles/secretmanager.secretAccessor']]);
  });

  it('passes plain variables from the config', () => {
    const j = synth(stackFor({ quote: { ...QUOTE, env: { APP_VERSION: '1.0.0' } } }));
    expect(fnOf(j).service_config.environment_variables).toEqual({ APP_VERSION: '1.0.0' });
  });

  it('starts a pubsub function from a topic id through Eventarc, with retries and its own trigger account', () => {
    const text2 = Testing.synth(stackFor({ worker: { ...QUOTE, trigger: 'pubsub', topic: 'projects/acme-test-1/topics/orders' } }));
    const f = fnOf(JSON.parse(text2));
    expect(f.event_trigger).toMatchObject({
      event_type: 'google.cloud.pubsub.topic.v1.messagePublished',
      pubsub_topic: 'projects/acme-test-1/topics/orders',
      retry_policy: 'RETRY_POLICY_RETRY',
      trigger_region: 'europe-west1',
      service_account_email: expect.stringMatching(/^\$\{google_service_account\.function-worker_trigger-account_[^.]+\.email\}$/),
    });
    expect(text2).toHaveResourceWithProperties(CloudRunV2ServiceIamMember, { role: 'roles/run.invoker' });
    expect(text2).not.toHaveResourceWithProperties(CloudRunV2ServiceIamMember, { member: 'allUsers' });
  });

  it('gives invokers roles/run.invoker on the function', () => {
    const text2 = Testing.synth(stackFor({ quote: { ...QUOTE, invokers: ['serviceAccount:caller@acme-test-1.iam.gserviceaccount.com'] } }));
    expect(text2).toHaveResourceWithProperties(CloudRunV2ServiceIamMember, {
      role: 'roles/run.invoker',
      member: 'serviceAccount:caller@acme-test-1.iam.gserviceaccount.com',
    });
  });

  it('keys resources by function name: removing one renames none of the others', () => {
    const both = Object.keys(synth(stackFor({ alpha: QUOTE, beta: QUOTE })).resource.google_cloudfunctions2_function);
    const onlyBeta = Object.keys(synth(stackFor({ beta: QUOTE })).resource.google_cloudfunctions2_function);
    expect(both).toContain(onlyBeta[0]);
    expect(text).toHaveResource(Cloudfunctions2Function);
  });

  it('publishes the function URLs, accounts and the source bucket', () => {
    expect(Object.keys(json.output).sort()).toEqual(['function_urls', 'service_account_emails', 'source_bucket']);
    expect(json.output.function_urls.value).toEqual({ quote: expect.stringMatching(/^\$\{google_cloudfunctions2_function\.[^.]+\.url\}$/) });
  });

  it('is reported not checkable by the offline terraform check (google is not in the mirror)', () => {
    const result = validateStack(stack);
    expect(result.status).toBe('not checkable');
    expect(result.detail).toMatch(/not in the mirror: .*hashicorp\/google/);
  });
});
