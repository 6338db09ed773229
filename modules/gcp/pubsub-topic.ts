import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { PubsubTopic as PubsubTopicResource } from '@cdktf/provider-google/lib/pubsub-topic';
import { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { type ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { CmekKey, grantKeyUse, keyRingNameFor, kmsKeyIdProblem, serviceAgentMember } from './private/cmek';
import { type KeyedMember, memberId, memberOf } from './private/serverless';

/** Defaults of {@link PubsubTopic}, for the config layer. */
export const PUBSUB_TOPIC_DEFAULTS = {
  /** 7 days: a consumer that is down for a week can still seek back. */
  messageRetentionSeconds: 7 * 86400,
  kmsKeyRotationDays: 90,
} as const;

/**
 * Limits of Pub/Sub topics.
 *
 * @see https://cloud.google.com/pubsub/docs/resource-location-restriction
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/pubsub_topic#message_retention_duration
 */
export const PUBSUB_TOPIC_LIMITS = {
  /** Topic retention: 10 minutes to 31 days. */
  minMessageRetentionSeconds: 600,
  maxMessageRetentionSeconds: 31 * 86400,
  minNameLength: 3,
  maxNameLength: 255,
} as const;

/**
 * Pub/Sub resource names (topics, subscriptions): 3-255 characters, starting with a letter,
 * then letters, digits, `-`, `_`, `.`, `~`, `+` or `%`; never starting with `goog`.
 *
 * @see https://cloud.google.com/pubsub/docs/pubsub-basics#resource_names
 */
const PUBSUB_NAME = /^[A-Za-z][A-Za-z0-9._~+%-]*$/;

/** Why a topic or subscription name breaks Pub/Sub's rules, or undefined (tokens pass). */
export function pubsubNameProblem(name: string): string | undefined {
  if (Token.isUnresolved(name)) return undefined;
  const L = PUBSUB_TOPIC_LIMITS;
  if (name.length < L.minNameLength || name.length > L.maxNameLength || !PUBSUB_NAME.test(name)) {
    return `is not a Pub/Sub name; use ${L.minNameLength}-${L.maxNameLength} characters: a letter, then letters, digits, "-", "_", ".", "~", "+" or "%"`;
  }
  if (/^goog/i.test(name)) return 'starts with "goog", which Pub/Sub reserves; choose another name';
  return undefined;
}

/** A service account email (`name@project.iam.gserviceaccount.com` or a Google-managed account). */
export const SERVICE_ACCOUNT_EMAIL = /^[a-z0-9][a-z0-9._-]{0,62}@[a-z0-9][a-z0-9.-]*\.gserviceaccount\.com$/;

/** Why a publisher is not a service account email, or undefined (tokens pass). */
export function serviceAccountEmailProblem(email: string): string | undefined {
  if (Token.isUnresolved(email) || SERVICE_ACCOUNT_EMAIL.test(email)) return undefined;
  return 'is not a service account email; use "<account>@<project>.iam.gserviceaccount.com" (users and groups are not publishers here)';
}

/** Why a retention is out of range, or undefined. */
export function topicRetentionProblem(seconds: number): string | undefined {
  const L = PUBSUB_TOPIC_LIMITS;
  if (Token.isUnresolved(seconds)) return undefined;
  if (!Number.isInteger(seconds) || seconds < L.minMessageRetentionSeconds || seconds > L.maxMessageRetentionSeconds) {
    return `is out of range; use ${L.minMessageRetentionSeconds}-${L.maxMessageRetentionSeconds} seconds (10 minutes to 31 days)`;
  }
  return undefined;
}

/** Props of {@link PubsubTopic}. */
export interface PubsubTopicProps {
  /** Project of the topic. */
  readonly project: string;
  /** The only region messages are stored in (message storage policy), and where a created key lives. */
  readonly region: string;
  /** Topic name (3-255 characters, starting with a letter, not with `goog`). */
  readonly topicName: string;
  /** Project number, for the Pub/Sub service agent. @default - read with a `google_project` data source */
  readonly projectNumber?: string;
  /**
   * Existing Cloud KMS key id for the topic (CMEK), in `region`.
   *
   * @default - a key ring `keyRingName` and a key `pubsub`, rotated every 90 days, are created
   */
  readonly kmsKeyName?: string;
  /** Name of the key ring created when no key is given (1-63 characters). @default - topicName, cut to 63 KMS characters */
  readonly keyRingName?: string;
  /** Terraform refuses to destroy the key created (data encrypted with it would be lost). @default true */
  readonly keyPreventDestroy?: boolean;
  /**
   * Grant the Pub/Sub service agent encrypt/decrypt on `kmsKeyName`. Set false when the caller
   * already grants it (one key shared by several topics, e.g. with a {@link CmekKey}).
   *
   * @default true
   */
  readonly grantServiceAgent?: boolean;
  /** Resources the topic waits for (the caller's key grant). @default [] */
  readonly kmsKeyDependsOn?: ITerraformDependable[];
  /** How long the topic keeps messages, also acknowledged ones (600 s to 31 days). @default 604800 (7 days) */
  readonly messageRetentionSeconds?: number;
  /** Service account emails that get `roles/pubsub.publisher` on the topic (nobody else may publish). @default [] */
  readonly publishers?: readonly KeyedMember[];
  /** Labels of the topic. @default {} */
  readonly labels?: Record<string, string>;
}

/**
 * A Pub/Sub topic encrypted with a customer key, whose messages stay in one region and which only
 * named service accounts may publish to.
 *
 * The Pub/Sub service agent (`service-<number>@gcp-sa-pubsub.iam.gserviceaccount.com`) encrypts
 * with the key: it gets `roles/cloudkms.cryptoKeyEncrypterDecrypter` before the topic is created,
 * which the API checks. Publishers get `roles/pubsub.publisher` on this topic only, keyed by email.
 *
 * @see https://cloud.google.com/pubsub/docs/encryption#using-cmek
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/pubsub_topic
 */
export class PubsubTopic extends Construct {
  /** The topic. */
  public readonly topic: PubsubTopicResource;
  /** Topic id, `projects/<project>/topics/<name>`. */
  public readonly topicId: string;
  /** Topic name. */
  public readonly topicName: string;
  /** The key the topic is encrypted with. */
  public readonly kmsKeyName: string;
  /** The key created, when none was given. */
  public readonly cmekKey?: CmekKey;
  /** The project number (given or read). */
  public readonly projectNumber: string;
  /** `serviceAccount:service-<number>@gcp-sa-pubsub.iam.gserviceaccount.com`. */
  public readonly serviceAgent: string;
  /** Publisher grants, keyed by email. */
  public readonly publisherGrants: Record<string, PubsubTopicIamMember> = {};

  constructor(scope: Construct, id: string, props: PubsubTopicProps) {
    super(scope, id);
    const retention = props.messageRetentionSeconds ?? PUBSUB_TOPIC_DEFAULTS.messageRetentionSeconds;
    const publishers = props.publishers ?? [];
    const nameProblem = pubsubNameProblem(props.topicName);
    if (nameProblem) throw new ValidationError(this, 'topicName', props.topicName, nameProblem);
    const retentionProblem = topicRetentionProblem(retention);
    if (retentionProblem) throw new ValidationError(this, 'messageRetentionSeconds', retention, retentionProblem);
    if (props.kmsKeyName !== undefined) {
      const problem = kmsKeyIdProblem(props.kmsKeyName);
      if (problem) throw new ValidationError(this, 'kmsKeyName', props.kmsKeyName, problem);
    }
    publishers.forEach((p, i) => {
      const email = memberOf(p);
      const problem = serviceAccountEmailProblem(email);
      if (problem) throw new ValidationError(this, `publishers[${i}]`, email, problem);
      memberId(this, `publishers[${i}]`, p);
    });

    this.topicName = props.topicName;
    this.projectNumber = props.projectNumber ?? new DataGoogleProject(this, 'project', { projectId: props.project }).number;
    const agent = serviceAgentMember(this.projectNumber, 'pubsub');
    this.serviceAgent = agent.member;

    const keyGrants: ITerraformDependable[] = [...(props.kmsKeyDependsOn ?? [])];
    if (props.kmsKeyName === undefined) {
      this.cmekKey = new CmekKey(this, 'cmek', {
        project: props.project,
        location: props.region,
        keyRingName: props.keyRingName ?? keyRingNameFor(props.topicName),
        keyName: 'pubsub',
        rotationDays: PUBSUB_TOPIC_DEFAULTS.kmsKeyRotationDays,
        encrypters: [agent],
        labels: props.labels,
        preventDestroy: props.keyPreventDestroy ?? true,
      });
      this.kmsKeyName = this.cmekKey.keyId;
      keyGrants.push(...this.cmekKey.grants);
    } else {
      this.kmsKeyName = props.kmsKeyName;
      if (props.grantServiceAgent ?? true) keyGrants.push(grantKeyUse(this, 'key-pubsub-agent', this.kmsKeyName, this.serviceAgent));
    }

    this.topic = new PubsubTopicResource(this, 'topic', {
      project: props.project,
      name: props.topicName,
      kmsKeyName: this.kmsKeyName,
      messageRetentionDuration: `${retention}s`,
      // Messages are stored only in the environment's region (data residency).
      // @see https://cloud.google.com/pubsub/docs/resource-location-restriction
      messageStoragePolicy: { allowedPersistenceRegions: [props.region] },
      labels: props.labels ? { ...props.labels } : undefined,
      dependsOn: keyGrants.length ? keyGrants : undefined,
    });
    this.topicId = this.topic.id;

    for (const p of publishers) {
      const email = memberOf(p);
      if (this.publisherGrants[email]) continue;
      this.publisherGrants[email] = new PubsubTopicIamMember(this, `publisher-${memberId(this, 'publishers', p)}`, {
        project: props.project,
        topic: this.topic.name,
        role: 'roles/pubsub.publisher',
        member: `serviceAccount:${email}`,
      });
    }
  }
}
