import { defineFamily } from '../family';
import { AwsAlertsStack } from './aws-alerts-stack';
import { awsAlertsSection } from './config';

/** `<env>-aws-alerts`: the alert topic. */
export const awsAlertsFamily = defineFamily({
  id: 'aws-alerts',
  description: 'alert topic (SNS, KMS) and its e-mail subscriptions',
  section: awsAlertsSection,
  enabledWhen: '`aws.alerts.enabled`',
  enabled: (alerts) => alerts.enabled,
  dependsOn: [],
  build: (ctx, config) => {
    const stack = new AwsAlertsStack(ctx.scope, ctx.name, { environment: ctx.environment, config });
    return { stack, outputs: stack.outputs };
  },
});
