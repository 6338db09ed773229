import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Cloudfunctions2Function } from '@cdktf/provider-google/lib/cloudfunctions2-function';
import { CloudRunV2ServiceIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { StorageBucketObject } from '@cdktf/provider-google/lib/storage-bucket-object';
import { TerraformStack, Testing } from 'cdktf';
import { CLOUD_FUNCTION_RUNTIMES, CloudFunction, type CloudFunctionProps } from '../../../modules/gcp/cloud-function';

const APP = path.join(__dirname, '../../../apps/gcp-function');
const TOPIC = 'projects/acme-test-1/topics/orders';

const BASE: CloudFunctionProps = {
  project: 'acme-test-1',
  region: 'europe-west1',
  functionName: 'quote',
  sourceFolder: APP,
  sourceExcludes: ['tests'],
};

function synth(patch: Partial<CloudFunctionProps> = {}): string {
  return Testing.synthScope((scope) => {
    new CloudFunction(scope, 'fn', { ...BASE, ...patch });
  });
}

function resources(json: string, type: string): any[] {
  return Object.values(JSON.parse(json).resource?.[type] ?? {});
}

function fn(json: string): any {
  const all = resources(json, 'google_cloudfunctions2_function');
  expect(all).toHaveLength(1);
  return all[0];
}

describe('CloudFunction', () => {
  describe('secure defaults', () => {
    const json = synth();

    it('builds python313 from the zip in the source bucket, entry point handler', () => {
      expect(fn(json).build_config).toEqual({
        runtime: 'python313',
        entry_point: 'handler',
        service_account: expect.stringMatching(/^\$\{google_service_account\.fn_build-account_[A-Z0-9]+\.name\}$/),
        source: {
          storage_source: {
            bucket: expect.stringMatching(/^\$\{google_storage_bucket\.fn_source-bucket_[A-Z0-9]+\.name\}$/),
            object: expect.stringMatching(/^\$\{google_storage_bucket_object\.fn_source-object_[A-Z0-9]+\.name\}$/),
          },
        },
      });
    });

    it('names the source object by the zip hash', () => {
      const object = resources(json, 'google_storage_bucket_object')[0];
      expect(object.name).toMatch(/^quote\/source-[0-9a-f]{64}\.zip$/);
      expect(object.content_type).toBe('application/zip');
    });

    it('leaves the excluded tests folder out of the zip', () => {
      // Same source without the tests folder -> same hash.
      const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'gcp-fn-'));
      for (const f of ['main.py', 'quote.py', 'requirements.txt'])
        fs.copyFileSync(path.join(APP, f), path.join(copy, f));
      const other = synth({ sourceFolder: copy, sourceExcludes: [] });
      expect(resources(other, 'google_storage_bucket_object')[0].name).toBe(
        resources(json, 'google_storage_bucket_object')[0].name
      );
    });

    it('creates a private, versioned source bucket with a lifecycle', () => {
      expect(json).toHaveResourceWithProperties(StorageBucket, {
        name: 'acme-test-1-gcf-source-quote',
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
    });

    it('runs as its own service account with internal ingress only', () => {
      expect(json).toHaveResourceWithProperties(ServiceAccount, { account_id: 'quote-fn' });
      const sc = fn(json).service_config;
      expect(sc.service_account_email).toMatch(/^\$\{google_service_account\.fn_service-account_[A-Z0-9]+\.email\}$/);
      expect(sc.ingress_settings).toBe('ALLOW_INTERNAL_ONLY');
      expect(json).not.toContain('-compute@developer.gserviceaccount.com');
    });

    it('builds as an account of its own: log writer, Artifact Registry writer, reader of the source bucket', () => {
      // @see https://cloud.google.com/functions/docs/securing/build-custom-sa
      expect(json).toHaveResourceWithProperties(ServiceAccount, { account_id: 'quote-build' });
      const roles = resources(json, 'google_project_iam_member').map((m) => m.role);
      expect(roles.sort()).toEqual(['roles/artifactregistry.writer', 'roles/logging.logWriter']);
      expect(json).toHaveResourceWithProperties(StorageBucketIamMember, {
        role: 'roles/storage.objectViewer',
        bucket: expect.stringMatching(/google_storage_bucket\.fn_source-bucket_/),
      });
      expect(fn(json).depends_on).toHaveLength(3);
    });

    it('uses a given build account instead of creating one', () => {
      const other = synth({
        buildServiceAccount: 'projects/acme-test-1/serviceAccounts/builder@acme-test-1.iam.gserviceaccount.com',
      });
      expect(fn(other).build_config.service_account).toBe(
        'projects/acme-test-1/serviceAccounts/builder@acme-test-1.iam.gserviceaccount.com'
      );
      expect(resources(other, 'google_service_account').map((a) => a.account_id)).toEqual(['quote-fn']);
    });

    it('has no invoker, public or otherwise', () => {
      expect(resources(json, 'google_cloud_run_v2_service_iam_member')).toHaveLength(0);
      expect(json).not.toContain('allUsers');
    });

    it('sizes 256Mi, 60 s, 0-10 instances, one request each, all traffic on the latest revision', () => {
      expect(fn(json).service_config).toEqual(
        expect.objectContaining({
          available_memory: '256Mi',
          timeout_seconds: 60,
          min_instance_count: 0,
          max_instance_count: 10,
          max_instance_request_concurrency: 1,
          all_traffic_on_latest_revision: true,
        })
      );
    });

    it('is an HTTP function (no event trigger)', () => {
      expect(fn(json).event_trigger).toBeUndefined();
    });

    it('sets no egress setting without a connector (the provider pairs them)', () => {
      // @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/cloudfunctions2_function#vpc_connector_egress_settings
      expect(fn(json).service_config.vpc_connector).toBeUndefined();
      expect(fn(json).service_config.vpc_connector_egress_settings).toBeUndefined();
    });
  });

  describe('Pub/Sub trigger', () => {
    const json = synth({ trigger: { type: 'pubsub', topic: TOPIC } });

    it('subscribes through Eventarc with retries, as a trigger account of its own', () => {
      expect(fn(json).event_trigger).toEqual({
        trigger_region: 'europe-west1',
        event_type: 'google.cloud.pubsub.topic.v1.messagePublished',
        pubsub_topic: TOPIC,
        retry_policy: 'RETRY_POLICY_RETRY',
        service_account_email: expect.stringMatching(
          /^\$\{google_service_account\.fn_trigger-account_[A-Z0-9]+\.email\}$/
        ),
      });
      expect(json).toHaveResourceWithProperties(ServiceAccount, { account_id: 'quote-evt' });
      expect(json).toHaveResourceWithProperties(ProjectIamMember, { role: 'roles/eventarc.eventReceiver' });
    });

    it('lets only the trigger account invoke the function', () => {
      const invokers = resources(json, 'google_cloud_run_v2_service_iam_member');
      expect(invokers).toHaveLength(1);
      expect(invokers[0].member).toMatch(/google_service_account\.fn_trigger-account_[A-Z0-9]+\.member/);
      expect(invokers[0].role).toBe('roles/run.invoker');
    });
  });

  it('grants run.invoker on the function service to the given invokers', () => {
    const json = synth({ invokers: ['serviceAccount:caller@acme-test-1.iam.gserviceaccount.com'] });
    expect(json).toHaveResourceWithProperties(CloudRunV2ServiceIamMember, {
      role: 'roles/run.invoker',
      member: 'serviceAccount:caller@acme-test-1.iam.gserviceaccount.com',
      name: expect.stringMatching(/service_config\[0\]\.service/),
    });
  });

  // key, project_id, secret and version are all required in secret_environment_variables.
  // @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/cloudfunctions2_function#nested_secret_environment_variables
  it('references secrets by id and version and grants access to exactly them', () => {
    const json = synth({ secretEnv: { API_KEY: { secret: 'projects/acme-test-1/secrets/api-key', version: '2' } } });
    expect(fn(json).service_config.secret_environment_variables).toEqual([
      { key: 'API_KEY', project_id: 'acme-test-1', secret: 'api-key', version: '2' },
    ]);
    const grants = resources(json, 'google_secret_manager_secret_iam_member');
    expect(grants.map((g) => [g.secret_id, g.role])).toEqual([['api-key', 'roles/secretmanager.secretAccessor']]);
  });

  it('uses a VPC connector for private ranges when given one', () => {
    const sc = fn(
      synth({ vpcConnector: 'projects/acme-test-1/locations/europe-west1/connectors/serverless' })
    ).service_config;
    expect(sc.vpc_connector).toBe('projects/acme-test-1/locations/europe-west1/connectors/serverless');
    expect(sc.vpc_connector_egress_settings).toBe('PRIVATE_RANGES_ONLY');
  });

  it('ships the zip with the synthesized stack, at the path the object uploads', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'functions');
    new GoogleProvider(stack, 'google', { project: 'acme-test-1', region: 'europe-west1' });
    new CloudFunction(stack, 'fn', BASE);
    const outdir = Testing.fullSynth(stack);
    const stackDir = path.join(outdir, 'stacks', 'functions');
    const config = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
    const object: any = Object.values(config.resource.google_storage_bucket_object)[0];
    const zip = fs.readFileSync(path.join(stackDir, object.source));
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    expect(object.name).toBe(`quote/source-${createHash('sha256').update(zip).digest('hex')}.zip`);
  });

  it('uploads to an existing bucket without creating one', () => {
    const json = synth({ existingSourceBucket: 'shared-sources' });
    expect(resources(json, 'google_storage_bucket')).toHaveLength(0);
    expect(json).toHaveResourceWithProperties(StorageBucketObject, { bucket: 'shared-sources' });
  });

  it('supports every listed runtime', () => {
    for (const runtime of CLOUD_FUNCTION_RUNTIMES) {
      expect(fn(synth({ runtime })).build_config.runtime).toBe(runtime);
    }
    expect(synth({ runtime: 'python312' })).toHaveResourceWithProperties(Cloudfunctions2Function, {
      build_config: expect.objectContaining({ runtime: 'python312' }),
    });
  });

  describe('rejects bad input', () => {
    it.each<[string, Partial<CloudFunctionProps>, RegExp]>([
      [
        'an unknown runtime',
        { runtime: 'python27' as any },
        /prop runtime "python27" is not supported; use one of python313, python312/,
      ],
      [
        'a memory that is not a tier',
        { memory: '300Mi' },
        /prop memory "300Mi" .*use one of 128Mi, 256Mi, 512Mi, 1Gi, 2Gi/,
      ],
      ['a CPU too small for the memory', { memory: '8Gi', cpu: '1' }, /prop cpu .*needs at least 2 CPU/],
      [
        'an HTTP timeout over an hour',
        { timeoutSeconds: 3601 },
        /prop timeoutSeconds 3601 .*use 1-3600 seconds for HTTP/,
      ],
      [
        'an event timeout over 9 minutes',
        { trigger: { type: 'pubsub', topic: TOPIC }, timeoutSeconds: 600 },
        /prop timeoutSeconds 600 .*use 1-540 seconds for event-driven/,
      ],
      ['min > max instances', { minInstances: 3, maxInstances: 1 }, /prop minInstances .*use min <= max/],
      [
        'concurrency without a full vCPU',
        { concurrency: 10 },
        /prop concurrency 10 needs at least 1 vCPU .*memory 2Gi/,
      ],
      [
        'a topic name instead of an id',
        { trigger: { type: 'pubsub', topic: 'orders' } },
        /prop trigger.topic "orders" .*projects\/<project>\/topics\/<topic>/,
      ],
      [
        'invokers on a Pub/Sub function',
        { trigger: { type: 'pubsub', topic: TOPIC }, invokers: ['group:a@example.com'] },
        /prop invokers .*HTTP functions only/,
      ],
      ['public ingress without public', { ingress: 'ALLOW_ALL' }, /prop ingress "ALLOW_ALL" .*set public: true/],
      ['allUsers as an invoker', { invokers: ['allUsers'] }, /prop invokers "allUsers" .*public: true/],
      [
        'egress without a connector',
        { vpcEgress: 'ALL_TRAFFIC' },
        /prop vpcConnector .*is required when vpcEgress is set/,
      ],
      [
        'a connector name instead of an id',
        { vpcConnector: 'serverless' },
        /prop vpcConnector "serverless" .*connectors\/<name>/,
      ],
      ['a function name with upper case', { functionName: 'Quote' }, /prop functionName "Quote" .*lower-case/],
      ['a bucket name that is too long', { sourceBucketName: 'b'.repeat(64) }, /prop sourceBucketName .*3-63/],
      ['a basic role', { projectRoles: ['roles/owner'] }, /prop projectRoles "roles\/owner" .*basic role/],
      [
        'a secret with a bad id',
        { secretEnv: { A: { secret: 'a/b', version: '1' } } },
        /prop secretEnv.A .*secret name/,
      ],
    ])('rejects %s', (_name, patch, pattern) => {
      expect(() => synth(patch)).toThrow(pattern);
    });

    it('rejects a missing source folder, naming the folder', () => {
      expect(() => synth({ sourceFolder: path.join(APP, 'missing') })).toThrow(
        /prop folder .*missing.* is not a folder/
      );
    });
  });
});
