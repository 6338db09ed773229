import { defineFamily } from '../family';
import { gcpNetworkFamily } from '../gcp-network/family';
import { gcpFunctionsSection } from './config';
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
  conditionalDependsOn: [
    { family: gcpNetworkFamily, when: (fns) => fns.vpcConnector !== undefined, description: '`gcp.functions.vpcConnector` is set' },
  ],
  build: (ctx, config) => {
    const stack = new GcpFunctionsStack(ctx.scope, ctx.name, {
      environment: ctx.environment,
      config,
      ...(config.vpcConnector ? { network: ctx.use(gcpNetworkFamily) } : {}),
    });
    return { stack, outputs: stack.outputs };
  },
});
