import { gcpEventsSection } from '../../../stacks/gcp-events/config';
import { gcpEnvironment, gcpProblems } from './gcp-test-env';

const F = 'config/test.yaml: gcp.events.topics.items';

/** A `gcp.events` patch with the topic `items` (published by `api`) and `topic` fields. */
function events(topic: Record<string, any> = {}): Record<string, any> {
  return { gcp: { events: { topics: { items: { publishers: ['api'], ...topic } } } } };
}
const sub = (s: Record<string, any> = {}) => events({ subscriptions: { 'items-api': { push: { runService: 'api' }, ...s } } });

describe('gcp.events config', () => {
  it('parses from nothing with no topic (the stack is off)', () => {
    expect(gcpEnvironment().section(gcpEventsSection)).toEqual({ deletionProtection: true, keyRotationDays: 90, topics: {} });
  });

  it('gives a subscription safe defaults: dead letters after 5 attempts, backoff 10-600 s, 7 days kept', () => {
    expect(gcpEnvironment(sub()).section(gcpEventsSection).topics.items).toEqual({
      publishers: ['api'],
      retentionHours: 168,
      subscriptions: {
        'items-api': {
          push: { runService: 'api', path: '/' },
          deadLetter: { maxDeliveryAttempts: 5, retentionMinutes: 10080 },
          retry: { minimumBackoffSeconds: 10, maximumBackoffSeconds: 600 },
          ackDeadlineSeconds: 60,
          retentionMinutes: 10080,
        },
      },
    });
  });

  it('accepts service account emails as publishers and pull subscriptions', () => {
    expect(gcpProblems(events({ publishers: ['api', 'etl@acme-test-1.iam.gserviceaccount.com'], subscriptions: { audit: {} } }))).toEqual([]);
  });

  it.each<[string, Record<string, any>, string[]]>([
    ['an unknown run service as publisher', events({ publishers: ['web'] }), [`${F}.publishers[0] "web" is not a service of gcp.run.services; use one of "api", or a service account email`]],
    ['a user as publisher', events({ publishers: ['ops@example.com'] }), [`${F}.publishers[0] "ops@example.com" is not a service account email; use "<account>@<project>.iam.gserviceaccount.com" or the name of a gcp.run service`]],
    ['a publisher twice', events({ publishers: ['api', 'api'] }), [`${F}.publishers[1] "api" is listed twice; list each publisher once`]],
    ['a push to an unknown service', sub({ push: { runService: 'web' } }), [`${F}.subscriptions.items-api.push.runService "web" is not a service of gcp.run.services; use one of "api"`]],
    ['4 delivery attempts', sub({ deadLetter: { maxDeliveryAttempts: 4 } }), [`${F}.subscriptions.items-api.deadLetter.maxDeliveryAttempts 4 is too small; use 5 to 100 attempts`]],
    ['101 delivery attempts', sub({ deadLetter: { maxDeliveryAttempts: 101 } }), [`${F}.subscriptions.items-api.deadLetter.maxDeliveryAttempts 101 is too large; use 5 to 100 attempts`]],
    ['a backoff over 600 s', sub({ retry: { maximumBackoffSeconds: 700 } }), [`${F}.subscriptions.items-api.retry.maximumBackoffSeconds 700 is too large; use 0 to 600 seconds`]],
    ['a minimum backoff above the maximum', sub({ retry: { minimumBackoffSeconds: 120, maximumBackoffSeconds: 60 } }), [`${F}.subscriptions.items-api.retry.minimumBackoffSeconds 120 is more than maximumBackoffSeconds (60); use minimum <= maximum`]],
    ['an ack deadline of 5 s', sub({ ackDeadlineSeconds: 5 }), [`${F}.subscriptions.items-api.ackDeadlineSeconds 5 is too small; use 10 to 600 seconds`]],
    ['a subscription retention of 5 minutes', sub({ retentionMinutes: 5 }), [`${F}.subscriptions.items-api.retentionMinutes 5 is too small; use 10 to 10080 minutes`]],
    ['a subscription retention over 7 days', sub({ retentionMinutes: 10081 }), [`${F}.subscriptions.items-api.retentionMinutes 10081 is too large; use 10 to 10080 minutes`]],
    ['a topic retention over 31 days', events({ retentionHours: 745 }), [`${F}.retentionHours 745 is too large; use 1 to 744 hours`]],
    ['a push path that is not a path', sub({ push: { runService: 'api', path: 'pubsub' } }), [`${F}.subscriptions.items-api.push.path "pubsub" is not a URL path; use a path starting with "/", e.g. "/pubsub"`]],
  ])('rejects %s', (_, patch, expected) => {
    expect(gcpProblems(patch)).toEqual(expected);
  });

  it('rejects names that break Pub/Sub rules once prefixed with the environment', () => {
    const long = 'x'.repeat(251);
    expect(gcpProblems({ gcp: { events: { topics: { [long]: {} } } } })).toEqual([
      expect.stringMatching(new RegExp(`^config/test\\.yaml: gcp\\.events\\.topics\\.${long} \\S+ makes the topic name "test-${long}", which is not a Pub/Sub name; use 3-255 characters`)),
    ]);
    expect(gcpProblems({ gcp: { events: { topics: { 'items!': {} } } } })).toEqual([
      'config/test.yaml: gcp.events.topics.items! "items!" makes the topic name "test-items!", which is not a Pub/Sub name; use 3-255 characters: a letter, then letters, digits, "-", "_", ".", "~", "+" or "%"',
    ]);
  });

  it('rejects a subscription name used under two topics', () => {
    expect(gcpProblems({ gcp: { events: { topics: { items: { subscriptions: { audit: {} } }, orders: { subscriptions: { audit: {} } } } } } })).toEqual([
      'config/test.yaml: gcp.events.topics.orders.subscriptions.audit "audit" is also a subscription of topic "items"; subscription names are unique in the project, rename one',
    ]);
  });
});
