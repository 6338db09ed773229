import { defineFamily } from '../family';
import { gcpCostSection } from './config';
import { GcpCostStack } from './gcp-cost-stack';

/** `<env>-gcp-cost`: the environment's monthly Cloud Billing budget and its notifications. */
export const gcpCostFamily = defineFamily({
  id: 'gcp-cost',
  description: 'Monthly Cloud Billing budget on the project (cost-centre label filter), e-mail channels and a Pub/Sub topic for notifications',
  section: gcpCostSection,
  enabledWhen: '`gcp.cost.enabled`',
  enabled: (cost) => cost.enabled,
  dependsOn: [],
  build: (ctx, config) => {
    const stack = new GcpCostStack(ctx.scope, ctx.name, { environment: ctx.environment, config });
    return { stack, outputs: stack.outputs };
  },
});
