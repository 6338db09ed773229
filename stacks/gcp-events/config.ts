import { z } from 'zod';
import { defineSection, type ParsedEnvironment, type ReportProblem } from '../../modules/core/config/section';
import { CMEK_DEFAULTS, CMEK_LIMITS } from '../../modules/gcp/private/cmek';
import { SERVICE_ACCOUNT_ID, serviceAccountIdFor } from '../../modules/gcp/private/serverless';
import { PUBSUB_SUBSCRIPTION_DEFAULTS, PUBSUB_SUBSCRIPTION_LIMITS, retryBackoffProblem } from '../../modules/gcp/pubsub-subscription';
import { PUBSUB_TOPIC_DEFAULTS, PUBSUB_TOPIC_LIMITS, pubsubNameProblem, SERVICE_ACCOUNT_EMAIL } from '../../modules/gcp/pubsub-topic';
import type { EnvironmentCore } from '../environment/config';
import { gcpRunSection } from '../gcp-run/config';
import { wholeNumber } from '../private/gcp-workload-config';

const T = PUBSUB_TOPIC_LIMITS;
const S = PUBSUB_SUBSCRIPTION_LIMITS;
const SD = PUBSUB_SUBSCRIPTION_DEFAULTS;

/** Topic retention in hours: 1 hour to 31 days (the construct's limit is 600 s to 31 days). */
const TOPIC_RETENTION_HOURS = { min: 1, max: T.maxMessageRetentionSeconds / 3600 } as const;
/** Subscription retention in minutes: 10 minutes to 7 days. */
const SUBSCRIPTION_RETENTION_MINUTES = { min: S.minMessageRetentionSeconds / 60, max: S.maxMessageRetentionSeconds / 60 } as const;

