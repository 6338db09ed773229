import { awsAlertsFamily } from '../aws-alerts/family';
import { awsFunctionsFamily } from '../aws-functions/family';
import { defineFamily } from '../family';
import { AwsEventsStack } from './aws-events-stack';
import { awsEventsSection, eventsNeedFunctions } from './config';

/**
 * `<env>-aws-events`: queues, topics, the event bus and its rules, state machines, X-Ray sampling and a dashboard.
 *
 * The functions are needed only when the section names one (producer, consumer, publisher, subscriber,
 * target or state machine resource), so they are a conditional dependency.
 */
export const awsEventsFamily = defineFamily({
  id: 'aws-events',
  description: 'SQS queues, SNS topics, the EventBridge bus and rules, Step Functions state machines, X-Ray sampling, a dashboard',
  section: awsEventsSection,
  enabledWhen: '`aws.events.enabled`',
  enabled: (events) => events.enabled,
  dependsOn: [awsAlertsFamily],
  conditionalDependsOn: [{ family: awsFunctionsFamily, when: eventsNeedFunctions, description: 'a queue, topic, rule, publisher or state machine names a function' }],
  build: (ctx, config) => {
    const stack = new AwsEventsStack(ctx.scope, ctx.name, {
      environment: ctx.environment,
      config,
      alerts: ctx.use(awsAlertsFamily),
      ...(eventsNeedFunctions(config) ? { functions: ctx.use(awsFunctionsFamily) } : {}),
    });
    return { stack, outputs: stack.outputs };
  },
});
