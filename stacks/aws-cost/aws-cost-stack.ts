import { CeCostAllocationTag } from '@cdktf/provider-aws/lib/ce-cost-allocation-tag';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { Budget } from '../../modules/aws/budget';
import type { AwsAlertsOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { awsProvider } from '../private/providers';
import { type AwsCostConfig, budgetName } from './config';

/** The environment tags activated for cost allocation (see modules/core/tags.ts). */
export const COST_ALLOCATION_TAG_KEYS = ['CostCentre', 'Owner'] as const;

/** Props of {@link AwsCostStack}. */
export interface AwsCostStackProps extends EnvironmentStackProps {
  /** The `aws.cost` section. */
  readonly config: AwsCostConfig;
  /** The alert topic the budget notifies. */
  readonly alerts: AwsAlertsOutputs;
}

/** `<env>-aws-cost`: the environment's monthly budget and its cost-allocation tags (see docs/cost.md). */
export class AwsCostStack extends EnvironmentStack {
  public readonly budget: Budget;

  constructor(scope: Construct, name: string, props: AwsCostStackProps) {
    super(scope, name, props);
    const { environment: env, config } = props;
    awsProvider(this, env);
    // @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ce_cost_allocation_tag
    // The tag must have appeared on a billed resource before it can be activated.
    if (config.activateCostAllocationTags) {
      for (const key of COST_ALLOCATION_TAG_KEYS) {
        new CeCostAllocationTag(this, `cost-allocation-tag-${key.toLowerCase()}`, { tagKey: key, status: 'Active' });
      }
    }
    this.budget = new Budget(this, 'budget', {
      name: budgetName(env.name),
      limitUsd: config.monthlyLimitUsd,
      actualThresholdsPercent: config.actualThresholdsPercent,
      forecastThresholdsPercent: config.forecastThresholdsPercent,
      topicArn: props.alerts.topicArn,
      emails: config.emails,
      costAllocationTags: config.filterByCostCentre ? { CostCentre: env.tags.costCentre } : undefined,
    });
    new TerraformOutput(this, 'budget_name', { value: this.budget.budget.name, description: 'Name of the monthly budget' });
  }
}