const PushSchema = z.strictObject({
  /** Service of `gcp.run` the messages are pushed to (its URL; the push account gets run.invoker on it). */
  runService: z.string().min(1),
  /** Path on the service, e.g. `/pubsub`. @default / */
  path: z.string().regex(/^\/[A-Za-z0-9._~!$&'()*+,;=:@/%-]*$/, { message: 'is not a URL path; use a path starting with "/", e.g. "/pubsub"' }).default('/'),
});

const SubscriptionSchema = z.strictObject({
  /** Push to a Cloud Run service with an OIDC token. @default - pull */
  push: PushSchema.optional(),
  /** Dead-letter topic `<env>-<subscription>-dlq` after this many delivery attempts (5-100). */
  deadLetter: z
    .strictObject({
      /** Deliveries before a message is dead-lettered (5-100). @default 5 */
      maxDeliveryAttempts: wholeNumber(S.minDeliveryAttempts, S.maxDeliveryAttempts, 'attempts').default(SD.maxDeliveryAttempts),
      /** Minutes the dead-letter subscription keeps messages (10 to 10080, 7 days). @default 10080 */
      retentionMinutes: wholeNumber(SUBSCRIPTION_RETENTION_MINUTES.min, SUBSCRIPTION_RETENTION_MINUTES.max, 'minutes').default(SD.deadLetterRetentionSeconds / 60),
    })
    .prefault({}),
  /** Redelivery backoff. */
  retry: z
    .strictObject({
      /** Least wait before redelivery, seconds (0-600, at most the maximum). @default 10 */
      minimumBackoffSeconds: wholeNumber(S.minBackoffSeconds, S.maxBackoffSeconds, 'seconds').default(SD.minimumBackoffSeconds),
      /** Longest wait before redelivery, seconds (0-600). @default 600 */
      maximumBackoffSeconds: wholeNumber(S.minBackoffSeconds, S.maxBackoffSeconds, 'seconds').default(SD.maximumBackoffSeconds),
    })
    .prefault({}),
  /** Seconds to acknowledge a message (10-600). @default 60 */
  ackDeadlineSeconds: wholeNumber(S.minAckDeadlineSeconds, S.maxAckDeadlineSeconds, 'seconds').default(SD.ackDeadlineSeconds),
  /** Minutes unacknowledged messages are kept (10 to 10080, 7 days). @default 10080 */
  retentionMinutes: wholeNumber(SUBSCRIPTION_RETENTION_MINUTES.min, SUBSCRIPTION_RETENTION_MINUTES.max, 'minutes').default(SD.messageRetentionSeconds / 60),
});

export type GcpEventsSubscriptionConfig = z.infer<typeof SubscriptionSchema>;

const TopicSchema = z.strictObject({
  /**
   * Who may publish: services of `gcp.run` (by name) or service account emails. Nobody else gets a
   * grant on the topic. @default []
   */
  publishers: z.array(z.string().min(1)).default([]),
  /** Hours the topic keeps every message, for replay (1-744). @default 168 */
  retentionHours: wholeNumber(TOPIC_RETENTION_HOURS.min, TOPIC_RETENTION_HOURS.max, 'hours').default(PUBSUB_TOPIC_DEFAULTS.messageRetentionSeconds / 3600),
  /** Subscriptions keyed by name (`<env>-<name>`). @default {} */
  subscriptions: z.record(z.string(), SubscriptionSchema).default({}),
});

export type GcpEventsTopicConfig = z.infer<typeof TopicSchema>;

/**
 * `gcp.events`: the Pub/Sub topics of the `<env>-gcp-events` stack, their publishers and
 * subscriptions. The stack exists when a topic is listed.
 */
export const GcpEventsConfigSchema = z.strictObject({
  /** Terraform refuses to destroy the environment's Pub/Sub key (set false where the stack is torn down). @default true */
  deletionProtection: z.boolean().default(true),
  /** Days between rotations of the environment's Pub/Sub key (1-90). @default 90 */
  keyRotationDays: wholeNumber(CMEK_LIMITS.minRotationDays, CMEK_LIMITS.maxRotationDays, 'days').default(CMEK_DEFAULTS.rotationDays),
  /** Topics keyed by name (`<env>-<name>`). @default {} */
  topics: z.record(z.string(), TopicSchema).default({}),
});

export type GcpEventsConfig = z.infer<typeof GcpEventsConfigSchema>;

/** A topic's or subscription's Pub/Sub name: `<env>-<name>`. */
export function gcpEventsResourceName(envName: string, name: string): string {
  return `${envName}-${name}`;
}

/** The environment's key ring for Pub/Sub: `<env>-events`. */
export function gcpEventsKeyRingName(envName: string): string {
  return `${envName}-events`;
}

/** Id of the account whose OIDC token push subscriptions carry: `<env>-pubsub-push`. */
export function gcpEventsPushAccountId(envName: string): string {
  return serviceAccountIdFor(envName, 'pubsub-push');
}

/** Whether a publisher entry is a service account email (else it names a gcp.run service). */
export function isServiceAccountEmail(publisher: string): boolean {
  return publisher.includes('@');
}

/** The gcp.run services the section names (publishers and push targets). */
export function gcpEventsRunServices(config: GcpEventsConfig): string[] {
  const names = new Set<string>();
  for (const topic of Object.values(config.topics)) {
    for (const p of topic.publishers) if (!isServiceAccountEmail(p)) names.add(p);
    for (const s of Object.values(topic.subscriptions)) if (s.push) names.add(s.push.runService);
  }
  return [...names];
}

/** Whether the stack needs `<env>-gcp-run` (a publisher or a push target is a service). */
export function gcpEventsNeedRun(config: GcpEventsConfig): boolean {
  return gcpEventsRunServices(config).length > 0;
}

/**
 * Checks across fields of `gcp.events`: Pub/Sub names (of the topic, subscription and
 * dead-letter topic as created), publishers that are neither a gcp.run service nor a service
 * account email, push targets that are not gcp.run services, the backoff order, subscription
 * names used twice, and the push account id.
 */
export function checkGcpEvents(config: GcpEventsConfig, env: ParsedEnvironment<EnvironmentCore>, report: ReportProblem): void {
  const at = (...p: (string | number)[]) => ['gcp', 'events', ...p];
  const envName = env.core.name;
  const run = env.get(gcpRunSection);
  const services = Object.keys(run?.services ?? {});
  const allowedServices = services.length ? services.map((s) => `"${s}"`).join(', ') : '(gcp.run lists no service)';
  const subscriptionOwners = new Map<string, string>();
  let push = false;

  for (const [topicName, topic] of Object.entries(config.topics)) {
    const fullTopic = gcpEventsResourceName(envName, topicName);
    const topicProblem = pubsubNameProblem(fullTopic);
    if (topicProblem) {
      report(at('topics', topicName), topicName, `makes the topic name "${fullTopic}", which ${topicProblem}`);
    }
    topic.publishers.forEach((p, i) => {
      if (isServiceAccountEmail(p)) {
        if (!SERVICE_ACCOUNT_EMAIL.test(p)) {
          report(at('topics', topicName, 'publishers', i), p, 'is not a service account email; use "<account>@<project>.iam.gserviceaccount.com" or the name of a gcp.run service');
        }
      } else if (run !== undefined && !services.includes(p)) {
        report(at('topics', topicName, 'publishers', i), p, `is not a service of gcp.run.services; use one of ${allowedServices}, or a service account email`);
      }
      if (topic.publishers.indexOf(p) !== i) report(at('topics', topicName, 'publishers', i), p, 'is listed twice; list each publisher once');
    });

    for (const [subName, s] of Object.entries(topic.subscriptions)) {
      const fullSub = gcpEventsResourceName(envName, subName);
      const dlq = `${fullSub}-dlq-sub`;
      const problem = pubsubNameProblem(fullSub) ?? pubsubNameProblem(dlq);
      if (problem) report(at('topics', topicName, 'subscriptions', subName), subName, `makes the Pub/Sub name "${pubsubNameProblem(fullSub) ? fullSub : dlq}", which ${problem}`);
      const other = subscriptionOwners.get(subName);
      if (other !== undefined) {
        report(at('topics', topicName, 'subscriptions', subName), subName, `is also a subscription of topic "${other}"; subscription names are unique in the project, rename one`);
      }
      subscriptionOwners.set(subName, topicName);
      const backoff = retryBackoffProblem(s.retry.minimumBackoffSeconds, s.retry.maximumBackoffSeconds);
      if (backoff) report(at('topics', topicName, 'subscriptions', subName, 'retry', backoff.field), backoff.value, backoff.message);
      if (s.push) {
        push = true;
        if (run !== undefined && !services.includes(s.push.runService)) {
          report(at('topics', topicName, 'subscriptions', subName, 'push', 'runService'), s.push.runService, `is not a service of gcp.run.services; use one of ${allowedServices}`);
        }
      }
    }
  }
  if (push) {
    const account = gcpEventsPushAccountId(envName);
    if (!SERVICE_ACCOUNT_ID.test(account)) {
      report(at('topics'), undefined, `make the push service account id "${account}", which is not 6-30 characters; use an environment name of at most 18 characters`);
    }
  }
  const ring = gcpEventsKeyRingName(envName);
  if (Object.keys(config.topics).length > 0 && !/^[A-Za-z0-9_-]{1,63}$/.test(ring)) {
    report(at('topics'), undefined, `make the key ring name "${ring}", which is not 1-63 letters, digits, "_" or "-"`);
  }
}

/** `gcp.events`, owned by the `gcp-events` stack family. */
export const gcpEventsSection = defineSection({
  path: 'gcp.events',
  schema: GcpEventsConfigSchema,
  optional: true,
  check: checkGcpEvents,
});
