import { CloudRunV2ServiceIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
import { PubsubSubscriptionIamMember } from '@cdktf/provider-google/lib/pubsub-subscription-iam-member';
import { TerraformStack, Testing } from 'cdktf';
import { PubsubSubscription, type PubsubSubscriptionProps } from '../../../modules/gcp/pubsub-subscription';

const KEY = 'projects/acme-test-1/locations/europe-west1/keyRings/test-events/cryptoKeys/pubsub';
const AGENT = 'serviceAccount:service-123456789012@gcp-sa-pubsub.iam.gserviceaccount.com';
const PUSHER = 'test-pubsub-push@acme-test-1.iam.gserviceaccount.com';
const URL = 'https://api-abc123-ew.a.run.app';
const BASE: PubsubSubscriptionProps = {
  project: 'acme-test-1',
  region: 'europe-west1',
  subscriptionName: 'test-items-api',
  topic: 'projects/acme-test-1/topics/test-items',
  projectNumber: '123456789012',
  kmsKeyName: KEY,
};

function build(patch: Partial<PubsubSubscriptionProps> = {}): { json: any; text: string } {
  const stack = new TerraformStack(Testing.app(), 'test');
  new PubsubSubscription(stack, 'sub', { ...BASE, ...patch });
  const text = Testing.synth(stack);
  return { json: JSON.parse(text), text };
}
const byName = (json: any, type: string, name: string): any => Object.values<any>(json.resource[type] ?? {}).find((r) => r.name === name);

describe('PubsubSubscription', () => {
  const { json, text } = build();
  const sub = byName(json, 'google_pubsub_subscription', 'test-items-api');

  it('pulls by default, never expires, retries with backoff and keeps messages 7 days', () => {
    expect(sub).toMatchObject({
      topic: 'projects/acme-test-1/topics/test-items',
      ack_deadline_seconds: 60,
      message_retention_duration: '604800s',
      expiration_policy: { ttl: '' },
      retry_policy: { minimum_backoff: '10s', maximum_backoff: '600s' },
    });
    expect(sub.push_config).toBeUndefined();
  });

  it('dead-letters after 5 attempts to a topic encrypted with the given key, stored in the region', () => {
    const dlq = byName(json, 'google_pubsub_topic', 'test-items-api-dlq');
    expect(dlq).toMatchObject({ kms_key_name: KEY, message_storage_policy: { allowed_persistence_regions: ['europe-west1'] } });
    expect(sub.dead_letter_policy).toEqual({ dead_letter_topic: expect.stringMatching(/^\$\{google_pubsub_topic\.sub_dead-letter_topic_[^.]+\.id\}$/), max_delivery_attempts: 5 });
  });

  it('keeps dead letters in a pull subscription that never expires', () => {
    expect(byName(json, 'google_pubsub_subscription', 'test-items-api-dlq-sub')).toMatchObject({
      message_retention_duration: '604800s',
      expiration_policy: { ttl: '' },
    });
  });

  it('lets the Pub/Sub service agent publish to the dead-letter topic and acknowledge here', () => {
    const publisher = Object.values<any>(json.resource.google_pubsub_topic_iam_member);
    expect(publisher).toEqual([expect.objectContaining({ role: 'roles/pubsub.publisher', member: AGENT, topic: expect.stringContaining('dead-letter') })]);
    expect(text).toHaveResourceWithProperties(PubsubSubscriptionIamMember, {
      subscription: expect.stringMatching(/google_pubsub_subscription\.sub_subscription_[^.]+\.name/),
      role: 'roles/pubsub.subscriber',
      member: AGENT,
    });
    expect(sub.depends_on).toEqual([expect.stringMatching(/^google_pubsub_topic_iam_member\./)]);
  });

  it('creates a key of its own for the dead-letter topic when none is given', () => {
    const j = build({ kmsKeyName: undefined }).json;
    expect(byName(j, 'google_pubsub_topic', 'test-items-api-dlq').kms_key_name).toMatch(/google_kms_crypto_key\./);
    expect(Object.values<any>(j.resource.google_kms_crypto_key_iam_member)[0].member).toBe(AGENT);
  });

  describe('pushing to Cloud Run', () => {
    const p = build({ push: { endpoint: `${URL}/pubsub`, serviceAccountEmail: PUSHER, audience: URL, runService: { name: 'api', location: 'europe-west1' } } });
    const s = byName(p.json, 'google_pubsub_subscription', 'test-items-api');

    it('authenticates with an OIDC token of the named account, audience the service URL', () => {
      expect(s.push_config).toEqual({ push_endpoint: `${URL}/pubsub`, oidc_token: { service_account_email: PUSHER, audience: URL } });
    });

    it('lets that account invoke the service', () => {
      expect(p.text).toHaveResourceWithProperties(CloudRunV2ServiceIamMember, {
        project: 'acme-test-1',
        location: 'europe-west1',
        name: 'api',
        role: 'roles/run.invoker',
        member: `serviceAccount:${PUSHER}`,
      });
    });

    it('uses the endpoint as audience by default', () => {
      const j = build({ push: { endpoint: URL, serviceAccountEmail: PUSHER } }).json;
      expect(byName(j, 'google_pubsub_subscription', 'test-items-api').push_config.oidc_token.audience).toBe(URL);
      expect(j.resource.google_cloud_run_v2_service_iam_member).toBeUndefined();
    });
  });

  describe('rejects', () => {
    it.each<[string, Partial<PubsubSubscriptionProps>, RegExp]>([
      ['4 delivery attempts', { maxDeliveryAttempts: 4 }, /prop maxDeliveryAttempts 4 is out of range; use 5-100 attempts/],
      ['101 delivery attempts', { maxDeliveryAttempts: 101 }, /prop maxDeliveryAttempts 101 is out of range; use 5-100 attempts/],
      ['a backoff over 600 s', { maximumBackoffSeconds: 601 }, /prop maximumBackoffSeconds 601 is out of range; use 0-600 seconds/],
      ['a negative backoff', { minimumBackoffSeconds: -1 }, /prop minimumBackoffSeconds -1 is out of range; use 0-600 seconds/],
      ['a minimum above the maximum', { minimumBackoffSeconds: 60, maximumBackoffSeconds: 30 }, /prop minimumBackoffSeconds 60 is more than maximumBackoffSeconds \(30\); use minimum <= maximum/],
      ['a retention under 10 minutes', { messageRetentionSeconds: 300 }, /prop messageRetentionSeconds 300 is out of range; use 600-604800 seconds/],
      ['a retention over 7 days', { messageRetentionSeconds: 604801 }, /prop messageRetentionSeconds 604801 is out of range; use 600-604800 seconds/],
      ['an ack deadline under 10 s', { ackDeadlineSeconds: 9 }, /prop ackDeadlineSeconds 9 is out of range; use 10-600 seconds/],
      ['an ack deadline over 600 s', { ackDeadlineSeconds: 601 }, /prop ackDeadlineSeconds 601 is out of range; use 10-600 seconds/],
      ['a name starting with goog', { subscriptionName: 'goog-items' }, /prop subscriptionName "goog-items" starts with "goog"/],
      ['a plain-HTTP push endpoint', { push: { endpoint: 'http://api.example.com', serviceAccountEmail: PUSHER } }, /prop push.endpoint "http:\/\/api.example.com" is not an HTTPS URL/],
      ['a push identity that is not a service account', { push: { endpoint: URL, serviceAccountEmail: 'ops@example.com' } }, /prop push.serviceAccountEmail "ops@example.com" is not a service account email/],
    ])('%s', (_, patch, pattern) => {
      expect(() => build(patch)).toThrow(pattern);
    });
  });
});
