import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { CmekKey, serviceAgentMember } from '../../modules/gcp/private/cmek';
import { PubsubSubscription } from '../../modules/gcp/pubsub-subscription';
import { PubsubTopic } from '../../modules/gcp/pubsub-topic';
import type { GcpRunOutputs, GcpEventsOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { googleProvider } from '../private/google-provider';
import { enableProjectApis, readProjectNumber } from '../private/project-apis';
import { gcpLabels } from '../private/providers';
import { type GcpEventsConfig, gcpEventsKeyRingName, gcpEventsPushAccountId, gcpEventsResourceName, isServiceAccountEmail } from './config';

/** APIs the stack's resources need (left on when the stack is destroyed: other stacks may use them). */
export const GCP_EVENTS_APIS = ['pubsub.googleapis.com', 'cloudkms.googleapis.com'] as const;


/** Props of {@link GcpEventsStack}. */
export interface GcpEventsStackProps extends EnvironmentStackProps {
  /** The `gcp.events` section. */
  readonly config: GcpEventsConfig;
  /**
   * Outputs of `<env>-gcp-run`: the service URLs push subscriptions deliver to and the accounts
   * that publish.
   *
   * @default - none; required when a publisher or a push target names a gcp.run service
   */
  readonly run?: GcpRunOutputs;
}

/**
 * `<env>-gcp-events`: the environment's Pub/Sub topics, encrypted with one customer key, stored
 * in the environment's region, published to by named accounts only, and their subscriptions,
 * each with retries and a dead-letter topic, pulled or pushed to a Cloud Run service with an
 * OIDC token of a dedicated account.
 */
export class GcpEventsStack extends EnvironmentStack {
  public readonly outputs: GcpEventsOutputs;
  /** The key of every topic of the stack. */
  public readonly key: CmekKey;
  /** The topics, keyed by their name in the config. */
  public readonly topics: Record<string, PubsubTopic> = {};
  /** The subscriptions, keyed by their name in the config. */
  public readonly subscriptions: Record<string, PubsubSubscription> = {};
  /** The account push subscriptions authenticate as, when a subscription pushes. */
  public readonly pushAccount?: ServiceAccount;

  constructor(scope: Construct, name: string, props: GcpEventsStackProps) {
    super(scope, name, props);
    const { environment: env, config, run } = props;
    googleProvider(this, env);
    const project = env.gcp.projectId;
    const region = env.gcp.region;
    const labels = gcpLabels(env);

    const apis = enableProjectApis(this, project, GCP_EVENTS_APIS);
    const afterApis = apis.dependables();
    const projectNumber = readProjectNumber(this, project);
    // One key for every topic (and dead-letter topic) of the environment; the Pub/Sub service
    // agent is granted on it once, and each topic waits for that grant.
    this.key = new CmekKey(this, 'key', {
      project,
      location: region,
      keyRingName: gcpEventsKeyRingName(env.name),
      keyName: 'pubsub',
      rotationDays: config.keyRotationDays,
      encrypters: [serviceAgentMember(projectNumber, 'pubsub')],
      labels,
      preventDestroy: config.deletionProtection,
    });
    this.key.key.dependsOn = [...(this.key.key.dependsOn ?? []), ...afterApis];
    const keyGrants = this.key.grants;

    const runAccount = (service: string): string => {
      const email = run?.serviceAccountEmails[service];
      if (email === undefined) throw new Error(`gcp.events names gcp.run service "${service}", but the stack was given no gcp-run outputs for it`);
      return email;
    };

    const pushes = Object.values(config.topics).some((t) => Object.values(t.subscriptions).some((s) => s.push));
    if (pushes) {
      this.pushAccount = new ServiceAccount(this, 'push-account', {
        project,
        accountId: gcpEventsPushAccountId(env.name),
        displayName: `Pub/Sub push subscriptions of ${env.name}`,
      });
    }

    for (const [topicName, t] of Object.entries(config.topics)) {
      const topic = new PubsubTopic(this, `topic-${topicName}`, {
        project,
        region,
        topicName: gcpEventsResourceName(env.name, topicName),
        projectNumber,
        kmsKeyName: this.key.keyId,
        grantServiceAgent: false,
        kmsKeyDependsOn: keyGrants,
        messageRetentionSeconds: t.retentionHours * 3600,
        // A run service's account is the gcp-run stack's output: keyed by the service's name.
        publishers: t.publishers.map((p) => (isServiceAccountEmail(p) ? p : { key: p, member: runAccount(p) })),
        labels,
      });
      this.topics[topicName] = topic;

      for (const [subName, s] of Object.entries(t.subscriptions)) {
        let push;
        if (s.push) {
          const url = run?.serviceUrls[s.push.runService];
          if (url === undefined) throw new Error(`gcp.events pushes to gcp.run service "${s.push.runService}", but the stack was given no gcp-run outputs for it`);
          const endpoint = s.push.path === '/' ? url : `${url}${s.push.path}`;
          push = {
            endpoint,
            serviceAccountEmail: this.pushAccount!.email,
            // Cloud Run checks the audience against the service URL.
            // @see https://cloud.google.com/run/docs/triggering/pubsub-push#create-push-subscription
            audience: url,
            runService: { name: s.push.runService, location: region, project },
          };
        }
        this.subscriptions[subName] = new PubsubSubscription(this, `subscription-${subName}`, {
          project,
          region,
          subscriptionName: gcpEventsResourceName(env.name, subName),
          topic: topic.topicId,
          projectNumber,
          push,
          ackDeadlineSeconds: s.ackDeadlineSeconds,
          messageRetentionSeconds: s.retentionMinutes * 60,
          minimumBackoffSeconds: s.retry.minimumBackoffSeconds,
          maximumBackoffSeconds: s.retry.maximumBackoffSeconds,
          deadLetter: true,
          maxDeliveryAttempts: s.deadLetter.maxDeliveryAttempts,
          deadLetterRetentionSeconds: s.deadLetter.retentionMinutes * 60,
          kmsKeyName: this.key.keyId,
          kmsKeyDependsOn: keyGrants,
          labels,
        });
      }
    }

    this.outputs = {
      topicIds: Object.fromEntries(Object.entries(this.topics).map(([k, t]) => [k, t.topicId])),
      kmsKeyId: this.key.keyId,
      ...(this.pushAccount ? { pushServiceAccountEmail: this.pushAccount.email } : {}),
    };
    new TerraformOutput(this, 'topic_ids', { value: this.outputs.topicIds });
    new TerraformOutput(this, 'kms_key_id', { value: this.outputs.kmsKeyId });
    if (this.pushAccount) new TerraformOutput(this, 'push_service_account_email', { value: this.pushAccount.email });
  }
}
