import { defineFamily } from '../family';
import { gcpRunFamily } from '../gcp-run/family';
import { gcpEventsNeedRun, gcpEventsSection } from './config';
import { GcpEventsStack } from './gcp-events-stack';

/**
 * `<env>-gcp-events`: Pub/Sub topics with a customer key, their publishers, subscriptions and
 * dead-letter topics.
 *
 * Cloud Run is needed only when a publisher or a push subscription names a service (its account
 * and URL), so it is a conditional dependency.
 */
export const gcpEventsFamily = defineFamily({
  id: 'gcp-events',
  description: 'Pub/Sub topics (customer key, regional storage, named publishers), subscriptions with retries and dead-letter topics, push to Cloud Run',
  section: gcpEventsSection,
  enabledWhen: '`gcp.events.topics` lists a topic',
  enabled: (events) => Object.keys(events.topics).length > 0,
  dependsOn: [],
  conditionalDependsOn: [{ family: gcpRunFamily, when: gcpEventsNeedRun, description: 'a publisher or a push subscription names a `gcp.run` service' }],
  build: (ctx, config) => {
    const stack = new GcpEventsStack(ctx.scope, ctx.name, {
      environment: ctx.environment,
      config,
      ...(gcpEventsNeedRun(config) ? { run: ctx.use(gcpRunFamily) } : {}),
    });
    return { stack, outputs: stack.outputs };
  },
});
