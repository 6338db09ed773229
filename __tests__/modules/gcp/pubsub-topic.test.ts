import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { TerraformStack, Testing } from 'cdktf';
import { PubsubTopic, type PubsubTopicProps, pubsubNameProblem } from '../../../modules/gcp/pubsub-topic';
import { onlyResource as only } from '../../helpers/resources';

const KEY = 'projects/acme-test-1/locations/europe-west1/keyRings/test-events/cryptoKeys/pubsub';
const BASE: PubsubTopicProps = { project: 'acme-test-1', region: 'europe-west1', topicName: 'test-items', projectNumber: '123456789012' };

function build(patch: Partial<PubsubTopicProps> = {}): { json: any; text: string } {
  const stack = new TerraformStack(Testing.app(), 'test');
  new PubsubTopic(stack, 'topic', { ...BASE, ...patch });
  const text = Testing.synth(stack);
  return { json: JSON.parse(text), text };
}

describe('PubsubTopic', () => {
  const { json, text } = build({ publishers: ['api-run@acme-test-1.iam.gserviceaccount.com'] });
  const topic = only(json, 'google_pubsub_topic');

  it('encrypts with a key of its own that rotates every 90 days and the Pub/Sub service agent may use', () => {
    expect(topic.kms_key_name).toMatch(/^\$\{google_kms_crypto_key\.topic_cmek_key_[^.]+\.id\}$/);
    expect(text).toHaveResourceWithProperties(KmsCryptoKey, { name: 'pubsub', purpose: 'ENCRYPT_DECRYPT', rotation_period: '7776000s' });
    expect(json.resource.google_kms_key_ring).toBeDefined();
    expect(Object.values<any>(json.resource.google_kms_key_ring)[0]).toMatchObject({ name: 'test-items', location: 'europe-west1' });
    expect(text).toHaveResourceWithProperties(KmsCryptoKeyIamMember, {
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: 'serviceAccount:service-123456789012@gcp-sa-pubsub.iam.gserviceaccount.com',
    });
  });

  it('is created only after the service agent holds the key (the API checks it)', () => {
    expect(topic.depends_on).toEqual([expect.stringMatching(/^google_kms_crypto_key_iam_member\./)]);
  });

  it('keeps the key on terraform destroy', () => {
    expect(only(json, 'google_kms_crypto_key').lifecycle).toEqual({ prevent_destroy: true });
  });

  it('stores messages only in its region and keeps them 7 days', () => {
    expect(topic).toMatchObject({
      name: 'test-items',
      message_storage_policy: { allowed_persistence_regions: ['europe-west1'] },
      message_retention_duration: '604800s',
    });
  });

  it('lets exactly the named service accounts publish, keyed by email', () => {
    expect(Object.keys(json.resource.google_pubsub_topic_iam_member)).toEqual([expect.stringMatching(/publisher-api-run-acme-test-1-iam-gserviceaccount-com/)]);
    expect(text).toHaveResourceWithProperties(PubsubTopicIamMember, {
      role: 'roles/pubsub.publisher',
      member: 'serviceAccount:api-run@acme-test-1.iam.gserviceaccount.com',
    });
  });

  it('names its key ring after the topic in KMS characters, at most 63', () => {
    const ring = (topicName: string) => Object.values<any>(build({ topicName }).json.resource.google_kms_key_ring)[0].name;
    expect(ring('test.items~v1')).toBe('test-items-v1');
    expect(ring('t'.repeat(100))).toBe('t'.repeat(63));
  });

  it('has no publisher by default', () => {
    expect(build().json.resource.google_pubsub_topic_iam_member).toBeUndefined();
  });

  it('reads the project number when none is given, for the service agent', () => {
    const j = build({ projectNumber: undefined }).json;
    expect(Object.values<any>(j.data.google_project)[0]).toMatchObject({ project_id: 'acme-test-1' });
    expect(only(j, 'google_kms_crypto_key_iam_member').member).toMatch(/^serviceAccount:service-\$\{data\.google_project\.[^.]+\.number\}@gcp-sa-pubsub\.iam\.gserviceaccount\.com$/);
  });

  it('uses a given key, granting the service agent on it unless told the caller does', () => {
    const j = build({ kmsKeyName: KEY }).json;
    expect(only(j, 'google_pubsub_topic').kms_key_name).toBe(KEY);
    expect(j.resource.google_kms_crypto_key).toBeUndefined();
    expect(only(j, 'google_kms_crypto_key_iam_member')).toMatchObject({ crypto_key_id: KEY, member: 'serviceAccount:service-123456789012@gcp-sa-pubsub.iam.gserviceaccount.com' });
    expect(build({ kmsKeyName: KEY, grantServiceAgent: false }).json.resource.google_kms_crypto_key_iam_member).toBeUndefined();
  });

  describe('rejects', () => {
    it.each<[string, Partial<PubsubTopicProps>, RegExp]>([
      ['a name shorter than 3', { topicName: 'ab' }, /prop topicName "ab" is not a Pub\/Sub name; use 3-255 characters: a letter, then/],
      ['a name starting with a digit', { topicName: '1items' }, /prop topicName "1items" is not a Pub\/Sub name/],
      ['a name starting with goog', { topicName: 'google-items' }, /prop topicName "google-items" starts with "goog", which Pub\/Sub reserves/],
      ['a retention under 10 minutes', { messageRetentionSeconds: 599 }, /prop messageRetentionSeconds 599 is out of range; use 600-2678400 seconds/],
      ['a retention over 31 days', { messageRetentionSeconds: 2678401 }, /prop messageRetentionSeconds 2678401 is out of range; use 600-2678400 seconds/],
      ['a publisher that is a user', { publishers: ['ops@example.com'] }, /prop publishers\[0\] "ops@example.com" is not a service account email/],
      ['a key that is not a key id', { kmsKeyName: 'pubsub' }, /prop kmsKeyName "pubsub" is not a Cloud KMS key id; use "projects\/<project>\/locations/],
    ])('%s', (_, patch, pattern) => {
      expect(() => build(patch)).toThrow(pattern);
    });
  });

  it('names names by Pub/Sub rules', () => {
    expect(pubsubNameProblem('abc')).toBeUndefined();
    expect(pubsubNameProblem('a'.repeat(255))).toBeUndefined();
    expect(pubsubNameProblem('a'.repeat(256))).toMatch(/3-255/);
    expect(pubsubNameProblem('items with space')).toMatch(/is not a Pub\/Sub name/);
  });
});
