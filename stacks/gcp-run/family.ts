import { defineFamily } from '../family';
import { gcpDatabaseFamily } from '../gcp-database/family';
import { gcpNetworkFamily } from '../gcp-network/family';
import { gcpRunNeedsDatabase, gcpRunSection } from './config';
import { GcpRunStack } from './gcp-run-stack';

/** `<env>-gcp-run`: Cloud Run services, their image repository and optional HTTPS load balancers. */
export const gcpRunFamily = defineFamily({
  id: 'gcp-run',
  description: 'Cloud Run services, their Artifact Registry repository, HTTPS load balancers with Cloud Armor for public ones',
  section: gcpRunSection,
  enabledWhen: '`gcp.run.services` lists a service',
  enabled: (run) => Object.keys(run.services).length > 0,
  dependsOn: [gcpNetworkFamily],
  conditionalDependsOn: [
    { family: gcpDatabaseFamily, when: gcpRunNeedsDatabase, description: 'a service has `cloudSql: true`' },
  ],
  build: (ctx, config) => {
    const stack = new GcpRunStack(ctx.scope, ctx.name, {
      environment: ctx.environment,
      config,
      network: ctx.use(gcpNetworkFamily),
      ...(gcpRunNeedsDatabase(config) ? { database: ctx.use(gcpDatabaseFamily) } : {}),
    });
    return { stack, outputs: stack.outputs };
  },
});
