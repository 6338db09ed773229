import { CloudRunV2ServiceIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { PubsubSubscriptionIamMember } from '@cdktf/provider-google/lib/pubsub-subscription-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { Testing } from 'cdktf';
import { gcpEventsFamily } from '../../../stacks/gcp-events/family';
import type { GcpEventsStack } from '../../../stacks/gcp-events/gcp-events-stack';
import { familyStack } from '../../helpers/environment';
import { GCP_RUN, gcpEnvironment } from './gcp-test-env';

const ITEMS = {
  publishers: ['api'],
  subscriptions: { 'items-api': { push: { runService: 'api', path: '/pubsub' } }, 'items-audit': { deadLetter: { maxDeliveryAttempts: 10 } } },
};

function stackFor(topics: Record<string, any> = { items: ITEMS }): GcpEventsStack {
  return familyStack<GcpEventsStack>(gcpEventsFamily, gcpEnvironment({ gcp: { events: { topics } } }), { 'gcp-run': GCP_RUN });
}
const byName = (json: any, type: string, name: string): any => Object.values<any>(json.resource[type] ?? {}).find((r) => r.name === name);
const PUSH_EMAIL = '${google_service_account.push-account.email}';

describe('GcpEventsStack', () => {
  const stack = stackFor();
  const text = Testing.synth(stack);
  const json = JSON.parse(text);

  it('configures the google provider and keeps its state in the environment bucket', () => {
    expect(text).toHaveProviderWithProperties(GoogleProvider, { project: 'acme-test-1', region: 'europe-west1' });
    expect(json.terraform.backend.s3).toMatchObject({ bucket: 'acme-tfstate-test', key: 'test/test-gcp-events.tfstate' });
  });

  it('enables Pub/Sub and Cloud KMS, left on when destroyed', () => {
    for (const api of ['pubsub.googleapis.com', 'cloudkms.googleapis.com']) {
      expect(text).toHaveResourceWithProperties(ProjectService, { service: api, disable_on_destroy: false });
    }
  });

  it('encrypts every topic, dead-letter ones included, with one key the Pub/Sub agent was granted first', () => {
    const keys = Object.values<any>(json.resource.google_kms_crypto_key);
    expect(keys).toHaveLength(1);
    expect(Object.values<any>(json.resource.google_kms_key_ring)[0]).toMatchObject({ name: 'test-events', location: 'europe-west1' });
    const grants = Object.values<any>(json.resource.google_kms_crypto_key_iam_member);
    expect(grants).toEqual([
      expect.objectContaining({ role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', member: 'serviceAccount:service-${data.google_project.project.number}@gcp-sa-pubsub.iam.gserviceaccount.com' }),
    ]);
    const topics = Object.values<any>(json.resource.google_pubsub_topic);
    expect(topics.map((t) => t.name).sort()).toEqual(['test-items', 'test-items-api-dlq', 'test-items-audit-dlq']);
    expect(new Set(topics.map((t) => t.kms_key_name)).size).toBe(1);
    for (const t of topics) {
      expect(t.kms_key_name).toMatch(/^\$\{google_kms_crypto_key\.key_[^.]+\.id\}$/);
      // Keyed by the service agent's service, not by its email (a reference): the address never moves.
      expect(t.depends_on).toEqual(['google_kms_crypto_key_iam_member.key_encrypter-pubsub-service-agent_53E8F3C3']);
      expect(t.message_storage_policy).toEqual({ allowed_persistence_regions: ['europe-west1'] });
    }
  });

  it('keeps the key on terraform destroy unless deletionProtection is off (dev)', () => {
    expect(Object.values<any>(json.resource.google_kms_crypto_key)[0].lifecycle).toEqual({ prevent_destroy: true });
    const env = gcpEnvironment({ gcp: { events: { deletionProtection: false, topics: { items: {} } } } });
    const j = JSON.parse(Testing.synth(familyStack<GcpEventsStack>(gcpEventsFamily, env, {})));
    expect(Object.values<any>(j.resource.google_kms_crypto_key)[0].lifecycle).toEqual({ prevent_destroy: false });
  });

  it('lets only the api service account publish to the topic', () => {
    const publishers = Object.values<any>(json.resource.google_pubsub_topic_iam_member).filter((g) => g.member !== 'serviceAccount:service-${data.google_project.project.number}@gcp-sa-pubsub.iam.gserviceaccount.com');
    expect(publishers).toEqual([
      expect.objectContaining({ topic: expect.stringContaining('topic-items'), role: 'roles/pubsub.publisher', member: 'serviceAccount:api-run@acme-test-1.iam.gserviceaccount.com' }),
    ]);
  });

  it('keeps topic messages 7 days by default', () => {
    expect(byName(json, 'google_pubsub_topic', 'test-items').message_retention_duration).toBe('604800s');
  });

  it('pushes to the Cloud Run URL with an OIDC token of a dedicated account, audience the service URL', () => {
    expect(text).toHaveResourceWithProperties(ServiceAccount, { account_id: 'test-pubsub-push' });
    expect(byName(json, 'google_pubsub_subscription', 'test-items-api').push_config).toEqual({
      push_endpoint: 'https://api-abc123-ew.a.run.app/pubsub',
      oidc_token: { service_account_email: PUSH_EMAIL, audience: 'https://api-abc123-ew.a.run.app' },
    });
  });

  it('lets the push account invoke the api service, and nothing else', () => {
    expect(text).toHaveResourceWithProperties(CloudRunV2ServiceIamMember, { name: 'api', location: 'europe-west1', role: 'roles/run.invoker', member: `serviceAccount:${PUSH_EMAIL}` });
    expect(Object.values(json.resource.google_cloud_run_v2_service_iam_member)).toHaveLength(1);
  });

  it('pulls where no push is given, dead-lettering after the configured attempts', () => {
    const audit = byName(json, 'google_pubsub_subscription', 'test-items-audit');
    expect(audit.push_config).toBeUndefined();
    expect(audit.dead_letter_policy.max_delivery_attempts).toBe(10);
    expect(byName(json, 'google_pubsub_subscription', 'test-items-api').dead_letter_policy.max_delivery_attempts).toBe(5);
  });

  it('lets the Pub/Sub service agent forward dead letters of every subscription', () => {
    for (const sub of ['items-api', 'items-audit']) {
      expect(text).toHaveResourceWithProperties(PubsubSubscriptionIamMember, {
        subscription: expect.stringContaining(`subscription-${sub}`),
        role: 'roles/pubsub.subscriber',
        member: 'serviceAccount:service-${data.google_project.project.number}@gcp-sa-pubsub.iam.gserviceaccount.com',
      });
    }
  });

  it('publishes the topic ids and the push account', () => {
    expect(json.output.topic_ids.value).toEqual({ items: expect.stringMatching(/^\$\{google_pubsub_topic\.topic-items_topic_[^.]+\.id\}$/) });
    expect(json.output.push_service_account_email).toBeDefined();
  });

  it('creates no push account without a push subscription, and needs no gcp-run then', () => {
    const env = gcpEnvironment({ gcp: { events: { topics: { items: { publishers: ['etl@acme-test-1.iam.gserviceaccount.com'] } } } } });
    const j = JSON.parse(Testing.synth(familyStack<GcpEventsStack>(gcpEventsFamily, env, {})));
    expect(j.resource.google_service_account).toBeUndefined();
    expect(Object.values<any>(j.resource.google_pubsub_topic_iam_member)[0].member).toBe('serviceAccount:etl@acme-test-1.iam.gserviceaccount.com');
  });
});
