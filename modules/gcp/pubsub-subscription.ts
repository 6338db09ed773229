import { CloudRunV2ServiceIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { PubsubSubscription as PubsubSubscriptionResource } from '@cdktf/provider-google/lib/pubsub-subscription';
import { PubsubSubscriptionIamMember } from '@cdktf/provider-google/lib/pubsub-subscription-iam-member';
import { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { type ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { serviceAgentMember } from './private/cmek';
import { PubsubTopic, pubsubNameProblem, serviceAccountEmailProblem } from './pubsub-topic';

/** Defaults of {@link PubsubSubscription}, for the config layer. */
export const PUBSUB_SUBSCRIPTION_DEFAULTS = {
  /** Long enough for a Cloud Run handler that writes to a database. */
  ackDeadlineSeconds: 60,
  messageRetentionSeconds: 7 * 86400,
  minimumBackoffSeconds: 10,
  maximumBackoffSeconds: 600,
  maxDeliveryAttempts: 5,
  deadLetter: true,
  deadLetterRetentionSeconds: 7 * 86400,
} as const;

/**
 * Limits of Pub/Sub subscriptions.
 *
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/pubsub_subscription
 * @see https://cloud.google.com/pubsub/docs/handling-failures
 */
export const PUBSUB_SUBSCRIPTION_LIMITS = {
  minAckDeadlineSeconds: 10,
  maxAckDeadlineSeconds: 600,
  /** Subscription retention: 10 minutes to 7 days. */
  minMessageRetentionSeconds: 600,
  maxMessageRetentionSeconds: 7 * 86400,
  /** Retry backoff: 0-600 seconds. */
  minBackoffSeconds: 0,
  maxBackoffSeconds: 600,
  minDeliveryAttempts: 5,
  maxDeliveryAttempts: 100,
} as const;

const L = PUBSUB_SUBSCRIPTION_LIMITS;

function inRange(v: number, min: number, max: number): boolean {
  return Number.isInteger(v) && v >= min && v <= max;
}

/** Why an ack deadline is out of range, or undefined. */
export function ackDeadlineProblem(seconds: number): string | undefined {
  if (Token.isUnresolved(seconds) || inRange(seconds, L.minAckDeadlineSeconds, L.maxAckDeadlineSeconds)) return undefined;
  return `is out of range; use ${L.minAckDeadlineSeconds}-${L.maxAckDeadlineSeconds} seconds`;
}

/** Why a subscription retention is out of range, or undefined. */
export function subscriptionRetentionProblem(seconds: number): string | undefined {
  if (Token.isUnresolved(seconds) || inRange(seconds, L.minMessageRetentionSeconds, L.maxMessageRetentionSeconds)) return undefined;
  return `is out of range; use ${L.minMessageRetentionSeconds}-${L.maxMessageRetentionSeconds} seconds (10 minutes to 7 days)`;
}

/** Why a max delivery attempts is out of range, or undefined. */
export function maxDeliveryAttemptsProblem(attempts: number): string | undefined {
  if (Token.isUnresolved(attempts) || inRange(attempts, L.minDeliveryAttempts, L.maxDeliveryAttempts)) return undefined;
  return `is out of range; use ${L.minDeliveryAttempts}-${L.maxDeliveryAttempts} attempts`;
}

/** What is wrong with a retry backoff, or undefined: each 0-600 s, minimum at most maximum. */
export function retryBackoffProblem(minimum: number, maximum: number): { field: 'minimumBackoffSeconds' | 'maximumBackoffSeconds'; value: number; message: string } | undefined {
  for (const [field, v] of [
    ['minimumBackoffSeconds', minimum],
    ['maximumBackoffSeconds', maximum],
  ] as const) {
    if (!Token.isUnresolved(v) && !inRange(v, L.minBackoffSeconds, L.maxBackoffSeconds)) {
      return { field, value: v, message: `is out of range; use ${L.minBackoffSeconds}-${L.maxBackoffSeconds} seconds` };
    }
  }
  if (!Token.isUnresolved(minimum) && !Token.isUnresolved(maximum) && minimum > maximum) {
    return { field: 'minimumBackoffSeconds', value: minimum, message: `is more than maximumBackoffSeconds (${maximum}); use minimum <= maximum` };
  }
  return undefined;
}

/** Push delivery of a subscription. */
export interface PubsubPushProps {
  /** HTTPS endpoint messages are POSTed to (a Cloud Run service URL). */
  readonly endpoint: string;
  /** Service account whose OIDC token authenticates each push (the invoker identity). */
  readonly serviceAccountEmail: string;
  /** Audience of the OIDC token. @default - the endpoint URL (what Cloud Run checks) */
  readonly audience?: string;
  /**
   * The Cloud Run service behind the endpoint: the push account gets `roles/run.invoker` on it.
   *
   * @default - no invoker grant (the caller grants it)
   */
  readonly runService?: { readonly name: string; readonly location: string; readonly project?: string };
}

/** Props of {@link PubsubSubscription}. */
export interface PubsubSubscriptionProps {
  /** Project of the subscription. */
  readonly project: string;
  /** Region of the dead-letter topic's storage policy (and of its key, when one is created). */
  readonly region: string;
  /** Subscription name (3-255 characters, starting with a letter, not with `goog`). */
  readonly subscriptionName: string;
  /** Topic id (`projects/<p>/topics/<name>`) or name of the project. */
  readonly topic: string;
  /** Project number, for the Pub/Sub service agent. @default - read with a `google_project` data source */
  readonly projectNumber?: string;
  /** Push delivery to a Cloud Run URL with an OIDC token. @default - a pull subscription */
  readonly push?: PubsubPushProps;
  /** Seconds a subscriber has to acknowledge a message (10-600). @default 60 */
  readonly ackDeadlineSeconds?: number;
  /** How long unacknowledged messages are kept (600 s to 7 days). @default 604800 (7 days) */
  readonly messageRetentionSeconds?: number;
  /** Least wait before a message is redelivered (0-600 s, <= maximum). @default 10 */
  readonly minimumBackoffSeconds?: number;
  /** Longest wait before a message is redelivered (0-600 s). @default 600 */
  readonly maximumBackoffSeconds?: number;
  /** Move messages that fail `maxDeliveryAttempts` times to a dead-letter topic. @default true */
  readonly deadLetter?: boolean;
  /** Deliveries before a message goes to the dead-letter topic (5-100). @default 5 */
  readonly maxDeliveryAttempts?: number;
  /** Name of the dead-letter topic (and `<name>-sub`, the pull subscription that keeps its messages). @default `<subscriptionName>-dlq` */
  readonly deadLetterTopicName?: string;
  /** How long the dead-letter subscription keeps messages (600 s to 7 days). @default 604800 (7 days) */
  readonly deadLetterRetentionSeconds?: number;
  /**
   * Cloud KMS key of the dead-letter topic (the caller grants the Pub/Sub service agent on it).
   *
   * @default - the dead-letter topic creates a key of its own
   */
  readonly kmsKeyName?: string;
  /** Resources the dead-letter topic waits for (the caller's key grant). @default [] */
  readonly kmsKeyDependsOn?: ITerraformDependable[];
  /** Labels of the subscriptions and the dead-letter topic. @default {} */
  readonly labels?: Record<string, string>;
}

/**
 * A Pub/Sub subscription that never expires, retries with exponential backoff and moves
 * messages it cannot deliver to a customer-key-encrypted dead-letter topic, with pull or
 * authenticated push delivery.
 *
 * Dead-lettering needs the Pub/Sub service agent to publish to the dead-letter topic and to
 * acknowledge on this subscription: both are granted here. Push requests carry an OIDC token of
 * the named account whose audience is the endpoint; that account gets `roles/run.invoker` on the
 * target Cloud Run service.
 *
 * @see https://cloud.google.com/pubsub/docs/handling-failures#grant_forwarding_permissions
 * @see https://cloud.google.com/pubsub/docs/authenticate-push-subscriptions
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/pubsub_subscription
 */
export class PubsubSubscription extends Construct {
  /** The subscription. */
  public readonly subscription: PubsubSubscriptionResource;
  /** Subscription name. */
  public readonly subscriptionName: string;
  /** The dead-letter topic, when `deadLetter`. */
  public readonly deadLetterTopic?: PubsubTopic;
  /** The pull subscription that keeps dead-lettered messages, when `deadLetter`. */
  public readonly deadLetterSubscription?: PubsubSubscriptionResource;
  /** The push account's `roles/run.invoker` on the target service, when `push.runService`. */
  public readonly invokerGrant?: CloudRunV2ServiceIamMember;

  constructor(scope: Construct, id: string, props: PubsubSubscriptionProps) {
    super(scope, id);
    const D = PUBSUB_SUBSCRIPTION_DEFAULTS;
    const ack = props.ackDeadlineSeconds ?? D.ackDeadlineSeconds;
    const retention = props.messageRetentionSeconds ?? D.messageRetentionSeconds;
    const minBackoff = props.minimumBackoffSeconds ?? D.minimumBackoffSeconds;
    const maxBackoff = props.maximumBackoffSeconds ?? D.maximumBackoffSeconds;
    const deadLetter = props.deadLetter ?? D.deadLetter;
    const attempts = props.maxDeliveryAttempts ?? D.maxDeliveryAttempts;
    const dlqName = props.deadLetterTopicName ?? `${props.subscriptionName}-dlq`;
    const dlqRetention = props.deadLetterRetentionSeconds ?? D.deadLetterRetentionSeconds;

    const fail = (prop: string, value: unknown, problem: string | undefined) => {
      if (problem) throw new ValidationError(this, prop, value, problem);
    };
    fail('subscriptionName', props.subscriptionName, pubsubNameProblem(props.subscriptionName));
    fail('ackDeadlineSeconds', ack, ackDeadlineProblem(ack));
    fail('messageRetentionSeconds', retention, subscriptionRetentionProblem(retention));
    const backoff = retryBackoffProblem(minBackoff, maxBackoff);
    if (backoff) throw new ValidationError(this, backoff.field, backoff.value, backoff.message);
    if (deadLetter) {
      fail('maxDeliveryAttempts', attempts, maxDeliveryAttemptsProblem(attempts));
      fail('deadLetterTopicName', dlqName, pubsubNameProblem(dlqName));
      fail('deadLetterRetentionSeconds', dlqRetention, subscriptionRetentionProblem(dlqRetention));
    }
    if (props.push) {
      const { endpoint, serviceAccountEmail } = props.push;
      if (!Token.isUnresolved(endpoint) && !/^https:\/\/[^\s/]+(\/\S*)?$/.test(endpoint)) {
        throw new ValidationError(this, 'push.endpoint', endpoint, 'is not an HTTPS URL; push to a Cloud Run URL ("https://<service>-<hash>-<region>.a.run.app")');
      }
      fail('push.serviceAccountEmail', serviceAccountEmail, serviceAccountEmailProblem(serviceAccountEmail));
    }

    this.subscriptionName = props.subscriptionName;
    const projectNumber = props.projectNumber ?? new DataGoogleProject(this, 'project', { projectId: props.project }).number;
    const agent = serviceAgentMember(projectNumber, 'pubsub').member;
    const labels = props.labels ? { ...props.labels } : undefined;
    const neverExpire = { ttl: '' };

    let deadLetterPolicy: { deadLetterTopic: string; maxDeliveryAttempts: number } | undefined;
    const forwarding: ITerraformDependable[] = [];
    if (deadLetter) {
      this.deadLetterTopic = new PubsubTopic(this, 'dead-letter', {
        project: props.project,
        region: props.region,
        topicName: dlqName,
        projectNumber,
        kmsKeyName: props.kmsKeyName,
        grantServiceAgent: false,
        kmsKeyDependsOn: props.kmsKeyDependsOn,
        labels: props.labels,
      });
      // A topic without a subscription drops what it receives: this one keeps the dead letters.
      this.deadLetterSubscription = new PubsubSubscriptionResource(this, 'dead-letter-subscription', {
        project: props.project,
        name: `${dlqName}-sub`,
        topic: this.deadLetterTopic.topicId,
        ackDeadlineSeconds: ack,
        messageRetentionDuration: `${dlqRetention}s`,
        retainAckedMessages: false,
        expirationPolicy: neverExpire,
        labels,
      });
      // The service agent forwards undeliverable messages: publisher on the dead-letter topic.
      forwarding.push(
        new PubsubTopicIamMember(this, 'dead-letter-publisher-agent', {
          project: props.project,
          topic: this.deadLetterTopic.topic.name,
          role: 'roles/pubsub.publisher',
          member: agent,
        }),
      );
      deadLetterPolicy = { deadLetterTopic: this.deadLetterTopic.topicId, maxDeliveryAttempts: attempts };
    }

    this.subscription = new PubsubSubscriptionResource(this, 'subscription', {
      project: props.project,
      name: props.subscriptionName,
      topic: props.topic,
      ackDeadlineSeconds: ack,
      messageRetentionDuration: `${retention}s`,
      // Never deleted for inactivity (the default deletes a subscription idle for 31 days).
      // @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/pubsub_subscription#expiration_policy
      expirationPolicy: neverExpire,
      retryPolicy: { minimumBackoff: `${minBackoff}s`, maximumBackoff: `${maxBackoff}s` },
      deadLetterPolicy,
      pushConfig: props.push
        ? {
            pushEndpoint: props.push.endpoint,
            oidcToken: { serviceAccountEmail: props.push.serviceAccountEmail, audience: props.push.audience ?? props.push.endpoint },
          }
        : undefined,
      labels,
      dependsOn: forwarding.length ? forwarding : undefined,
    });

    if (deadLetter) {
      // ... and subscriber on this subscription, to acknowledge what it forwarded.
      new PubsubSubscriptionIamMember(this, 'subscriber-agent', {
        project: props.project,
        subscription: this.subscription.name,
        role: 'roles/pubsub.subscriber',
        member: agent,
      });
    }

    if (props.push?.runService) {
      const run = props.push.runService;
      this.invokerGrant = new CloudRunV2ServiceIamMember(this, 'push-invoker', {
        project: run.project ?? props.project,
        location: run.location,
        name: run.name,
        role: 'roles/run.invoker',
        member: `serviceAccount:${props.push.serviceAccountEmail}`,
      });
    }
  }
}
