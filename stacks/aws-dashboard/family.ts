import { awsFunctionsFamily } from '../aws-functions/family';
import { awsServicesFamily } from '../aws-services/family';
import { awsDrVpnFamily } from '../dr/family';
import { defineFamily } from '../family';
import { AwsDashboardStack } from './aws-dashboard-stack';
import { awsDashboardSection, dashboardInventory } from './config';

/** `<env>-aws-dashboard`: the CloudWatch dashboard `<env>-overview`. */
export const awsDashboardFamily = defineFamily({
  id: 'aws-dashboard',
  description: 'CloudWatch dashboard <env>-overview of the AWS functions, services, queues, state machines, databases, tables, cache and DR link',
  section: awsDashboardSection,
  enabledWhen: '`aws.dashboard.enabled`',
  enabled: (dashboard) => dashboard.enabled,
  dependsOn: [],
  conditionalDependsOn: [
    { family: awsFunctionsFamily, when: (_, env) => dashboardInventory(env).needs.functions, description: 'aws.functions has an HTTP API (its id)' },
    { family: awsServicesFamily, when: (_, env) => dashboardInventory(env).needs.services, description: 'aws.services has services (their load balancers)' },
    { family: awsDrVpnFamily, when: (_, env) => dashboardInventory(env).needs.drVpn, description: 'dr.enabled (the VPN tunnels)' },
  ],
  build: (ctx, config) => {
    const inventory = dashboardInventory(ctx.env);
    const stack = new AwsDashboardStack(ctx.scope, ctx.name, {
      environment: ctx.environment,
      config,
      inventory,
      ...(inventory.needs.functions ? { functions: ctx.use(awsFunctionsFamily) } : {}),
      ...(inventory.needs.services ? { services: ctx.use(awsServicesFamily) } : {}),
      ...(inventory.needs.drVpn ? { drTunnels: ctx.use(awsDrVpnFamily) } : {}),
    });
    return { stack, outputs: {} };
  },
});
