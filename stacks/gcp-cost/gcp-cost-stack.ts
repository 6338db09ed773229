import { PubsubTopic as PubsubTopicResource } from '@cdktf/provider-google/lib/pubsub-topic';
import { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { ValidationError } from '../../modules/core/validation-error';
import { BillingBudget } from '../../modules/gcp/billing-budget';
import { PubsubTopic } from '../../modules/gcp/pubsub-topic';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { googleProvider } from '../private/google-provider';
import { enableProjectApis, readProjectNumber } from '../private/project-apis';
import { gcpLabels } from '../private/providers';
import { type GcpCostConfig, gcpBudgetName, gcpBudgetTopicName } from './config';
import type { GcpCostOutputs } from '../contracts';

/** APIs the stack's resources need (left on when the stack is destroyed: other stacks may use them). */
export const GCP_COST_APIS = ['billingbudgets.googleapis.com', 'monitoring.googleapis.com', 'pubsub.googleapis.com', 'cloudkms.googleapis.com'] as const;

/**
 * The account Cloud Billing publishes budget notifications as.
 *
 * @see https://cloud.google.com/billing/docs/how-to/budgets-programmatic-notifications#permissions_required_for_this_task
 */
export const BUDGET_PUBLISHER = 'billing-budget-alert@system.gserviceaccount.com';


/** Props of {@link GcpCostStack}. */
export interface GcpCostStackProps extends EnvironmentStackProps {
  /** The `gcp.cost` section (enabled, with a billing account). */
  readonly config: GcpCostConfig;
}

/**
 * `<env>-gcp-cost`: a monthly Cloud Billing budget on the environment's project, filtered by its
 * cost-centre label, notifying by e-mail channels and a Pub/Sub topic only Cloud Billing may
 * publish to.
 */
export class GcpCostStack extends EnvironmentStack {
  public readonly outputs: GcpCostOutputs;
  public readonly budget: BillingBudget;
  /** The topic with a customer key, when `pubsub.enabled` and `pubsub.cmek`. */
  public readonly topic?: PubsubTopic;

  constructor(scope: Construct, name: string, props: GcpCostStackProps) {
    super(scope, name, props);
    const { environment: env, config } = props;
    // The config check reports a missing billing account first; this guards direct use of the stack.
    if (config.billingAccount === undefined) {
      throw new ValidationError(this, 'billingAccount', undefined, 'is missing; an enabled budget needs the billing account id, XXXXXX-XXXXXX-XXXXXX (upper-case hex digits)');
    }
    googleProvider(this, env);
    const project = env.gcp.projectId;
    const region = env.gcp.region;
    const labels = gcpLabels(env);

    const apis = enableProjectApis(this, project, GCP_COST_APIS);
    const afterApis = apis.dependables();
    const projectNumber = readProjectNumber(this, project);

    let topicId: string | undefined;
    if (config.pubsub.enabled && config.pubsub.cmek) {
      this.topic = new PubsubTopic(this, 'topic', {
        project,
        region,
        topicName: gcpBudgetTopicName(env.name),
        projectNumber,
        publishers: [BUDGET_PUBLISHER],
        labels,
      });
      this.topic.topic.dependsOn = [...(this.topic.topic.dependsOn ?? []), ...afterApis];
      topicId = this.topic.topicId;
    } else if (config.pubsub.enabled) {
      const topic = new PubsubTopicResource(this, 'topic', {
        project,
        name: gcpBudgetTopicName(env.name),
        messageStoragePolicy: { allowedPersistenceRegions: [region] },
        labels,
        dependsOn: apis.services,
      });
      new PubsubTopicIamMember(this, 'topic-publisher', { project, topic: topic.name, role: 'roles/pubsub.publisher', member: `serviceAccount:${BUDGET_PUBLISHER}` });
      topicId = topic.id;
    }

    this.budget = new BillingBudget(this, 'budget', {
      project,
      projectNumber,
      billingAccount: config.billingAccount,
      displayName: gcpBudgetName(env.name),
      monthlyAmount: config.monthlyAmount,
      currency: config.currency,
      actualThresholdsPercent: config.actualThresholdsPercent,
      forecastThresholdsPercent: config.forecastThresholdsPercent,
      pubsubTopic: topicId,
      emails: config.emails,
      disableDefaultIamRecipients: config.disableDefaultIamRecipients,
      labels: config.filterByCostCentre ? { 'cost-centre': labels['cost-centre']! } : undefined,
    });
    this.budget.budget.dependsOn = [...(this.budget.budget.dependsOn ?? []), ...afterApis];

    this.outputs = topicId !== undefined ? { budgetTopicId: topicId } : {};
    if (topicId !== undefined) new TerraformOutput(this, 'budget_topic_id', { value: topicId });
  }
}
