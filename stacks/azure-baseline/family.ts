import { defineFamily } from '../family';
import { AzureBaselineStack } from './azure-baseline-stack';
import { azureBaselineSection } from './config';

/** `<env>-azure-baseline`: the subscription's activity log, Defender plans and benchmark policy (deployed first). */
export const azureBaselineFamily = defineFamily({
  id: 'azure-baseline',
  description: 'subscription security baseline: activity log to Log Analytics and an immutable archive, Defender for Cloud plans, Microsoft cloud security benchmark assignment',
  section: azureBaselineSection,
  enabledWhen: '`azure.baseline.enabled`',
  enabled: (config) => config.enabled,
  dependsOn: [],
  build: (ctx, config) => {
    const stack = new AzureBaselineStack(ctx.scope, ctx.name, { environment: ctx.environment, config });
    return { stack, outputs: stack.outputs };
  },
});
