import { defineFamily } from '../family';
import { gcpEventsFamily } from '../gcp-events/family';
import { gcpNetworkFamily } from '../gcp-network/family';
import { gcpFunctionsNeedEvents, gcpFunctionsSection } from './config';
import { GcpFunctionsStack } from './gcp-functions-stack';

/** `<env>-gcp-functions`: Cloud Run functions (2nd gen), their source bucket and VPC connector. */
export const gcpFunctionsFamily = defineFamily({
  id: 'gcp-functions',
  description: 'Cloud Run functions (2nd gen) from repository folders, their source bucket and VPC connector',
  section: gcpFunctionsSection,
  enabledWhen: '`gcp.functions.functions` lists a function',
  enabled: (fns) => Object.keys(fns.functions).length > 0,
  dependsOn: [],
  // Only the VPC connector joins the network; functions without one need no network stack.
  // A function triggered by a gcp.events topic needs the topic first.
  conditionalDependsOn: [
    { family: gcpNetworkFamily, when: (fns) => fns.vpcConnector !== undefined, description: '`gcp.functions.vpcConnector` is set' },
    { family: gcpEventsFamily, when: gcpFunctionsNeedEvents, description: 'a function is triggered by a `gcp.events` topic' },
  ],
  build: (ctx, config) => {
    const stack = new GcpFunctionsStack(ctx.scope, ctx.name, {
      environment: ctx.environment,
      config,
      ...(config.vpcConnector ? { network: ctx.use(gcpNetworkFamily) } : {}),
      ...(gcpFunctionsNeedEvents(config) ? { events: ctx.use(gcpEventsFamily) } : {}),
    });
    return { stack, outputs: stack.outputs };
  },
});
