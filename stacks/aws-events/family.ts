import { awsAlertsFamily } from '../aws-alerts/family';
import { awsDataFamily } from '../aws-data/family';
import { awsFunctionsFamily } from '../aws-functions/family';
import { defineFamily } from '../family';
import { AwsEventsStack } from './aws-events-stack';
import { awsEventsSection, eventsNeedData, eventsNeedFunctions } from './config';

/**
 * `<env>-aws-events`: queues, topics, the event bus and its rules, state machines, Kinesis streams, stream consumers and X-Ray sampling.
 *
 * The functions are needed only when the section names one (producer, consumer, publisher, subscriber,
 * target or state machine resource), so they are a conditional dependency.
 */
export const awsEventsFamily = defineFamily({
  id: 'aws-events',
  description: 'SQS queues, SNS topics, the EventBridge bus and rules, Step Functions state machines, Kinesis streams, stream consumers, X-Ray sampling',
  section: awsEventsSection,
  enabledWhen: '`aws.events.enabled`',
  enabled: (events) => events.enabled,
  dependsOn: [awsAlertsFamily],
  conditionalDependsOn: [
    { family: awsFunctionsFamily, when: eventsNeedFunctions, description: 'a queue, topic, stream, rule, publisher or state machine names a function' },
    { family: awsDataFamily, when: eventsNeedData, description: 'a table stream reads a table of aws.data' },
  ],
  build: (ctx, config) => {
    const stack = new AwsEventsStack(ctx.scope, ctx.name, {
      environment: ctx.environment,
      config,
      alerts: ctx.use(awsAlertsFamily),
      ...(eventsNeedFunctions(config) ? { functions: ctx.use(awsFunctionsFamily) } : {}),
      ...(eventsNeedData(config) ? { data: ctx.use(awsDataFamily) } : {}),
    });
    return { stack, outputs: stack.outputs };
  },
});
