import { awsAlertsFamily } from '../aws-alerts/family';
import { defineFamily } from '../family';
import { AwsCostStack } from './aws-cost-stack';
import { awsCostSection } from './config';

/** `<env>-aws-cost`: the monthly budget and cost-allocation tags. */
export const awsCostFamily = defineFamily({
  id: 'aws-cost',
  description: 'monthly AWS budget (actual and forecast thresholds to the alert topic) and cost-allocation tags',
  section: awsCostSection,
  enabledWhen: '`aws.cost.enabled`',
  enabled: (cost) => cost.enabled,
  dependsOn: [awsAlertsFamily],
  build: (ctx, config) => {
    const stack = new AwsCostStack(ctx.scope, ctx.name, { environment: ctx.environment, config, alerts: ctx.use(awsAlertsFamily) });
    return { stack, outputs: {} };
  },
});
